import { describe, expect, it } from 'vitest';
import { chartIndices } from './decimate.js';
import type { NelsonRule, NelsonSignal } from './nelson.js';

const wave = (n: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) + ((i * 7919) % 13) / 100);
const signal = (rule: NelsonRule, points: number[]): NelsonSignal => ({ rule, points });

/** The buckets chartIndices cuts a series of n into, for a budget that leaves `buckets` of them. */
const bucketOf = (i: number, n: number, buckets: number) => {
  for (let b = 0; b < buckets; b++) if (i < Math.floor(((b + 1) * n) / buckets)) return b;
  return buckets - 1;
};

describe('chartIndices', () => {
  it.each([
    { n: 1, max: 50 },
    { n: 50, max: 50 },
  ])('keeps every point of a series that fits ($n points, budget $max)', ({ n, max }) => {
    expect(chartIndices(wave(n), [], max)).toEqual({ indices: Array.from({ length: n }, (_, i) => i), allSignalsKept: true });
  });

  it('keeps the ends and every extreme, within the budget, ascending and without duplicates', () => {
    const x = wave(100_000);
    x[4321] = 99;
    x[77_777] = -99;
    x[12_345] = 98; // a second spike in another bucket
    const { indices } = chartIndices(x, [], 1000);
    expect(indices.length).toBeLessThanOrEqual(1000);
    expect(indices).toEqual(expect.arrayContaining([0, 99_999, 4321, 77_777, 12_345]));
    expect(indices).toEqual([...new Set(indices)].sort((a, b) => a - b));
  });

  it('draws the envelope: each bucket of the series keeps its minimum and maximum', () => {
    const x = wave(10_000);
    const { indices } = chartIndices(x, [], 202);
    const kept = new Set(indices);
    const buckets = 100; // (202 − 2) / 2
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor((b * x.length) / buckets);
      const to = Math.floor(((b + 1) * x.length) / buckets);
      const slice = Array.from(x.subarray(from, to));
      const keptValues = slice.filter((_, j) => kept.has(from + j));
      expect(Math.min(...keptValues)).toBe(Math.min(...slice));
      expect(Math.max(...keptValues)).toBe(Math.max(...slice));
    }
  });

  it('keeps every signalled point when they fit in half the budget', () => {
    const x = wave(200_000);
    const signals = [signal(1, [5, 150_000]), signal(2, Array.from({ length: 300 }, (_, k) => 1000 + k * 600))];
    const r = chartIndices(x, signals, 1000);
    expect(r.allSignalsKept).toBe(true);
    expect(r.indices.length).toBeLessThanOrEqual(1000);
    expect(r.indices).toEqual(expect.arrayContaining([...signals[0]!.points, ...signals[1]!.points]));
  });

  it('with more signalled points than the budget, keeps each rule in every bucket where it fired', () => {
    const n = 1_000_000;
    const x = wave(n);
    // Rule 7 nearly everywhere, rule 1 at a few spikes, rule 3 in two short stretches.
    const signals = [
      signal(1, [17, 333_333, 999_998]),
      signal(3, [...Array.from({ length: 40 }, (_, k) => 500_000 + k), ...Array.from({ length: 40 }, (_, k) => 800_000 + k)]),
      signal(7, Array.from({ length: 400_000 }, (_, k) => 2 * k + 14)),
    ];
    const max = 2000;
    const r = chartIndices(x, signals, max);
    expect(r.allSignalsKept).toBe(false);
    expect(r.indices.length).toBeLessThanOrEqual(max);
    const kept = new Set(r.indices);
    const buckets = Math.floor((max - 2) / (2 + signals.length));
    for (const s of signals) {
      const wanted = new Set(s.points.map((i) => bucketOf(i, n, buckets)));
      const shown = new Set(s.points.filter((i) => kept.has(i)).map((i) => bucketOf(i, n, buckets)));
      expect([...wanted].filter((b) => !shown.has(b))).toEqual([]);
    }
    expect(r.indices).toEqual(expect.arrayContaining([17, 333_333, 999_998, 500_000, 800_000]));
  });

  it('refuses a budget too small to show each rule', () => {
    const signals = ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((rule) => signal(rule, Array.from({ length: 200 }, (_, k) => k * 10 + rule)));
    expect(() => chartIndices(wave(5000), signals, 11)).toThrow(RangeError);
    expect(chartIndices(wave(5000), signals, 12).indices.length).toBeLessThanOrEqual(12);
  });
});
