// The partnership health view: per engagement (one buyer, one supplier) the trend of the formal and behavioural
// sub-scores at the end of each of the last six months and today, the open discrepancies and how they stand, and
// what is due next (8D steps, progress updates, certificates, the re-audit). Past points are evaluated on what was
// on record then: evidence shared, inquiries asked and answered, discrepancies raised and closed by that date.
import type { z } from 'zod';
import type { PartnershipHealthView } from '../../contracts/discrepancies.js';
import { listDiscrepanciesOfEngagements, listSteps } from '../../db/repositories/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { listLadder } from '../../db/repositories/escalation.js';
import type { Executor } from '../../db/repositories/executor.js';
import { OPEN_PHASES } from '../../domain/model.js';
import { behaviouralScore, evidenceAlerts, formalScore } from '../../domain/readiness/index.js';
import { reauditState } from '../../domain/escalation/reverification.js';
import * as clock from '../../clock.js';
import { buildReadinessInput } from '../engagements/readiness.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { discrepancyBehaviour } from '../discrepancies/behaviour.js';
import { reference } from '../discrepancies/access.js';
import { escalationOf, ladderOf } from '../discrepancies/views.js';
import { engagementCadence } from './settings.js';

type Health = z.infer<typeof PartnershipHealthView>;

/** The last instant of each of the six months before `now`'s month, then `now`. */
export function trendPoints(now: Date): Date[] {
  const out: Date[] = [];
  for (let k = 6; k >= 1; k--) out.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k + 1, 1) - 1));
  out.push(now);
  return out;
}

async function healthOf(db: Executor, e: EngagementRow, viewerOrg: string, now: Date): Promise<Health> {
  const full = await buildReadinessInput(db, e, now);
  const trend: Health['trend'] = [];
  for (const at of trendPoints(now)) {
    const t = at.getTime();
    if (t < Date.parse(e.created_at) - 31 * 86_400_000) continue;
    const behaviour = await discrepancyBehaviour(db, e, at);
    const input = {
      ...full,
      now: at,
      evidence: full.evidence.filter((x) => x.sharedAt.getTime() <= t),
      inquiries: full.inquiries
        .filter((q) => q.askedAt.getTime() <= t)
        .map((q) => (q.answeredAt && q.answeredAt.getTime() > t ? { ...q, answeredAt: null, responseBusinessHours: null } : q)),
      communication: full.communication
        ? {
            ...full.communication,
            progressUpdates: full.communication.progressUpdates.filter((m) => m.sentAt.getTime() <= t),
            proactiveDisclosures: full.communication.proactiveDisclosures.filter((m) => m.sentAt.getTime() <= t),
          }
        : null,
      correctiveActions: behaviour.correctiveActions,
    };
    trend.push({ at: at.toISOString(), formal: formalScore(input).score, behavioural: behaviouralScore(input).score });
  }

  const discrepancies = (await listDiscrepanciesOfEngagements(db, [e.id])).filter((d) => d.status === 'open');
  const steps = await listSteps(db, discrepancies.map((d) => d.id));
  const ladder = ladderOf(await listLadder(db, [e.id]));
  const next: Health['next'] = [];
  const open = { total: 0, critical: 0, major: 0, minor: 0, overdue: 0, maxLevel: 0 };
  for (const d of discrepancies) {
    const esc = escalationOf(d, steps.filter((s) => s.discrepancy_id === d.id), ladder, now);
    open.total++;
    open[d.severity as 'critical' | 'major' | 'minor']++;
    if (esc.level > 0) open.overdue++;
    open.maxLevel = Math.max(open.maxLevel, esc.level);
    const current = esc.steps.find((s) => !s.done_at);
    if (current) next.push({ kind: 'discrepancy_step', dueAt: current.due_at, label: `${reference(d.number)} ${current.step}: ${d.title}`, link: `/discrepancies/${d.id}`, overdue: Date.parse(current.due_at) < now.getTime() });
  }
  const cadence = await engagementCadence(db, e, now);
  if (cadence) next.push({ kind: 'progress_update', dueAt: cadence.state.nextDueAt.toISOString(), label: `every ${cadence.state.everyDays} days`, link: `/engagements/${e.id}?tab=messages`, overdue: cadence.state.overdue });
  for (const a of evidenceAlerts(full.evidence, [], now)) {
    if (a.kind === 'certificate' && a.validTo && a.state !== 'stale') next.push({ kind: 'certificate', dueAt: a.validTo.toISOString(), label: a.title, link: `/engagements/${e.id}?tab=evidence`, overdue: a.state === 'expired' });
  }
  const req = full.policy.phases.partnership.find((r) => r.type === 'reverification');
  if (e.phase === 'partnership' && req && req.type === 'reverification') {
    const audits = full.evidence.filter((x) => req.reaudit.kinds.includes(x.kind)).map((x) => (x.issuedAt ?? x.sharedAt).getTime());
    const s = reauditState({ lastAuditAt: audits.length ? new Date(Math.max(...audits)) : null, everyMonths: req.reaudit.everyMonths, since: new Date(e.phase_started_at), now });
    next.push({ kind: 'reaudit', dueAt: s.dueAt.toISOString(), label: `every ${req.reaudit.everyMonths} months`, link: `/engagements/${e.id}`, overdue: s.state === 'overdue' });
  }
  next.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const closed = (await listDiscrepanciesOfEngagements(db, [e.id])).filter((d) => d.status === 'closed');
  const buyerSide = e.buyer_organization_id === viewerOrg;
  const counterpartId = buyerSide ? e.supplier_organization_id : e.buyer_organization_id;
  const counterpart = await db.selectFrom('organizations').select(['id', 'name', 'country']).where('id', '=', counterpartId).executeTakeFirstOrThrow();
  return {
    engagementId: e.id,
    title: e.title,
    phase: e.phase as Health['phase'],
    counterpart,
    myRole: buyerSide ? 'buyer' : 'supplier',
    trend,
    openDiscrepancies: open,
    closedDiscrepancies: { onTime: closed.filter((d) => d.closed_on_time === 1).length, late: closed.filter((d) => d.closed_on_time === 0).length },
    next: next.slice(0, 8),
  };
}

/** One entry per open engagement of the organization, partnerships and pilots first. */
export async function partnershipHealth(ctx: ServiceContext, actor: Actor): Promise<Health[]> {
  authorize(actor, 'engagement.read');
  const db = ctx.handle.db;
  const now = clock.now();
  const rows = await db
    .selectFrom('engagements')
    .selectAll()
    .where((eb) => eb.or([eb('buyer_organization_id', '=', actor.organizationId), eb('supplier_organization_id', '=', actor.organizationId)]))
    .where('phase', 'in', [...OPEN_PHASES])
    .orderBy('created_at')
    .limit(50)
    .execute();
  const order = (p: string) => -OPEN_PHASES.indexOf(p as (typeof OPEN_PHASES)[number]);
  const out: Health[] = [];
  for (const e of rows.sort((a, b) => order(a.phase) - order(b.phase))) out.push(await healthOf(db, e, actor.organizationId, now));
  return out;
}
