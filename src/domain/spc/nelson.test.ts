import { describe, expect, it } from 'vitest';
import { analyzeSpc } from './analyze.js';
import { nelsonSignals, nelsonSignalsReference, type NelsonRule } from './nelson.js';

// Rules as in standards.md §2.4 (Nelson 1984; qcc R/rules.R qccRulesViolatingNEL1…8): center 0, σ 1 below.
// Indices are 0-based indices of the plotted points; the flagged point is the one completing the pattern.

const rep = (v: number, n: number): number[] => Array.from({ length: n }, () => v);

function fired(points: number[], rule: NelsonRule): number[] {
  const fast = nelsonSignals(points, 0, 1);
  expect(fast).toEqual(nelsonSignalsReference(points, 0, 1));
  return fast.find((s) => s.rule === rule)?.points ?? [];
}

describe('qcc tests/testthat/test-qcc.R', () => {
  it('Nelson rule 7 on c(rep(0.3, 16), 1.2) flags points 15 and 16 (1-based) only', () => {
    // qcc's test asks for rule 7 alone; with all eight rules the 16-point run above the center also completes
    // rule 2 from its 9th point on (1.2 is above the center too).
    const points = [...rep(0.3, 16), 1.2];
    expect(nelsonSignals(points, 0, 1)).toEqual([
      { rule: 2, points: [8, 9, 10, 11, 12, 13, 14, 15, 16] },
      { rule: 7, points: [14, 15] },
    ]);
  });

  it('c(rep(0.5, 8), -0.5): the 8-point run is a Western Electric rule-4 signal but not Nelson rule 2 (9 points)', () => {
    expect(nelsonSignals([...rep(0.5, 8), -0.5], 0, 1)).toEqual([]);
    expect(fired([...rep(0.5, 9), -0.5], 2)).toEqual([8]);
  });
});

describe('each rule fires on a constructed series and not on a near miss', () => {
  it.each([
    // 1: beyond 3σ, strict: exactly ±3 is not beyond.
    { rule: 1, fires: [0, 0, 3.5, 0, -3.2], at: [2, 4], misses: [0, 3, -3, 2.99] },
    // 2: nine in a row on one side; eight do not; a point on the center line breaks the run.
    { rule: 2, fires: [...rep(-0.2, 10)], at: [8, 9], misses: [...rep(0.2, 4), 0, ...rep(0.2, 4)] },
    // 3: six in a row steadily increasing (five rises), or decreasing; a tie breaks it.
    { rule: 3, fires: [0, 0.1, 0.2, 0.3, 0.4, 0.5], at: [5], misses: [0.5, 0.4, 0.3, 0.3, 0.2, 0.1] },
    { rule: 3, fires: [0.5, 0.4, 0.3, 0.2, 0.1, 0, -0.1], at: [5, 6], misses: [0, 0.1, 0.2, 0.3, 0.4] },
    // 4: fourteen alternating up/down; thirteen do not.
    {
      rule: 4,
      fires: Array.from({ length: 14 }, (_, i) => (i % 2 ? 0.1 : -0.1)),
      at: [13],
      misses: Array.from({ length: 13 }, (_, i) => (i % 2 ? 0.1 : -0.1)),
    },
    // 5: two of three beyond 2σ on the same side, the last one included; opposite sides do not count.
    { rule: 5, fires: [0, 2.5, 0, 2.5], at: [3], misses: [2.5, -2.5, 0, 2.5] },
    // The first window is points 0–2: two points beyond at the very start complete nothing yet.
    { rule: 5, fires: [0, -2.1, -2.2], at: [2], misses: [-2.1, -2.2, 0] },
    // 6: four of five beyond 1σ on the same side, the last one included.
    { rule: 6, fires: [1.5, 1.5, 0, 1.5, 1.5], at: [4], misses: [1.5, 0, 1.5, 0, 1.5, 1.5, 0] },
    // 7: fifteen within 1σ (inclusive: exactly ±1 is within).
    { rule: 7, fires: [...rep(1, 7), ...rep(-1, 8)], at: [14], misses: [...rep(0.1, 14), 1.01, ...rep(0.1, 14)] },
    // 8: eight beyond 1σ with points on both sides; all on one side is not rule 8.
    {
      rule: 8,
      fires: Array.from({ length: 8 }, (_, i) => (i % 4 < 2 ? 1.5 : -1.5)),
      at: [7],
      misses: [...rep(1.5, 8)],
    },
  ] as const)('rule $rule fires at $at', ({ rule, fires, at, misses }) => {
    expect(fired([...fires], rule)).toEqual(at);
    expect(fired([...misses], rule)).toEqual([]);
  });
});

