import { describe, expect, it } from 'vitest';
import { analyzeSpc, SpcInputError, subgroupLayout } from './analyze.js';
import { capabilityIndices } from './capability.js';
import { chartConstants } from './constants.js';

// qcc data/pistonrings.txt (Montgomery, piston ring inside diameters): samples 1–25 (trial), 5 rings each,
// in production order.
const PISTONRINGS_TRIAL = [
  74.03, 74.002, 74.019, 73.992, 74.008, 73.995, 73.992, 74.001, 74.011, 74.004, 73.988, 74.024, 74.021, 74.005,
  74.002, 74.002, 73.996, 73.993, 74.015, 74.009, 73.992, 74.007, 74.015, 73.989, 74.014, 74.009, 73.994, 73.997,
  73.985, 73.993, 73.995, 74.006, 73.994, 74.0, 74.005, 73.985, 74.003, 73.993, 74.015, 73.988, 74.008, 73.995,
  74.009, 74.005, 74.004, 73.998, 74.0, 73.99, 74.007, 73.995, 73.994, 73.998, 73.994, 73.995, 73.99, 74.004, 74.0,
  74.007, 74.0, 73.996, 73.983, 74.002, 73.998, 73.997, 74.012, 74.006, 73.967, 73.994, 74.0, 73.984, 74.012,
  74.014, 73.998, 73.999, 74.007, 74.0, 73.984, 74.005, 73.998, 73.996, 73.994, 74.012, 73.986, 74.005, 74.007,
  74.006, 74.01, 74.018, 74.003, 74.0, 73.984, 74.002, 74.003, 74.005, 73.997, 74.0, 74.01, 74.013, 74.02, 74.003,
  73.988, 74.001, 74.009, 74.005, 73.996, 74.004, 73.999, 73.99, 74.006, 74.009, 74.01, 73.989, 73.99, 74.009,
  74.014, 74.015, 74.008, 73.993, 74.0, 74.01, 73.982, 73.984, 73.995, 74.017, 74.013,
];

// qcc data/viscosity.txt, batches 1–20 (trial).
const VISCOSITY_TRIAL = [
  34.05, 34.4, 33.59, 35.96, 34.7, 33.51, 33.79, 34.04, 34.52, 33.75, 33.27, 33.71, 34.03, 34.58, 34.02, 33.97,
  34.05, 34.04, 33.73, 34.05,
];

