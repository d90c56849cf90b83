// The evidence room: an organization (the supplier, usually) decides per organization and per engagement which of
// its evidence the other side may see, from when, until when, and whether its files can be downloaded or only viewed
// in the browser. Access is decided on every read from the share itself, so revoking stops it at once — the share
// page and every file behind it, by any route. Every look by the other organization is logged for the owner.
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { AccessLogEntryView, ShareInput, ShareListQuery, ShareView } from '../../contracts/suppliers.js';
import { findEngagementFor } from '../../db/repositories/engagements.js';
import {
  accessCounts,
  findShare,
  insertAccessLog,
  insertShare,
  listAccessLog,
  listGrantedShares,
  listItemFiles,
  listOwnShares,
  listSharesHoldingFile,
  listShareItems,
  revokeShareRow,
  type ShareRow,
} from '../../db/repositories/evidence-shares.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findUserById } from '../../db/repositories/users.js';
import type { EvidenceKind, Provenance } from '../../domain/model.js';
import { shareStatus } from '../../domain/sharing/share-status.js';
import * as clock from '../../clock.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';

type ShareViewT = z.infer<typeof ShareView>;

export function statusOf(s: ShareRow, now = clock.now()) {
  return shareStatus({ validFrom: s.valid_from, validUntil: s.valid_until, revokedAt: s.revoked_at }, now);
}

async function views(db: Executor, actor: Actor, rows: ShareRow[]): Promise<ShareViewT[]> {
  const items = await listShareItems(db, rows.map((r) => r.id));
  const files = await listItemFiles(db, [...new Set(items.map((i) => i.id))]);
  const owned = rows.filter((r) => r.organization_id === actor.organizationId).map((r) => r.id);
  const counts = await accessCounts(db, owned);
  const orgs = new Map<string, { id: string; name: string; country: string }>();
  const org = async (id: string) => {
    if (!orgs.has(id)) {
      const o = await findOrganization(db, id);
      orgs.set(id, { id, name: o?.name ?? '', country: o?.country ?? '' });
    }
    return orgs.get(id)!;
  };
  const people = new Map<string, { id: string; displayName: string }>();
  const person = async (id: string) => {
    if (!people.has(id)) people.set(id, { id, displayName: (await findUserById(db, id))?.display_name ?? '' });
    return people.get(id)!;
  };
  const out: ShareViewT[] = [];
  for (const r of rows) {
    const engagement = r.engagement_id ? await db.selectFrom('engagements').select(['id', 'title']).where('id', '=', r.engagement_id).executeTakeFirst() : undefined;
    const mine = r.organization_id === actor.organizationId;
    const c = counts.get(r.id);
    out.push({
      id: r.id,
      owner: await org(r.organization_id),
      grantee: await org(r.grantee_organization_id),
      engagement: engagement ? { id: engagement.id, title: engagement.title } : null,
      access: r.access as 'download' | 'view',
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      note: r.note,
      status: statusOf(r),
      createdAt: r.created_at,
      createdBy: await person(r.created_by),
      revokedAt: r.revoked_at,
      revokedBy: r.revoked_by ? await person(r.revoked_by) : null,
      items: items
        .filter((i) => i.share_id === r.id)
        .map((i) => ({
          evidenceId: i.id,
          kind: i.kind as EvidenceKind,
          provenance: i.provenance as Provenance,
          title: i.title,
          description: i.description,
          issuer: i.issuer,
          validFrom: i.valid_from,
          validTo: i.valid_to,
          files: files.filter((f) => f.evidence_id === i.id).map((f) => ({ id: f.id, filename: f.filename, mediaType: f.media_type, size: Number(f.size), sha256: f.sha256 })),
        })),
      ...(mine ? { accessCount: c?.count ?? 0, lastAccessAt: c?.last ?? null } : {}),
      myRole: mine ? 'owner' : 'grantee',
    });
  }
  return out;
}

