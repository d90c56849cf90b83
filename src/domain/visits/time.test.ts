import { describe, expect, it } from 'vitest';
import { utcOffsetLabel, utcToZonedLocal, zonedLocalToUtc } from '../time/zones.js';
import { formatZoned, formatZonedRange } from './time.js';

describe('zonedLocalToUtc / utcToZonedLocal', () => {
  it.each([
    { local: '2026-05-12T09:00', tz: 'Asia/Shanghai', utc: '2026-05-12T01:00:00.000Z', back: '2026-05-12T09:00' },
    { local: '2026-01-05T00:30', tz: 'Asia/Shanghai', utc: '2026-01-04T16:30:00.000Z', back: '2026-01-05T00:30' },
    { local: '2026-07-01T08:00', tz: 'Europe/Berlin', utc: '2026-07-01T06:00:00.000Z', back: '2026-07-01T08:00' },
    { local: '2026-12-01T08:00', tz: 'Europe/Berlin', utc: '2026-12-01T07:00:00.000Z', back: '2026-12-01T08:00' },
    // Spring forward in Berlin (29 Mar 2026, 02:00 → 03:00): 02:30 does not exist and moves forward by the gap.
    { local: '2026-03-29T02:30', tz: 'Europe/Berlin', utc: '2026-03-29T01:30:00.000Z', back: '2026-03-29T03:30' },
    // Fall back (25 Oct 2026, 03:00 → 02:00): 02:30 happens twice; the earlier instant is taken.
    { local: '2026-10-25T02:30', tz: 'Europe/Berlin', utc: '2026-10-25T00:30:00.000Z', back: '2026-10-25T02:30' },
    { local: '2026-03-08T09:00', tz: 'America/Chicago', utc: '2026-03-08T14:00:00.000Z', back: '2026-03-08T09:00' },
    { local: '2026-06-15T10:00', tz: 'Asia/Kolkata', utc: '2026-06-15T04:30:00.000Z', back: '2026-06-15T10:00' },
    { local: '2026-02-28T23:59', tz: 'UTC', utc: '2026-02-28T23:59:00.000Z', back: '2026-02-28T23:59' },
  ])('$local in $tz = $utc', ({ local, tz, utc, back }) => {
    expect(zonedLocalToUtc(local, tz)).toBe(utc);
    expect(utcToZonedLocal(utc, tz)).toBe(back);
  });

  it('refuses what is not a local date-time', () => {
    expect(() => zonedLocalToUtc('2026-05-12 09:00', 'UTC')).toThrow(RangeError);
  });

  it.each([
    { iso: '2026-05-12T01:00:00.000Z', tz: 'Asia/Shanghai', label: 'UTC+08:00', text: 'Tue 12 May 2026, 09:00 (Asia/Shanghai, UTC+08:00)' },
    { iso: '2026-05-12T01:00:00.000Z', tz: 'America/Chicago', label: 'UTC−05:00', text: 'Mon 11 May 2026, 20:00 (America/Chicago, UTC−05:00)' },
    { iso: '2026-05-12T01:00:00.000Z', tz: 'UTC', label: 'UTC', text: 'Tue 12 May 2026, 01:00 (UTC, UTC)' },
  ])('formats $iso in $tz for paper', ({ iso, tz, label, text }) => {
    expect(utcOffsetLabel(iso, tz)).toBe(label);
    expect(formatZoned(iso, tz)).toBe(text);
  });
});

describe('formatZonedRange', () => {
  it.each([
    { start: '2026-11-17T07:00:00.000Z', end: '2026-11-17T08:30:00.000Z', tz: 'Asia/Shanghai', text: 'Tue 17 Nov 2026, 15:00 – 16:30 (Asia/Shanghai, UTC+08:00)' },
    { start: '2026-12-16T00:30:00.000Z', end: '2026-12-17T07:00:00.000Z', tz: 'Asia/Shanghai', text: 'Wed 16 Dec 2026, 08:30 – Thu 17 Dec 2026, 15:00 (Asia/Shanghai, UTC+08:00)' },
    // Across the end of summer time in Berlin (25 Oct 2026).
    { start: '2026-10-24T07:00:00.000Z', end: '2026-10-26T16:00:00.000Z', tz: 'Europe/Berlin', text: 'Sat 24 Oct 2026, 09:00 – Mon 26 Oct 2026, 17:00 (Europe/Berlin, UTC+02:00 / UTC+01:00)' },
  ])('$text', ({ start, end, tz, text }) => {
    expect(formatZonedRange(start, end, tz)).toBe(text);
  });
});
