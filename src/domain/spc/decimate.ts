// Which points of a long control chart to draw. A million points cannot go to a browser, and a chart thinned by
// taking every k-th point hides exactly what a control chart is for: the extremes and the Nelson signals. Pure.
//
// The series is cut into equal buckets of consecutive points; each bucket keeps its lowest and highest point (so
// no extreme is lost and the envelope of the series is drawn exactly), and the signalled points:
// - all of them when they fit in half the budget;
// - otherwise, in each bucket, the first point of each rule that fired there — every rule is still drawn wherever
//   it fired, at the resolution of the chart (the signal list keeps every index).
// The first and the last point are always kept. The result is ascending, without duplicates, and never longer than
// `maxPoints` (which must allow at least 2 + (2 + rules fired) points).

import type { NelsonSignal } from './nelson.js';

export interface ChartSelection {
  /** Indices of the points to draw, ascending. */
  indices: number[];
  /** Every signalled point is among them (false: one per rule and bucket). */
  allSignalsKept: boolean;
}

export function chartIndices(values: ArrayLike<number>, signals: readonly NelsonSignal[], maxPoints: number): ChartSelection {
  const n = values.length;
  if (n <= maxPoints) return { indices: Array.from({ length: n }, (_, i) => i), allSignalsKept: true };
  const fired = signals.filter((s) => s.points.length > 0);
  const signalled = fired.reduce((k, s) => k + s.points.length, 0);
  const allSignalsKept = signalled <= Math.floor(maxPoints / 2);
  // Two points a bucket, plus one a rule in a bucket when the signals do not all fit.
  const perBucket = allSignalsKept ? 2 : 2 + fired.length;
  const budget = maxPoints - 2 - (allSignalsKept ? signalled : 0);
  const buckets = Math.floor(budget / perBucket);
  if (buckets < 1) throw new RangeError(`maxPoints ${maxPoints} is too small for ${fired.length} rules`);

  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  let start = 0;
  for (let b = 1; b <= buckets; b++) {
    const end = Math.floor((b * n) / buckets);
    let lo = start;
    let hi = start;
    let vlo = values[start]!;
    let vhi = vlo;
    for (let i = start + 1; i < end; i++) {
      const v = values[i]!;
      if (v < vlo) {
        vlo = v;
        lo = i;
      } else if (v > vhi) {
        vhi = v;
        hi = i;
      }
    }
    keep[lo] = 1;
    keep[hi] = 1;
    start = end;
  }

  for (const s of fired) {
    if (allSignalsKept) {
      for (const i of s.points) keep[i] = 1;
      continue;
    }
    // Points are ascending: walk the buckets along them, keeping the first point of the rule in each.
    let bucketEnd = 0;
    for (const i of s.points) {
      if (i < bucketEnd) continue;
      keep[i] = 1;
      const b = Math.floor((i * buckets) / n);
      // The bucket holding i: [floor(b·n/B), floor((b+1)·n/B)); the floor may put i one bucket too low.
      bucketEnd = Math.floor(((b + 1) * n) / buckets);
      if (bucketEnd <= i) bucketEnd = Math.floor(((b + 2) * n) / buckets);
    }
  }

  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) indices.push(i);
  return { indices, allSignalsKept };
}
