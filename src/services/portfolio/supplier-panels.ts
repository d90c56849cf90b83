// The supplier's portfolio panels, one function each, each a fixed number of queries over all its engagements:
// its buyers with what each waits for, and its obligations with their due dates.
import type { z } from 'zod';
import type { Obligation, SupplierBuyer } from '../../contracts/portfolio.js';
import type { Executor } from '../../db/repositories/executor.js';
import { filteredEngagementIds, listDueDiscrepancySteps, listDueOrderLines, listExpiringEvidence, listUpcomingEvaluationPoints, supplierWaitingCounts } from '../../db/repositories/portfolio.js';
import type { EngagementPhase } from '../../domain/model.js';
import { addDays, dateOf } from '../../domain/pilots/index.js';
import { EXPIRING_WITHIN_DAYS } from './buyer-panels.js';
import { engagementRef, type PortfolioScope } from './scope.js';

const DAY = 86_400_000;
/** Obligations shown: overdue ones and those due within this many days. */
export const OBLIGATIONS_AHEAD_DAYS = 30;

export async function supplierBuyersPanel(db: Executor, s: PortfolioScope): Promise<z.infer<typeof SupplierBuyer>[]> {
  const [ids, counts] = await Promise.all([filteredEngagementIds(db, s.filter).execute(), supplierWaitingCounts(db, s.filter)]);
  const byBuyer = new Map<string, z.infer<typeof SupplierBuyer>>();
  for (const { id } of ids) {
    const e = s.engagements.get(id)!;
    let b = byBuyer.get(e.counterpart_id);
    if (!b) byBuyer.set(e.counterpart_id, (b = { buyer: { id: e.counterpart_id, name: e.counterpart_name, country: e.counterpart_country }, engagements: [], waitingFor: [] }));
    b.engagements.push({ id, title: e.title, phase: e.phase as EngagementPhase });
  }
  const add = (kind: z.infer<typeof SupplierBuyer>['waitingFor'][number]['kind'], rows: { engagement_id: string; n: number | string | bigint }[]) => {
    for (const r of rows) {
      const e = s.engagements.get(r.engagement_id);
      const b = e && byBuyer.get(e.counterpart_id);
      if (b && Number(r.n) > 0) b.waitingFor.push({ kind, count: Number(r.n), engagementId: r.engagement_id });
    }
  };
  add('answer_request', counts.requests);
  add('answer_inquiries', counts.inquiries);
  add('confirm_visits', counts.visits);
  add('comment_reviews', counts.reviews);
  add('close_discrepancies', counts.discrepancies);
  return [...byBuyer.values()].sort((a, b) => b.waitingFor.reduce((n, w) => n + w.count, 0) - a.waitingFor.reduce((n, w) => n + w.count, 0) || a.buyer.name.localeCompare(b.buyer.name));
}

const POINT_LABEL: Record<string, string> = { month_1: 'Month-1 review', mid_point: 'Mid-point review', final: 'Final review' };

/** Deliveries due, reviews coming, 8D steps of the buyer's discrepancies, and its own evidence about to expire. */
export async function supplierObligationsPanel(db: Executor, s: PortfolioScope, now: Date, limit = 100) {
  const today = dateOf(now);
  const ahead = addDays(today, OBLIGATIONS_AHEAD_DAYS);
  const [lines, points, steps, evidence] = await Promise.all([
    listDueOrderLines(db, s.filter, addDays(today, -90), ahead),
    listUpcomingEvaluationPoints(db, s.filter, addDays(today, -90), ahead),
    listDueDiscrepancySteps(db, s.filter, new Date(Date.parse(`${ahead}T23:59:59.999Z`)).toISOString(), (eb) => eb('d.raised_by_side', '=', 'buyer')),
    listExpiringEvidence(db, s.filter, now.toISOString(), new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY).toISOString(), Number.isFinite(limit) ? 50 : Infinity, s.filter.organizationId),
  ]);
  const items: z.infer<typeof Obligation>[] = [
    ...lines
      .filter((l) => Number(l.received ?? 0) < Number(l.ordered_qty))
      .map((l) => ({
        kind: 'delivery_due' as const,
        id: l.id,
        label: `${l.order_no} / ${l.line_no} · ${l.item} · ${Number(l.ordered_qty) - Number(l.received ?? 0)} open`,
        subject: l.item,
        ref: `${l.order_no} / ${l.line_no}`,
        pointKind: null,
        openQty: Number(l.ordered_qty) - Number(l.received ?? 0),
        dueAt: `${l.due}T00:00:00.000Z`,
        overdue: l.due < today,
        engagement: engagementRef(s, l.engagement_id),
        pilotId: null,
      })),
    ...points.map((p) => ({
      kind: 'evaluation_point' as const,
      id: p.id,
      label: `${p.kind === 'custom' ? p.label ?? 'Review' : POINT_LABEL[p.kind] ?? p.kind} · ${p.pilot_title}`,
      subject: p.pilot_title,
      ref: p.kind === 'custom' ? p.label : null,
      pointKind: p.kind as 'month_1' | 'mid_point' | 'final' | 'custom',
      openQty: null,
      dueAt: `${p.due_date}T00:00:00.000Z`,
      overdue: p.due_date < today,
      engagement: engagementRef(s, p.engagement_id),
      pilotId: p.pilot_id,
    })),
    ...steps.map((d) => ({
      kind: 'discrepancy_step' as const,
      id: `${d.discrepancy_id}/${d.step}`,
      label: `NCR-${String(d.number).padStart(3, '0')} ${d.step} · ${d.title}`,
      subject: d.title,
      ref: `NCR-${String(d.number).padStart(3, '0')} ${d.step}`,
      pointKind: null,
      openQty: null,
      dueAt: new Date(d.due_at).toISOString(),
      overdue: Date.parse(d.due_at) < now.getTime(),
      engagement: engagementRef(s, d.engagement_id),
      pilotId: null,
    })),
    ...evidence.items.map((e) => ({
      kind: 'evidence_expiring' as const,
      id: e.id,
      label: e.title,
      subject: e.title,
      ref: null,
      pointKind: null,
      openQty: null,
      dueAt: new Date(e.valid_to!).toISOString(),
      overdue: false,
      engagement: engagementRef(s, e.engagement_id),
      pilotId: null,
    })),
  ].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  return { total: items.length, items: items.slice(0, limit) };
}
