// Order lines held against their deliveries: on time (within the window around the due date), in full, within the
// quoted lead time. Pure. The KPI catalogue counts these assessments; the records view shows them one by one.
//
// Definitions (say which, as the standards ask):
// - Due date: the confirmed date, else the requested date.
// - On-time window: from `before` days before to `after` days after the due date, inclusive (the customer's window,
//   typically −0/+3). A delivery before the window is early, after it late — neither is on time.
// - OTD per line: the line's first delivery falls inside the window. A line with nothing delivered counts as late
//   once its window has closed; before that it is pending and not counted.
// - In full: the accepted quantity (received − rejected at receipt) delivered inside the window reaches the ordered
//   quantity. OTIF = on time and in full.
// - Lead time: the day the received quantity reached the ordered quantity, against order date + quoted lead time.
import { addDays, daysBetween } from './periods.js';
import type { DeliveryRecord, OrderLineRecord } from './records.js';

export interface DeliveryWindow {
  /** Days a delivery may come before the due date and still be on time (the "−0" of −0/+3). */
  before: number;
  /** Days it may come after (the "+3"). */
  after: number;
}

export const DEFAULT_WINDOW: DeliveryWindow = { before: 0, after: 3 };

/** "-0,+3" or "-1,+2" (also "0,3"): the on-time window of the CLI and the API. */
export function parseWindow(text: string): DeliveryWindow | null {
  const m = /^\s*-?\s*(\d{1,3})\s*,\s*\+?\s*(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  return { before: Number(m[1]), after: Number(m[2]) };
}

export function formatWindow(w: DeliveryWindow): string {
  return `-${w.before}/+${w.after}`;
}

export type LineTiming = 'on_time' | 'early' | 'late' | 'not_delivered' | 'pending';

export interface LineAssessment {
  line: OrderLineRecord;
  due: string;
  dueSource: 'confirmed' | 'requested';
  windowStart: string;
  windowEnd: string;
  /** The deliveries matched to the line, by date. */
  deliveries: DeliveryRecord[];
  firstDeliveryAt: string | null;
  /** Days of the first delivery after the due date (negative: early); null when nothing was delivered. */
  daysLate: number | null;
  timing: LineTiming;
  receivedQty: number;
  acceptedQty: number;
  receivedInWindow: number;
  acceptedInWindow: number;
  /** Null while it cannot be told yet (on time so far, window still open, not complete). */
  inFull: boolean | null;
  /** OTIF: null while pending. */
  onTimeInFull: boolean | null;
  /** The day the received quantity reached the ordered quantity; null while short. */
  completedAt: string | null;
}

function matchKey(orderNo: string, line: string): string {
  return `${orderNo.trim().toLowerCase()}\u0000${line.trim().toLowerCase()}`;
}

/** Which order line each delivery delivers; deliveries matching none are returned apart. */
export function matchDeliveries(lines: readonly OrderLineRecord[], deliveries: readonly DeliveryRecord[]) {
  const byKey = new Map<string, OrderLineRecord>();
  const byOrder = new Map<string, OrderLineRecord[]>();
  for (const l of lines) {
    byKey.set(matchKey(l.orderNo, l.line), l);
    const k = l.orderNo.trim().toLowerCase();
    byOrder.set(k, [...(byOrder.get(k) ?? []), l]);
  }
  const perLine = new Map<string, DeliveryRecord[]>();
  const unmatched: DeliveryRecord[] = [];
  for (const d of deliveries) {
    let target: OrderLineRecord | undefined;
    if (d.line !== null && d.line.trim() !== '') target = byKey.get(matchKey(d.orderNo, d.line));
    else {
      const ofOrder = byOrder.get(d.orderNo.trim().toLowerCase()) ?? [];
      if (ofOrder.length === 1) target = ofOrder[0];
      else if (d.item) {
        const same = ofOrder.filter((l) => l.item.trim().toLowerCase() === d.item!.trim().toLowerCase());
        if (same.length === 1) target = same[0];
      }
    }
    if (!target) {
      unmatched.push(d);
      continue;
    }
    const list = perLine.get(target.id);
    if (list) list.push(d);
    else perLine.set(target.id, [d]);
  }
  return { perLine, unmatched };
}

export function assessLine(line: OrderLineRecord, deliveries: readonly DeliveryRecord[], window: DeliveryWindow, asOf: string): LineAssessment {
  const due = line.confirmedDate ?? line.requestedDate;
  const windowStart = addDays(due, -window.before);
  const windowEnd = addDays(due, window.after);
  // Deliveries after the as-of date have not happened yet for this view (a frozen review looks back).
  const ds = deliveries.filter((d) => d.receivedAt <= asOf).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : 1));
  const first = ds[0]?.receivedAt ?? null;
  const windowClosed = windowEnd < asOf;
  let timing: LineTiming;
  if (first === null) timing = windowClosed ? 'not_delivered' : 'pending';
  else if (first < windowStart) timing = 'early';
  else if (first > windowEnd) timing = 'late';
  else timing = 'on_time';
  let receivedQty = 0;
  let acceptedQty = 0;
  let receivedInWindow = 0;
  let acceptedInWindow = 0;
  let completedAt: string | null = null;
  for (const d of ds) {
    receivedQty += d.receivedQty;
    const accepted = Math.max(0, d.receivedQty - d.rejectedQty);
    acceptedQty += accepted;
    if (d.receivedAt >= windowStart && d.receivedAt <= windowEnd) {
      receivedInWindow += d.receivedQty;
      acceptedInWindow += accepted;
    }
    if (completedAt === null && receivedQty >= line.orderedQty) completedAt = d.receivedAt;
  }
  const full = acceptedInWindow >= line.orderedQty;
  const inFull = full ? true : windowClosed || timing === 'early' ? false : null;
  let onTimeInFull: boolean | null;
  if (timing === 'pending') onTimeInFull = null;
  else if (timing !== 'on_time') onTimeInFull = false;
  else onTimeInFull = inFull;
  return {
    line,
    due,
    dueSource: line.confirmedDate ? 'confirmed' : 'requested',
    windowStart,
    windowEnd,
    deliveries: ds,
    firstDeliveryAt: first,
    daysLate: first === null ? null : daysBetween(due, first),
    timing,
    receivedQty,
    acceptedQty,
    receivedInWindow,
    acceptedInWindow,
    inFull,
    onTimeInFull,
    completedAt,
  };
}