function sampleSd(values: readonly number[]): number {
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

describe('x̄–R on qcc pistonrings samples 1–25 (qcc vignette docs/articles/qcc.html, "x-bar chart", "R chart")', () => {
  const r = analyzeSpc(PISTONRINGS_TRIAL, { subgroupSize: 5, lsl: 73.95, usl: 74.05 });

  it('matches the printed chart statistics', () => {
    // qcc: "Center of group statistics = 74.00118", "Standard deviation = 0.009785039", LCL 73.98805, UCL 74.0143.
    expect(r.n).toBe(125);
    expect(r.chart.type).toBe('xbar-r');
    expect(r.chart.center).toBeCloseTo(74.00118, 5);
    expect(r.stdevWithin).toBeCloseTo(0.009785039, 8);
    expect(r.chart.lcl).toBeCloseTo(73.98805, 5);
    expect(r.chart.ucl).toBeCloseTo(74.0143, 4);
    // R chart: "Center of group statistics = 0.02276", UCL 0.04812533 (qcc derives D4 from exact d2/d3; the
    // table's D4(5) = 2.114 is 2e-4 lower — standards.md §2.2 asks for tolerance 1e-3).
    expect(r.chart.rangeChart.center).toBeCloseTo(0.02276, 8);
    expect(r.chart.rangeChart.lcl).toBe(0);
    expect(Math.abs(r.chart.rangeChart.ucl / 0.04812533 - 1)).toBeLessThan(1e-3);
  });

  it('limits equal x̿ ± A2·R̄ of the constants table (standards.md §2.2) to 1e-3 of R̄', () => {
    const { A2 } = chartConstants(5)!;
    expect(Math.abs(r.chart.ucl - (r.chart.center + A2 * r.chart.rangeChart.center))).toBeLessThan(1e-3 * 0.02276);
    expect(Math.abs(r.chart.lcl - (r.chart.center - A2 * r.chart.rangeChart.center))).toBeLessThan(1e-3 * 0.02276);
  });

  it.each([
    // qcc vignette "Process capability analysis": processCapability(q, spec.limits = …), printed to 2–3 decimals.
    { lsl: 73.95, usl: 74.05, cp: 1.703, cpk: 1.663 },
    { lsl: 73.99, usl: 74.01, cp: 0.341, cpk: 0.301 },
    { lsl: 73.99, usl: 74.1, cp: 1.874, cpk: 0.381 },
  ])('Cp/Cpk with specs [$lsl, $usl] = $cp / $cpk', ({ lsl, usl, cp, cpk }) => {
    const c = analyzeSpc(PISTONRINGS_TRIAL, { subgroupSize: 5, lsl, usl });
    expect(c.cp).toBeCloseTo(cp, 3);
    expect(c.cpk).toBeCloseTo(cpk, 3);
  });

  it('overall σ is the sample standard deviation of all 125 values', () => {
    expect(r.stdevOverall).toBeCloseTo(sampleSd(PISTONRINGS_TRIAL), 12);
    expect(r.pp).toBeCloseTo(0.1 / (6 * sampleSd(PISTONRINGS_TRIAL)), 10);
  });
});

describe('individuals / moving range on qcc viscosity batches 1–20 (qcc vignette "Continuous one-at-time data")', () => {
  const r = analyzeSpc(VISCOSITY_TRIAL);

  it('matches the printed xbar.one chart', () => {
    // qcc: Center 34.088, Standard deviation 0.5076521 (MR̄/1.128), LCL 32.56504, UCL 35.61096.
    expect(r.chart.type).toBe('individuals');
    expect(r.n).toBe(20);
    expect(r.mean).toBeCloseTo(34.088, 10);
    expect(r.stdevWithin).toBeCloseTo(0.5076521, 7);
    expect(r.chart.lcl).toBeCloseTo(32.56504, 5);
    expect(r.chart.ucl).toBeCloseTo(35.61096, 5);
    // MR chart (standards.md §2.2): center MR̄ = 1.128·σ, UCL = 3.267·MR̄, LCL 0.
    expect(r.chart.rangeChart.center).toBeCloseTo(0.5076521 * 1.128, 6);
    expect(r.chart.rangeChart.ucl).toBeCloseTo(3.267 * r.chart.rangeChart.center, 12);
  });

  it('overall σ: qcc std.dev = "SD" prints 0.5769854, the sample SD divided by c4(20)', () => {
    // c4(n) = sqrt(2/(n−1)) Γ(n/2)/Γ((n−1)/2); for n = 20: Γ(10)/Γ(9.5) with Γ(9.5) = 8.5·7.5·…·0.5·√π.
    let gammaHalf = Math.sqrt(Math.PI);
    for (let k = 0.5; k < 9.5; k++) gammaHalf *= k;
    const c4 = Math.sqrt(2 / 19) * (362880 / gammaHalf);
    expect(r.stdevOverall / c4).toBeCloseTo(0.5769854, 6);
  });

  it('flags batch 4 (index 3) beyond 3σ and nothing else (qcc tests/testthat/test-qcc.R: 1 violation)', () => {
    expect(r.signals).toEqual([{ rule: 1, points: [3] }]);
  });

  it('recomputes after removing batch 4 (qcc vignette: 33.98947, 0.4117415, 32.75425–35.2247)', () => {
    const r2 = analyzeSpc(VISCOSITY_TRIAL.filter((_, i) => i !== 3));
    expect(r2.mean).toBeCloseTo(33.98947, 5);
    expect(r2.stdevWithin).toBeCloseTo(0.4117415, 7);
    expect(r2.chart.lcl).toBeCloseTo(32.75425, 5);
    expect(r2.chart.ucl).toBeCloseTo(35.2247, 4);
    expect(r2.signals).toEqual([]);
  });
});

describe('capability — standards.md §2.5 dataset A (qcc tests/testthat/test-capability.R), tolerance 1e-6', () => {
  const values = [10.0, 10.02, 9.98, 10.01, 10.03, 9.99, 10.01, 10.0, 9.97, 10.04, 10.02, 9.99];

  it.each([
    { name: 'two-sided', lsl: 9.9, usl: 10.1, cp: 1.372667, cpk: 1.304033, pp: 1.612598, ppk: 1.531968 },
    { name: 'upper only', usl: 10.1, cp: null, cpk: 1.304033, pp: null, ppk: 1.531968 },
    { name: 'lower only', lsl: 9.9, cp: null, cpk: 1.4413, pp: null, ppk: 1.693228 },
    { name: 'no spec', cp: null, cpk: null, pp: null, ppk: null },
  ])('$name', ({ lsl, usl, cp, cpk, pp, ppk }) => {
    const r = analyzeSpc(values, {
      subgroupSize: 4,
      ...(lsl !== undefined ? { lsl } : {}),
      ...(usl !== undefined ? { usl } : {}),
    });
    // Intermediate values (standards.md): x̿ = 10.005, R̄ = 0.05, σ_within = 0.05/2.059, σ_overall = 0.0206706.
    expect(r.mean).toBeCloseTo(10.005, 12);
    expect(r.chart.rangeChart.center).toBeCloseTo(0.05, 12);
    expect(r.stdevWithin).toBeCloseTo(0.0242836, 7);
    expect(r.stdevOverall).toBeCloseTo(0.0206706, 7);
    for (const [key, want] of Object.entries({ cp, cpk, pp, ppk })) {
      const got = r[key as 'cp' | 'cpk' | 'pp' | 'ppk'];
      if (want === null) expect(got, key).toBeNull();
      else expect(Math.abs(got! - want), key).toBeLessThan(1e-6);
    }
  });

  it('Cp_l / Cp_u of the two-sided case (1.441300 / 1.304033)', () => {
    const c = capabilityIndices(10.005, 0.05 / 2.059, 0.0206706, { lsl: 9.9, usl: 10.1 });
    expect(c.cpl).toBeCloseTo(1.4413, 6);
    expect(c.cpu).toBeCloseTo(1.304033, 6);
  });

  it('a zero σ leaves the indices null (not Infinity)', () => {
    const r = analyzeSpc([5, 5, 5, 5], { lsl: 4, usl: 6 });
    expect([r.cp, r.cpk, r.pp, r.ppk]).toEqual([null, null, null, null]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('analyzeSpc — shape, subgroups and input errors', () => {
  it('returns exactly the documented keys, in order', () => {
    const r = analyzeSpc(VISCOSITY_TRIAL, { lsl: 33, usl: 35 });
    expect(Object.keys(r)).toEqual(['n', 'mean', 'stdevWithin', 'stdevOverall', 'cp', 'cpk', 'pp', 'ppk', 'chart', 'signals']);
    expect(Object.keys(r.chart)).toEqual(['type', 'center', 'lcl', 'ucl', 'points', 'rangeChart']);
    expect(Object.keys(r.chart.rangeChart)).toEqual(['center', 'lcl', 'ucl', 'points']);
    expect(r.chart.points).toEqual(VISCOSITY_TRIAL);
    expect(r.chart.rangeChart.points).toHaveLength(19);
    expect(r.chart.rangeChart.points![0]).toBeCloseTo(0.35, 12);
  });

  it('leaves the points arrays out with includePoints: false', () => {
    const r = analyzeSpc(Float64Array.from(VISCOSITY_TRIAL), { includePoints: false });
    expect(Object.keys(r.chart)).toEqual(['type', 'center', 'lcl', 'ucl', 'rangeChart']);
    expect(Object.keys(r.chart.rangeChart)).toEqual(['center', 'lcl', 'ucl']);
  });

  it('drops a trailing incomplete subgroup (pistonrings 125 values + 3 → 25 subgroups of 5)', () => {
    const withTail = [...PISTONRINGS_TRIAL, 74.012, 74.015, 74.03];
    expect(subgroupLayout(withTail.length, 5)).toEqual({ subgroups: 25, used: 125, dropped: 3 });
    const r = analyzeSpc(withTail, { subgroupSize: 5 });
    expect(r.n).toBe(125);
    expect(r.chart.points).toHaveLength(25);
    expect(r.chart.center).toBeCloseTo(74.00118, 5);
  });

  it('plots consecutive subgroup means and ranges', () => {
    const r = analyzeSpc([1, 2, 3, 4, 10, 20, 30, 40], { subgroupSize: 4 });
    expect(r.chart.points).toEqual([2.5, 25]);
    expect(r.chart.rangeChart.points).toEqual([3, 30]);
  });

  it.each([
    { values: [1], options: {}, field: 'values' },
    { values: [1, 2, 3], options: { subgroupSize: 2 }, field: 'values' },
    { values: [1, Number.NaN, 3], options: {}, field: 'values' },
    { values: [1, Number.POSITIVE_INFINITY, 3], options: {}, field: 'values' },
    { values: [1, 2, 3], options: { subgroupSize: 0 }, field: 'subgroupSize' },
    { values: [1, 2, 3], options: { subgroupSize: 11 }, field: 'subgroupSize' },
    { values: [1, 2, 3], options: { subgroupSize: 2.5 }, field: 'subgroupSize' },
    { values: [1, 2, 3], options: { lsl: Number.NaN }, field: 'lsl' },
    { values: [1, 2, 3], options: { lsl: 5, usl: 5 }, field: 'usl' },
    { values: [1, 2, 3], options: { lsl: 6, usl: 5 }, field: 'usl' },
  ])('rejects $values with $options ($field)', ({ values, options, field }) => {
    let error: unknown;
    try {
      analyzeSpc(values, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpcInputError);
    expect((error as SpcInputError).field).toBe(field);
  });

  it('names the offending value', () => {
    expect(() => analyzeSpc([1, 2, Number.NaN])).toThrow(/value 3 is not a finite number/);
  });
});
