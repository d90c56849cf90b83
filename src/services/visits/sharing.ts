// Files a visit produces or receives are shared with every organization of the visit.
import { Readable } from 'node:stream';
import type { Executor } from '../../db/repositories/executor.js';
import { findOwnFileBySha, insertFile, shareFile, type FileRow } from '../../db/repositories/files.js';
import { listParticipantOrgs, type VisitAccess } from '../../db/repositories/visits.js';
import { type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { newId, nowIso } from '../shared/ids.js';

/** The organizations of the visiting side and the supplier: everyone a visit's files are shared with. */
export async function visitOrganizations(db: Executor, a: VisitAccess): Promise<{ buyer: string; supplier: string; auditors: string[] }> {
  const auditors = (await listParticipantOrgs(db, [a.visit.id])).map((p) => p.organization_id);
  return { buyer: a.engagement.buyer_organization_id, supplier: a.engagement.supplier_organization_id, auditors };
}

export async function shareFileWithOrgs(db: Executor, actor: Actor, fileId: string, ownerOrganizationId: string, organizationIds: string[]) {
  for (const org of new Set(organizationIds)) {
    if (org !== ownerOrganizationId) await shareFile(db, { file_id: fileId, organization_id: org, shared_by: actor.userId, shared_at: nowIso() });
  }
}

/** Stores bytes the server produced (a report PDF) as a file of the organization; same bytes, same file. */
export async function storeGeneratedFile(ctx: ServiceContext, db: Executor, owner: { organizationId: string; userId: string }, bytes: Buffer, filename: string, mediaType: string): Promise<FileRow> {
  const blob = await ctx.store.put(Readable.from([bytes]), { maxBytes: Math.max(ctx.config.maxUploadBytes, bytes.length) });
  const existing = await findOwnFileBySha(db, owner.organizationId, blob.sha256);
  if (existing) return existing;
  const row: FileRow = {
    id: newId(),
    organization_id: owner.organizationId,
    sha256: blob.sha256,
    size: blob.size,
    media_type: mediaType,
    filename,
    uploaded_by: owner.userId,
    created_at: nowIso(),
  };
  await insertFile(db, row);
  return row;
}
