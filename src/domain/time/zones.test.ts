import { describe, expect, it } from 'vitest';
import { isTimeZone, localDate, localDayNumber, localDayTimeToUtcMs, zonedIso, zoneOffsetMs } from './zones.js';

describe('zoneOffsetMs', () => {
  it.each([
    ['Europe/Berlin winter', 'Europe/Berlin', '2024-01-15T12:00:00Z', 1],
    ['Europe/Berlin summer', 'Europe/Berlin', '2024-07-15T12:00:00Z', 2],
    ['Asia/Shanghai winter', 'Asia/Shanghai', '2024-01-15T12:00:00Z', 8],
    ['Asia/Shanghai summer', 'Asia/Shanghai', '2024-07-15T12:00:00Z', 8],
    ['America/New_York summer', 'America/New_York', '2024-07-15T12:00:00Z', -4],
    ['Asia/Kolkata', 'Asia/Kolkata', '2024-07-15T12:00:00Z', 5.5],
    ['America/St_Johns winter', 'America/St_Johns', '2024-01-15T12:00:00Z', -3.5],
    ['UTC', 'UTC', '2024-07-15T12:00:00Z', 0],
  ])('%s', (_name, tz, iso, hours) => {
    expect(zoneOffsetMs(Date.parse(iso), tz)).toBe(hours * 3_600_000);
  });

  it('refuses a zone the platform does not know', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(() => zoneOffsetMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('local dates and times', () => {
  it('a date typed in the user zone is that day there', () => {
    expect(zonedIso('2026-11-20', '09:30', 'Asia/Shanghai')).toBe('2026-11-20T01:30:00.000Z');
    expect(zonedIso('2026-11-20', '00:00', 'America/Los_Angeles')).toBe('2026-11-20T08:00:00.000Z');
  });

  it('the local date of an instant', () => {
    // 23:30 UTC on 31 December is already 1 January in Shanghai, still 31 December in New York.
    expect(localDate('2026-12-31T23:30:00Z', 'Asia/Shanghai')).toBe('2027-01-01');
    expect(localDate(Date.parse('2026-12-31T23:30:00Z'), 'America/New_York')).toBe('2026-12-31');
  });

  it('opening hours of a local day across a DST change', () => {
    const day = localDayNumber(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    // 09:00 on the day summer time starts is 07:00 UTC; midnight that day was still winter time.
    expect(new Date(localDayTimeToUtcMs(day, 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(new Date(localDayTimeToUtcMs(day, 0, 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});

describe('localDayTimeToUtcMs (remembered per zone)', () => {
  it('answers the same instant again, and each zone its own', () => {
    const day = Math.floor(Date.parse('2026-03-29T00:00:00Z') / 86_400_000);
    for (let round = 0; round < 2; round++) {
      expect(new Date(localDayTimeToUtcMs(day, 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
      expect(new Date(localDayTimeToUtcMs(day, 9 * 60, 'Asia/Shanghai')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(new Date(localDayTimeToUtcMs(day, 24 * 60, 'Asia/Shanghai')).toISOString()).toBe('2026-03-29T16:00:00.000Z');
      expect(() => localDayTimeToUtcMs(day, 9 * 60, 'Mars/Olympus')).toThrow(RangeError);
    }
  });
});