describe('the WebAssembly kernel = the reference rule-by-rule evaluation', () => {
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
  }
  function gauss(r: () => number): number {
    return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  }
  const series: Array<{ name: string; make: (r: () => number, i: number) => number; center: number; sigma: number }> = [
    { name: 'normal', make: (r) => 10 + gauss(r), center: 10, sigma: 1 },
    // Values on a 0.5 grid with σ 0.5: many points exactly on the center line and the zone limits, many ties.
    { name: 'discretized', make: (r) => Math.round(gauss(r) * 2) / 2, center: 0, sigma: 0.5 },
    { name: 'large offset', make: (r, i) => 1e6 + gauss(r) * 1e-3 + (i % 50 < 10 ? 3e-3 : 0), center: 1e6, sigma: 1e-3 },
    { name: 'outliers beyond 15σ', make: (r, i) => (r() < 0.01 ? 1e3 : 0) + gauss(r) + Math.sin(i / 7), center: 0, sigma: 1 },
    { name: 'ramps', make: (_, i) => (Math.floor(i / 20) % 3) + (i % 20) * 0.01, center: 1, sigma: 0.4 },
  ];
  it.each(series.flatMap((s) => [1, 2, 3].map((seed) => ({ ...s, seed }))))('$name, seed $seed', ({ make, center, sigma, seed }) => {
    const r = lcg(seed);
    const x = Float64Array.from({ length: 20_000 }, (_, i) => make(r, i));
    const fast = nelsonSignals(x, center, sigma);
    expect(fast).toEqual(nelsonSignalsReference(x, center, sigma));
    expect(fast.length).toBeGreaterThan(0);
  });

  it('analyzeSpc reports the signals of the plotted subgroup means', () => {
    const r = lcg(7);
    const values = Array.from({ length: 5000 }, (_, i) => gauss(r) + (i >= 2500 && i < 2600 ? 3 : 0));
    const result = analyzeSpc(values, { subgroupSize: 5 });
    const sigma = (result.chart.ucl - result.chart.center) / 3;
    expect(result.signals).toEqual(nelsonSignalsReference(result.chart.points!, result.chart.center, sigma));
    // The shifted stretch (subgroups 500–519) is caught by rule 1 and rule 2.
    expect(result.signals.find((s) => s.rule === 1)!.points).toEqual(expect.arrayContaining([500, 510, 519]));
    expect(result.signals.find((s) => s.rule === 2)!.points).toContain(508);
  });

  it('every length from 1 to 200 and around block/chunk edges (partial last block, first-block masks)', () => {
    const r = lcg(11);
    const long = Array.from({ length: 8300 }, () => Math.round(gauss(r) * 3) / 2 + (r() < 0.3 ? 0.25 : 0));
    const lengths = [...Array.from({ length: 200 }, (_, i) => i + 1), 4095, 4096, 4097, 4127, 4128, 4129, 8191, 8192, 8300];
    for (const n of lengths) {
      const x = long.slice(0, n);
      expect(nelsonSignals(x, 0, 0.5)).toEqual(nelsonSignalsReference(x, 0, 0.5));
      expect(nelsonSignals(x, 0.1, 0.7)).toEqual(nelsonSignalsReference(x, 0.1, 0.7));
    }
  });

  it('runs and alternations crossing 32-point block boundaries', () => {
    // Long monotone stretches, alternations and one-sided runs of every length, at every offset.
    const x: number[] = [];
    for (let len = 1; len <= 40; len++) {
      for (let k = 0; k < len; k++) x.push(len % 3 === 0 ? k * 0.01 : len % 3 === 1 ? (k % 2 ? 1.5 : -1.5) : 0.5 + (k % 2) * 0.8);
      x.push(0);
    }
    expect(nelsonSignals(x, 0, 1)).toEqual(nelsonSignalsReference(x, 0, 1));
    expect(nelsonSignals(x, 0.2, 0.3)).toEqual(nelsonSignalsReference(x, 0.2, 0.3));
  });

  it('points exactly on the center line and the zone limits, without ties', () => {
    // The kernel compares with the same doubles as the reference (center + k·σ), so points on a limit agree.
    for (const [center, sigma] of [
      [0, 1],
      [0.1, 0.7],
      [1e6, 1e-3],
    ] as const) {
      const r = lcg(5);
      const limits = [-3, -2, -1, 0, 1, 2, 3].map((k) => center + k * sigma);
      const x = Float64Array.from({ length: 20_000 }, (_, i) =>
        r() < 0.3 ? limits[(i * 7 + Math.floor(r() * 7)) % 7]! : center + sigma * (gauss(r) * 1.2 + (i % 300 < 40 ? 1 : 0)),
      );
      expect(nelsonSignals(x, center, sigma)).toEqual(nelsonSignalsReference(x, center, sigma));
    }
  });

  it('degenerate σ = 0 is left to the reference', () => {
    expect(nelsonSignals([1, 1, 1, 2], 1, 0)).toEqual([{ rule: 1, points: [3] }]);
  });
});
