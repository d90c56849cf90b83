// The eight Nelson rules (Nelson, JQT Oct 1984; wording and flagging semantics of qcc R/rules.R,
// standards.md §2.4). Pure.
//
// Conventions (the same as qcc's qccRulesViolatingNEL1…8, translated to 0-based indices):
// - `points` are the plotted values (individual values, or subgroup means for an x̄ chart); signal indices are
//   0-based indices into that series.
// - A signal lists the points that COMPLETE the pattern: the last point of every qualifying window. A run longer
//   than the rule's length flags each further point too (qcc: a 16-point run under rule 7 flags points 15 and 16).
// - Zones use σ of the plotted statistic: zone k is center ± k·σ, computed as `center + k * sigma` like qcc's
//   limits; "beyond" is strict (>, <), "within 1σ" is inclusive; a point equal to the center is on neither side.
//
//  1  one point beyond 3σ                       5  2 of 3 in a row beyond 2σ, same side, the last one included
//  2  9 in a row on the same side of the center 6  4 of 5 in a row beyond 1σ, same side, the last one included
//  3  6 in a row steadily increasing/decreasing 7  15 in a row within 1σ (either side)
//  4  14 in a row alternating up and down       8  8 in a row beyond 1σ, with points on both sides

import { SpcKernel, type KernelLimits } from './kernel/kernel.js';

export type NelsonRule = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface NelsonSignal {
  rule: NelsonRule;
  /** 0-based indices of the plotted points completing the pattern, ascending. */
  points: number[];
}

type Limits = KernelLimits;

function limitsOf(center: number, sigma: number): Limits {
  return {
    c: center,
    u1: center + sigma,
    l1: center - sigma,
    u2: center + 2 * sigma,
    l2: center - 2 * sigma,
    u3: center + 3 * sigma,
    l3: center - 3 * sigma,
  };
}

// ---- per-point rule checks, for the reference -------------------------------------------------------------------

function rule1At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  const v = x[i]!;
  return v > L.u3 || v < L.l3;
}

function rule2At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 8) return false;
  let above = true;
  let below = true;
  for (let j = i - 8; j <= i; j++) {
    const v = x[j]!;
    if (!(v > L.c)) above = false;
    if (!(v < L.c)) below = false;
  }
  return above || below;
}

function rule3At(x: ArrayLike<number>, i: number): boolean {
  if (i < 5) return false;
  let up = true;
  let down = true;
  for (let j = i - 4; j <= i; j++) {
    const d = x[j]! - x[j - 1]!;
    if (!(d > 0)) up = false;
    if (!(d < 0)) down = false;
  }
  return up || down;
}

function rule4At(x: ArrayLike<number>, i: number): boolean {
  if (i < 13) return false;
  for (let j = i - 11; j <= i; j++) {
    const d1 = x[j]! - x[j - 1]!;
    const d0 = x[j - 1]! - x[j - 2]!;
    if (!((d1 > 0 && d0 < 0) || (d1 < 0 && d0 > 0))) return false;
  }
  return true;
}

function countOf(x: ArrayLike<number>, from: number, to: number, above: boolean, limit: number): number {
  let n = 0;
  for (let j = from; j <= to; j++) if (above ? x[j]! > limit : x[j]! < limit) n++;
  return n;
}

function rule5At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 2) return false;
  const v = x[i]!;
  if (v > L.u2) return countOf(x, i - 2, i, true, L.u2) >= 2;
  if (v < L.l2) return countOf(x, i - 2, i, false, L.l2) >= 2;
  return false;
}

function rule6At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 4) return false;
  const v = x[i]!;
  if (v > L.u1) return countOf(x, i - 4, i, true, L.u1) >= 4;
  if (v < L.l1) return countOf(x, i - 4, i, false, L.l1) >= 4;
  return false;
}

function rule7At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 14) return false;
  for (let j = i - 14; j <= i; j++) {
    const v = x[j]!;
    if (!(v >= L.l1 && v <= L.u1)) return false;
  }
  return true;
}

function rule8At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 7) return false;
  let anyAbove = false;
  let anyBelow = false;
  for (let j = i - 7; j <= i; j++) {
    const v = x[j]!;
    if (v > L.u1) anyAbove = true;
    else if (v < L.l1) anyBelow = true;
    else return false;
  }
  return anyAbove && anyBelow;
}

function collect(found: number[][]): NelsonSignal[] {
  const out: NelsonSignal[] = [];
  for (let r = 0; r < 8; r++) if (found[r]!.length > 0) out.push({ rule: (r + 1) as NelsonRule, points: found[r]! });
  return out;
}

/**
 * Straightforward evaluation of the eight rules, point by point (O(15·n)). The specification the kernel is tested
 * against, and what runs where the kernel cannot (no WebAssembly, non-finite values, degenerate limits).
 */
export function nelsonSignalsReference(points: ArrayLike<number>, center: number, sigma: number): NelsonSignal[] {
  const L = limitsOf(center, sigma);
  const found: number[][] = [[], [], [], [], [], [], [], []];
  for (let i = 0; i < points.length; i++) {
    if (rule1At(points, i, L)) found[0]!.push(i);
    if (rule2At(points, i, L)) found[1]!.push(i);
    if (rule3At(points, i)) found[2]!.push(i);
    if (rule4At(points, i)) found[3]!.push(i);
    if (rule5At(points, i, L)) found[4]!.push(i);
    if (rule6At(points, i, L)) found[5]!.push(i);
    if (rule7At(points, i, L)) found[6]!.push(i);
    if (rule8At(points, i, L)) found[7]!.push(i);
  }
  return collect(found);
}

/**
 * Nelson rules over the plotted series with center line `center` and σ of the plotted statistic `sigma`. The same
 * result as `nelsonSignalsReference`, from the WebAssembly kernel in one pass (kernel/kernel-wat.ts) where it runs.
 */
export function nelsonSignals(points: Float64Array | readonly number[], center: number, sigma: number): NelsonSignal[] {
  const x = points instanceof Float64Array ? points : Float64Array.from(points);
  let finite = true;
  for (let i = 0; i < x.length && finite; i++) finite = Number.isFinite(x[i]!);
  const kernel = finite ? SpcKernel.get() : null;
  return (kernel && nelsonSignalsKernel(kernel, x, center, sigma)) ?? nelsonSignalsReference(x, center, sigma);
}

/**
 * The rules over finite values with the kernel, or null when the limits are degenerate (σ not positive, or a limit
 * not finite), which only the reference handles.
 */
export function nelsonSignalsKernel(kernel: SpcKernel, x: Float64Array, center: number, sigma: number): NelsonSignal[] | null {
  const L = limitsOf(center, sigma);
  if (!(sigma > 0) || ![L.c, L.u1, L.l1, L.u2, L.l2, L.u3, L.l3].every(Number.isFinite)) return null;
  return collect(kernel.nelson(x, L));
}
