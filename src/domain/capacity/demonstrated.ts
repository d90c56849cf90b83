// Demonstrated capacity from production logs (DESIGN.md "Continuous verification": observed capacity from
// production logs against the claim).
//
// Method:
//   rate      = good output ÷ planned hours, for each log record that has planned time;
//   R         = the p-th percentile (default 90th) of those rates over all records;
//   H         = planned hours per claim period (calendar month, ISO week or production day) — given, or from the
//               logs: for each line (site + line) the median of its planned hours per period over the periods in
//               which it has logs, summed over lines;
//   capacity  = R × H per period, the claim's own basis (a claim per week is compared per week, not converted).
// Percentile: linear interpolation between order statistics, Hyndman & Fan (1996) type 7 — the default of
// R's quantile(), NumPy's percentile(method='linear') and Excel's PERCENTILE.INC: with the n values sorted
// x[0] ≤ … ≤ x[n−1] and h = (n − 1)·p, the result is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
// A log belongs to the month (week, day) in which its period starts: in the site's time zone when given, else UTC.
// Weeks are ISO weeks (Monday to Sunday). A day counts only when it has logs, so "per day" is per production day.
// The table (byPeriod) and the series stay monthly; the series' values are on the claim's basis.
// Cost: one pass to group, then sorts — O(n log n) overall (O(w·n log n) for the rolling series of w months).
import { wallClockMs } from '../time/zones.js';
import { CAPACITY_PERIODS, CapacityInputError, clean, formatNumber, requireFinite, type CapacityPeriod } from './types.js';

export interface ProductionLogRow {
  site: string;
  line: string;
  periodStart: Date;
  periodEnd: Date;
  plannedMinutes: number;
  downtimeMinutes: number;
  goodOutput: number;
  scrap: number;
}

export interface DemonstratedCapacityOptions {
  /** The claim's period (default month): the demonstrated capacity is per this period. */
  claimPeriod?: CapacityPeriod;
  /** Planned hours per claim period for the whole scope; when omitted it is derived from the logs (see method). */
  plannedHoursPerPeriod?: number;
  /** Percentile of the per-record rates, 0..1; default 0.9. */
  percentile?: number;
  /** Months in the trailing window of each point of `series`; default 3. */
  windowMonths?: number;
  /**
   * IANA time zone of the site: a log belongs to the local calendar month its period starts in. Without it, UTC —
   * which puts a Chinese plant's 07:00 first shift of the month into the previous month.
   */
  timeZone?: string;
}

export interface DemonstratedPeriodRow {
  /** Calendar month, YYYY-MM (UTC). */
  period: string;
  site: string;
  line: string;
  logs: number;
  goodOutput: number;
  scrap: number;
  plannedHours: number;
  downtimeHours: number;
  /** Run time ÷ planned time = (planned − downtime) ÷ planned; null without planned time. */
  utilisation: number | null;
  /** Good ÷ (good + scrap); null when nothing was produced. */
  yield: number | null;
  /** Good output ÷ planned hours for the month and line; null without planned time. */
  goodPerPlannedHour: number | null;
}

export interface DemonstratedSeriesPoint {
  period: string;
  /** Demonstrated capacity per claim period from the trailing window of months ending here; null without a rated log. */
  demonstrated: number | null;
  ratePerPlannedHour: number | null;
  plannedHoursPerPeriod: number | null;
  /** Log records with planned time in the window. */
  logs: number;
}

export interface DemonstratedCapacity {
  method: string;
  claimPeriod: CapacityPeriod;
  percentile: number;
  ratePerPlannedHour: number;
  /** Planned hours per claim period (H). */
  plannedHoursPerPeriod: number;
  /** Planned hours per calendar month from the logs (the monthly table's basis); null without planned time. */
  plannedHoursPerMonth: number | null;
  plannedHoursSource: 'given' | 'logs';
  /** Demonstrated capacity per claim period. */
  value: number;
  logCount: number;
  /** Records with planned time, from which the rates come. */
  ratedLogCount: number;
  /** Lines seen, as "site / line". */
  lines: string[];
  byPeriod: DemonstratedPeriodRow[];
  series: DemonstratedSeriesPoint[];
}

