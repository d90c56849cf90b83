import { describe, expect, it } from 'vitest';
import {
  businessDays,
  businessHoursBetween,
  businessHoursPerDay,
  inquiryResponseStats,
  quantile,
  type BusinessCalendar,
  type InquiryTiming,
} from './response-times.js';

const berlin: BusinessCalendar = { timeZone: 'Europe/Berlin' };
const shanghai: BusinessCalendar = { timeZone: 'Asia/Shanghai' };
const d = (iso: string) => new Date(iso);

describe('businessHoursBetween', () => {
  const cases: { name: string; start: string; end: string; cal: BusinessCalendar; hours: number }[] = [
    { name: 'same morning', start: '2025-06-02T08:00:00Z', end: '2025-06-02T10:30:00Z', cal: berlin, hours: 2.5 },
    { name: 'asked before opening', start: '2025-06-02T04:00:00Z', end: '2025-06-02T08:00:00Z', cal: berlin, hours: 1 },
    { name: 'asked after closing, answered next morning', start: '2025-06-02T17:00:00Z', end: '2025-06-03T08:00:00Z', cal: berlin, hours: 1 },
    { name: 'one full working day', start: '2025-06-02T07:00:00Z', end: '2025-06-02T16:00:00Z', cal: berlin, hours: 9 },
    { name: 'whole week Monday to Monday', start: '2025-06-02T07:00:00Z', end: '2025-06-09T07:00:00Z', cal: berlin, hours: 45 },
    // Friday 17:00 → Monday 10:00 local: 1 h Friday + 1 h Monday, the weekend does not count.
    { name: 'across a weekend (Berlin, CEST)', start: '2025-06-06T15:00:00Z', end: '2025-06-09T08:00:00Z', cal: berlin, hours: 2 },
    { name: 'entirely on a weekend', start: '2025-06-07T08:00:00Z', end: '2025-06-08T16:00:00Z', cal: berlin, hours: 0 },
    // DST starts Sun 31 Mar 2024 in Berlin: Fri 17:00 CET (16:00Z) → Mon 10:00 CEST (08:00Z).
    { name: 'weekend with spring DST change (Berlin)', start: '2024-03-29T16:00:00Z', end: '2024-04-01T08:00:00Z', cal: berlin, hours: 2 },
    // DST ends Sun 27 Oct 2024: Fri 17:00 CEST (15:00Z) → Mon 10:00 CET (09:00Z).
    { name: 'weekend with autumn DST change (Berlin)', start: '2024-10-25T15:00:00Z', end: '2024-10-28T09:00:00Z', cal: berlin, hours: 2 },
    // Shanghai has no DST: the same European DST weekend changes nothing (UTC+8 throughout).
    { name: 'European DST weekend in Shanghai', start: '2024-03-29T09:00:00Z', end: '2024-04-01T02:00:00Z', cal: shanghai, hours: 2 },
    { name: 'Shanghai working day in UTC terms', start: '2025-06-02T01:00:00Z', end: '2025-06-02T10:00:00Z', cal: shanghai, hours: 9 },
    // Round the clock on the 23-hour and 25-hour days.
    {
      name: 'spring-forward day has 23 hours',
      start: '2024-03-30T23:00:00Z',
      end: '2024-03-31T22:00:00Z',
      cal: { timeZone: 'Europe/Berlin', workdays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
      hours: 23,
    },
    {
      name: 'fall-back day has 25 hours',
      start: '2024-10-26T22:00:00Z',
      end: '2024-10-27T23:00:00Z',
      cal: { timeZone: 'Europe/Berlin', workdays: [0, 1, 2, 3, 4, 5, 6], dayStart: '00:00', dayEnd: '24:00' },
      hours: 25,
    },
    // National Day 2024: 1–7 Oct holidays, Sunday 29 Sep and Saturday 12 Oct worked.
    {
      name: 'Shanghai holidays and adjusted working weekend',
      start: '2024-09-28T01:00:00Z', // Saturday (not worked)
      end: '2024-10-08T10:00:00Z', // Tuesday after the holidays, 18:00 local
      cal: {
        timeZone: 'Asia/Shanghai',
        holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
        extraWorkdays: ['2024-09-29', '2024-10-12'],
      },
      hours: 9 * 3, // Sun 29 Sep, Mon 30 Sep, Tue 8 Oct
    },
    { name: 'end before start', start: '2025-06-03T08:00:00Z', end: '2025-06-02T08:00:00Z', cal: berlin, hours: 0 },
    {
      name: 'custom opening hours',
      start: '2025-06-02T00:00:00Z',
      end: '2025-06-03T00:00:00Z',
      cal: { timeZone: 'America/New_York', dayStart: '08:30', dayEnd: '17:00' },
      hours: 8.5,
    },
  ];
  it.each(cases)('$name → $hours h', ({ start, end, cal, hours }) => {
    expect(businessHoursBetween(d(start), d(end), cal)).toBeCloseTo(hours, 9);
  });

  it('refuses an unknown time zone and malformed hours', () => {
    expect(() => businessHoursBetween(d('2025-06-02T00:00:00Z'), d('2025-06-03T00:00:00Z'), { timeZone: 'Mars/Olympus' })).toThrow(
      RangeError,
    );
    expect(() => businessHoursPerDay({ timeZone: 'UTC', dayStart: '9am' })).toThrow(/HH:MM/);
    expect(() => businessHoursPerDay({ timeZone: 'UTC', dayStart: '18:00', dayEnd: '09:00' })).toThrow(/after/);
  });
});

describe('businessDays', () => {
  it.each([
    [18, undefined, 2],
    [4.5, undefined, 0.5],
    [16, { timeZone: 'UTC', dayStart: '08:00', dayEnd: '16:00' }, 2],
  ] as const)('%s h → %s days', (hours, cal, days) => {
    expect(businessDays(hours, cal)).toBe(days);
  });
});

describe('quantile', () => {
  it.each([
    [[], 0.5, null],
    [[3], 0.5, 3],
    [[1, 2, 3], 0.5, 2],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
  ] as const)('%j q=%s → %s', (values, q, expected) => {
    const v = quantile(values, q);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 9);
  });
});

