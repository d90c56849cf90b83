// Loads what pilots' KPIs are computed from (the domain's KpiData), for one engagement or many at once: a portfolio
// reads every running pilot with the same fixed set of queries, never a query per engagement.
//
// Plug points of other capabilities, each read in one place:
// - corrective actions: discrepancies and their D8 closure step (issue 11; repositories/kpi-sources.ts
//   listCorrectiveActionsForKpis). "On-time corrective-action closure" is measured from them.
// - cadence: the cadence agreed in the engagement (issue 11's engagement_cadence), else the policy's phase-3
//   cadence requirement (e.g. every 14 days); with neither, "progress updates kept at the agreed cadence" says so.
// - progress updates and technical inquiries: the engagement's message thread (kinds progress_update,
//   technical_inquiry and its response), measured in the supplier's business days as readiness measures them.
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { listAgreedCadences, listCorrectiveActionsForKpis, listInquiryMessages, listLeadTimeClaims, listPoliciesByIds, listProductionForKpis, listSupplierTimeZones } from '../../db/repositories/kpi-sources.js';
import { listDeliveriesOf, listInspectionsOf, listOrderLinesOf } from '../../db/repositories/orders.js';
import { businessDays, businessHoursBetween, type BusinessCalendar } from '../../domain/communication/response-times.js';
import type { InspectionDecision, KpiData } from '../../domain/pilots/index.js';
import { measureInquiries } from '../engagements/readiness.js';
import { policyDocument } from '../engagements/policies.js';

export function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** A lead-time claim's value in days (days or weeks); null for other units. */
function leadTimeDays(c: { value: number | null; unit: string | null }): number | null {
  if (c.value === null || !(Number(c.value) > 0)) return null;
  const unit = (c.unit ?? 'days').toLowerCase();
  if (/week|wk/.test(unit)) return Number(c.value) * 7;
  if (/day|^d$/.test(unit)) return Number(c.value);
  return null;
}

/**
 * Everything the KPIs of pilots of `engagements` may read, as of `asOf` (an instant: open inquiries are aged to it),
 * keyed by engagement id. `since` bounds the production logs read (the earliest pilot start).
 */
