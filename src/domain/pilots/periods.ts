// Calendar days and the periods KPIs are bucketed into (ISO weeks, calendar months). Pure.
//
// Order and delivery dates are calendar dates ("2026-03-02"): a due date is a day, not an instant, and a receipt
// posted on the 2nd is on the 2nd wherever the server runs. Instants (messages, production logs) are bucketed by
// their UTC date.

export const PERIOD_UNITS = ['week', 'month'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface Period {
  /** "2026-03" for a month, "2026-W09" for an ISO week. */
  key: string;
  unit: PeriodUnit;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

// A portfolio computes the same few hundred dates hundreds of thousands of times (every order line's window, every
// cadence interval of a thousand pilots): dates and their day numbers are remembered, in tables that start over
// when full. The values are those computed; only the parsing and formatting is saved.
const MEMO_MAX = 50_000;
const dayOfDate = new Map<string, number>();
const dateOfDayNumber = new Map<number, string>();

/** Days since 1970-01-01 of a date, or of an instant's UTC date. */
export function dayNumber(dateOrInstant: string): number {
  if (dateOrInstant.length !== 10) return Math.floor(Date.parse(dateOrInstant) / DAY_MS);
  let day = dayOfDate.get(dateOrInstant);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${dateOrInstant}T00:00:00Z`) / DAY_MS);
    if (dayOfDate.size >= MEMO_MAX) dayOfDate.clear();
    dayOfDate.set(dateOrInstant, day);
  }
  return day;
}

export function dateOfDay(day: number): string {
  let date = dateOfDayNumber.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateOfDayNumber.size >= MEMO_MAX) dateOfDayNumber.clear();
    dateOfDayNumber.set(day, date);
  }
  return date;
}

/** The UTC date of an instant (or the date itself). */
export function dateOf(dateOrInstant: string | Date): string {
  if (dateOrInstant instanceof Date) return dateOrInstant.toISOString().slice(0, 10);
  return dateOrInstant.length === 10 ? dateOrInstant : new Date(dateOrInstant).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** Calendar months later; the day is clamped to the month's end (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(d, daysInMonth(year, month0));
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Length in calendar months, to one decimal: whole months from `from`, plus the rest in days over the length of the
 * month that follows (1 January → 15 April is 3.5).
 */
export function monthsBetween(from: string, to: string): number {
  if (to < from) return -monthsBetween(to, from);
  let whole = 0;
  while (whole < 1200 && addMonths(from, whole + 1) <= to) whole++;
  const base = addMonths(from, whole);
  const rest = daysBetween(base, to) / Math.max(1, daysBetween(base, addMonths(from, whole + 1)));
  return Math.round((whole + rest) * 10) / 10;
}

/** ISO 8601 week of a date: the week (Monday to Sunday) and its year (the year of its Thursday). */
export function isoWeek(date: string): { year: number; week: number; monday: string } {
  const day = dayNumber(date);
  const weekday = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = day - weekday;
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = dayNumber(`${year}-01-01`);
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return { year, week, monday: dateOfDay(monday) };
}

export function periodOf(dateOrInstant: string, unit: PeriodUnit): Period {
  const date = dateOf(dateOrInstant);
  if (unit === 'month') {
    const start = `${date.slice(0, 7)}-01`;
    return { key: date.slice(0, 7), unit, start, end: addDays(addMonths(start, 1), -1) };
  }
  const w = isoWeek(date);
  return { key: `${w.year}-W${String(w.week).padStart(2, '0')}`, unit, start: w.monday, end: addDays(w.monday, 6) };
}

/** The periods from the one holding `from` to the one holding `to`, in order (at most 520 of them). */
export function periodsCovering(from: string, to: string, unit: PeriodUnit): Period[] {
  const out: Period[] = [];
  if (to < from) return out;
  let p = periodOf(from, unit);
  const last = periodOf(to, unit).key;
  while (out.length < 520) {
    out.push(p);
    if (p.key === last) break;
    p = periodOf(addDays(p.end, 1), unit);
  }
  return out;
}

/** Groups items by the period of their date. */
export function bucket<T>(items: readonly T[], dateOfItem: (item: T) => string, unit: PeriodUnit): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = periodOf(dateOfItem(item), unit).key;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