/** Type-7 percentile of values already sorted ascending; p in [0, 1]. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError('percentile must be between 0 and 1');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Type-7 percentile (linear interpolation); does not modify `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = Float64Array.from(values).sort();
  return percentileSorted(sorted, p);
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function monthKey(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Logs of one line in one claim period (month, ISO week or day), for the planned-hours basis. */
interface PeriodHours {
  /** The month the period's first log belongs to: what the series' trailing windows select by. */
  month: number;
  site: string;
  line: string;
  plannedMin: number;
}

const DAY_MS = 86_400_000;

/** Index of the claim period a local instant (ms, local clock as UTC) falls in. */
function periodIndex(period: CapacityPeriod, localMs: number, month: number): number {
  if (period === 'month') return month;
  const day = Math.floor(localMs / DAY_MS);
  // 1970-01-01 was a Thursday: shifting by 3 days starts weeks on Monday (ISO 8601).
  return period === 'day' ? day : Math.floor((day + 3) / 7);
}

interface Group {
  month: number;
  site: string;
  line: string;
  logs: number;
  good: number;
  scrap: number;
  plannedMin: number;
  downMin: number;
}

/** Validates a row; returns its local start (ms, local clock read as UTC) and its month index. */
function checkRow(row: ProductionLogRow, i: number, timeZone?: string): { localMs: number; month: number } {
  const f = (name: string): string => `logs[${i}].${name}`;
  if (row === null || typeof row !== 'object') throw new CapacityInputError(`logs[${i}]`, `logs[${i}] must be an object`);
  if (typeof row.site !== 'string' || row.site.length === 0) throw new CapacityInputError(f('site'), `${f('site')} must be a non-empty string`);
  if (typeof row.line !== 'string' || row.line.length === 0) throw new CapacityInputError(f('line'), `${f('line')} must be a non-empty string`);
  const start = row.periodStart instanceof Date ? row.periodStart.getTime() : NaN;
  const end = row.periodEnd instanceof Date ? row.periodEnd.getTime() : NaN;
  if (Number.isNaN(start)) throw new CapacityInputError(f('periodStart'), `${f('periodStart')} must be a valid Date`);
  if (Number.isNaN(end)) throw new CapacityInputError(f('periodEnd'), `${f('periodEnd')} must be a valid Date`);
  if (end <= start) throw new CapacityInputError(f('periodEnd'), `${f('periodEnd')} must be after periodStart`);
  for (const k of ['plannedMinutes', 'downtimeMinutes', 'goodOutput', 'scrap'] as const) {
    const v = requireFinite(f(k), row[k]);
    if (v < 0) throw new CapacityInputError(f(k), `${f(k)} must not be negative`);
  }
  if (row.downtimeMinutes > row.plannedMinutes) {
    throw new CapacityInputError(f('downtimeMinutes'), `${f('downtimeMinutes')} must not exceed plannedMinutes`);
  }
  const localMs = timeZone ? wallClockMs(start, timeZone) : start;
  const d = new Date(localMs);
  return { localMs, month: d.getUTCFullYear() * 12 + d.getUTCMonth() };
}

/** Median planned hours per period and line over the periods selected, summed over lines; null without planned time. */
function plannedHoursBasis(groups: Iterable<{ month: number; site: string; line: string; plannedMin: number }>, inWindow: (month: number) => boolean): number | null {
  const perLine = new Map<string, number[]>();
  for (const g of groups) {
    if (!inWindow(g.month)) continue;
    const key = `${g.site}\u0000${g.line}`;
    let list = perLine.get(key);
    if (list === undefined) perLine.set(key, (list = []));
    list.push(g.plannedMin / 60);
  }
  if (perLine.size === 0) return null;
  let total = 0;
  for (const hours of perLine.values()) total += median(hours);
  return total > 0 ? total : null;
}

