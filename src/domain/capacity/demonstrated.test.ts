import { describe, expect, it } from 'vitest';
import {
  CapacityInputError,
  demonstratedCapacity,
  percentile,
  percentileSorted,
  type DemonstratedCapacityOptions,
  type ProductionLogRow,
} from './index.js';

// Percentile definition: Hyndman & Fan type 7 (linear interpolation), the default of R quantile(),
// NumPy percentile(method='linear') and Excel PERCENTILE.INC.
describe('percentile (type 7, linear interpolation)', () => {
  it.each([
    { values: [10, 7, 4, 3, 2, 1], p: 0.5, expected: 3.5, source: 'numpy.percentile docs example (a = [[10, 7, 4], [3, 2, 1]], q = 50)' },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.9, expected: 9.1, source: 'R quantile(1:10, 0.9), recomputed with NumPy 2.4' },
    { values: [1, 3, 2, 4], p: 0.3, expected: 1.9, source: 'Excel PERCENTILE.INC documentation example, recomputed with NumPy 2.4' },
    { values: [100, 110, 120, 130, 140, 150, 160, 170, 180, 190], p: 0.9, expected: 181, source: 'hand: h = 9 × 0.9 = 8.1 → 180 + 0.1 × 10' },
    { values: [42], p: 0.9, expected: 42, source: 'single value' },
    { values: [5, 1, 9], p: 0, expected: 1, source: 'p = 0 is the minimum' },
    { values: [5, 1, 9], p: 1, expected: 9, source: 'p = 1 is the maximum' },
    { values: [2, 4], p: 0.5, expected: 3, source: 'median of two is their mean' },
  ])('$values at $p → $expected ($source)', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 12);
  });

  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    percentile(v, 0.5);
    expect(v).toEqual([3, 1, 2]);
  });

  it.each([
    { values: [], p: 0.5 },
    { values: [1], p: 1.5 },
    { values: [1], p: -0.1 },
    { values: [1], p: Number.NaN },
  ])('rejects $values at $p', ({ values, p }) => {
    expect(() => percentileSorted(values, p)).toThrow(RangeError);
  });
});

const H = 3_600_000;
function log(site: string, line: string, start: string, plannedMinutes: number, goodOutput: number, extra: Partial<ProductionLogRow> = {}): ProductionLogRow {
  const periodStart = new Date(start);
  return {
    site,
    line,
    periodStart,
    periodEnd: new Date(periodStart.getTime() + 8 * H),
    plannedMinutes,
    downtimeMinutes: 0,
    goodOutput,
    scrap: 0,
    ...extra,
  };
}
function day(month: number, d: number): string {
  return `2025-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T06:00:00Z`;
}

// Two lines, three months, 8-hour shifts (480 planned minutes). Expected numbers recomputed with NumPy 2.4
// (np.percentile / np.median, default linear method) from the same rows.
//   line A: Jan 20 logs good 900+10i; Feb 22 logs good 950+5i; Mar 21 logs good 1000+4i  → 160/176/168 h, median 168
//   line B: Jan 10 logs good 500+20i; Feb 11 logs good 520+10i                          → 80/88 h, median 84
function twoLines(): ProductionLogRow[] {
  const rows: ProductionLogRow[] = [];
  for (let i = 0; i < 20; i++) rows.push(log('Ningbo', 'A', day(1, 1 + i), 480, 900 + 10 * i));
  for (let i = 0; i < 22; i++) rows.push(log('Ningbo', 'A', day(2, 1 + i), 480, 950 + 5 * i));
  for (let i = 0; i < 21; i++) rows.push(log('Ningbo', 'A', day(3, 1 + i), 480, 1000 + 4 * i));
  for (let i = 0; i < 10; i++) rows.push(log('Ningbo', 'B', day(1, 1 + i), 480, 500 + 20 * i));
  for (let i = 0; i < 11; i++) rows.push(log('Ningbo', 'B', day(2, 1 + i), 480, 520 + 10 * i));
  return rows;
}

