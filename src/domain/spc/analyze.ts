// SPC analysis of one characteristic: Shewhart chart (individuals/moving range, or x̄–R), capability and
// performance indices, Nelson-rule signals. Pure; built for 10^6 values: two passes over typed arrays, no per-point
// allocation.
//
// Sources: standards.md §2.1 (σ_within = MR̄/d2(2) for individuals, R̄/d2(n) for subgroups; σ_overall = sample
// standard deviation), §2.2 (constants; I-MR limits x̄ ± 3·MR̄/1.128, MR chart UCL = 3.267·MR̄; x̄ chart limits
// x̿ ± A2·R̄, R chart [D3·R̄, D4·R̄]), §2.4 (Nelson rules, see nelson.ts).
//
// The x̄ chart limits are computed as x̿ ± 3·σ_within/√n with σ_within = R̄/d2 — the same line as x̿ ± A2·R̄ up to
// the rounding of the printed A2 — so that the Nelson zones (±1σ, ±2σ) and the control limits (±3σ) are one scale.

import { capabilityIndices } from './capability.js';
import { chartConstants, MAX_SUBGROUP_SIZE } from './constants.js';
import { nelsonSignals, type NelsonSignal } from './nelson.js';

export type SpcInputField = 'values' | 'subgroupSize' | 'lsl' | 'usl';

export class SpcInputError extends Error {
  override readonly name = 'SpcInputError';
  constructor(
    readonly field: SpcInputField,
    message: string,
  ) {
    super(message);
  }
}

export interface SpcOptions {
  /** 1 = individuals / moving-range chart; 2…10 = x̄–R chart over consecutive subgroups of that size. */
  subgroupSize?: number;
  lsl?: number;
  usl?: number;
  /** Include the plotted `points` arrays (default true). The CLI's --json leaves them out unless asked. */
  includePoints?: boolean;
}

export interface SpcRangeChart {
  center: number;
  lcl: number;
  ucl: number;
  /** Moving ranges |x_i − x_{i−1}| (n − 1 values) or subgroup ranges. Present when includePoints. */
  points?: number[];
}

export interface SpcChart {
  type: 'individuals' | 'xbar-r';
  center: number;
  lcl: number;
  ucl: number;
  /** The plotted values (individual values or subgroup means). Present when includePoints. */
  points?: number[];
  rangeChart: SpcRangeChart;
}

export interface SpcResult {
  /** Values analysed (a trailing incomplete subgroup is not counted, see `subgroupLayout`). */
  n: number;
  mean: number;
  stdevWithin: number;
  stdevOverall: number;
  cp: number | null;
  cpk: number | null;
  pp: number | null;
  ppk: number | null;
  chart: SpcChart;
  /** One entry per rule that fired, by rule number; indices are 0-based indices of `chart` points. */
  signals: NelsonSignal[];
}

export interface SubgroupLayout {
  subgroups: number;
  /** Values that belong to complete subgroups. */
  used: number;
  /** Values of the trailing incomplete subgroup, not analysed. */
  dropped: number;
}

/** How `count` consecutive values split into subgroups of `subgroupSize` (1 = individuals: nothing dropped). */
export function subgroupLayout(count: number, subgroupSize: number): SubgroupLayout {
  const subgroups = Math.floor(count / subgroupSize);
  return { subgroups, used: subgroups * subgroupSize, dropped: count - subgroups * subgroupSize };
}

function checkOptions(options: SpcOptions): { k: number; lsl?: number; usl?: number } {
  const k = options.subgroupSize ?? 1;
  if (!Number.isInteger(k) || k < 1 || k > MAX_SUBGROUP_SIZE) {
    throw new SpcInputError(
      'subgroupSize',
      `subgroup size must be an integer from 1 to ${MAX_SUBGROUP_SIZE} (got ${String(options.subgroupSize)})`,
    );
  }
  const { lsl, usl } = options;
  if (lsl !== undefined && !(typeof lsl === 'number' && Number.isFinite(lsl))) {
    throw new SpcInputError('lsl', `LSL must be a finite number (got ${String(lsl)})`);
  }
  if (usl !== undefined && !(typeof usl === 'number' && Number.isFinite(usl))) {
    throw new SpcInputError('usl', `USL must be a finite number (got ${String(usl)})`);
  }
  if (lsl !== undefined && usl !== undefined && !(lsl < usl)) {
    throw new SpcInputError('usl', `USL (${usl}) must be greater than LSL (${lsl})`);
  }
  return { k, ...(lsl !== undefined ? { lsl } : {}), ...(usl !== undefined ? { usl } : {}) };
}

