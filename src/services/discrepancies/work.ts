// Working a discrepancy through its 8D steps: owners, notes and step fields, files, due dates (moved only by the
// side that raised it), completing steps in order, progress updates, and — with D8 — the verification of
// effectiveness that asks the raising side to accept the closure.
import type { z } from 'zod';
import type { DiscrepancyUpdateInput, StepUpdateInput } from '../../contracts/discrepancies.js';
import { listSteps, updateDiscrepancyAt, updateStep, type DiscrepancyStepRow } from '../../db/repositories/discrepancies.js';
import { EIGHT_D_STEPS, type EightDStep } from '../../domain/discrepancies/model.js';
import { notify, membersOf } from '../notifications/notify.js';
import { mailSettings } from '../notifications/settings.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, forbidden, invalid, invalidField } from '../shared/errors.js';
import { nowIso } from '../shared/ids.js';
import { loadDiscrepancy, reference } from './access.js';
import { getDiscrepancy } from './queries.js';
import { attachFiles, checkEngagementEvidence, checkFiles, checkOwner, recordEvent } from './shared.js';

const changedMeanwhile = () => new AppError(409, 'conflict', 'the discrepancy changed meanwhile; reload it and try again', [{ path: 'revision', message: 'changed meanwhile' }]);

type StepData = { team?: string[]; rootCause?: string; escapePoint?: string };