export async function createShare(ctx: ServiceContext, actor: Actor, input: z.infer<typeof ShareInput>) {
  authorize(actor, 'shares.manage');
  const db = ctx.handle.db;
  const id = await db.transaction().execute(async (trx) => {
    if (input.organizationId === actor.organizationId) throw invalidField('organizationId', 'share with another organization');
    const grantee = await findOrganization(trx, input.organizationId);
    if (!grantee) throw invalidField('organizationId', 'no such organization in the directory');
    if (input.engagementId) {
      const e = await findEngagementFor(trx, actor.organizationId, input.engagementId);
      const other = e && (e.buyer_organization_id === actor.organizationId ? e.supplier_organization_id : e.buyer_organization_id);
      if (!e || other !== grantee.id) throw invalidField('engagementId', 'no engagement of yours with this organization');
    }
    const own = await trx.selectFrom('evidence').select('id').where('organization_id', '=', actor.organizationId).where('id', 'in', input.evidenceIds).execute();
    const ownIds = new Set(own.map((e) => e.id));
    for (const [i, eid] of input.evidenceIds.entries()) if (!ownIds.has(eid)) throw invalidField(`evidenceIds.${i}`, 'no such evidence of yours');
    const at = nowIso();
    const validFrom = input.validFrom ? new Date(input.validFrom).toISOString() : at;
    const validUntil = input.validUntil ? new Date(input.validUntil).toISOString() : null;
    if (validUntil && Date.parse(validUntil) <= Date.parse(validFrom)) throw invalidField('validUntil', 'must be after validFrom');
    const row: ShareRow = {
      id: newId(),
      organization_id: actor.organizationId,
      grantee_organization_id: grantee.id,
      engagement_id: input.engagementId ?? null,
      access: input.access,
      valid_from: validFrom,
      valid_until: validUntil,
      note: input.note ?? null,
      created_by: actor.userId,
      created_at: at,
      revoked_at: null,
      revoked_by: null,
    };
    await insertShare(trx, row, input.evidenceIds);
    await recordAudit(trx, actor, 'share.created', 'share', row.id, {
      with: grantee.name,
      engagementId: row.engagement_id,
      items: input.evidenceIds.length,
      access: row.access,
      validFrom,
      validUntil,
    });
    return row.id;
  });
  return (await views(db, actor, [(await findShare(db, id))!]))[0];
}

/** The shares the organization made, newest first. */
export async function listShares(ctx: ServiceContext, actor: Actor, q: z.infer<typeof ShareListQuery>) {
  authorize(actor, 'shares.read');
  const rows = (await listOwnShares(ctx.handle.db, actor.organizationId, q)).filter((r) => !q.status || statusOf(r) === q.status);
  return views(ctx.handle.db, actor, rows);
}

/** What other organizations share with the caller's right now (active shares only: a revoked or ended one is gone). */
export async function listReceivedShares(ctx: ServiceContext, actor: Actor, q: { engagementId?: string } = {}) {
  authorize(actor, 'shares.read');
  const rows = (await listGrantedShares(ctx.handle.db, actor.organizationId, q)).filter((r) => statusOf(r) === 'active');
  return views(ctx.handle.db, actor, rows);
}

/** The owner sees its share in any state; the other organization only while it is active. Anyone else: 404. */
async function loadShare(db: Executor, actor: Actor, id: string): Promise<{ row: ShareRow; role: 'owner' | 'grantee' }> {
  authorize(actor, 'shares.read');
  const row = await findShare(db, id);
  if (row && row.organization_id === actor.organizationId) return { row, role: 'owner' };
  if (row && row.grantee_organization_id === actor.organizationId && statusOf(row) === 'active') return { row, role: 'grantee' };
  throw notFound('share');
}

async function logAccess(db: Executor, actor: Actor, row: ShareRow, action: 'viewed_share' | 'viewed_file' | 'downloaded_file', ref: { evidenceId?: string; fileId?: string } = {}) {
  await insertAccessLog(db, {
    id: newId(),
    at: nowIso(),
    owner_organization_id: row.organization_id,
    viewer_organization_id: actor.organizationId,
    viewer_user_id: actor.userId,
    action,
    via: 'evidence_share',
    share_id: row.id,
    evidence_id: ref.evidenceId ?? null,
    file_id: ref.fileId ?? null,
  });
}

export async function getShare(ctx: ServiceContext, actor: Actor, id: string) {
  const db = ctx.handle.db;
  const { row, role } = await loadShare(db, actor, id);
  if (role === 'grantee') await logAccess(db, actor, row, 'viewed_share');
  return (await views(db, actor, [row]))[0];
}

