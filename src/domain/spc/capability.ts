// Process capability (Cp, Cpk — within-subgroup σ) and performance (Pp, Ppk — overall σ).
// standards.md §2.1 (SAS SHEWHART/CAPABILITY docs; qcc R/capability.R and tests/testthat/test-capability.R). Pure.
//
//   Cp  = (USL − LSL) / 6σ_within     Cpu = (USL − x̄) / 3σ_within    Cpl = (x̄ − LSL) / 3σ_within
//   Cpk = min(Cpu, Cpl) — with a one-sided specification, the one index available.
//   Pp, Ppu, Ppl, Ppk: the same with σ_overall (sample standard deviation, n − 1).
// An index that needs a missing spec limit, or a σ that is zero or unknown, is null (a JSON-friendly "not computable").

/**
 * The capability thresholds, one home for the server (readiness' batch-to-batch consistency, the SPC verdict) and
 * the web's badges: an index (Cpk, Ppk) of at least 1.33 is capable, at least 1.00 marginal, below not capable.
 */
export const CAPABILITY_THRESHOLDS = { capable: 1.33, marginal: 1.0 } as const;
export type CapabilityClass = 'capable' | 'marginal' | 'not_capable';

export function capabilityClass(index: number): CapabilityClass {
  return index >= CAPABILITY_THRESHOLDS.capable ? 'capable' : index >= CAPABILITY_THRESHOLDS.marginal ? 'marginal' : 'not_capable';
}

export interface SpecLimits {
  lsl?: number;
  usl?: number;
}

export interface CapabilityIndices {
  cp: number | null;
  cpl: number | null;
  cpu: number | null;
  cpk: number | null;
  pp: number | null;
  ppl: number | null;
  ppu: number | null;
  ppk: number | null;
}

function indices(mean: number, sigma: number | null, { lsl, usl }: SpecLimits) {
  const ok = sigma !== null && Number.isFinite(sigma) && sigma > 0 && Number.isFinite(mean);
  const both = ok && lsl !== undefined && usl !== undefined ? (usl - lsl) / (6 * sigma!) : null;
  const upper = ok && usl !== undefined ? (usl - mean) / (3 * sigma!) : null;
  const lower = ok && lsl !== undefined ? (mean - lsl) / (3 * sigma!) : null;
  const k = upper !== null && lower !== null ? Math.min(upper, lower) : (upper ?? lower);
  return { both, lower, upper, k };
}

export function capabilityIndices(
  mean: number,
  stdevWithin: number | null,
  stdevOverall: number | null,
  spec: SpecLimits,
): CapabilityIndices {
  const c = indices(mean, stdevWithin, spec);
  const p = indices(mean, stdevOverall, spec);
  return { cp: c.both, cpl: c.lower, cpu: c.upper, cpk: c.k, pp: p.both, ppl: p.lower, ppu: p.upper, ppk: p.k };
}