export function demonstratedCapacity(
  logs: readonly ProductionLogRow[],
  options: DemonstratedCapacityOptions = {},
): DemonstratedCapacity {
  const claimPeriod = options.claimPeriod ?? 'month';
  if (!(CAPACITY_PERIODS as readonly string[]).includes(claimPeriod)) throw new CapacityInputError('claimPeriod', `claimPeriod must be one of ${CAPACITY_PERIODS.join(', ')}`);
  const p = options.percentile ?? 0.9;
  requireFinite('percentile', p);
  if (p < 0 || p > 1) throw new CapacityInputError('percentile', 'percentile must be between 0 and 1 (0.9 = 90th)');
  const windowMonths = options.windowMonths ?? 3;
  if (!Number.isInteger(windowMonths) || windowMonths < 1) {
    throw new CapacityInputError('windowMonths', 'windowMonths must be a whole number of at least 1');
  }
  let givenHours: number | undefined;
  if (options.plannedHoursPerPeriod !== undefined) {
    givenHours = requireFinite('plannedHoursPerPeriod', options.plannedHoursPerPeriod);
    if (givenHours <= 0) throw new CapacityInputError('plannedHoursPerPeriod', 'plannedHoursPerPeriod must be greater than 0');
  }
  if (!Array.isArray(logs) || logs.length === 0) throw new CapacityInputError('logs', 'at least one production log is needed');

  // One pass: validate, group by month × line and by claim period × line, collect per-record rates by month.
  const groups = new Map<string, Group>();
  const periods = new Map<string, PeriodHours>();
  const ratesByMonth = new Map<number, number[]>();
  const allRates = new Float64Array(logs.length);
  let rated = 0;
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let i = 0; i < logs.length; i++) {
    const row = logs[i];
    const { localMs, month } = checkRow(row, i, options.timeZone);
    if (month < minMonth) minMonth = month;
    if (month > maxMonth) maxMonth = month;
    const key = `${month}\u0000${row.site}\u0000${row.line}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { month, site: row.site, line: row.line, logs: 0, good: 0, scrap: 0, plannedMin: 0, downMin: 0 };
      groups.set(key, g);
    }
    if (claimPeriod !== 'month') {
      const pKey = `${periodIndex(claimPeriod, localMs, month)}\u0000${row.site}\u0000${row.line}`;
      let ph = periods.get(pKey);
      if (ph === undefined) periods.set(pKey, (ph = { month, site: row.site, line: row.line, plannedMin: 0 }));
      ph.plannedMin += row.plannedMinutes;
    }
    g.logs++;
    g.good += row.goodOutput;
    g.scrap += row.scrap;
    g.plannedMin += row.plannedMinutes;
    g.downMin += row.downtimeMinutes;
    if (row.plannedMinutes > 0) {
      const rate = row.goodOutput / (row.plannedMinutes / 60);
      allRates[rated++] = rate;
      let list = ratesByMonth.get(month);
      if (list === undefined) ratesByMonth.set(month, (list = []));
      list.push(rate);
    }
  }
  if (rated === 0) throw new CapacityInputError('logs', 'no production log has planned time, so no rate can be computed');

  const sortedRates = allRates.subarray(0, rated).sort();
  const ratePerPlannedHour = clean(percentileSorted(sortedRates, p));
  // For a monthly claim the periods are the month groups themselves.
  const periodGroups = (): Iterable<{ month: number; site: string; line: string; plannedMin: number }> => (claimPeriod === 'month' ? groups.values() : periods.values());
  const monthlyHours = plannedHoursBasis(groups.values(), () => true);
  const derivedHours = claimPeriod === 'month' ? monthlyHours : plannedHoursBasis(periodGroups(), () => true);
  const plannedHoursPerPeriod = clean(givenHours ?? derivedHours ?? 0);
  const value = clean(ratePerPlannedHour * plannedHoursPerPeriod);

  const byPeriod: DemonstratedPeriodRow[] = [...groups.values()]
    .sort((a, b) => a.month - b.month || cmp(a.site, b.site) || cmp(a.line, b.line))
    .map((g) => {
      const plannedHours = g.plannedMin / 60;
      const produced = g.good + g.scrap;
      return {
        period: monthKey(g.month),
        site: g.site,
        line: g.line,
        logs: g.logs,
        goodOutput: g.good,
        scrap: g.scrap,
        plannedHours: clean(plannedHours),
        downtimeHours: clean(g.downMin / 60),
        utilisation: g.plannedMin > 0 ? clean((g.plannedMin - g.downMin) / g.plannedMin) : null,
        yield: produced > 0 ? clean(g.good / produced) : null,
        goodPerPlannedHour: g.plannedMin > 0 ? clean(g.good / plannedHours) : null,
      };
    });

  const series: DemonstratedSeriesPoint[] = [];
  for (let m = minMonth; m <= maxMonth; m++) {
    const from = m - windowMonths + 1;
    const windowRates: number[] = [];
    for (let k = from; k <= m; k++) {
      const list = ratesByMonth.get(k);
      if (list !== undefined) for (const r of list) windowRates.push(r);
    }
    const hours = givenHours ?? plannedHoursBasis(periodGroups(), (month) => month >= from && month <= m);
    if (windowRates.length === 0 || hours === null) {
      series.push({ period: monthKey(m), demonstrated: null, ratePerPlannedHour: null, plannedHoursPerPeriod: hours === null ? null : clean(hours), logs: windowRates.length });
      continue;
    }
    const rate = clean(percentile(windowRates, p));
    series.push({
      period: monthKey(m),
      demonstrated: clean(rate * hours),
      ratePerPlannedHour: rate,
      plannedHoursPerPeriod: clean(hours),
      logs: windowRates.length,
    });
  }

  const lines = [...new Set([...groups.values()].map((g) => `${g.site} / ${g.line}`))].sort(cmp);
  const pct = formatNumber(p * 100, 1);
  const per = PERIOD_WORDS[claimPeriod];
  const hoursText =
    givenHours !== undefined
      ? `${formatNumber(plannedHoursPerPeriod)} planned hours per ${per.one} (as given)`
      : `${formatNumber(plannedHoursPerPeriod)} planned hours per ${per.one} (for each of ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}, ` +
        `the median of its planned hours per ${per.each} over the ${per.many} it has logs, summed over lines)`;
  const method =
    `Demonstrated capacity = the ${ordinal(pct)} percentile of good output per planned hour over ${formatNumber(rated)} ` +
    `log ${rated === 1 ? 'record' : 'records'} (${formatNumber(ratePerPlannedHour)} per planned hour; linear interpolation ` +
    `between order statistics, Hyndman & Fan type 7, as R quantile() and Excel PERCENTILE.INC) × ${hoursText} = ` +
    `${formatNumber(value)} per ${per.one}. The series uses a trailing window of ${windowMonths} ` +
    `${windowMonths === 1 ? 'month' : 'months'}.`;

  return {
    method,
    claimPeriod,
    percentile: p,
    ratePerPlannedHour,
    plannedHoursPerPeriod,
    plannedHoursPerMonth: monthlyHours === null ? null : clean(monthlyHours),
    plannedHoursSource: givenHours !== undefined ? 'given' : 'logs',
    value,
    logCount: logs.length,
    ratedLogCount: rated,
    lines,
    byPeriod,
    series,
  };
}

const PERIOD_WORDS: Record<CapacityPeriod, { one: string; each: string; many: string }> = {
  month: { one: 'month', each: 'calendar month', many: 'months' },
  week: { one: 'week', each: 'ISO week (Monday to Sunday)', many: 'weeks' },
  day: { one: 'production day', each: 'day', many: 'days' },
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordinal(n: string): string {
  if (n.includes('.')) return `${n}th`;
  const v = Number(n);
  const t = v % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][v % 10] ?? 'th'}`;
}
