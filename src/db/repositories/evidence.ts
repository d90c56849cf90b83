import type { Selectable } from 'kysely';
import type { EvidenceClaimLinksTable, EvidenceTable } from '../schema.js';
import type { Executor } from './executor.js';

/** Rows written before migration 013, and by code that writes no system title, leave the title code out. */
export type EvidenceRow = Omit<Selectable<EvidenceTable>, 'title_key' | 'title_params'> & { title_key?: string | null; title_params?: string | null };
export type EvidenceLinkRow = Selectable<EvidenceClaimLinksTable>;

export async function insertEvidence(db: Executor, row: EvidenceRow) {
  await insertEvidenceRows(db, [row]);
}
// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const ROWS_PER_INSERT = 100;
export async function insertEvidenceRows(db: Executor, rows: readonly EvidenceRow[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insertInto('evidence').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
}
/** Shares evidence recorded in the same transaction (so never shared before) into an engagement. */
export async function shareNewEvidenceIntoEngagement(
  db: Executor,
  rows: readonly { engagement_id: string; evidence_id: string; shared_by_organization_id: string; shared_by: string; shared_at: string }[],
) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('engagement_evidence')
      .values(rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ ...r, withdrawn_at: null })))
      .execute();
  }
}
export async function insertEvidenceLinks(db: Executor, rows: EvidenceLinkRow[]) {
  if (rows.length) await db.insertInto('evidence_claim_links').values(rows).execute();
}
export async function insertEvidenceFiles(db: Executor, evidenceId: string, fileIds: string[]) {
  if (fileIds.length) await db.insertInto('evidence_files').values(fileIds.map((file_id) => ({ evidence_id: evidenceId, file_id }))).execute();
}
export function findOwnEvidence(db: Executor, organizationId: string, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('evidence').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}
export function listOwnEvidence(db: Executor, organizationId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('organization_id', '=', organizationId).orderBy('created_at', 'desc').execute();
}

/** Evidence an organization may see about a subject: its own records, and what was shared into its engagements. */
export function listVisibleEvidenceAbout(db: Executor, viewerOrganizationId: string, subjectOrganizationId: string) {
  return db
    .selectFrom('evidence')
    .selectAll('evidence')
    .where('evidence.subject_organization_id', '=', subjectOrganizationId)
    .where((eb) =>
      eb.or([
        eb('evidence.organization_id', '=', viewerOrganizationId),
        eb.exists(
          eb
            .selectFrom('engagement_evidence')
            .innerJoin('engagements', 'engagements.id', 'engagement_evidence.engagement_id')
            .select('engagement_evidence.evidence_id')
            .whereRef('engagement_evidence.evidence_id', '=', 'evidence.id')
            .where('engagement_evidence.withdrawn_at', 'is', null)
            .where((e2) =>
              e2.or([e2('engagements.buyer_organization_id', '=', viewerOrganizationId), e2('engagements.supplier_organization_id', '=', viewerOrganizationId)]),
            ),
        ),
      ]),
    )
    .execute();
}

export function listEngagementEvidence(db: Executor, engagementId: string) {
  return db
    .selectFrom('engagement_evidence')
    .innerJoin('evidence', 'evidence.id', 'engagement_evidence.evidence_id')
    .selectAll('evidence')
    .select(['engagement_evidence.shared_at as shared_at', 'engagement_evidence.shared_by_organization_id as shared_by_organization_id'])
    .where('engagement_evidence.engagement_id', '=', engagementId)
    .where('engagement_evidence.withdrawn_at', 'is', null)
    .orderBy('engagement_evidence.shared_at', 'desc')
    .execute();
}

/**
 * What readiness reads of an engagement's evidence (services/engagements/readiness.ts): the columns it evaluates,
 * not the whole row — at 10,000 items, materializing every column was most of the time of a readiness answer.
 * Same rows and order as listEngagementEvidence.
 */