describe('demonstratedCapacity', () => {
  it.each<{ name: string; logs: () => ProductionLogRow[]; options: DemonstratedCapacityOptions; rate: number; hours: number; value: number }>([
    {
      name: 'one line, one month, rates 100…190/h: p90 = 181 × 80 h',
      logs: () => Array.from({ length: 10 }, (_, i) => log('S', 'L1', day(4, 1 + i), 480, 8 * (100 + 10 * i))),
      options: {},
      rate: 181,
      hours: 80,
      value: 14_480,
    },
    {
      name: 'two lines, three months (NumPy): p90 132.5 × (168 + 84) h',
      logs: twoLines,
      options: {},
      rate: 132.5,
      hours: 252,
      value: 33_390,
    },
    {
      name: 'planned hours given (400 h) replace the derived basis',
      logs: twoLines,
      options: { plannedHoursPerPeriod: 400 },
      rate: 132.5,
      hours: 400,
      value: 53_000,
    },
    {
      name: 'median instead of p90 (NumPy np.percentile(rates, 50) = 125)',
      logs: twoLines,
      options: { percentile: 0.5 },
      rate: 125,
      hours: 252,
      value: 31_500,
    },
  ])('$name', ({ logs, options, rate, hours, value }) => {
    const r = demonstratedCapacity(logs(), options);
    expect(r.ratePerPlannedHour).toBeCloseTo(rate, 6);
    expect(r.plannedHoursPerPeriod).toBeCloseTo(hours, 6);
    expect(r.value).toBeCloseTo(value, 6);
    expect(r.claimPeriod).toBe('month');
    expect(r.plannedHoursSource).toBe(options.plannedHoursPerPeriod === undefined ? 'logs' : 'given');
  });

  it('states its method in a sentence', () => {
    const r = demonstratedCapacity(twoLines());
    expect(r.method).toBe(
      'Demonstrated capacity = the 90th percentile of good output per planned hour over 84 log records ' +
        '(132.5 per planned hour; linear interpolation between order statistics, Hyndman & Fan type 7, as R quantile() and ' +
        'Excel PERCENTILE.INC) × 252 planned hours per month (for each of 2 lines, the median of its planned hours per ' +
        'calendar month over the months it has logs, summed over lines) = 33,390 per month. ' +
        'The series uses a trailing window of 3 months.',
    );
    expect(r.lines).toEqual(['Ningbo / A', 'Ningbo / B']);
    expect(r.logCount).toBe(84);
    expect(r.ratedLogCount).toBe(84);
  });

  it('reports output, utilisation and yield per month and line', () => {
    const rows = [
      log('Ningbo', 'A', day(1, 2), 480, 950, { downtimeMinutes: 48, scrap: 50 }),
      log('Ningbo', 'A', day(1, 3), 480, 900, { downtimeMinutes: 0, scrap: 0 }),
      log('Ningbo', 'B', day(1, 2), 0, 0, { downtimeMinutes: 0 }),
      log('Ningbo', 'A', day(2, 2), 600, 1000, { downtimeMinutes: 120, scrap: 0 }),
    ];
    const r = demonstratedCapacity(rows);
    expect(r.byPeriod).toEqual([
      // Jan A: planned 16 h, downtime 0.8 h → utilisation 15.2 / 16 = 0.95; yield 1850 / 1900
      {
        period: '2025-01', site: 'Ningbo', line: 'A', logs: 2, goodOutput: 1850, scrap: 50,
        plannedHours: 16, downtimeHours: 0.8, utilisation: 0.95, yield: 0.973684, goodPerPlannedHour: 115.625,
      },
      // Jan B: a record with no planned time and no output
      {
        period: '2025-01', site: 'Ningbo', line: 'B', logs: 1, goodOutput: 0, scrap: 0,
        plannedHours: 0, downtimeHours: 0, utilisation: null, yield: null, goodPerPlannedHour: null,
      },
      // Feb A: planned 10 h, downtime 2 h → 0.8
      {
        period: '2025-02', site: 'Ningbo', line: 'A', logs: 1, goodOutput: 1000, scrap: 0,
        plannedHours: 10, downtimeHours: 2, utilisation: 0.8, yield: 1, goodPerPlannedHour: 100,
      },
    ]);
    expect(r.logCount).toBe(4);
    expect(r.ratedLogCount).toBe(3);
  });

  it('assigns a log to the UTC month its period starts in', () => {
    const rows = [
      { ...log('S', 'L', '2025-01-31T22:00:00Z', 480, 800) },
      log('S', 'L', '2025-02-01T06:00:00Z', 480, 800),
    ];
    const r = demonstratedCapacity(rows);
    expect(r.byPeriod.map((b) => b.period)).toEqual(['2025-01', '2025-02']);
  });

  it('gives a rolling series for the claimed-vs-demonstrated chart (trailing 3 months; NumPy)', () => {
    const r = demonstratedCapacity(twoLines());
    expect(r.series).toEqual([
      { period: '2025-01', demonstrated: 31_830, ratePerPlannedHour: 132.625, plannedHoursPerPeriod: 240, logs: 30 },
      { period: '2025-02', demonstrated: 33_043.5, ratePerPlannedHour: 131.125, plannedHoursPerPeriod: 252, logs: 63 },
      { period: '2025-03', demonstrated: 33_390, ratePerPlannedHour: 132.5, plannedHoursPerPeriod: 252, logs: 84 },
    ]);
  });

  it('with a one-month window each point stands alone (NumPy)', () => {
    const r = demonstratedCapacity(twoLines(), { windowMonths: 1 });
    expect(r.series.map((s) => [s.period, s.ratePerPlannedHour, s.plannedHoursPerPeriod, s.demonstrated])).toEqual([
      ['2025-01', 132.625, 240, 31_830],
      ['2025-02', 129.875, 264, 34_287],
      ['2025-03', 134, 168, 22_512],
    ]);
  });

  it('keeps months without logs in the series as gaps', () => {
    const rows = [log('S', 'L', day(1, 5), 480, 800), log('S', 'L', day(4, 5), 480, 960)];
    const r = demonstratedCapacity(rows, { windowMonths: 1 });
    expect(r.series.map((s) => [s.period, s.demonstrated])).toEqual([
      ['2025-01', 800],
      ['2025-02', null],
      ['2025-03', null],
      ['2025-04', 960],
    ]);
  });

  it.each<{ name: string; logs: () => unknown[]; options?: DemonstratedCapacityOptions; field: string }>([
    { name: 'no logs', logs: () => [], field: 'logs' },
    { name: 'no planned time anywhere', logs: () => [log('S', 'L', day(1, 1), 0, 0)], field: 'logs' },
    { name: 'downtime above planned', logs: () => [log('S', 'L', day(1, 1), 480, 800, { downtimeMinutes: 500 })], field: 'logs[0].downtimeMinutes' },
    { name: 'end before start', logs: () => [log('S', 'L', day(1, 1), 480, 800), log('S', 'L', day(1, 2), 480, 800, { periodEnd: new Date(day(1, 1)) })], field: 'logs[1].periodEnd' },
    { name: 'invalid date', logs: () => [log('S', 'L', day(1, 1), 480, 800, { periodStart: new Date('nope') })], field: 'logs[0].periodStart' },
    { name: 'negative scrap', logs: () => [log('S', 'L', day(1, 1), 480, 800, { scrap: -1 })], field: 'logs[0].scrap' },
    { name: 'output not a number', logs: () => [log('S', 'L', day(1, 1), 480, Number.NaN)], field: 'logs[0].goodOutput' },
    { name: 'empty line name', logs: () => [log('S', '', day(1, 1), 480, 800)], field: 'logs[0].line' },
    { name: 'percentile above 1', logs: () => [log('S', 'L', day(1, 1), 480, 800)], options: { percentile: 90 }, field: 'percentile' },
    { name: 'planned hours 0', logs: () => [log('S', 'L', day(1, 1), 480, 800)], options: { plannedHoursPerPeriod: 0 }, field: 'plannedHoursPerPeriod' },
    { name: 'window of 0 months', logs: () => [log('S', 'L', day(1, 1), 480, 800)], options: { windowMonths: 0 }, field: 'windowMonths' },
  ])('rejects $name (field $field)', ({ logs, options, field }) => {
    try {
      demonstratedCapacity(logs() as ProductionLogRow[], options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CapacityInputError);
      expect((e as CapacityInputError).field).toBe(field);
    }
  });

  it('handles 105,120 hourly logs (6 lines × 2 years) quickly and matches a direct computation', () => {
    const rows: ProductionLogRow[] = [];
    let seed = 12345;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const start = Date.UTC(2023, 0, 1);
    const lines = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'];
    for (let hour = 0; hour < 730 * 24; hour++) {
      const t = start + hour * H;
      for (const line of lines) {
        rows.push({
          site: 'Ningbo',
          line,
          periodStart: new Date(t),
          periodEnd: new Date(t + H),
          plannedMinutes: 60,
          downtimeMinutes: Math.floor(rand() * 10),
          goodOutput: Math.floor(60 + rand() * 40),
          scrap: Math.floor(rand() * 3),
        });
      }
    }
    expect(rows.length).toBe(105_120);
    const t0 = performance.now();
    const r = demonstratedCapacity(rows);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(3_000);

    const rates = rows.map((x) => x.goodOutput / (x.plannedMinutes / 60)).sort((a, b) => a - b);
    const h = (rates.length - 1) * 0.9;
    const lo = Math.floor(h);
    expect(r.ratePerPlannedHour).toBeCloseTo(rates[lo] + (h - lo) * (rates[lo + 1] - rates[lo]), 5);
    expect(r.ratedLogCount).toBe(105_120);
    expect(r.series.map((p) => p.period)).toHaveLength(24);
    expect(r.series[0].period).toBe('2023-01');
    expect(r.series[23].period).toBe('2024-12');
    expect(r.byPeriod).toHaveLength(24 * lines.length);
    // Each line plans 24 h a day. Of the 24 months, 14 have 31 days (744 h), 8 have 30, plus two Februaries,
    // so the median month — the mean of the 12th and 13th sorted values — is 744 h per line.
    expect(r.plannedHoursPerPeriod).toBe(744 * lines.length);
  });
});

