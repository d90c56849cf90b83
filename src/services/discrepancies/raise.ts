// Raising a discrepancy: either side, against a record of the engagement. The 8D steps get their due dates from
// the engagement's policy version by severity; a supplier reporting before the buyer found the problem is
// credited with a proactive disclosure. The other side is notified.
import type { z } from 'zod';
import type { RaiseDiscrepancyInput } from '../../contracts/discrepancies.js';
import { insertDiscrepancy, nextDiscrepancyNumber, type DiscrepancyRow, type DiscrepancyStepRow } from '../../db/repositories/discrepancies.js';
import { proactiveDisclosure } from '../../domain/discrepancies/disclosure.js';
import { otherSide } from '../../domain/discrepancies/model.js';
import { planSteps } from '../../domain/discrepancies/rules.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { notify, membersOf } from '../notifications/notify.js';
import { mailSettings } from '../notifications/settings.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { organizationOfSide, reference, rulesOfEngagement, sideOf } from './access.js';
import { getDiscrepancy } from './queries.js';
import { attachFiles, checkFiles, checkOwner, recordEvent } from './shared.js';
import { resolveTarget } from './targets.js';

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/i.test(err?.message ?? '');
}

/** `raisedAt` lets the demo place a discrepancy in the past; the API always raises now. */
export async function raiseDiscrepancy(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof RaiseDiscrepancyInput>, raisedAt?: string) {
  const db = ctx.handle.db;
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'engagement.contribute');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: discrepancies are raised while it is open`);
  const side = sideOf(e, actor.organizationId);
  const target = await resolveTarget(db, e, input.target);
  await checkFiles(db, actor, input.fileIds, 'fileIds');
  if (input.ownerUserId) await checkOwner(db, e, input.ownerUserId, 'ownerUserId');
  const { policy, rules } = await rulesOfEngagement(db, e);
  const at = raisedAt ?? nowIso();

  // The buyer knew when its own record showed the problem, or when it raised a discrepancy on the same record.
  const earlierByBuyer = await db
    .selectFrom('discrepancies')
    .select((eb) => eb.fn.min('raised_at').as('first'))
    .where('engagement_id', '=', e.id)
    .where('target_kind', '=', target.kind)
    .where('target_id', '=', target.id)
    .where('raised_by_side', '=', 'buyer')
    .executeTakeFirst();
  const knownAt = [target.buyerFoundAt, (earlierByBuyer?.first as string | null) ?? null].filter((x): x is string => Boolean(x)).sort()[0] ?? null;
  const disclosure = proactiveDisclosure({ raisedBy: side, raisedAt: new Date(at), buyerFoundAt: knownAt ? new Date(knownAt) : null });

  const id = newId();
  const plan = planSteps(new Date(at), input.severity, rules);
  for (let attempt = 0; ; attempt++) {
    try {
      await db.transaction().execute(async (trx) => {
        const number = await nextDiscrepancyNumber(trx, e.id);
        const row: DiscrepancyRow = {
          id,
          engagement_id: e.id,
          number,
          raised_by_organization_id: actor.organizationId,
          raised_by_side: side,
          raised_by: actor.userId,
          severity: input.severity,
          title: input.title,
          description: input.description,
          quantity_affected: input.quantityAffected ?? null,
          quantity_unit: input.quantityUnit ?? null,
          target_kind: target.kind,
          target_id: target.id,
          target_label: target.label,
          target_label_params: JSON.stringify(target.labelParams),
          status: 'open',
          proactive: disclosure.credited ? 1 : 0,
          disclosure_reason: disclosure.reason,
          policy_id: policy.id,
          rules: JSON.stringify(rules),
          raised_at: at,
          closure_requested_at: null,
          closure_requested_by: null,
          effectiveness: null,
          closed_at: null,
          closed_by: null,
          closed_on_time: null,
          evidence_id: null,
          revision: 0,
          updated_at: at,
        };
        const steps: DiscrepancyStepRow[] = plan.map((p) => ({
          discrepancy_id: id,
          step: p.step,
          // D8 (closure) is accepted by the side that raised it; the others are worked by whoever is named.
          owner_user_id: p.step === 'D8' ? actor.userId : (input.ownerUserId ?? null),
          due_at: p.dueAt.toISOString(),
          done_at: null,
          done_by: null,
          notes: null,
          data: '{}',
          updated_by: null,
          updated_at: at,
        }));
        await insertDiscrepancy(trx, row, steps);
        await attachFiles(trx, actor, e, id, input.fileIds, null, at);
        await recordEvent(trx, id, actor, 'raised', at, null, { severity: input.severity, target: target.label, proactive: disclosure.credited });
        await recordAudit(trx, actor, 'discrepancy.raised', 'discrepancy', id, { engagementId: e.id, number, severity: input.severity, target: target.kind });
        const raisedBy = (await trx.selectFrom('organizations').select('name').where('id', '=', actor.organizationId).executeTakeFirstOrThrow()).name;
        const to = await membersOf(trx, organizationOfSide(e, otherSide(side)));
        if (input.ownerUserId) to.push({ userId: input.ownerUserId, organizationId: (await ownerOrg(trx, e, input.ownerUserId)) ?? organizationOfSide(e, otherSide(side)) });
        await notify(trx, mailSettings(ctx), {
          kind: 'discrepancy_raised',
          params: { number: reference(number), title: input.title, severity: input.severity, engagement: e.title, raisedBy, firstDueAt: plan[0].dueAt.toISOString() },
          link: `/discrepancies/${id}`,
          engagementId: e.id,
          to,
        });
      });
      break;
    } catch (err) {
      // Two discrepancies raised at once in one engagement may take the same number: the second tries again.
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
  return getDiscrepancy(ctx, actor, id);
}

async function ownerOrg(db: Parameters<typeof notify>[0], e: { buyer_organization_id: string; supplier_organization_id: string }, userId: string): Promise<string | null> {
  const m = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('user_id', '=', userId)
    .where('organization_id', 'in', [e.buyer_organization_id, e.supplier_organization_id])
    .executeTakeFirst();
  return m?.organization_id ?? null;
}
