// The KPI catalogue (standards §5): what each KPI counts, from which records, and its defaults. Pure.
//
// Every KPI is computed as contributions of single records (an order line, a delivery, a production-log record, an
// inquiry, …): each says what it adds to the numerator and the denominator (or, for a median, its sample) and why.
// A value over any span — the whole pilot, a month, a week — is the aggregate of the contributions dated in it, so
// every value opens to exactly the records that made it. No contribution, no value: "no data", never 0 % or 100 %.
import { assessLeadTime, assessLines, DEFAULT_WINDOW, type DeliveryWindow, type LineAssessment } from './orders.js';
import { addDays, dateOf } from './periods.js';
import type { DeliveryRecord, InspectionRecord, KpiData } from './records.js';

export const CATALOGUE_KEYS = [
  'otd',
  'otif',
  'defect_ppm',
  'lot_acceptance',
  'first_pass_yield',
  'lead_time_adherence',
  'response_time',
  'capa_on_time',
  'update_cadence',
] as const;
export type CatalogueKey = (typeof CATALOGUE_KEYS)[number];

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const OTD_BASES = ['line', 'order', 'quantity'] as const;
/** What OTD and OTIF count: order lines (default), whole orders (all lines on time), or quantities. */
export type OtdBasis = (typeof OTD_BASES)[number];

