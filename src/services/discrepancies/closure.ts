// Closing a discrepancy: the one place a closure happens (the verifiable record appends closures here). The side
// that raised it accepts a verification of effectiveness with evidence — its own, or the one the other side
// submitted with D8; the other side cannot close it alone. The closure becomes corrective-action evidence in the
// engagement (closed in time or late), which the behavioural sub-score counts.
import type { z } from 'zod';
import type { CloseDiscrepancyInput } from '../../contracts/discrepancies.js';
import { listSteps, updateDiscrepancyAt, updateStep } from '../../db/repositories/discrepancies.js';
import { shareAndLog } from '../record/hooks.js';
import { logDiscrepancyClosure } from '../record/contents.js';
import { closedInTime } from '../../domain/discrepancies/corrective-actions.js';
import { EFFECTIVENESS_TEXT, type EffectivenessMethod } from '../../domain/discrepancies/model.js';
import { insertEvidenceRecord, shareEvidenceFiles } from '../engagements/evidence.js';
import { membersOf, notify } from '../notifications/notify.js';
import { mailSettings } from '../notifications/settings.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, forbidden, invalidField } from '../shared/errors.js';
import { nowIso } from '../shared/ids.js';
import { loadDiscrepancy, reference } from './access.js';
import { getDiscrepancy } from './queries.js';
import { attachFiles, checkEngagementEvidence, checkFiles, recordEvent } from './shared.js';

interface StoredEffectiveness {
  method: EffectivenessMethod;
  summary: string;
  evidenceIds: string[];
  fileIds: string[];
  by: string;
  byOrganizationId: string;
  at: string;
}

/** `at` lets the demo close in the past; the API always closes now. */
export async function closeDiscrepancy(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof CloseDiscrepancyInput>, at = nowIso()) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const { d, e, side } = await loadDiscrepancy(trx, actor, id);
    authorize(actor, 'engagement.contribute');
    if (d.status !== 'open') throw conflict(`${reference(d.number)} is already closed`, [{ path: 'status', message: 'closed' }]);
    if (side !== d.raised_by_side) {
      throw forbidden('the side that raised the discrepancy accepts its closure; submit the verification of effectiveness with D8 and they will be asked to accept it');
    }
    const steps = await listSteps(trx, [id]);
    const open = steps.filter((s) => s.step !== 'D8' && !s.done_at).map((s) => s.step).sort();
    if (open.length) throw conflict(`steps not done: ${open.join(', ')}`, [{ path: 'steps', message: `open: ${open.join(', ')}` }]);

    let eff: StoredEffectiveness;
    if (input.effectiveness) {
      await checkEngagementEvidence(trx, e.id, input.effectiveness.evidenceIds, 'effectiveness.evidenceIds');
      await checkFiles(trx, actor, input.effectiveness.fileIds, 'effectiveness.fileIds');
      eff = { ...input.effectiveness, by: actor.userId, byOrganizationId: actor.organizationId, at };
    } else if (d.closure_requested_at && d.effectiveness) {
      eff = JSON.parse(d.effectiveness) as StoredEffectiveness;
    } else {
      throw invalidField('effectiveness', 'closure needs a verification of effectiveness with evidence (e.g. the next three lots accepted, or an SPC chart with no signal since the fix)');
    }
    if (eff.evidenceIds.length + eff.fileIds.length === 0) {
      throw invalidField('effectiveness.evidenceIds', 'name the evidence that shows the fix works (evidence of the engagement or files)');
    }

    const d8 = steps.find((s) => s.step === 'D8')!;
    const onTime = closedInTime({ closedAt: new Date(at), closureDueAt: new Date(d8.due_at) })!;
    // The closure is corrective-action evidence about the supplier, recorded by the side that accepted it: the
    // buyer observed the fix work in its own records; a supplier documents it with its files, else declares it.
    const ownFiles = (await checkFiles(trx, actor, eff.fileIds, 'effectiveness.fileIds')).own;
    const provenance = actor.organizationKind === 'buyer' ? 'observed' : ownFiles.length ? 'documented' : 'self_declared';
    const evidence = await insertEvidenceRecord(
      trx,
      actor,
      {
        kind: 'corrective_action',
        provenance,
        title: `8D ${reference(d.number)} closed${onTime ? ' in time' : ' late'}: ${d.title}`.slice(0, 300),
        description: `${EFFECTIVENESS_TEXT[eff.method].en}. ${eff.summary}`.slice(0, 5000),
        issuer: null,
        issuedAt: at,
        attributes: { discrepancy: reference(d.number), severity: d.severity, closedOnTime: onTime ? 'yes' : 'no', effectiveness: eff.method, raisedBy: d.raised_by_side },
        fileIds: ownFiles,
        links: d.target_kind === 'claim' ? [{ claimId: d.target_id, effect: 'supports' as const, note: 'corrective action verified effective' }] : [],
      } as Parameters<typeof insertEvidenceRecord>[2],
      e.supplier_organization_id,
    );
    await shareAndLog(trx, { engagement_id: e.id, evidence_id: evidence.id, shared_by_organization_id: actor.organizationId, shared_by: actor.userId, shared_at: at });
    await shareEvidenceFiles(trx, actor, evidence.id, [e.buyer_organization_id, e.supplier_organization_id]);

    const moved = await updateDiscrepancyAt(trx, id, d.revision, {
      status: 'closed',
      closed_at: at,
      closed_by: actor.userId,
      closed_on_time: onTime ? 1 : 0,
      effectiveness: JSON.stringify(eff),
      evidence_id: evidence.id,
      updated_at: at,
    });
    if (!moved) throw new AppError(409, 'conflict', 'the discrepancy changed meanwhile; reload it and try again', [{ path: 'revision', message: 'changed meanwhile' }]);
    await logDiscrepancyClosure(trx, id, actor.organizationId);
    await updateStep(trx, id, 'D8', { done_at: at, done_by: actor.userId, notes: input.note ?? d8.notes ?? eff.summary, updated_by: actor.userId, updated_at: at });
    if (input.effectiveness) await attachFiles(trx, actor, e, id, input.effectiveness.fileIds, 'D8', at);
    await recordEvent(trx, id, actor, 'closed', at, 'D8', { onTime, method: eff.method, evidenceId: evidence.id });
    await recordAudit(trx, actor, 'discrepancy.closed', 'discrepancy', id, { engagementId: e.id, number: d.number, onTime, evidenceId: evidence.id });

    const other = d.raised_by_organization_id === e.buyer_organization_id ? e.supplier_organization_id : e.buyer_organization_id;
    const by = (await trx.selectFrom('users').select('display_name').where('id', '=', actor.userId).executeTakeFirstOrThrow()).display_name;
    await notify(trx, mailSettings(ctx), {
      kind: 'discrepancy_closed',
      params: { number: reference(d.number), title: d.title, engagement: e.title, by, inTime: onTime ? 'yes' : 'no' },
      link: `/discrepancies/${id}`,
      engagementId: e.id,
      to: await membersOf(trx, other),
    });
  });
  return getDiscrepancy(ctx, actor, id);
}