export function assessLines(lines: readonly OrderLineRecord[], deliveries: readonly DeliveryRecord[], window: DeliveryWindow, asOf: string) {
  const { perLine, unmatched } = matchDeliveries(lines, deliveries);
  return { lines: lines.map((l) => assessLine(l, perLine.get(l.id) ?? [], window, asOf)), unmatched };
}

export type LeadTimeOutcome = 'within' | 'exceeded' | 'pending' | 'no_order_date';

export interface LeadTimeAssessment {
  line: OrderLineRecord;
  expectedBy: string | null;
  completedAt: string | null;
  outcome: LeadTimeOutcome;
  /** Days from order to completion; null while short. */
  actualDays: number | null;
}

/** Lead-time adherence of one line: the ordered quantity received within order date + quoted lead time. */
export function assessLeadTime(a: LineAssessment, quotedDays: number, asOf: string): LeadTimeAssessment {
  const orderedAt = a.line.orderedAt;
  if (!orderedAt) return { line: a.line, expectedBy: null, completedAt: a.completedAt, outcome: 'no_order_date', actualDays: null };
  const expectedBy = addDays(orderedAt, Math.round(quotedDays));
  const actualDays = a.completedAt ? daysBetween(orderedAt, a.completedAt) : null;
  let outcome: LeadTimeOutcome;
  if (a.completedAt !== null) outcome = a.completedAt <= expectedBy ? 'within' : 'exceeded';
  else outcome = expectedBy < asOf ? 'exceeded' : 'pending';
  return { line: a.line, expectedBy, completedAt: a.completedAt, outcome, actualDays };
}
