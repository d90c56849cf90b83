import type { z } from 'zod';
import type { EngagementEvidenceInput } from '../../contracts/engagements.js';
import { findOwnEvidence, listEngagementEvidence, withdrawEvidenceFromEngagement } from '../../db/repositories/evidence.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, conflictBecause, invalidField, notFound } from '../shared/errors.js';
import { isComputedEvidence } from './evidence-mapping.js';
import { insertEvidenceRecord, shareEvidenceFiles, viewsOf } from './evidence.js';
import { isOpen, loadEngagement } from './access.js';
import { nowIso } from '../shared/ids.js';
import { shareAndLog } from '../record/hooks.js';

export async function listEvidenceOfEngagement(ctx: ServiceContext, actor: Actor, id: string) {
  await loadEngagement(ctx, actor, id);
  const rows = await listEngagementEvidence(ctx.handle.db, id);
  return viewsOf(ctx.handle.db, rows, new Map(rows.map((r) => [r.id, r.shared_at])));
}

/**
 * The supplier decides which of its evidence enters which engagement; the buyer (or an invited auditor) records
 * what it observed about the supplier directly into the engagement. Attached files become downloadable for both.
 */
export async function addEvidenceToEngagement(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof EngagementEvidenceInput>) {
  const e = await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.contribute');
  authorize(actor, 'evidence.record');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: evidence can be added once the supplier has accepted and while it is open`);
  const parties = [e.buyer_organization_id, e.supplier_organization_id];
  const evidenceId = await ctx.handle.db.transaction().execute(async (trx) => {
    let evidenceId: string;
    if ('evidenceId' in input) {
      const own = await findOwnEvidence(trx, actor.organizationId, input.evidenceId);
      if (!own) throw invalidField('evidenceId', 'no such evidence of yours');
      evidenceId = own.id;
    } else {
      const subject = e.supplier_organization_id;
      if (input.subjectOrganizationId && input.subjectOrganizationId !== subject) {
        throw invalidField('subjectOrganizationId', 'evidence in an engagement is about its supplier');
      }
      evidenceId = (await insertEvidenceRecord(trx, actor, input, subject)).id;
    }
    const added = await shareAndLog(trx, {
      engagement_id: id,
      evidence_id: evidenceId,
      shared_by_organization_id: actor.organizationId,
      shared_by: actor.userId,
      shared_at: nowIso(),
    });
    if (!added) throw conflict('this evidence is already shared into the engagement', [{ path: 'evidenceId', message: 'already shared' }]);
    await shareEvidenceFiles(trx, actor, evidenceId, parties);
    await recordAudit(trx, actor, 'evidence.shared', 'engagement', id, { evidenceId });
    return evidenceId;
  });
  const rows = (await listEngagementEvidence(ctx.handle.db, id)).filter((r) => r.id === evidenceId);
  return (await viewsOf(ctx.handle.db, rows, new Map(rows.map((r) => [r.id, r.shared_at]))))[0];
}

export async function withdrawEvidence(ctx: ServiceContext, actor: Actor, id: string, evidenceId: string) {
  await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.contribute');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const own = await findOwnEvidence(trx, actor.organizationId, evidenceId);
    // Computed evidence follows its data: the side it inconveniences cannot make it go away (withdrawing the
    // import it came from recomputes it).
    if (own && isComputedEvidence(own)) {
      throw conflictBecause('computed_evidence', {}, 'this evidence is computed by Bonafide from the supplier’s production logs and is not withdrawn by either side; withdraw the import that is wrong and it is computed again');
    }
    if (!own || !(await withdrawEvidenceFromEngagement(trx, id, evidenceId, nowIso()))) throw notFound('evidence');
    await recordAudit(trx, actor, 'evidence.withdrawn', 'engagement', id, { evidenceId });
  });
}
