// The evidence room: shares of an organization's evidence with another organization, their items, and the log of
// every look at another organization's evidence and files. Access is decided at read time from these rows (never
// copied into file_shares), so revoking a share or reaching its end stops access at once.
import type { Selectable } from 'kysely';
import type { EvidenceSharesTable, FileAccessLogTable } from '../schema/suppliers.js';
import type { Executor } from './executor.js';

export type ShareRow = Selectable<EvidenceSharesTable>;
export type AccessLogRow = Omit<Selectable<FileAccessLogTable>, 'seq'>;

export async function insertShare(db: Executor, row: ShareRow, evidenceIds: string[]) {
  await db.insertInto('evidence_shares').values(row).execute();
  await db.insertInto('evidence_share_items').values(evidenceIds.map((evidence_id) => ({ share_id: row.id, evidence_id }))).execute();
}

export function findShare(db: Executor, id: string): Promise<ShareRow | undefined> {
  return db.selectFrom('evidence_shares').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOwnShares(db: Executor, organizationId: string, f: { organizationId?: string; engagementId?: string } = {}) {
  let q = db.selectFrom('evidence_shares').selectAll().where('organization_id', '=', organizationId);
  if (f.organizationId) q = q.where('grantee_organization_id', '=', f.organizationId);
  if (f.engagementId) q = q.where('engagement_id', '=', f.engagementId);
  return q.orderBy('created_at', 'desc').limit(500).execute();
}

/** Shares granted to an organization that are not revoked (the caller filters by period). */
export function listGrantedShares(db: Executor, granteeId: string, f: { engagementId?: string } = {}) {
  let q = db.selectFrom('evidence_shares').selectAll().where('grantee_organization_id', '=', granteeId).where('revoked_at', 'is', null);
  if (f.engagementId) q = q.where('engagement_id', '=', f.engagementId);
  return q.orderBy('created_at', 'desc').limit(500).execute();
}

/** Marks a share revoked unless it already is; true when this call revoked it. */
export async function revokeShareRow(db: Executor, id: string, at: string, by: string): Promise<boolean> {
  const r = await db.updateTable('evidence_shares').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function listShareItems(db: Executor, shareIds: string[]) {
  if (!shareIds.length) return Promise.resolve([]);
  return db
    .selectFrom('evidence_share_items')
    .innerJoin('evidence', 'evidence.id', 'evidence_share_items.evidence_id')
    .select([
      'evidence_share_items.share_id',
      'evidence.id',
      'evidence.kind',
      'evidence.provenance',
      'evidence.title',
      'evidence.description',
      'evidence.issuer',
      'evidence.valid_from',
      'evidence.valid_to',
    ])
    .where('evidence_share_items.share_id', 'in', shareIds)
    .orderBy('evidence.title')
    .execute();
}

/** The files attached to these evidence items, with the evidence they belong to. */
export function listItemFiles(db: Executor, evidenceIds: string[]) {
  if (!evidenceIds.length) return Promise.resolve([]);
  return db
    .selectFrom('evidence_files')
    .innerJoin('files', 'files.id', 'evidence_files.file_id')
    .select(['evidence_files.evidence_id', 'files.id', 'files.filename', 'files.media_type', 'files.size', 'files.sha256', 'files.organization_id'])
    .where('evidence_files.evidence_id', 'in', evidenceIds)
    .orderBy('files.filename')
    .execute();
}

/** Unrevoked shares to `granteeId` that hold `fileId` through one of their items (the caller checks the period). */
export function listSharesHoldingFile(db: Executor, granteeId: string, fileId: string) {
  return db
    .selectFrom('evidence_shares')
    .innerJoin('evidence_share_items', 'evidence_share_items.share_id', 'evidence_shares.id')
    .innerJoin('evidence_files', 'evidence_files.evidence_id', 'evidence_share_items.evidence_id')
    .selectAll('evidence_shares')
    .select('evidence_share_items.evidence_id as evidence_id')
    .where('evidence_shares.grantee_organization_id', '=', granteeId)
    .where('evidence_shares.revoked_at', 'is', null)
    .where('evidence_files.file_id', '=', fileId)
    .execute();
}

export async function insertAccessLog(db: Executor, row: AccessLogRow) {
  await db.insertInto('file_access_log').values(row).execute();
}

export function listAccessLog(db: Executor, ownerId: string, f: { shareId?: string; limit: number }) {
  let q = db
    .selectFrom('file_access_log')
    .innerJoin('organizations', 'organizations.id', 'file_access_log.viewer_organization_id')
    .leftJoin('users', 'users.id', 'file_access_log.viewer_user_id')
    .leftJoin('evidence', 'evidence.id', 'file_access_log.evidence_id')
    .leftJoin('files', 'files.id', 'file_access_log.file_id')
    .selectAll('file_access_log')
    .select([
      'organizations.name as organization_name',
      'organizations.country as organization_country',
      'users.display_name as user_name',
      'evidence.title as evidence_title',
      'files.filename as file_name',
    ])
    .where('file_access_log.owner_organization_id', '=', ownerId);
  if (f.shareId) q = q.where('file_access_log.share_id', '=', f.shareId);
  return q.orderBy('file_access_log.seq', 'desc').limit(f.limit).execute();
}

export async function accessCounts(db: Executor, shareIds: string[]): Promise<Map<string, { count: number; last: string | null }>> {
  if (!shareIds.length) return new Map();
  const rows = await db
    .selectFrom('file_access_log')
    .select((eb) => ['share_id', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('share_id', 'in', shareIds)
    .groupBy('share_id')
    .execute();
  return new Map(rows.map((r) => [r.share_id!, { count: Number(r.n), last: (r.last as string | null) ?? null }]));
}