export function listEngagementEvidenceForReadiness(db: Executor, engagementId: string) {
  return db
    .selectFrom('engagement_evidence')
    .innerJoin('evidence', 'evidence.id', 'engagement_evidence.evidence_id')
    .select([
      'evidence.id',
      'evidence.organization_id',
      'evidence.kind',
      'evidence.provenance',
      'evidence.title',
      'evidence.issuer',
      'evidence.issued_at',
      'evidence.valid_from',
      'evidence.valid_to',
      'evidence.attributes',
      'engagement_evidence.shared_at as shared_at',
    ])
    .where('engagement_evidence.engagement_id', '=', engagementId)
    .where('engagement_evidence.withdrawn_at', 'is', null)
    .orderBy('engagement_evidence.shared_at', 'desc')
    .execute();
}

/** The claim links of the evidence shared into an engagement (not withdrawn), found by the engagement rather than by a list of ids. */
export function listEngagementEvidenceLinks(db: Executor, engagementId: string) {
  return db
    .selectFrom('engagement_evidence')
    .innerJoin('evidence_claim_links', 'evidence_claim_links.evidence_id', 'engagement_evidence.evidence_id')
    .select([
      'evidence_claim_links.evidence_id',
      'evidence_claim_links.claim_id',
      'evidence_claim_links.effect',
      'evidence_claim_links.observed_value',
      'evidence_claim_links.note',
    ])
    .where('engagement_evidence.engagement_id', '=', engagementId)
    .where('engagement_evidence.withdrawn_at', 'is', null)
    .execute();
}

export async function shareEvidenceIntoEngagement(
  db: Executor,
  row: { engagement_id: string; evidence_id: string; shared_by_organization_id: string; shared_by: string; shared_at: string },
): Promise<boolean> {
  const existing = await db
    .selectFrom('engagement_evidence')
    .select(['withdrawn_at'])
    .where('engagement_id', '=', row.engagement_id)
    .where('evidence_id', '=', row.evidence_id)
    .executeTakeFirst();
  if (existing && !existing.withdrawn_at) return false;
  if (existing) {
    await db
      .updateTable('engagement_evidence')
      .set({ withdrawn_at: null, shared_at: row.shared_at, shared_by: row.shared_by })
      .where('engagement_id', '=', row.engagement_id)
      .where('evidence_id', '=', row.evidence_id)
      .execute();
  } else {
    await shareNewEvidenceIntoEngagement(db, [row]);
  }
  return true;
}

export async function withdrawEvidenceFromEngagement(db: Executor, engagementId: string, evidenceId: string, at: string) {
  const r = await db
    .updateTable('engagement_evidence')
    .set({ withdrawn_at: at })
    .where('engagement_id', '=', engagementId)
    .where('evidence_id', '=', evidenceId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function listLinks(db: Executor, evidenceIds: string[]): Promise<EvidenceLinkRow[]> {
  if (!evidenceIds.length) return Promise.resolve([]);
  return db.selectFrom('evidence_claim_links').selectAll().where('evidence_id', 'in', evidenceIds).execute();
}

export function listEvidenceFiles(db: Executor, evidenceIds: string[]) {
  if (!evidenceIds.length) return Promise.resolve([]);
  return db
    .selectFrom('evidence_files')
    .innerJoin('files', 'files.id', 'evidence_files.file_id')
    .select(['evidence_files.evidence_id', 'files.id', 'files.filename', 'files.media_type', 'files.size', 'files.sha256', 'files.organization_id'])
    .where('evidence_files.evidence_id', 'in', evidenceIds)
    .execute();
}

/**
 * Evidence among these ids whose title the system wrote with a code (title_key), with that title and its code;
 * only evidence recorded by or about one of `organizationIds` (the reader's tenant, or an engagement's parties).
 */
export function findGeneratedTitles(db: Executor, ids: string[], organizationIds: string[]) {
  if (ids.length === 0 || organizationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('evidence')
    .select(['id', 'title', 'title_key', 'title_params'])
    .where('id', 'in', ids)
    .where('title_key', 'is not', null)
    .where((w) => w.or([w('organization_id', 'in', organizationIds), w('subject_organization_id', 'in', organizationIds)]))
    .execute();
}