export const RECORD_SOURCES = ['order_line', 'order', 'delivery', 'inspection', 'production_log', 'inquiry', 'corrective_action', 'cadence_interval', 'progress_update'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** The data a KPI reads; a custom formula reads the sources of its quantities. */
export const DATA_SOURCES = ['orders', 'deliveries', 'inspections', 'production', 'inquiries', 'corrective_actions', 'progress_updates'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export interface KpiParams {
  window?: DeliveryWindow;
  basis?: OtdBasis;
  /** Quoted lead time in days; defaults to the supplier's lead-time claim. */
  leadTimeDays?: number | null;
}

export interface KpiRecord {
  source: RecordSource;
  id: string;
  /** What a person reads: "PO-4711 / 10", "lot H-2403-07". */
  label: string;
  /** The date the record is counted on (due date, receipt date, …): it decides its period. */
  date: string;
  /** e.g. on_time, late, early, not_delivered, accepted, rejected, answered, kept, missed. */
  outcome: string;
  numerator: number;
  /** 0: listed for context but not counted (e.g. a line without an order date for lead-time adherence). */
  denominator: number;
  /** For a median KPI: the record's value. */
  sample?: number;
  facts: Record<string, string | number | null>;
  /** The underlying records (e.g. the deliveries of an order line): kind and id. */
  refs?: { source: RecordSource; id: string }[];
}

export type Aggregate = 'ratio' | 'median';

export interface CatalogueEntry {
  key: CatalogueKey;
  /** Display unit: percent, ppm, business_days. */
  unit: 'percent' | 'ppm' | 'business_days';
  direction: Direction;
  aggregate: Aggregate;
  /** Ratio × scale is the value (100 for %, 1,000,000 for PPM). */
  scale: number;
  defaultTarget: number;
  defaultAtRisk: number;
  sources: readonly DataSource[];
  /** Parameters the KPI reads. */
  params: readonly ('window' | 'basis' | 'leadTimeDays')[];
  /** What it counts, in one sentence (English; the web words it in both languages by key). */
  definition: string;
}

export const CATALOGUE: Readonly<Record<CatalogueKey, CatalogueEntry>> = {
  otd: {
    key: 'otd',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 95,
    defaultAtRisk: 97,
    sources: ['orders', 'deliveries'],
    params: ['window', 'basis'],
    definition:
      'Order lines whose first delivery came inside the window around the due date (confirmed, else requested), over the lines due; per order: orders with every line on time; per quantity: quantity received inside the window over the quantity due.',
  },
  otif: {
    key: 'otif',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 95,
    defaultAtRisk: 97,
    sources: ['orders', 'deliveries'],
    params: ['window', 'basis'],
    definition: 'Order lines delivered on time and in full (accepted quantity inside the window reaches the ordered quantity), over the lines due.',
  },
  defect_ppm: {
    key: 'defect_ppm',
    unit: 'ppm',
    direction: 'lower',
    aggregate: 'ratio',
    scale: 1_000_000,
    defaultTarget: 500,
    defaultAtRisk: 250,
    sources: ['deliveries', 'inspections'],
    params: [],
    definition: 'Defective parts (rejected at receipt or at incoming inspection, whichever is more) per million parts received.',
  },
  lot_acceptance: {
    key: 'lot_acceptance',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 98,
    defaultAtRisk: 99,
    sources: ['deliveries', 'inspections'],
    params: [],
    definition: 'Lots (deliveries) accepted over lots received: the incoming inspection decides; without one, a lot with any quantity rejected at receipt is rejected.',
  },
  first_pass_yield: {
    key: 'first_pass_yield',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 97,
    defaultAtRisk: 98,
    sources: ['production'],
    params: [],
    definition: "Good output over good output plus scrap, from the supplier's production logs.",
  },
  lead_time_adherence: {
    key: 'lead_time_adherence',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 90,
    defaultAtRisk: 95,
    sources: ['orders', 'deliveries'],
    params: ['leadTimeDays'],
    definition: 'Order lines received in full within the quoted lead time from the order date, over the lines due by then.',
  },
  response_time: {
    key: 'response_time',
    unit: 'business_days',
    direction: 'lower',
    aggregate: 'median',
    scale: 1,
    defaultTarget: 2,
    defaultAtRisk: 1.5,
    sources: ['inquiries'],
    params: [],
    definition: "Median time to answer a technical inquiry, in the supplier's business days; an inquiry still open past the target counts with its age.",
  },
  capa_on_time: {
    key: 'capa_on_time',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 90,
    defaultAtRisk: 95,
    sources: ['corrective_actions'],
    params: [],
    definition: 'Corrective actions closed by their due date, over those closed or overdue.',
  },
  update_cadence: {
    key: 'update_cadence',
    unit: 'percent',
    direction: 'higher',
    aggregate: 'ratio',
    scale: 100,
    defaultTarget: 90,
    defaultAtRisk: 95,
    sources: ['progress_updates'],
    params: [],
    definition: 'Cadence intervals (e.g. every 14 days from the pilot start) with at least one progress update, over the intervals completed.',
  },
};

export function isCatalogueKey(k: string): k is CatalogueKey {
  return (CATALOGUE_KEYS as readonly string[]).includes(k);
}

/** Why a KPI has no value: a code the web words, with parameters. */
export type NoDataCode =
  | 'no_records'
  | 'source_missing'
  | 'no_cadence'
  | 'no_lead_time'
  | 'quantity_missing'
  | 'zero_divisor'
  | 'not_a_number';

export interface NoData {
  code: NoDataCode;
  params: Record<string, string | number>;
}

export interface Scope {
  /** First day of the pilot (inclusive). */
  from: string;
  /** Last day of the pilot (inclusive). */
  to: string;
  /** The day the values are computed for (today, or the day of a review). */
  asOf: string;
}

/** Assessments shared by the KPIs of one evaluation (computed once). */
export interface Prepared {
  data: KpiData;
  scope: Scope;
  window: DeliveryWindow;
  lines: LineAssessment[];
  unmatched: DeliveryRecord[];
  inspectionsByDelivery: Map<string, InspectionRecord[]>;
}

export function prepare(data: KpiData, scope: Scope, window: DeliveryWindow = DEFAULT_WINDOW): Prepared {
  const { lines, unmatched } = assessLines(data.orderLines, data.deliveries, window, scope.asOf);
  const inspectionsByDelivery = new Map<string, InspectionRecord[]>();
  for (const i of data.inspections) {
    if (i.inspectedAt > scope.asOf) continue;
    const list = inspectionsByDelivery.get(i.deliveryId);
    if (list) list.push(i);
    else inspectionsByDelivery.set(i.deliveryId, [i]);
  }
  for (const list of inspectionsByDelivery.values()) list.sort((a, b) => (a.inspectedAt < b.inspectedAt ? -1 : a.inspectedAt > b.inspectedAt ? 1 : 0));
  return { data, scope, window, lines, unmatched, inspectionsByDelivery };
}

const inScope = (date: string, s: Scope) => date >= s.from && date <= s.to && date <= s.asOf;

const lineLabel = (a: LineAssessment) => `${a.line.orderNo} / ${a.line.line}`;

function lineFacts(a: LineAssessment): Record<string, string | number | null> {
  return {
    item: a.line.item,
    orderedQty: a.line.orderedQty,
    unit: a.line.unit,
    due: a.due,
    dueSource: a.dueSource,
    windowStart: a.windowStart,
    windowEnd: a.windowEnd,
    firstDeliveryAt: a.firstDeliveryAt,
    daysLate: a.daysLate,
    receivedQty: a.receivedQty,
    acceptedInWindow: a.acceptedInWindow,
  };
}

const deliveryRefs = (a: LineAssessment) => a.deliveries.map((d) => ({ source: 'delivery' as const, id: d.id }));

function otdRecords(p: Prepared, basis: OtdBasis, inFull: boolean): KpiRecord[] {
  const due = p.lines.filter((a) => inScope(a.due, p.scope));
  if (basis === 'order') {
    const orders = new Map<string, LineAssessment[]>();
    for (const a of due) orders.set(a.line.orderNo, [...(orders.get(a.line.orderNo) ?? []), a]);
    const out: KpiRecord[] = [];
    for (const [orderNo, ls] of orders) {
      const decided = ls.every((a) => (inFull ? a.onTimeInFull !== null : a.timing !== 'pending'));
      const ok = ls.every((a) => (inFull ? a.onTimeInFull === true : a.timing === 'on_time'));
      const last = ls.reduce((m, a) => (a.due > m ? a.due : m), ls[0]!.due);
      out.push({
        source: 'order',
        id: orderNo,
        label: orderNo,
        date: last,
        outcome: decided ? (ok ? (inFull ? 'on_time_in_full' : 'on_time') : 'late') : 'pending',
        numerator: decided && ok ? 1 : 0,
        denominator: decided ? 1 : 0,
        facts: { lines: ls.length, linesOnTime: ls.filter((a) => (inFull ? a.onTimeInFull : a.timing === 'on_time')).length },
        refs: ls.map((a) => ({ source: 'order_line' as const, id: a.line.id })),
      });
    }
    return out;
  }
  return due.map((a) => {
    if (basis === 'quantity') {
      const got = Math.min(inFull ? a.acceptedInWindow : a.receivedInWindow, a.line.orderedQty);
      const decided = a.timing !== 'pending' && (a.windowEnd < p.scope.asOf || got >= a.line.orderedQty);
      return {
        source: 'order_line' as const,
        id: a.line.id,
        label: lineLabel(a),
        date: a.due,
        outcome: decided ? (got >= a.line.orderedQty ? 'on_time' : a.timing === 'on_time' ? 'short' : a.timing) : 'pending',
        numerator: decided ? got : 0,
        denominator: decided ? a.line.orderedQty : 0,
        facts: lineFacts(a),
        refs: deliveryRefs(a),
      };
    }
    if (inFull) {
      const decided = a.onTimeInFull !== null;
      return {
        source: 'order_line' as const,
        id: a.line.id,
        label: lineLabel(a),
        date: a.due,
        outcome: !decided ? 'pending' : a.onTimeInFull ? 'on_time_in_full' : a.timing !== 'on_time' ? a.timing : 'short',
        numerator: a.onTimeInFull ? 1 : 0,
        denominator: decided ? 1 : 0,
        facts: lineFacts(a),
        refs: deliveryRefs(a),
      };
    }
    const decided = a.timing !== 'pending';
    return {
      source: 'order_line' as const,
      id: a.line.id,
      label: lineLabel(a),
      date: a.due,
      outcome: a.timing,
      numerator: a.timing === 'on_time' ? 1 : 0,
      denominator: decided ? 1 : 0,
      facts: lineFacts(a),
      refs: deliveryRefs(a),
    };
  });
}

const deliveryLabel = (d: DeliveryRecord) => (d.lot ? `${d.deliveryNo ?? d.orderNo} · lot ${d.lot}` : d.deliveryNo ?? `${d.orderNo}${d.line ? ` / ${d.line}` : ''} · ${d.receivedAt}`);

/** Defective parts of a delivery: rejected at receipt or at incoming inspection, whichever is more. */
export function defectiveQty(d: DeliveryRecord, inspections: readonly InspectionRecord[]): number {
  const inspected = inspections.reduce((s, i) => s + i.rejectedQty, 0);
  return Math.min(d.receivedQty, Math.max(d.rejectedQty, inspected));
}

/** A lot is accepted when its last incoming inspection accepted it; without one, when nothing was rejected at receipt. */
export function lotAccepted(d: DeliveryRecord, inspections: readonly InspectionRecord[]): boolean {
  const last = inspections[inspections.length - 1];
  if (last) return last.decision === 'accepted';
  return d.rejectedQty === 0;
}

function deliveryFacts(d: DeliveryRecord, inspections: readonly InspectionRecord[]) {
  return {
    orderNo: d.orderNo,
    line: d.line,
    lot: d.lot,
    receivedAt: d.receivedAt,
    receivedQty: d.receivedQty,
    rejectedQty: d.rejectedQty,
    inspectedQty: inspections.reduce((s, i) => s + i.inspectedQty, 0) || null,
    inspectionRejectedQty: inspections.length ? inspections.reduce((s, i) => s + i.rejectedQty, 0) : null,
    inspection: inspections.length ? inspections[inspections.length - 1]!.decision : null,
  };
}

function deliveryRecords(p: Prepared, kind: 'ppm' | 'lots'): KpiRecord[] {
  return p.data.deliveries
    .filter((d) => inScope(d.receivedAt, p.scope))
    .map((d) => {
      const ins = p.inspectionsByDelivery.get(d.id) ?? [];
      const refs = ins.map((i) => ({ source: 'inspection' as const, id: i.id }));
      if (kind === 'ppm') {
        const defective = defectiveQty(d, ins);
        return {
          source: 'delivery' as const,
          id: d.id,
          label: deliveryLabel(d),
          date: d.receivedAt,
          outcome: defective > 0 ? 'defects' : 'no_defects',
          numerator: defective,
          denominator: d.receivedQty,
          facts: { ...deliveryFacts(d, ins), defectiveQty: defective },
          refs,
        };
      }
      const ok = lotAccepted(d, ins);
      return {
        source: 'delivery' as const,
        id: d.id,
        label: deliveryLabel(d),
        date: d.receivedAt,
        outcome: ok ? 'accepted' : 'rejected',
        numerator: ok ? 1 : 0,
        denominator: 1,
        facts: { ...deliveryFacts(d, ins), decidedBy: ins.length ? 'inspection' : 'receipt' },
        refs,
      };
    });
}

function fpyRecords(p: Prepared): KpiRecord[] {
  return p.data.production
    .filter((r) => inScope(dateOf(r.periodStart), p.scope) && r.goodOutput + r.scrap > 0)
    .map((r) => ({
      source: 'production_log' as const,
      id: r.id,
      label: `${dateOf(r.periodStart)}`,
      date: dateOf(r.periodStart),
      outcome: r.scrap === 0 ? 'no_scrap' : 'scrap',
      numerator: r.goodOutput,
      denominator: r.goodOutput + r.scrap,
      facts: { goodOutput: r.goodOutput, scrap: r.scrap },
    }));
}

function leadTimeRecords(p: Prepared, quotedDays: number): KpiRecord[] {
  const out: KpiRecord[] = [];
  for (const a of p.lines) {
    const lt = assessLeadTime(a, quotedDays, p.scope.asOf);
    const date = lt.expectedBy ?? a.due;
    if (!inScope(date, p.scope)) continue;
    const counted = lt.outcome === 'within' || lt.outcome === 'exceeded';
    out.push({
      source: 'order_line',
      id: a.line.id,
      label: lineLabel(a),
      date,
      outcome: lt.outcome,
      numerator: lt.outcome === 'within' ? 1 : 0,
      denominator: counted ? 1 : 0,
      facts: { item: a.line.item, orderedAt: a.line.orderedAt, quotedDays, expectedBy: lt.expectedBy, completedAt: lt.completedAt, actualDays: lt.actualDays },
      refs: deliveryRefs(a),
    });
  }
  return out;
}

function responseRecords(p: Prepared, target: number): KpiRecord[] {
  return p.data.inquiries
    .filter((q) => inScope(dateOf(q.askedAt), p.scope) && q.askedAt.slice(0, 10) <= p.scope.asOf)
    .map((q) => {
      const answered = q.answeredAt !== null && dateOf(q.answeredAt) <= p.scope.asOf;
      const days = q.businessDays;
      const overdue = !answered && days !== null && days > target;
      const counted = (answered && days !== null) || overdue;
      return {
        source: 'inquiry' as const,
        id: q.id,
        label: dateOf(q.askedAt),
        date: dateOf(q.askedAt),
        outcome: answered ? 'answered' : overdue ? 'unanswered_overdue' : 'unanswered',
        numerator: 0,
        denominator: counted ? 1 : 0,
        ...(counted ? { sample: Math.round(days! * 100) / 100 } : {}),
        facts: { askedAt: q.askedAt, answeredAt: answered ? q.answeredAt : null, businessDays: days === null ? null : Math.round(days * 100) / 100 },
      };
    });
}

function capaRecords(p: Prepared): KpiRecord[] {
  return (p.data.correctiveActions ?? [])
    .filter((c) => inScope(dateOf(c.dueAt), p.scope))
    .map((c) => {
      const closed = c.closedAt !== null && dateOf(c.closedAt) <= p.scope.asOf;
      const onTime = closed && c.closedAt! <= c.dueAt;
      const overdue = !closed && c.dueAt < `${p.scope.asOf}T23:59:59.999Z`;
      const counted = closed || overdue;
      return {
        source: 'corrective_action' as const,
        id: c.id,
        label: dateOf(c.dueAt),
        date: dateOf(c.dueAt),
        outcome: closed ? (onTime ? 'closed_on_time' : 'closed_late') : overdue ? 'open_overdue' : 'open_on_track',
        numerator: onTime ? 1 : 0,
        denominator: counted ? 1 : 0,
        facts: { dueAt: c.dueAt, closedAt: closed ? c.closedAt : null },
      };
    });
}

/** Consecutive intervals of `every` days from the pilot start; an interval counts once it has ended. */
function cadenceRecords(p: Prepared, every: number): KpiRecord[] {
  const out: KpiRecord[] = [];
  const updates = p.data.progressUpdates.map((u) => ({ id: u.id, date: dateOf(u.sentAt) })).sort((a, b) => (a.date < b.date ? -1 : 1));
  const last = p.scope.to < p.scope.asOf ? p.scope.to : p.scope.asOf;
  for (let k = 0; k < 1000; k++) {
    const start = addDays(p.scope.from, k * every);
    const end = addDays(start, every - 1);
    if (start > last) break;
    const complete = end < p.scope.asOf && end <= p.scope.to;
    const inside = updates.filter((u) => u.date >= start && u.date <= end && u.date <= p.scope.asOf);
    if (!complete && inside.length === 0) continue;
    out.push({
      source: 'cadence_interval',
      id: `${start}/${end}`,
      label: `${start} – ${end}`,
      date: end > last ? last : end,
      outcome: inside.length > 0 ? 'kept' : 'missed',
      numerator: inside.length > 0 ? 1 : 0,
      denominator: inside.length > 0 || complete ? 1 : 0,
      facts: { from: start, to: end, updates: inside.length, everyDays: every },
      refs: inside.map((u) => ({ source: 'progress_update' as const, id: u.id })),
    });
  }
  return out;
}

/**
 * The contributions of one catalogue KPI inside the scope, or why it cannot be computed at all (a source that does
 * not exist, no agreed cadence, no quoted lead time).
 */
export function catalogueRecords(key: CatalogueKey, p: Prepared, params: KpiParams, target: number): KpiRecord[] | NoData {
  switch (key) {
    case 'otd':
      return otdRecords(p, params.basis ?? 'line', false);
    case 'otif':
      return otdRecords(p, params.basis ?? 'line', true);
    case 'defect_ppm':
      return deliveryRecords(p, 'ppm');
    case 'lot_acceptance':
      return deliveryRecords(p, 'lots');
    case 'first_pass_yield':
      return fpyRecords(p);
    case 'lead_time_adherence': {
      const days = params.leadTimeDays ?? p.data.quotedLeadTimeDays;
      if (days === null || days === undefined || !(days > 0)) return { code: 'no_lead_time', params: {} };
      return leadTimeRecords(p, days);
    }
    case 'response_time':
      return responseRecords(p, target);
    case 'capa_on_time':
      if (p.data.correctiveActions === null) return { code: 'source_missing', params: { source: 'corrective_actions' } };
      return capaRecords(p);
    case 'update_cadence':
      if (p.data.cadenceDays === null || !(p.data.cadenceDays > 0)) return { code: 'no_cadence', params: {} };
      return cadenceRecords(p, Math.round(p.data.cadenceDays));
  }
}
