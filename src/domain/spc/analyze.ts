// SPC analysis of one characteristic: Shewhart chart (individuals/moving range, or x̄–R), capability and
// performance indices, Nelson-rule signals. Pure; built for 10^6 values: the individuals sums and the Nelson rules
// run in a WebAssembly SIMD kernel (kernel/), with plain JavaScript where it is not available.
//
// Sources: standards.md §2.1 (σ_within = MR̄/d2(2) for individuals, R̄/d2(n) for subgroups; σ_overall = sample
// standard deviation), §2.2 (constants; I-MR limits x̄ ± 3·MR̄/1.128, MR chart UCL = 3.267·MR̄; x̄ chart limits
// x̿ ± A2·R̄, R chart [D3·R̄, D4·R̄]), §2.4 (Nelson rules, see nelson.ts).
//
// The x̄ chart limits are computed as x̿ ± 3·σ_within/√n with σ_within = R̄/d2 — the same line as x̿ ± A2·R̄ up to
// the rounding of the printed A2 — so that the Nelson zones (±1σ, ±2σ) and the control limits (±3σ) are one scale.

import { capabilityIndices } from './capability.js';
import { chartConstants, MAX_SUBGROUP_SIZE } from './constants.js';
import { SpcKernel } from './kernel/kernel.js';
import { nelsonSignalsKernel, nelsonSignalsReference, type NelsonSignal } from './nelson.js';

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
  center: number;
  sigmaPlotted: number;
  rangeCenter: number;
  rangeLcl: number;
  rangeUcl: number;
  ranges: Float64Array | null;
}

interface IndividualSums {
  /** Σ(x − x₀): shifted by the first value, so that Σ(x − x₀)² keeps its precision far from zero. */
  shifted: number;
  shiftedSquares: number;
  /** Σ|x_i − x_{i−1}| over i = 1…n−1. */
  movingRanges: number;
}

/** The sums of an individuals chart in plain JavaScript, where the kernel does not run. */
export function individualSumsJs(x: Float64Array): IndividualSums {
  const x0 = x[0]!;
  let shifted = 0;
  let shiftedSquares = 0;
  let movingRanges = 0;
  let prev = x0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const d = v - x0;
    shifted += d;
    shiftedSquares += d * d;
    movingRanges += Math.abs(v - prev);
    prev = v;
  }
  return { shifted, shiftedSquares, movingRanges };
}

function individuals(x: Float64Array, kernel: SpcKernel | null): Core {
  const n = x.length;
  if (n < 2) throw new SpcInputError('values', `an individuals chart needs at least 2 values (got ${n})`);
  const x0 = x[0]!;
  const { shifted: s, shiftedSquares: ss, movingRanges: mr } = kernel ? kernel.sums(x) : individualSumsJs(x);
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
  const kernel = SpcKernel.get();
  try {
    return analyzeWith(x, k, lsl, usl, options.includePoints ?? true, kernel);
  } finally {
    kernel?.done();
  }
}

function analyzeWith(
  x: Float64Array,
  k: number,
  lsl: number | undefined,
  usl: number | undefined,
  includePoints: boolean,
  kernel: SpcKernel | null,
): SpcResult {
  const core = k === 1 ? individuals(x, kernel) : xbarR(x, k);
  const { cp, cpk, pp, ppk } = capabilityIndices(core.mean, core.stdevWithin, core.stdevOverall, {
    ...(lsl !== undefined ? { lsl } : {}),
    ...(usl !== undefined ? { usl } : {}),
  });
  // The plotted values are finite: individual values were checked, subgroup means are means of those.
  const signals =
    (kernel && nelsonSignalsKernel(kernel, core.plotted, core.center, core.sigmaPlotted)) ??
    nelsonSignalsReference(core.plotted, core.center, core.sigmaPlotted);
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