function notFinite(x: Float64Array, count: number): never {
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(x[i]!)) throw new SpcInputError('values', `value ${i + 1} is not a finite number`);
  }
  throw new SpcInputError('values', 'values are too large to analyse');
}

interface Core {
  n: number;
  mean: number;
  stdevWithin: number;
  stdevOverall: number;
  type: 'individuals' | 'xbar-r';
  plotted: Float64Array;
  plottedMin: number;
  plottedMax: number;
  center: number;
  sigmaPlotted: number;
  rangeCenter: number;
  rangeLcl: number;
  rangeUcl: number;
  ranges: Float64Array | null;
}

/** Scratch for individualSums: Σd, Σd², Σ|mr|, min, max. */
const SUMS = new Float64Array(5);

/**
 * One pass over x (n ≥ 1) into out: shifted sums Σ(x − x₀), Σ(x − x₀)², the moving-range sum, min and max. A separate
 * function (not inlined into its caller's straight-line code), so the hot loop is compiled on its own.
 */
function individualSums(x: Float64Array, out: Float64Array): void {
  // One pass: shifted sums (x − x₀ keeps Σd² accurate), moving-range sum, min and max. Unrolled by 4 with
  // separate accumulators (combined at the end), so that the additions do not wait on each other.
  const n = x.length;
  const x0 = x[0]!;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  let m0 = 0, m1 = 0, m2 = 0, m3 = 0;
  let lo0 = x0, lo1 = x0, hi0 = x0, hi1 = x0;
  let prev = x0;
  let i = 0;
  for (const end = n - 3; i < end; i += 4) {
    const v0 = x[i]!;
    const v1 = x[i + 1]!;
    const v2 = x[i + 2]!;
    const v3 = x[i + 3]!;
    const d0 = v0 - x0;
    const d1 = v1 - x0;
    const d2 = v2 - x0;
    const d3 = v3 - x0;
    s0 += d0;
    s1 += d1;
    s2 += d2;
    s3 += d3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
    m0 += Math.abs(v0 - prev);
    m1 += Math.abs(v1 - v0);
    m2 += Math.abs(v2 - v1);
    m3 += Math.abs(v3 - v2);
    prev = v3;
    // Math.min/max rather than `if`: compiled without a branch in the loop.
    lo0 = Math.min(lo0, Math.min(v0, v1));
    lo1 = Math.min(lo1, Math.min(v2, v3));
    hi0 = Math.max(hi0, Math.max(v0, v1));
    hi1 = Math.max(hi1, Math.max(v2, v3));
  }
  for (; i < n; i++) {
    const v = x[i]!;
    const d = v - x0;
    s0 += d;
    q0 += d * d;
    m0 += Math.abs(v - prev);
    prev = v;
    lo0 = Math.min(lo0, v);
    hi0 = Math.max(hi0, v);
  }
  out[0] = s0 + s1 + (s2 + s3);
  out[1] = q0 + q1 + (q2 + q3);
  out[2] = m0 + m1 + (m2 + m3);
  out[3] = Math.min(lo0, lo1);
  out[4] = Math.max(hi0, hi1);
}

function individuals(x: Float64Array): Core {
  const n = x.length;
  if (n < 2) throw new SpcInputError('values', `an individuals chart needs at least 2 values (got ${n})`);
  const x0 = x[0]!;
  individualSums(x, SUMS);
  const s = SUMS[0]!;
  const ss = SUMS[1]!;
  const mr = SUMS[2]!;
  const min = SUMS[3]!;
  const max = SUMS[4]!;
  if (!Number.isFinite(ss) || !Number.isFinite(mr)) notFinite(x, n);
  const mean = x0 + s / n;
  const stdevOverall = Math.sqrt(Math.max(0, (ss - (s * s) / n) / (n - 1)));
  const mrBar = mr / (n - 1);
  const { d2, D3, D4 } = chartConstants(2)!;
  const stdevWithin = mrBar / d2;
  return {
    n,
    mean,
    stdevWithin,
    stdevOverall,
    type: 'individuals',
    plotted: x,
    plottedMin: min,
    plottedMax: max,
    center: mean,
    sigmaPlotted: stdevWithin,
    rangeCenter: mrBar,
    rangeLcl: D3 * mrBar,
    rangeUcl: D4 * mrBar,
    ranges: null,
  };
}