/** `at` lets the demo place the work in the past; the API always works now. */
export async function updateDiscrepancyStep(ctx: ServiceContext, actor: Actor, id: string, step: EightDStep, input: z.infer<typeof StepUpdateInput>, at = nowIso()) {
  authorize(actor, 'engagement.read');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const { d, e, side } = await loadDiscrepancy(trx, actor, id);
    authorize(actor, 'engagement.contribute');
    if (d.status !== 'open') throw conflict(`${reference(d.number)} is closed`, [{ path: 'status', message: 'closed' }]);
    const steps = await listSteps(trx, [id]);
    const s = steps.find((x) => x.step === step)!;
    const patch: Partial<DiscrepancyStepRow> = {};
    const events: [string, Record<string, unknown>][] = [];

    if (input.ownerUserId !== undefined) {
      if (input.ownerUserId) await checkOwner(trx, e, input.ownerUserId, 'ownerUserId');
      patch.owner_user_id = input.ownerUserId;
      events.push(['owner_changed', { ownerUserId: input.ownerUserId }]);
    }
    if (input.dueAt !== undefined) {
      if (side !== d.raised_by_side) throw forbidden('due dates are moved by the side that raised the discrepancy; ask them for more time');
      const due = new Date(input.dueAt).toISOString();
      if (Date.parse(due) < Date.parse(d.raised_at)) throw invalidField('dueAt', 'must not be before the discrepancy was raised');
      patch.due_at = due;
      events.push(['due_moved', { from: s.due_at, to: due }]);
    }
    if (input.notes !== undefined) patch.notes = input.notes;
    let data = JSON.parse(s.data) as StepData;
    if (input.data) {
      if (input.data.team !== undefined && step !== 'D1') throw invalidField('data.team', 'the team is recorded in D1');
      for (const k of ['rootCause', 'escapePoint'] as const) if (input.data[k] !== undefined && step !== 'D4') throw invalidField(`data.${k}`, 'the root cause and escape point are recorded in D4');
      data = { ...data, ...input.data };
      patch.data = JSON.stringify(data);
    }
    await checkFiles(trx, actor, input.fileIds, 'fileIds');

    if (input.done !== undefined) {
      if (step === 'D8') throw invalidField('done', 'D8 is completed by closing the discrepancy: the side that raised it accepts the verification of effectiveness (POST …/close)');
      if (input.done && !s.done_at) {
        const index = EIGHT_D_STEPS.indexOf(step);
        const before = steps.filter((x) => EIGHT_D_STEPS.indexOf(x.step as EightDStep) < index && !x.done_at).map((x) => x.step);
        if (before.length) throw conflict(`complete ${before.join(', ')} first: the 8D steps are done in order`, [{ path: 'done', message: `open before it: ${before.join(', ')}` }]);
        const notes = patch.notes ?? s.notes;
        if (!notes) throw invalidField('notes', 'say what was done before completing the step');
        if (step === 'D1' && !(data.team && data.team.length)) throw invalidField('data.team', 'name the team (at least one person)');
        if (step === 'D4') {
          if (!data.rootCause) throw invalidField('data.rootCause', 'D4 needs the verified root cause');
          if (!data.escapePoint) throw invalidField('data.escapePoint', 'D4 needs the escape point: where the defect should have been caught, and why it was not');
        }
        patch.done_at = at;
        patch.done_by = actor.userId;
        events.push(['step_done', { late: Date.parse(at) > Date.parse(patch.due_at ?? s.due_at) }]);
      } else if (!input.done && s.done_at) {
        const later = steps.filter((x) => EIGHT_D_STEPS.indexOf(x.step as EightDStep) > EIGHT_D_STEPS.indexOf(step) && x.done_at).map((x) => x.step);
        if (later.length) throw conflict(`reopen ${later.join(', ')} first`, [{ path: 'done', message: `done after it: ${later.join(', ')}` }]);
        patch.done_at = null;
        patch.done_by = null;
        events.push(['step_reopened', {}]);
      }
    }

    let closureRequest: string | null = null;
    if (input.effectiveness) {
      if (step !== 'D8') throw invalidField('effectiveness', 'the verification of effectiveness belongs to D8');
      const open = steps.filter((x) => x.step !== 'D8' && !x.done_at).map((x) => x.step);
      if (open.length) throw conflict(`complete ${open.join(', ')} before asking for closure`, [{ path: 'effectiveness', message: `open: ${open.join(', ')}` }]);
      await checkEngagementEvidence(trx, e.id, input.effectiveness.evidenceIds, 'effectiveness.evidenceIds');
      await checkFiles(trx, actor, input.effectiveness.fileIds, 'effectiveness.fileIds');
      if (input.effectiveness.evidenceIds.length + input.effectiveness.fileIds.length === 0) {
        throw invalidField('effectiveness.evidenceIds', 'name the evidence that shows the fix works (e.g. the next lots accepted, an SPC chart without signals)');
      }
      closureRequest = JSON.stringify({ ...input.effectiveness, by: actor.userId, byOrganizationId: actor.organizationId, at });
      events.push(['closure_requested', { method: input.effectiveness.method }]);
    }

    if (Object.keys(patch).length === 0 && input.fileIds.length === 0 && !closureRequest) {
      throw invalid('nothing to change', [{ path: '', message: 'give an owner, due date, notes, step fields, files, done or (D8) the verification of effectiveness' }]);
    }
    // Reopening a step withdraws a pending request for closure: what it vouched for changed.
    const withdrawsRequest = patch.done_at === null && d.closure_requested_at !== null;
    const moved = await updateDiscrepancyAt(trx, id, d.revision, {
      updated_at: at,
      ...(closureRequest ? { closure_requested_at: at, closure_requested_by: actor.userId, effectiveness: closureRequest } : {}),
      ...(withdrawsRequest ? { closure_requested_at: null, closure_requested_by: null, effectiveness: null } : {}),
    });
    if (!moved) throw changedMeanwhile();
    if (Object.keys(patch).length) await updateStep(trx, id, step, { ...patch, updated_by: actor.userId, updated_at: at });
    await attachFiles(trx, actor, e, id, input.fileIds, step, at);
    if (input.effectiveness) await attachFiles(trx, actor, e, id, input.effectiveness.fileIds, 'D8', at);
    for (const [kind, details] of events) await recordEvent(trx, id, actor, kind, at, step, details);
    if (events.length === 0) await recordEvent(trx, id, actor, 'step_updated', at, step, {});
    await recordAudit(trx, actor, 'discrepancy.step_updated', 'discrepancy', id, { step, events: events.map(([k]) => k) });

    const settings = mailSettings(ctx);
    const params = { number: reference(d.number), title: d.title, step, engagement: e.title, by: (await trx.selectFrom('users').select('display_name').where('id', '=', actor.userId).executeTakeFirstOrThrow()).display_name };
    if (events.some(([k]) => k === 'step_done')) {
      await notify(trx, settings, { kind: 'discrepancy_step_done', params, link: `/discrepancies/${id}`, engagementId: e.id, to: [{ userId: d.raised_by, organizationId: d.raised_by_organization_id }] });
    }
    if (closureRequest) {
      await notify(trx, settings, { kind: 'discrepancy_closure_requested', params, link: `/discrepancies/${id}`, engagementId: e.id, to: await membersOf(trx, d.raised_by_organization_id) });
    }
  });
  return getDiscrepancy(ctx, actor, id);
}

/** A progress update on the discrepancy; from the side that works it, it keeps the agreed cadence. */
export async function postDiscrepancyUpdate(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof DiscrepancyUpdateInput>, at = nowIso()) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const { d } = await loadDiscrepancy(trx, actor, id);
    authorize(actor, 'engagement.contribute');
    if (d.status !== 'open') throw conflict(`${reference(d.number)} is closed`, [{ path: 'status', message: 'closed' }]);
    if (!(await updateDiscrepancyAt(trx, id, d.revision, { updated_at: at }))) throw changedMeanwhile();
    await recordEvent(trx, id, actor, 'progress_update', at, null, { body: input.body });
    await recordAudit(trx, actor, 'discrepancy.update_posted', 'discrepancy', id, {});
  });
  return getDiscrepancy(ctx, actor, id);
}
