// Control chart constants for subgroup size n = 2…10 (standards.md §2.2: ASTM-style table; d2 also equals qcc's
// `.qcc.options$exp.R.unscaled` to the printed precision). Pure data.
//
// The table values are pinned here; qcc computes D4 from exact d2/d3, which moves R-chart limits in the 4th
// significant digit (standards.md §2.2 note) — tests compare against qcc with tolerance 1e-3.

export interface ChartConstants {
  /** E[R]/σ for subgroups of n: σ̂ = R̄/d2. */
  d2: number;
  /** sd(R)/σ. */
  d3: number;
  /** x̄ chart: x̿ ± A2·R̄ (A2 = 3 / (d2·√n)). */
  A2: number;
  /** R chart lower limit factor: D3·R̄. */
  D3: number;
  /** R chart upper limit factor: D4·R̄. */
  D4: number;
}

export const MAX_SUBGROUP_SIZE = 10;

const TABLE: Record<number, ChartConstants> = {
  2: { d2: 1.128, d3: 0.853, A2: 1.88, D3: 0, D4: 3.267 },
  3: { d2: 1.693, d3: 0.888, A2: 1.023, D3: 0, D4: 2.574 },
  4: { d2: 2.059, d3: 0.88, A2: 0.729, D3: 0, D4: 2.282 },
  5: { d2: 2.326, d3: 0.864, A2: 0.577, D3: 0, D4: 2.114 },
  6: { d2: 2.534, d3: 0.848, A2: 0.483, D3: 0, D4: 2.004 },
  7: { d2: 2.704, d3: 0.833, A2: 0.419, D3: 0.076, D4: 1.924 },
  8: { d2: 2.847, d3: 0.82, A2: 0.373, D3: 0.136, D4: 1.864 },
  9: { d2: 2.97, d3: 0.808, A2: 0.337, D3: 0.184, D4: 1.816 },
  10: { d2: 3.078, d3: 0.797, A2: 0.308, D3: 0.223, D4: 1.777 },
};

/** Constants for subgroup size n (2…10); undefined outside the table. */
export function chartConstants(n: number): ChartConstants | undefined {
  return TABLE[n];
}
