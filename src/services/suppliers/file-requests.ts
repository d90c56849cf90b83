// File requests: an organization can no longer place files into another organization's file list unasked. One party
// of an engagement asks the other for files ("the drawing of NM-4471-A rev D"); the other answers with its files,
// which then reach the asker's file list. Evidence shared into an engagement and visit photos keep their own rules.
import type { z } from 'zod';
import type { FileRequestInput, FileRequestView } from '../../contracts/suppliers.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  addRequestFile,
  closeFileRequestRow,
  findFileRequest,
  insertFileRequest,
  listFileRequestsOf,
  listRequestFiles,
  type FileRequestRow,
} from '../../db/repositories/file-requests.js';
import { findVisibleFile, shareFile } from '../../db/repositories/files.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findUserById } from '../../db/repositories/users.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';

type View = z.infer<typeof FileRequestView>;

async function views(db: Executor, rows: FileRequestRow[]): Promise<View[]> {
  const files = await listRequestFiles(db, rows.map((r) => r.id));
  const out: View[] = [];
  for (const r of rows) {
    const [by, from, creator] = await Promise.all([findOrganization(db, r.requested_by_organization_id), findOrganization(db, r.requested_from_organization_id), findUserById(db, r.created_by)]);
    out.push({
      id: r.id,
      engagementId: r.engagement_id,
      requestedBy: { id: r.requested_by_organization_id, name: by?.name ?? '', country: by?.country ?? '' },
      requestedFrom: { id: r.requested_from_organization_id, name: from?.name ?? '', country: from?.country ?? '' },
      title: r.title,
      note: r.note,
      status: r.status as 'open' | 'closed',
      createdAt: r.created_at,
      createdBy: { id: r.created_by, displayName: creator?.display_name ?? '' },
      closedAt: r.closed_at,
      files: files.filter((f) => f.request_id === r.id).map((f) => ({ id: f.id, filename: f.filename, sharedAt: f.shared_at })),
    });
  }
  return out;
}

const otherParty = (e: EngagementRow, org: string) => (e.buyer_organization_id === org ? e.supplier_organization_id : e.buyer_organization_id);

export async function requestFiles(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof FileRequestInput>) {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'files.request');
  if (!isOpen(e.phase) && e.phase !== 'proposed') throw conflict(`the engagement is ${e.phase}`);
  const row: FileRequestRow = {
    id: newId(),
    engagement_id: e.id,
    requested_by_organization_id: actor.organizationId,
    requested_from_organization_id: otherParty(e, actor.organizationId),
    title: input.title,
    note: input.note ?? null,
    status: 'open',
    created_by: actor.userId,
    created_at: nowIso(),
    closed_at: null,
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    await insertFileRequest(trx, row);
    await recordAudit(trx, actor, 'file_request.created', 'engagement', e.id, { requestId: row.id, title: row.title });
  });
  return (await views(ctx.handle.db, [row]))[0];
}

export async function listFileRequests(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  return views(ctx.handle.db, await listFileRequestsOf(ctx.handle.db, e.id));
}

async function loadRequest(ctx: ServiceContext, actor: Actor, engagementId: string, requestId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  const r = await findFileRequest(ctx.handle.db, requestId);
  if (!r || r.engagement_id !== e.id) throw notFound('file request');
  return { e, r };
}

/** The asker closes its request once it has what it needed; no more files can be sent against it. */
export async function closeFileRequest(ctx: ServiceContext, actor: Actor, engagementId: string, requestId: string) {
  const { e, r } = await loadRequest(ctx, actor, engagementId, requestId);
  authorize(actor, 'files.request');
  if (r.requested_by_organization_id !== actor.organizationId) throw forbidden('the organization that asked closes its request');
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (!(await closeFileRequestRow(trx, r.id, nowIso()))) throw conflict('the request is already closed');
    await recordAudit(trx, actor, 'file_request.closed', 'engagement', e.id, { requestId: r.id });
  });
  return (await views(ctx.handle.db, [(await findFileRequest(ctx.handle.db, r.id))!]))[0];
}

/**
 * Places one of the caller's files in the asker's file list against an open request addressed to the caller.
 * Used by POST /files/{id}/shares (with requestId) and by the request's own route.
 */
export async function answerFileRequest(ctx: ServiceContext, actor: Actor, requestId: string, fileId: string, targetOrganizationId?: string) {
  authorize(actor, 'files.share');
  const db = ctx.handle.db;
  await db.transaction().execute(async (trx) => {
    const f = await findVisibleFile(trx, actor.organizationId, fileId);
    if (!f || f.organization_id !== actor.organizationId) throw notFound('file');
    const r = await findFileRequest(trx, requestId);
    // A request the caller cannot answer is as good as missing for it.
    if (!r || r.requested_from_organization_id !== actor.organizationId) throw invalidField('requestId', 'no open file request to your organization');
    if (r.status !== 'open') throw invalidField('requestId', 'this file request is closed');
    if (targetOrganizationId && targetOrganizationId !== r.requested_by_organization_id) throw invalidField('organizationId', 'the request was made by another organization');
    const at = nowIso();
    await shareFile(trx, { file_id: f.id, organization_id: r.requested_by_organization_id, shared_by: actor.userId, shared_at: at });
    if (await addRequestFile(trx, { request_id: r.id, file_id: f.id, shared_by: actor.userId, shared_at: at })) {
      await recordAudit(trx, actor, 'file.shared', 'file', f.id, { with: r.requested_by_organization_id, requestId: r.id, engagementId: r.engagement_id });
    }
  });
}

/** A request's route: the caller answers with a file of its own. */
export async function answerRequestInEngagement(ctx: ServiceContext, actor: Actor, engagementId: string, requestId: string, fileId: string) {
  const { r } = await loadRequest(ctx, actor, engagementId, requestId);
  await answerFileRequest(ctx, actor, r.id, fileId);
  return (await views(ctx.handle.db, [(await findFileRequest(ctx.handle.db, r.id))!]))[0];
}