export async function revokeShare(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'shares.manage');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const row = await findShare(trx, id);
    if (!row || row.organization_id !== actor.organizationId) throw notFound('share');
    if (!(await revokeShareRow(trx, id, nowIso(), actor.userId))) throw conflict('this share is already revoked', [{ path: 'id', message: 'already revoked' }]);
    const grantee = await findOrganization(trx, row.grantee_organization_id);
    await recordAudit(trx, actor, 'share.revoked', 'share', id, { with: grantee?.name ?? row.grantee_organization_id });
  });
}

function entryView(r: Awaited<ReturnType<typeof listAccessLog>>[number]): z.infer<typeof AccessLogEntryView> {
  return {
    id: r.id,
    at: r.at,
    action: r.action as 'viewed_share',
    via: r.via as 'evidence_share',
    organization: { id: r.viewer_organization_id, name: r.organization_name, country: r.organization_country },
    user: { id: r.viewer_user_id, displayName: r.user_name ?? '' },
    shareId: r.share_id,
    evidence: r.evidence_id ? { id: r.evidence_id, title: r.evidence_title ?? '' } : null,
    file: r.file_id ? { id: r.file_id, filename: r.file_name ?? '' } : null,
  };
}

/** Who of the other organization looked at what of this share, and when; the owner's only. */
export async function shareAccessLog(ctx: ServiceContext, actor: Actor, id: string, limit = 200) {
  authorize(actor, 'shares.read');
  const row = await findShare(ctx.handle.db, id);
  if (!row || row.organization_id !== actor.organizationId) throw notFound('share');
  return (await listAccessLog(ctx.handle.db, actor.organizationId, { shareId: id, limit })).map(entryView);
}

/** Every look by another organization at the caller's evidence and files, through shares and file shares alike. */
export async function organizationAccessLog(ctx: ServiceContext, actor: Actor, limit = 200) {
  authorize(actor, 'shares.read');
  return (await listAccessLog(ctx.handle.db, actor.organizationId, { limit })).map(entryView);
}

/**
 * Opens a file of a share: viewing in the browser (inline) on any active share, downloading only on a download
 * share. The other organization's every open is logged.
 */
export async function openSharedFile(
  ctx: ServiceContext,
  actor: Actor,
  shareId: string,
  fileId: string,
  disposition: 'inline' | 'attachment',
): Promise<{ file: { id: string; filename: string; mediaType: string; size: number; sha256: string }; stream: Readable }> {
  const db = ctx.handle.db;
  const { row, role } = await loadShare(db, actor, shareId);
  const items = await listShareItems(db, [row.id]);
  const f = (await listItemFiles(db, items.map((i) => i.id))).find((x) => x.id === fileId);
  if (!f) throw notFound('file');
  if (role === 'grantee') {
    if (disposition === 'attachment' && row.access !== 'download') {
      throw new AppError(403, 'view_only', 'this share lets you view its files in the browser, not download them', [{ path: 'disposition', message: 'view only' }]);
    }
    await logAccess(db, actor, row, disposition === 'attachment' ? 'downloaded_file' : 'viewed_file', { evidenceId: f.evidence_id, fileId });
  }
  return {
    file: { id: f.id, filename: f.filename, mediaType: f.media_type, size: Number(f.size), sha256: f.sha256 },
    stream: await ctx.store.get(f.sha256),
  };
}

/**
 * Whether an organization may download a file through an active download share (for the plain file routes), and
 * the share it came through. Checked on every request, so a revoked share answers null at once.
 */
export async function activeDownloadShareFor(db: Executor, organizationId: string, fileId: string): Promise<{ share: ShareRow; evidenceId: string } | null> {
  const now = clock.now();
  const hit = (await listSharesHoldingFile(db, organizationId, fileId)).find((s) => s.access === 'download' && statusOf(s, now) === 'active');
  return hit ? { share: hit, evidenceId: hit.evidence_id } : null;
}

/** Logs a download of a file that reached the caller's organization through a share or a file share. */
export async function logFileDownload(db: Executor, actor: Actor, file: { id: string; organization_id: string }, via: { share: ShareRow; evidenceId: string } | null) {
  if (file.organization_id === actor.organizationId) return;
  await insertAccessLog(db, {
    id: newId(),
    at: nowIso(),
    owner_organization_id: file.organization_id,
    viewer_organization_id: actor.organizationId,
    viewer_user_id: actor.userId,
    action: 'downloaded_file',
    via: via ? 'evidence_share' : 'file_share',
    share_id: via?.share.id ?? null,
    evidence_id: via?.evidenceId ?? null,
    file_id: file.id,
  });
}
