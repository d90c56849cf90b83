import { describe, expect, it } from 'vitest';
import { assembleSpcKernel } from '../../../../scripts/spc-kernel-assembler.js';
import { analyzeSpc, individualSumsJs } from '../analyze.js';
import { nelsonSignals, nelsonSignalsReference } from '../nelson.js';
import { SPC_KERNEL_BASE64 } from './kernel-binary.js';
import { SpcKernel } from './kernel.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

describe('SPC kernel', () => {
  it('the committed binary is the assembled text (run `npm run build:kernel` after editing kernel-wat.ts)', async () => {
    const assembled = Buffer.from(await assembleSpcKernel()).toString('base64');
    expect(SPC_KERNEL_BASE64).toBe(assembled);
  });

  it('runs here (Node has WebAssembly SIMD), so the comparisons with the reference test the kernel', () => {
    expect(SpcKernel.get()).not.toBeNull();
  });

  it('sums agree with the JavaScript loop, across copy windows and for every small length', () => {
    const r = lcg(3);
    const long = Float64Array.from({ length: 40_000 }, (_, i) => 1e4 + Math.sin(i / 30) + r());
    const kernel = SpcKernel.get()!;
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 16_383, 16_384, 16_385, 32_768, 40_000]) {
      const x = long.subarray(0, n);
      const fast = kernel.sums(x);
      kernel.done();
      const js = individualSumsJs(x);
      expect(fast.shifted).toBeCloseTo(js.shifted, 6);
      expect(fast.shiftedSquares).toBeCloseTo(js.shiftedSquares, 6);
      expect(fast.movingRanges).toBeCloseTo(js.movingRanges, 6);
    }
  });

  it('Nelson signals equal the reference around chunk (1,024 points) and block edges', () => {
    const r = lcg(17);
    const long = Array.from({ length: 5000 }, (_, i) => Math.round((r() - 0.5) * 8) / 2 + (i % 400 < 40 ? 1.2 : 0));
    for (const n of [1023, 1024, 1025, 1055, 1056, 1057, 2047, 2048, 2049, 3100, 5000]) {
      const x = long.slice(0, n);
      expect(nelsonSignals(x, 0, 1)).toEqual(nelsonSignalsReference(x, 0, 1));
    }
  });

  it('a series larger than the memory so far gets a new instance; a smaller one after it is still right', () => {
    const r = lcg(23);
    const big = Float64Array.from({ length: 300_000 }, () => r() * 6 - 3);
    const small = Float64Array.from({ length: 777 }, () => r() * 6 - 3);
    expect(nelsonSignals(big, 0, 1)).toEqual(nelsonSignalsReference(big, 0, 1));
    expect(nelsonSignals(small, 0.1, 0.9)).toEqual(nelsonSignalsReference(small, 0.1, 0.9));
  });

  it('an array changed between two analyses is read again (the kernel keeps no stale copy)', () => {
    const x = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i));
    const before = analyzeSpc(x, { includePoints: false });
    x.fill(1, 100, 120);
    const after = analyzeSpc(x, { includePoints: false });
    expect(after.mean).not.toBe(before.mean);
    const sigma = (after.chart.ucl - after.chart.center) / 3;
    expect(after.signals).toEqual(nelsonSignalsReference(x, after.chart.center, sigma));
  });

  it('a series signalling more than once per point on average (indices decoded in JavaScript) equals the reference', () => {
    // Alternating ±2.5σ: rules 4 and 8 at nearly every point, more indices than the kernel keeps room for.
    const x = Float64Array.from({ length: 5000 }, (_, i) => (i % 2 ? 2.5 : -2.5) + (i % 7) * 1e-3);
    const signals = nelsonSignals(x, 0, 1);
    expect(signals.reduce((k, s) => k + s.points.length, 0)).toBeGreaterThan(5024); // the values padded to whole blocks
    expect(signals).toEqual(nelsonSignalsReference(x, 0, 1));
  });

  it('non-finite values and a zero σ take the reference path with the same answer', () => {
    expect(nelsonSignals([0, 1, Number.NaN, 5, 0], 0, 1)).toEqual(nelsonSignalsReference([0, 1, Number.NaN, 5, 0], 0, 1));
    expect(nelsonSignals([1, 1, 1, 2], 1, 0)).toEqual([{ rule: 1, points: [3] }]);
  });
});
