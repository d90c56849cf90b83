// Pieces the discrepancy use cases share: files attached by the caller (own uploads, then visible to the other
// party), evidence named as proof (it must be in the engagement), step owners (people of either party), history.
import { insertDiscrepancyEvent, insertDiscrepancyFiles } from '../../db/repositories/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findVisibleFile, shareFile } from '../../db/repositories/files.js';
import { findMembership } from '../../db/repositories/organizations.js';
import type { EightDStep } from '../../domain/discrepancies/model.js';
import type { Actor } from '../shared/authz.js';
import { invalidField } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

/** Files the caller may attach: visible to its organization. Returns the ids of those it owns (it shares those). */
export async function checkFiles(db: Executor, actor: Actor, fileIds: readonly string[], path: string): Promise<{ own: string[] }> {
  const own: string[] = [];
  for (const [i, id] of fileIds.entries()) {
    const f = await findVisibleFile(db, actor.organizationId, id);
    if (!f) throw invalidField(`${path}.${i}`, 'no such file (upload it first)');
    if (f.organization_id === actor.organizationId) own.push(id);
  }
  return { own };
}

/** Attaches files to the discrepancy and lets the other party download the caller's own ones. */
export async function attachFiles(db: Executor, actor: Actor, e: EngagementRow, discrepancyId: string, fileIds: readonly string[], step: EightDStep | null, at: string) {
  if (fileIds.length === 0) return;
  await insertDiscrepancyFiles(
    db,
    fileIds.map((file_id) => ({ discrepancy_id: discrepancyId, file_id, step, added_by: actor.userId, added_at: at })),
  );
  const other = e.buyer_organization_id === actor.organizationId ? e.supplier_organization_id : e.buyer_organization_id;
  for (const id of fileIds) {
    const f = await findVisibleFile(db, actor.organizationId, id);
    if (f && f.organization_id === actor.organizationId) await shareFile(db, { file_id: id, organization_id: other, shared_by: actor.userId, shared_at: at });
  }
}

/** Evidence shared into the engagement (and not withdrawn): what both sides can check. */
export async function checkEngagementEvidence(db: Executor, engagementId: string, evidenceIds: readonly string[], path: string) {
  for (const [i, id] of evidenceIds.entries()) {
    const r = await db
      .selectFrom('engagement_evidence')
      .select('evidence_id')
      .where('engagement_id', '=', engagementId)
      .where('evidence_id', '=', id)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (!r) throw invalidField(`${path}.${i}`, 'not evidence of this engagement');
  }
}

/** A step owner is a person of the buyer or the supplier of the engagement. */
export async function checkOwner(db: Executor, e: EngagementRow, userId: string, path: string) {
  for (const org of [e.buyer_organization_id, e.supplier_organization_id]) {
    if (await findMembership(db, userId, org)) return;
  }
  throw invalidField(path, 'not a member of the buyer or the supplier');
}

export async function recordEvent(db: Executor, discrepancyId: string, actor: Actor | null, kind: string, at: string, step: EightDStep | null = null, details: Record<string, unknown> = {}) {
  await insertDiscrepancyEvent(db, {
    id: newId(),
    discrepancy_id: discrepancyId,
    at,
    kind,
    step,
    actor_user_id: actor?.userId ?? null,
    actor_organization_id: actor?.organizationId ?? null,
    details: JSON.stringify(details),
  });
}