function xbarR(x: Float64Array, k: number): Core {
  const { subgroups: m, used } = subgroupLayout(x.length, k);
  if (m < 2) {
    throw new SpcInputError(
      'values',
      `an x̄–R chart needs at least 2 complete subgroups of ${k} (got ${x.length} values)`,
    );
  }
  const means = new Float64Array(m);
  const ranges = new Float64Array(m);
  const x0 = x[0]!;
  let s = 0;
  let ss = 0;
  let rSum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let g = 0, i = 0; g < m; g++) {
    let lo = x[i]!;
    let hi = lo;
    let gs = 0;
    for (const end = i + k; i < end; i++) {
      const v = x[i]!;
      const d = v - x0;
      gs += d;
      ss += d * d;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    s += gs;
    const mean = x0 + gs / k;
    means[g] = mean;
    ranges[g] = hi - lo;
    rSum += hi - lo;
    if (mean < min) min = mean;
    if (mean > max) max = mean;
  }
  if (!Number.isFinite(ss) || !Number.isFinite(rSum)) notFinite(x, used);
  const mean = x0 + s / used;
  const stdevOverall = Math.sqrt(Math.max(0, (ss - (s * s) / used) / (used - 1)));
  const rBar = rSum / m;
  const { d2, D3, D4 } = chartConstants(k)!;
  const stdevWithin = rBar / d2;
  return {
    n: used,
    mean,
    stdevWithin,
    stdevOverall,
    type: 'xbar-r',
    plotted: means,
    plottedMin: min,
    plottedMax: max,
    center: mean,
    sigmaPlotted: stdevWithin / Math.sqrt(k),
    rangeCenter: rBar,
    rangeLcl: D3 * rBar,
    rangeUcl: D4 * rBar,
    ranges,
  };
}

function movingRanges(x: Float64Array): number[] {
  const out = new Array<number>(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) out[i - 1] = Math.abs(x[i]! - x[i - 1]!);
  return out;
}

/**
 * Analyse a series of measurements in production order.
 *
 * @throws SpcInputError for non-finite values, too few values, a subgroup size outside 1…10, or LSL ≥ USL.
 */
export function analyzeSpc(values: Float64Array | readonly number[], options: SpcOptions = {}): SpcResult {
  const { k, lsl, usl } = checkOptions(options);
  const x = values instanceof Float64Array ? values : Float64Array.from(values);
  const core = k === 1 ? individuals(x) : xbarR(x, k);
  const { cp, cpk, pp, ppk } = capabilityIndices(core.mean, core.stdevWithin, core.stdevOverall, {
    ...(lsl !== undefined ? { lsl } : {}),
    ...(usl !== undefined ? { usl } : {}),
  });
  const signals = nelsonSignals(core.plotted, core.center, core.sigmaPlotted, {
    min: core.plottedMin,
    max: core.plottedMax,
  });
  const includePoints = options.includePoints ?? true;
  const chart: SpcChart = {
    type: core.type,
    center: core.center,
    lcl: core.center - 3 * core.sigmaPlotted,
    ucl: core.center + 3 * core.sigmaPlotted,
    ...(includePoints ? { points: Array.from(core.plotted) } : {}),
    rangeChart: {
      center: core.rangeCenter,
      lcl: core.rangeLcl,
      ucl: core.rangeUcl,
      ...(includePoints ? { points: core.ranges ? Array.from(core.ranges) : movingRanges(x) } : {}),
    },
  };
  return {
    n: core.n,
    mean: core.mean,
    stdevWithin: core.stdevWithin,
    stdevOverall: core.stdevOverall,
    cp,
    cpk,
    pp,
    ppk,
    chart,
    signals,
  };
}
