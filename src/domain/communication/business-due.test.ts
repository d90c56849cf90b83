import { describe, expect, it } from 'vitest';
import { addBusinessDays } from './business-due.js';
import { businessHoursBetween } from './response-times.js';

const SHANGHAI = { timeZone: 'Asia/Shanghai' };

describe('addBusinessDays (09:00–18:00, Monday–Friday, Asia/Shanghai)', () => {
  it.each([
    // asked (UTC), business days, due (UTC)
    ['Monday 10:00 local', '2026-03-02T02:00:00.000Z', 2, '2026-03-04T02:00:00.000Z'],
    ['Friday 10:00 local: over the weekend', '2026-03-06T02:00:00.000Z', 2, '2026-03-10T02:00:00.000Z'],
    ['Saturday: counting starts Monday 09:00', '2026-03-07T04:00:00.000Z', 1, '2026-03-09T10:00:00.000Z'],
    ['Monday 20:00 local, after hours', '2026-03-02T12:00:00.000Z', 0.5, '2026-03-03T05:30:00.000Z'],
    ['zero days', '2026-03-02T12:00:00.000Z', 0, '2026-03-02T12:00:00.000Z'],
  ])('%s + %s', (_n, asked, days, due) => {
    const at = addBusinessDays(new Date(asked), days as number, SHANGHAI);
    expect(at.toISOString()).toBe(due);
    expect(businessHoursBetween(new Date(asked), at, SHANGHAI)).toBeCloseTo((days as number) * 9, 6);
  });

  it('skips holidays of the calendar', () => {
    const at = addBusinessDays(new Date('2026-03-02T02:00:00Z'), 1, { ...SHANGHAI, holidays: ['2026-03-03'] });
    expect(at.toISOString()).toBe('2026-03-04T02:00:00.000Z');
  });

  it('refuses a negative count', () => {
    expect(() => addBusinessDays(new Date(), -1, SHANGHAI)).toThrow(RangeError);
  });
});