export async function loadKpiDataFor(db: Executor, engagements: readonly Pick<EngagementRow, 'id' | 'scope' | 'supplier_organization_id' | 'policy_id'>[], asOf: Date, since: string): Promise<Map<string, KpiData>> {
  const out = new Map<string, KpiData>();
  if (engagements.length === 0) return out;
  const ids = engagements.map((e) => e.id);
  const supplierIds = [...new Set(engagements.map((e) => e.supplier_organization_id))];
  const policyIds = [...new Set(engagements.map((e) => e.policy_id))];
  const [lines, deliveries, inspections, production, messages, zones, actions, cadences, claims, policies] = await Promise.all([
    listOrderLinesOf(db, ids),
    listDeliveriesOf(db, ids),
    listInspectionsOf(db, ids),
    listProductionForKpis(db, ids, `${since}T00:00:00.000Z`),
    listInquiryMessages(db, ids),
    listSupplierTimeZones(db, supplierIds),
    listCorrectiveActionsForKpis(db, ids),
    listAgreedCadences(db, ids),
    listLeadTimeClaims(db, supplierIds),
    listPoliciesByIds(db, policyIds),
  ]);
  const byEngagement = {
    lines: groupBy(lines, (r) => r.engagement_id),
    deliveries: groupBy(deliveries, (r) => r.engagement_id),
    inspections: groupBy(inspections, (r) => r.engagement_id),
    production: groupBy(production, (r) => r.engagement_id),
    messages: groupBy(messages, (r) => r.engagement_id),
    actions: groupBy(actions, (r) => r.engagement_id),
  };
  // The supplier answers inquiries; its first site's time zone (else UTC) sets its business hours, as in readiness.
  const zoneOf = new Map<string, string>();
  for (const z of zones) if (!zoneOf.has(z.organization_id)) zoneOf.set(z.organization_id, z.time_zone);
  const cadenceOf = new Map(cadences.map((c) => [c.engagement_id, Number(c.progress_update_every_days)]));
  const policyCadence = new Map<string, number | null>();
  for (const p of policies) {
    const req = policyDocument(p).phases.operational_compatibility.find((r) => r.type === 'cadence');
    policyCadence.set(p.id, req && req.type === 'cadence' ? req.progressUpdateEveryDays : null);
  }
  const claimsOf = groupBy(claims, (c) => c.organization_id);

  for (const e of engagements) {
    const calendar: BusinessCalendar = { timeZone: zoneOf.get(e.supplier_organization_id) ?? 'UTC' };
    const thread = byEngagement.messages.get(e.id) ?? [];
    const inquiries = measureInquiries(thread, calendar).map((m) => {
      const hours = m.responseBusinessHours ?? (m.askedAt.getTime() < asOf.getTime() ? businessHoursBetween(m.askedAt, asOf, calendar) : 0);
      return { id: m.id, askedAt: m.askedAt.toISOString(), answeredAt: m.answeredAt ? m.answeredAt.toISOString() : null, businessDays: businessDays(hours, calendar) };
    });
    const scope = JSON.parse(e.scope) as { productLines?: string[] };
    const supplierClaims = claimsOf.get(e.supplier_organization_id) ?? [];
    const inScope = supplierClaims.filter((c) => !c.product_line || !scope.productLines?.length || scope.productLines.includes(c.product_line));
    const quoted = (inScope.length ? inScope : supplierClaims).map(leadTimeDays).find((d) => d !== null) ?? null;
    const agreed = cadenceOf.get(e.id);
    out.set(e.id, {
      orderLines: (byEngagement.lines.get(e.id) ?? []).map((l) => ({
        id: l.id,
        orderNo: l.order_no,
        line: l.line_no,
        item: l.item,
        orderedQty: Number(l.ordered_qty),
        unit: l.unit,
        orderedAt: l.ordered_at,
        requestedDate: l.requested_date,
        confirmedDate: l.confirmed_date,
      })),
      deliveries: (byEngagement.deliveries.get(e.id) ?? []).map((d) => ({
        id: d.id,
        deliveryNo: d.delivery_no,
        orderNo: d.order_no,
        line: d.order_line,
        item: d.item,
        receivedAt: d.received_at,
        receivedQty: Number(d.received_qty),
        rejectedQty: Number(d.rejected_qty),
        lot: d.lot,
      })),
      inspections: (byEngagement.inspections.get(e.id) ?? []).map((i) => ({
        id: i.id,
        deliveryId: i.delivery_id,
        inspectedAt: i.inspected_at,
        inspectedQty: Number(i.inspected_qty),
        rejectedQty: Number(i.rejected_qty),
        decision: i.decision as InspectionDecision,
      })),
      production: (byEngagement.production.get(e.id) ?? []).map((p) => ({ id: String(p.id), periodStart: p.period_start, goodOutput: Number(p.good_output), scrap: Number(p.scrap) })),
      inquiries,
      correctiveActions: (byEngagement.actions.get(e.id) ?? []).map((a) => ({ id: a.id, dueAt: a.due_at, closedAt: a.closed_at })),
      progressUpdates: thread.filter((m) => m.kind === 'progress_update').map((m) => ({ id: m.id, sentAt: m.sent_at })),
      cadenceDays: agreed !== undefined && agreed > 0 ? agreed : (policyCadence.get(e.policy_id) ?? null),
      quotedLeadTimeDays: quoted,
    });
  }
  return out;
}

/** The KPI data of one engagement (a pilot's page, a review). */
export async function loadKpiData(db: Executor, e: EngagementRow, window: { from: string; to: string }, asOf: Date): Promise<KpiData> {
  return (await loadKpiDataFor(db, [e], asOf, window.from)).get(e.id)!;
}