describe('inquiryResponseStats', () => {
  const inq = (hours: number | null, answered = true): InquiryTiming => ({
    askedAt: d('2025-05-01T08:00:00Z'),
    answeredAt: answered ? d('2025-05-02T08:00:00Z') : null,
    responseBusinessHours: hours,
  });
  const now = d('2025-06-02T10:00:00Z');

  it.each([
    { name: 'no inquiries', list: [], opts: {}, expected: { count: 0, answered: 0, unanswered: 0, median: null, p90: null } },
    {
      name: 'three answered',
      list: [inq(9), inq(18), inq(4.5)],
      opts: {},
      expected: { count: 3, answered: 3, unanswered: 0, median: 1, p90: 1.8 },
    },
    {
      name: 'unanswered without a calendar is only counted',
      list: [inq(9), inq(null, false)],
      opts: {},
      expected: { count: 2, answered: 1, unanswered: 1, median: 1, p90: 1 },
    },
    {
      name: 'answered without a measured duration and no calendar is not a sample',
      list: [inq(9), inq(null)],
      opts: {},
      expected: { count: 2, answered: 2, unanswered: 0, median: 1, p90: 1 },
    },
  ])('$name', ({ list, opts, expected }) => {
    const s = inquiryResponseStats(list, opts);
    expect({ count: s.count, answered: s.answered, unanswered: s.unanswered }).toEqual({
      count: expected.count,
      answered: expected.answered,
      unanswered: expected.unanswered,
    });
    if (expected.median === null) expect(s.medianBusinessDays).toBeNull();
    else expect(s.medianBusinessDays).toBeCloseTo(expected.median, 9);
    if (expected.p90 === null) expect(s.p90BusinessDays).toBeNull();
    else expect(s.p90BusinessDays).toBeCloseTo(expected.p90, 9);
  });

  it('computes missing durations in the responder calendar', () => {
    // Asked Friday 17:00 Shanghai, answered Monday 10:00 Shanghai → 2 business hours.
    const s = inquiryResponseStats(
      [{ askedAt: d('2025-05-30T09:00:00Z'), answeredAt: d('2025-06-02T02:00:00Z'), responseBusinessHours: null }],
      { calendar: shanghai },
    );
    expect(s.medianBusinessDays).toBeCloseTo(2 / 9, 9);
  });

  it('counts overdue unanswered inquiries with their age, so silence cannot improve the median', () => {
    const asked = d('2025-05-19T01:00:00Z'); // Monday 09:00 Shanghai, 10 business days before now
    const s = inquiryResponseStats(
      [inq(9), inq(9), { askedAt: asked, answeredAt: null }, { askedAt: d('2025-06-02T01:00:00Z'), answeredAt: null }],
      { calendar: shanghai, now, overdueAfterBusinessDays: 2 },
    );
    expect(s.overdue).toBe(1);
    expect(s.samples).toBe(3);
    expect(s.sampleBusinessDays[2]).toBeCloseTo(10 + 9 / 9, 9); // 10 full days + Monday 09:00–18:00
    expect(s.medianBusinessDays).toBe(1);
  });
});
