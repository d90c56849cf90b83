import { describe, expect, it } from 'vitest';
import { SIGNAL_LIST_LIMIT, signalList } from './signal-list.js';

describe('signalList', () => {
  it('lists no point of a rule that did not fire', () => {
    expect(signalList([])).toEqual({ points: [], count: 0, ranges: [], rangeCount: 0, truncated: false });
  });

  it('lists a small signal whole: every point, and its runs of consecutive points', () => {
    expect(signalList([3, 7, 8, 9, 12, 14, 15])).toEqual({
      points: [3, 7, 8, 9, 12, 14, 15],
      count: 7,
      ranges: [
        [3, 3],
        [7, 9],
        [12, 12],
        [14, 15],
      ],
      rangeCount: 4,
      truncated: false,
    });
  });

  it('lists the first points of a long signal, its count, and every run while the runs fit', () => {
    // A shift from point 500 to the end of a million points: one run.
    const points = Array.from({ length: 999_500 }, (_, i) => 500 + i);
    const l = signalList(points);
    expect(l.count).toBe(999_500);
    expect(l.points).toEqual(points.slice(0, SIGNAL_LIST_LIMIT));
    expect(l.ranges).toEqual([[500, 999_999]]);
    expect(l.rangeCount).toBe(1);
    expect(l.truncated).toBe(true);
  });

  it('caps the runs as well when a signal is scattered, and lists everything when asked', () => {
    const points = Array.from({ length: 3000 }, (_, i) => i * 3);
    const capped = signalList(points, 1000);
    expect(capped).toMatchObject({ count: 3000, rangeCount: 3000, truncated: true });
    expect(capped.points).toHaveLength(1000);
    expect(capped.ranges).toHaveLength(1000);
    expect(capped.ranges[999]).toEqual([2997, 2997]);
    const all = signalList(points, Infinity);
    expect(all).toMatchObject({ count: 3000, rangeCount: 3000, truncated: false });
    expect(all.points).toEqual(points);
    expect(all.ranges.map(([a, b]) => b - a + 1).reduce((x, y) => x + y, 0)).toBe(3000);
  });

  it('a list exactly at the limit is whole', () => {
    const points = Array.from({ length: 10 }, (_, i) => i * 2);
    expect(signalList(points, 10)).toMatchObject({ count: 10, rangeCount: 10, truncated: false, points });
  });
});
