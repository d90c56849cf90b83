import { describe, expect, it } from 'vitest';
import { progressCadence } from './cadence.js';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const d = (n: number) => new Date(T0 + n * 86_400_000);
const days = (dates: Date[]) => dates.map((x) => Math.round((x.getTime() - T0) / 86_400_000));

describe('progressCadence (weekly)', () => {
  it.each<[string, number[], number, number[], number, boolean, number, number | null]>([
    // name, updates (days after since), now (days), missed (days), kept, overdue, next due (days), last update
    ['nothing expected yet', [], 3, [], 0, false, 7, null],
    ['exactly at the first due time: not missed', [], 7, [], 0, false, 7, null],
    ['first update missed', [], 8, [7], 0, true, 14, null],
    ['two periods missed', [], 15, [7, 14], 0, true, 21, null],
    ['updates each week', [6, 12, 19], 20, [], 3, false, 26, 19],
    ['an update restarts the period', [3], 9, [], 1, false, 10, 3],
    ['missed, then caught up', [10], 12, [7], 1, false, 17, 10],
    ['missed after the last update', [2, 5], 13, [12], 2, true, 19, 5],
    ['an update exactly at the due time is kept', [7], 8, [], 1, false, 14, 7],
    ['updates before the start or in the future are ignored', [-3, 30], 5, [], 0, false, 7, null],
  ])('%s', (_name, updates, now, missed, kept, overdue, next, last) => {
    const s = progressCadence({ everyDays: 7, since: d(0), updates: updates.map(d), now: d(now) });
    expect(days(s.missed)).toEqual(missed);
    expect(s.kept).toBe(kept);
    expect(s.overdue).toBe(overdue);
    expect(days([s.nextDueAt])).toEqual([next]);
    expect(s.lastUpdateAt === null ? null : days([s.lastUpdateAt])[0]).toBe(last);
  });

  it('reads updates in any order', () => {
    const s = progressCadence({ everyDays: 7, since: d(0), updates: [d(12), d(6)], now: d(13) });
    expect(s.kept).toBe(2);
    expect(s.missed).toEqual([]);
  });

  it('refuses a cadence of zero days', () => {
    expect(() => progressCadence({ everyDays: 0, since: d(0), updates: [], now: d(1) })).toThrow(RangeError);
  });
});
