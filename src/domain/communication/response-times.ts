// Business-hours aware response times (DESIGN.md: "technical inquiries answered (median response time)").
// Time is measured in the responder's time zone and working calendar; zone conversions go through
// domain/time/zones.ts (the platform's time-zone database), so DST changes are handled there. Pure: no I/O.
import { isTimeZone, localDayNumber, localDayTimeToUtcMs } from '../time/zones.js';

export interface BusinessCalendar {
  /** IANA time zone of the responder, e.g. "Asia/Shanghai". */
  timeZone: string;
  /** Working weekdays, 0 = Sunday … 6 = Saturday. Default Monday–Friday. */
  workdays?: readonly number[];
  /** Local opening time "HH:MM" (default "09:00"). */
  dayStart?: string;
  /** Local closing time "HH:MM", "24:00" allowed (default "18:00"). */
  dayEnd?: string;
  /** Local dates "YYYY-MM-DD" that are not worked even on a workday. */
  holidays?: readonly string[];
  /** Local dates "YYYY-MM-DD" worked even though not a workday (e.g. China's adjusted working weekends). */
  extraWorkdays?: readonly string[];
}

export const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];
export const DEFAULT_DAY_START = '09:00';
export const DEFAULT_DAY_END = '18:00';
/** Business hours per day of the default calendar (09:00–18:00). */
export const DEFAULT_BUSINESS_HOURS_PER_DAY = 9;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

function parseClock(value: string, name: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`${name} must be "HH:MM", got "${value}"`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) throw new RangeError(`${name} is not a time of day: "${value}"`);
  return h * 60 + min;
}

interface ResolvedCalendar {
  timeZone: string;
  workdays: ReadonlySet<number>;
  startMinute: number;
  endMinute: number;
  holidays: ReadonlySet<string>;
  extraWorkdays: ReadonlySet<string>;
}

function resolve(calendar: BusinessCalendar): ResolvedCalendar {
  const startMinute = parseClock(calendar.dayStart ?? DEFAULT_DAY_START, 'dayStart');
  const endMinute = parseClock(calendar.dayEnd ?? DEFAULT_DAY_END, 'dayEnd');
  if (endMinute <= startMinute) throw new RangeError('dayEnd must be after dayStart');
  if (!isTimeZone(calendar.timeZone)) throw new RangeError(`unknown time zone: ${calendar.timeZone}`);
  return {
    timeZone: calendar.timeZone,
    workdays: new Set(calendar.workdays ?? DEFAULT_WORKDAYS),
    startMinute,
    endMinute,
    holidays: new Set(calendar.holidays ?? []),
    extraWorkdays: new Set(calendar.extraWorkdays ?? []),
  };
}

/** Business hours in one full working day of the calendar (e.g. 9 for 09:00–18:00). */
export function businessHoursPerDay(calendar?: BusinessCalendar): number {
  if (!calendar) return DEFAULT_BUSINESS_HOURS_PER_DAY;
  const r = resolve(calendar);
  return (r.endMinute - r.startMinute) / 60;
}

function isoDate(civilDay: number): string {
  return new Date(civilDay * MS_PER_DAY).toISOString().slice(0, 10);
}

function isWorkingDay(civilDay: number, cal: ResolvedCalendar): boolean {
  const date = isoDate(civilDay);
  if (cal.extraWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  return cal.workdays.has(new Date(civilDay * MS_PER_DAY).getUTCDay());
}

/**
 * Business hours elapsed between two instants in the given calendar: the overlap of [start, end] with each
 * working day's opening hours, in local time of `calendar.timeZone`. 0 when end ≤ start.
 */
export function businessHoursBetween(start: Date, end: Date, calendar: BusinessCalendar): number {
  const cal = resolve(calendar);
  const s = start.getTime();
  const e = end.getTime();
  if (!(e > s)) return 0;
  const firstDay = localDayNumber(s, cal.timeZone);
  const lastDay = localDayNumber(e, cal.timeZone);
  let ms = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (!isWorkingDay(day, cal)) continue;
    const open = localDayTimeToUtcMs(day, cal.startMinute, cal.timeZone);
    const close = localDayTimeToUtcMs(day, cal.endMinute, cal.timeZone);
    const overlap = Math.min(close, e) - Math.max(open, s);
    if (overlap > 0) ms += overlap;
  }
  return ms / MS_PER_HOUR;
}

/** Business hours expressed in business days of the calendar. */
export function businessDays(hours: number, calendar?: BusinessCalendar): number {
  return hours / businessHoursPerDay(calendar);
}

// ---------------------------------------------------------------------------------------------------------------
// Inquiry statistics

export interface InquiryTiming {
  id?: string;
  askedAt: Date;
  answeredAt: Date | null;
  /** Measured by the caller; when null and the calendar is given, it is computed from askedAt/answeredAt. */
  responseBusinessHours?: number | null;
}

export interface ResponseStatsOptions {
  /** The responder's calendar; needed to compute missing durations and the age of open inquiries. */
  calendar?: BusinessCalendar;
  /** "Now", to age unanswered inquiries. */
  now?: Date;
  /**
   * An unanswered inquiry older than this (in business days) is overdue and counts in the median and p90 with
   * its age so far, so that leaving inquiries unanswered cannot improve the statistics.
   */
  overdueAfterBusinessDays?: number;
}

export interface InquiryResponseStats {
  count: number;
  answered: number;
  unanswered: number;
  /** Unanswered inquiries older than `overdueAfterBusinessDays`; they are part of the samples. */
  overdue: number;
  /** Number of durations the median and p90 are computed over (answered and measurable + overdue). */
  samples: number;
  medianBusinessDays: number | null;
  p90BusinessDays: number | null;
  /** The durations, in business days, in the order of the inquiries given. */
  sampleBusinessDays: number[];
}

/** Linear-interpolation quantile (q in 0..1) of ascending values; null for an empty list. */
export function quantile(sortedAscending: readonly number[], q: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sortedAscending[lo] + (sortedAscending[hi] - sortedAscending[lo]) * (pos - lo);
}

export function inquiryResponseStats(
  inquiries: readonly InquiryTiming[],
  options: ResponseStatsOptions = {},
): InquiryResponseStats {
  const { calendar, now, overdueAfterBusinessDays } = options;
  const perDay = businessHoursPerDay(calendar);
  let answered = 0;
  let overdue = 0;
  const samples: number[] = [];
  for (const inq of inquiries) {
    if (inq.answeredAt) {
      answered++;
      let hours = inq.responseBusinessHours ?? null;
      if (hours === null && calendar) hours = businessHoursBetween(inq.askedAt, inq.answeredAt, calendar);
      if (hours !== null) samples.push(hours / perDay);
    } else if (calendar && now && overdueAfterBusinessDays !== undefined) {
      const age = businessHoursBetween(inq.askedAt, now, calendar) / perDay;
      if (age > overdueAfterBusinessDays) {
        overdue++;
        samples.push(age);
      }
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: inquiries.length,
    answered,
    unanswered: inquiries.length - answered,
    overdue,
    samples: samples.length,
    medianBusinessDays: quantile(sorted, 0.5),
    p90BusinessDays: quantile(sorted, 0.9),
    sampleBusinessDays: samples,
  };
}
