// The recorded quantities a custom KPI formula may name, e.g. `accepted_qty / received_qty * 100`. Pure.
//
// Each quantity is a sum over the records of one source, dated as the catalogue dates them (order lines by due
// date, deliveries by receipt, …). A quantity has data in a span when its source has at least one record there: a
// month without deliveries has no `received_qty` (no data), not a `received_qty` of 0.
import { defectiveQty, lotAccepted, type KpiRecord, type Prepared } from './catalogue.js';
import { dateOf } from './periods.js';

export type QuantitySource = 'orders' | 'deliveries' | 'inspections' | 'production' | 'inquiries' | 'progress_updates';

export interface QuantityDefinition {
  name: string;
  source: QuantitySource;
  description: string;
}

export const QUANTITIES: readonly QuantityDefinition[] = [
  { name: 'order_lines', source: 'orders', description: 'order lines due (and decided: delivered, or past their window)' },
  { name: 'ordered_qty', source: 'orders', description: 'quantity ordered on those lines' },
  { name: 'lines_on_time', source: 'orders', description: 'lines whose first delivery came inside the window' },
  { name: 'lines_late', source: 'orders', description: 'lines delivered after the window or not at all' },
  { name: 'lines_early', source: 'orders', description: 'lines delivered before the window' },
  { name: 'lines_in_full', source: 'orders', description: 'lines whose accepted quantity inside the window reached the ordered quantity' },
  { name: 'deliveries', source: 'deliveries', description: 'deliveries (receipts)' },
  { name: 'received_qty', source: 'deliveries', description: 'quantity received' },
  { name: 'rejected_qty', source: 'deliveries', description: 'quantity rejected at receipt' },
  { name: 'accepted_qty', source: 'deliveries', description: 'quantity received minus quantity rejected at receipt' },
  { name: 'defective_qty', source: 'deliveries', description: 'defective parts (at receipt or incoming inspection, whichever is more)' },
  { name: 'lots', source: 'deliveries', description: 'lots received (one per delivery)' },
  { name: 'lots_accepted', source: 'deliveries', description: 'lots accepted' },
  { name: 'lots_rejected', source: 'deliveries', description: 'lots rejected' },
  { name: 'inspections', source: 'inspections', description: 'incoming inspections' },
  { name: 'inspected_qty', source: 'inspections', description: 'quantity inspected at incoming inspection' },
  { name: 'inspection_rejected_qty', source: 'inspections', description: 'quantity rejected at incoming inspection' },
  { name: 'good_output', source: 'production', description: "good parts in the supplier's production logs" },
  { name: 'scrap', source: 'production', description: "scrap in the supplier's production logs" },
  { name: 'inquiries', source: 'inquiries', description: 'technical inquiries asked' },
  { name: 'inquiries_answered', source: 'inquiries', description: 'technical inquiries answered' },
  { name: 'progress_updates', source: 'progress_updates', description: 'progress updates sent' },
];

export const QUANTITY_NAMES: ReadonlySet<string> = new Set(QUANTITIES.map((q) => q.name));
const SOURCE_OF: ReadonlyMap<string, QuantitySource> = new Map(QUANTITIES.map((q) => [q.name, q.source]));

export function quantitySource(name: string): QuantitySource | undefined {
  return SOURCE_OF.get(name);
}

/** One record of a source with what it adds to each quantity of that source. */
export interface QuantityItem {
  record: KpiRecord;
  adds: Record<string, number>;
}

const inScope = (date: string, p: Prepared) => date >= p.scope.from && date <= p.scope.to && date <= p.scope.asOf;