describe('months in the site time zone', () => {
  it('puts a 07:00 Shanghai first shift of the month into that month, not the previous UTC month', () => {
    // 2026-05-01 07:00 +08:00 is 2026-04-30 23:00 UTC.
    const log = {
      site: 'Plant 1', line: 'L1', periodStart: new Date('2026-04-30T23:00:00Z'), periodEnd: new Date('2026-05-01T09:00:00Z'),
      plannedMinutes: 600, downtimeMinutes: 0, goodOutput: 1000, scrap: 0,
    };
    expect(demonstratedCapacity([log]).byPeriod[0].period).toBe('2026-04');
    expect(demonstratedCapacity([log], { timeZone: 'Asia/Shanghai' }).byPeriod[0].period).toBe('2026-05');
  });
});

describe('demonstrated capacity on the claim’s own period (week, production day)', () => {
  const DAY = 86_400_000;
  /** Monday 2025-01-06 to Sunday 2025-03-02 (8 ISO weeks), Monday to Saturday, one record a day per line. */
  function weeks(lines: Record<string, { minutes: number; rate: number }>, startUtcHour = 0): ProductionLogRow[] {
    const out: ProductionLogRow[] = [];
    for (let t = Date.UTC(2025, 0, 6); t < Date.UTC(2025, 2, 3); t += DAY) {
      if (new Date(t).getUTCDay() === 0) continue;
      for (const [line, { minutes, rate }] of Object.entries(lines)) {
        const start = new Date(t + startUtcHour * 3_600_000);
        out.push({ site: 'Plant 1', line, periodStart: start, periodEnd: new Date(start.getTime() + minutes * 60_000), plannedMinutes: minutes, downtimeMinutes: 30, goodOutput: (rate * minutes) / 60, scrap: 3 });
      }
    }
    return out;
  }

  it('a weekly claim: rate × median planned hours per ISO week, summed over lines', () => {
    // Line A: 6 × 20 h = 120 h a week at 40 an hour; line B: 6 × 10 h = 60 h at 40 an hour.
    const logs = weeks({ A: { minutes: 1200, rate: 40 }, B: { minutes: 600, rate: 40 } });
    const r = demonstratedCapacity(logs, { claimPeriod: 'week' });
    expect(r.claimPeriod).toBe('week');
    expect(r.ratePerPlannedHour).toBe(40);
    expect(r.plannedHoursPerPeriod).toBe(180);
    expect(r.value).toBe(7200);
    expect(r.method).toContain('7,200 per week');
    expect(r.method).toContain('ISO week (Monday to Sunday)');
    // The monthly basis is still reported, and the series is monthly with weekly values.
    expect(r.plannedHoursPerMonth).toBe(demonstratedCapacity(logs).plannedHoursPerPeriod);
    expect(r.series.map((s) => s.period)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(r.series[1]!.demonstrated).toBe(7200);
  });

  it('a daily claim: per production day (days without logs do not count)', () => {
    const r = demonstratedCapacity(weeks({ A: { minutes: 1200, rate: 40 } }), { claimPeriod: 'day' });
    expect(r.plannedHoursPerPeriod).toBe(20);
    expect(r.value).toBe(800);
    expect(r.method).toContain('800 per production day');
  });

  it('days are the plant’s local days: a 07:30 shift in Shanghai starts the day before in UTC', () => {
    // Two 10-hour records on Monday 2025-01-13 in Shanghai: 07:30 local is Sunday 23:30 UTC, 14:00 local is Monday.
    const rec = (iso: string): ProductionLogRow => ({ site: 'Plant 1', line: 'A', periodStart: new Date(iso), periodEnd: new Date(new Date(iso).getTime() + 600 * 60_000), plannedMinutes: 600, downtimeMinutes: 0, goodOutput: 300, scrap: 0 });
    const logs = [rec('2025-01-12T23:30:00Z'), rec('2025-01-13T06:00:00Z')];
    expect(demonstratedCapacity(logs, { claimPeriod: 'day', timeZone: 'Asia/Shanghai' }).plannedHoursPerPeriod).toBe(20);
    expect(demonstratedCapacity(logs, { claimPeriod: 'day' }).plannedHoursPerPeriod).toBe(10);
    // The same instants in weeks: Sunday 23:30 UTC closes the previous ISO week in UTC, opens Monday's in Shanghai.
    expect(demonstratedCapacity(logs, { claimPeriod: 'week', timeZone: 'Asia/Shanghai' }).plannedHoursPerPeriod).toBe(20);
    expect(demonstratedCapacity(logs, { claimPeriod: 'week' }).plannedHoursPerPeriod).toBe(10);
  });

  it('a monthly claim is unchanged by the new periods', () => {
    const logs = weeks({ A: { minutes: 1200, rate: 40 } });
    expect(demonstratedCapacity(logs, { claimPeriod: 'month' })).toEqual(demonstratedCapacity(logs));
  });

  it('refuses an unknown period', () => {
    expect(() => demonstratedCapacity(weeks({ A: { minutes: 600, rate: 30 } }), { claimPeriod: 'year' as never })).toThrow(CapacityInputError);
  });
});
