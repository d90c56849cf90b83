import { describe, expect, it } from 'vitest';
import { addDays, addMonths, bucket, dateOfDay, dayNumber, isoWeek, monthsBetween, periodOf, periodsCovering } from './periods.js';

describe('periodOf', () => {
  const cases: [string, 'week' | 'month', string, string, string][] = [
    ['2026-03-15', 'month', '2026-03', '2026-03-01', '2026-03-31'],
    ['2024-02-10', 'month', '2024-02', '2024-02-01', '2024-02-29'],
    ['2026-03-15T23:30:00.000Z', 'month', '2026-03', '2026-03-01', '2026-03-31'],
    ['2026-03-31T23:59:59-02:00', 'month', '2026-04', '2026-04-01', '2026-04-30'], // UTC date is 1 April
    // ISO weeks: Monday to Sunday; the year is the year of the week's Thursday.
    ['2026-01-01', 'week', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2027-01-01', 'week', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2021-01-03', 'week', '2020-W53', '2020-12-28', '2021-01-03'],
    ['2026-03-02', 'week', '2026-W10', '2026-03-02', '2026-03-08'],
    ['2026-03-08', 'week', '2026-W10', '2026-03-02', '2026-03-08'],
    ['2024-12-30', 'week', '2025-W01', '2024-12-30', '2025-01-05'],
  ];
  it.each(cases)('%s by %s → %s (%s … %s)', (date, unit, key, start, end) => {
    expect(periodOf(date, unit)).toEqual({ key, unit, start, end });
  });
});

describe('periodsCovering', () => {
  it('lists every month from the first to the last, empty ones included', () => {
    expect(periodsCovering('2026-01-20', '2026-04-02', 'month').map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });
  it('lists ISO weeks across a year end', () => {
    expect(periodsCovering('2026-12-20', '2027-01-06', 'week').map((p) => p.key)).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
  });
  it('is empty when the end is before the start', () => {
    expect(periodsCovering('2026-02-01', '2026-01-01', 'month')).toEqual([]);
  });
});

describe('bucket', () => {
  it('groups by the period of each date', () => {
    const groups = bucket(['2026-03-01', '2026-03-31', '2026-04-01'], (d) => d, 'month');
    expect([...groups]).toEqual([
      ['2026-03', ['2026-03-01', '2026-03-31']],
      ['2026-04', ['2026-04-01']],
    ]);
  });
});

describe('calendar months', () => {
  const adds: [string, number, string][] = [
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ];
  it.each(adds)('%s + %s months = %s', (d, n, expected) => expect(addMonths(d, n)).toBe(expected));

  const lengths: [string, string, number][] = [
    ['2026-01-03', '2026-04-03', 3],
    ['2026-02-01', '2026-05-01', 3], // 89 days, still three calendar months
    ['2026-01-01', '2026-04-16', 3.5],
    ['2026-01-01', '2026-07-01', 6],
    ['2026-01-01', '2026-07-20', 6.6],
    ['2026-01-10', '2026-03-25', 2.5],
  ];
  it.each(lengths)('%s → %s is %s months', (a, b, months) => expect(monthsBetween(a, b)).toBe(months));

  it('numbers ISO weeks with their Monday', () => {
    expect(isoWeek('2026-03-04')).toEqual({ year: 2026, week: 10, monday: '2026-03-02' });
  });
});

describe('day numbers and dates (remembered)', () => {
  it('are the computed ones, the first time and again', () => {
    for (let round = 0; round < 2; round++) {
      for (let day = 19_000; day < 21_000; day += 7) {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(dateOfDay(day)).toBe(date);
        expect(dayNumber(date)).toBe(day);
        expect(addDays(date, 3)).toBe(new Date((day + 3) * 86_400_000).toISOString().slice(0, 10));
      }
      expect(dayNumber('2026-03-15T23:30:00.000Z')).toBe(dayNumber('2026-03-15'));
      expect(dayNumber('2026-02-32')).toBeNaN();
    }
  });
});