/** The records of one source inside the pilot's scope, each with its additions. */
export function quantityItems(source: QuantitySource, p: Prepared): QuantityItem[] {
  switch (source) {
    case 'orders':
      return p.lines
        .filter((a) => inScope(a.due, p) && a.timing !== 'pending')
        .map((a) => ({
          record: {
            source: 'order_line',
            id: a.line.id,
            label: `${a.line.orderNo} / ${a.line.line}`,
            date: a.due,
            outcome: a.timing,
            numerator: 0,
            denominator: 0,
            facts: { item: a.line.item, orderedQty: a.line.orderedQty, due: a.due, firstDeliveryAt: a.firstDeliveryAt, acceptedInWindow: a.acceptedInWindow },
            refs: a.deliveries.map((d) => ({ source: 'delivery' as const, id: d.id })),
          },
          adds: {
            order_lines: 1,
            ordered_qty: a.line.orderedQty,
            lines_on_time: a.timing === 'on_time' ? 1 : 0,
            lines_late: a.timing === 'late' || a.timing === 'not_delivered' ? 1 : 0,
            lines_early: a.timing === 'early' ? 1 : 0,
            lines_in_full: a.inFull === true ? 1 : 0,
          },
        }));
    case 'deliveries':
      return p.data.deliveries
        .filter((d) => inScope(d.receivedAt, p))
        .map((d) => {
          const ins = p.inspectionsByDelivery.get(d.id) ?? [];
          const ok = lotAccepted(d, ins);
          return {
            record: {
              source: 'delivery',
              id: d.id,
              label: d.lot ? `${d.deliveryNo ?? d.orderNo} · lot ${d.lot}` : d.deliveryNo ?? d.orderNo,
              date: d.receivedAt,
              outcome: ok ? 'accepted' : 'rejected',
              numerator: 0,
              denominator: 0,
              facts: { orderNo: d.orderNo, line: d.line, lot: d.lot, receivedQty: d.receivedQty, rejectedQty: d.rejectedQty },
            },
            adds: {
              deliveries: 1,
              received_qty: d.receivedQty,
              rejected_qty: d.rejectedQty,
              accepted_qty: Math.max(0, d.receivedQty - d.rejectedQty),
              defective_qty: defectiveQty(d, ins),
              lots: 1,
              lots_accepted: ok ? 1 : 0,
              lots_rejected: ok ? 0 : 1,
            },
          };
        });
    case 'inspections':
      return p.data.inspections
        .filter((i) => inScope(i.inspectedAt, p))
        .map((i) => ({
          record: { source: 'inspection', id: i.id, label: i.inspectedAt, date: i.inspectedAt, outcome: i.decision, numerator: 0, denominator: 0, facts: { inspectedQty: i.inspectedQty, rejectedQty: i.rejectedQty } },
          adds: { inspections: 1, inspected_qty: i.inspectedQty, inspection_rejected_qty: i.rejectedQty },
        }));
    case 'production':
      return p.data.production
        .filter((r) => inScope(dateOf(r.periodStart), p))
        .map((r) => ({
          record: { source: 'production_log', id: r.id, label: dateOf(r.periodStart), date: dateOf(r.periodStart), outcome: 'recorded', numerator: 0, denominator: 0, facts: { goodOutput: r.goodOutput, scrap: r.scrap } },
          adds: { good_output: r.goodOutput, scrap: r.scrap },
        }));
    case 'inquiries':
      return p.data.inquiries
        .filter((q) => inScope(dateOf(q.askedAt), p))
        .map((q) => {
          const answered = q.answeredAt !== null && dateOf(q.answeredAt) <= p.scope.asOf;
          return {
            record: { source: 'inquiry', id: q.id, label: dateOf(q.askedAt), date: dateOf(q.askedAt), outcome: answered ? 'answered' : 'unanswered', numerator: 0, denominator: 0, facts: { askedAt: q.askedAt, answeredAt: answered ? q.answeredAt : null } },
            adds: { inquiries: 1, inquiries_answered: answered ? 1 : 0 },
          };
        });
    case 'progress_updates':
      return p.data.progressUpdates
        .filter((u) => inScope(dateOf(u.sentAt), p))
        .map((u) => ({
          record: { source: 'progress_update', id: u.id, label: dateOf(u.sentAt), date: dateOf(u.sentAt), outcome: 'sent', numerator: 0, denominator: 0, facts: { sentAt: u.sentAt } },
          adds: { progress_updates: 1 },
        }));
  }
}

/** Sums of the quantities over some items; a quantity of a source with no item is absent (no data). */
export function sumQuantities(names: readonly string[], items: ReadonlyMap<QuantitySource, readonly QuantityItem[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of names) {
    const source = SOURCE_OF.get(name);
    if (!source) continue;
    const list = items.get(source) ?? [];
    if (list.length === 0) continue;
    let s = 0;
    for (const it of list) s += it.adds[name] ?? 0;
    out.set(name, s);
  }
  return out;
}
