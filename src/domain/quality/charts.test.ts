import { describe, expect, it } from 'vitest';
import { displayIndices, histogram, matchLineToClaim, subgroupSizeByLot } from './charts.js';
import { evaluateSampleTest, SampleTestInputError } from './sample-tests.js';
import type { CharacteristicSpec } from './rows.js';

describe('displayIndices', () => {
  it('keeps every point of a short series', () => {
    expect(displayIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });
  it('keeps spikes, ends and signals of a long series within the budget', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    values[4321] = 99;
    values[7777] = -99;
    const shown = displayIndices(values, 500, [10, 9000]);
    expect(shown.length).toBeLessThanOrEqual(500);
    expect(shown).toEqual(expect.arrayContaining([0, 9999, 4321, 7777, 10, 9000]));
    expect([...shown].sort((a, b) => a - b)).toEqual(shown);
  });
});

describe('histogram', () => {
  it('counts every value once and widens the range to the spec limits', () => {
    const values = [10.01, 10.02, 10.02, 10.03, 10.05];
    const h = histogram(values, { lsl: 10.0, usl: 10.1 }, 5);
    expect(h.bins).toHaveLength(5);
    expect(h.bins[0]!.from).toBe(10.0);
    expect(h.bins[4]!.to).toBe(10.1);
    expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(5);
    expect(h).toMatchObject({ belowLsl: 0, aboveUsl: 0, n: 5, min: 10.01, max: 10.05 });
  });
  it('counts values outside the limits and ignores limits far away', () => {
    const h = histogram([1, 2, 3, 4], { lsl: 2, usl: 1000 });
    expect(h).toMatchObject({ belowLsl: 1, aboveUsl: 0 });
    expect(h.bins[h.bins.length - 1]!.to).toBe(4);
  });
  it('handles a constant series', () => {
    const h = histogram([5, 5, 5], { lsl: null, usl: null });
    expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(3);
  });
});

describe('subgroupSizeByLot', () => {
  it.each([
    [['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c'], 3],
    [['a', 'a', 'b', 'b', 'b'], 1],
    [['a', 'b', 'c', 'd'], 1],
    [['a', 'a', 'b', 'b', 'a', 'a'], 1],
    [Array.from({ length: 24 }, (_, i) => `L${Math.floor(i / 12)}`), 1],
    [['a', 'a', 'b', 'b'], 2],
  ])('%j → %i', (lots, k) => {
    expect(subgroupSizeByLot(lots)).toBe(k);
  });
});

describe('matchLineToClaim', () => {
  const claims = [
    { id: 'c1', productLine: 'Line 1 housings', siteName: 'Plant 1' },
    { id: 'c2', productLine: 'Line 2 housings', siteName: 'Plant 1' },
    { id: 'c3', productLine: 'Line 1', siteName: 'Plant 2' },
  ];
  it.each([
    ['Plant 1', 'Line 2', 'c2'],
    ['Plant 1', 'line 2 housings', 'c2'],
    ['Plant 2', 'Line 1', 'c3'],
    ['Plant 1', 'Line 1', 'c3'], // the exact name wins over a prefix
    ['Plant 1', 'Line 3', null],
    ['Plant 1', 'Line', null],
  ])('%s / %s → %s', (site, line, id) => {
    expect(matchLineToClaim(site, line, claims)).toBe(id);
  });
});

describe('evaluateSampleTest', () => {
  const chars: CharacteristicSpec[] = [
    { key: 'bore', name: 'Bore', unit: 'mm', nominal: 32, lsl: 32, usl: 32.025, criticality: 'critical', method: null },
    { key: 'wall', name: 'Wall', unit: 'mm', nominal: 2.5, lsl: 2.3, usl: null, criticality: 'major', method: null },
    { key: 'flat', name: 'Flatness', unit: 'mm', nominal: null, lsl: null, usl: 0.05, criticality: 'minor', method: null },
  ];
  it('passes when every measured value is within its (one- or two-sided) limits, limits inclusive', () => {
    const r = evaluateSampleTest(chars, [
      { sample: 'S1', values: { bore: 32.0, wall: 2.9, flat: 0.05 } },
      { sample: 'S2', values: { bore: 32.025, Wall: 2.3 } },
    ]);
    expect(r.verdict).toBe('pass');
    expect(r.characteristics.map((c) => [c.key, c.verdict, c.n])).toEqual([
      ['bore', 'pass', 2],
      ['wall', 'pass', 2],
      ['flat', 'pass', 1],
    ]);
  });
  it('fails a characteristic with a sample outside, naming the sample; untested ones are reported', () => {
    const r = evaluateSampleTest(chars, [
      { sample: 'S1', values: { bore: 32.026 } },
      { sample: 'S2', values: { bore: 32.01 } },
    ]);
    expect(r.verdict).toBe('fail');
    expect(r.characteristics[0]).toMatchObject({ verdict: 'fail', failedSamples: ['S1'], min: 32.01, max: 32.026 });
    expect(r.characteristics[1]!.verdict).toBe('not_tested');
    expect(r.summary).toContain('FAIL (S1)');
  });
  it('refuses unknown characteristics and repeated samples', () => {
    expect(() => evaluateSampleTest(chars, [{ sample: 'S1', values: { colour: 1 } }])).toThrow(SampleTestInputError);
    expect(() => evaluateSampleTest(chars, [{ sample: 'S1', values: {} }, { sample: 'S1', values: {} }])).toThrow(/twice/);
  });
});
