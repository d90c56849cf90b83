import { describe, expect, it } from 'vitest';
import { DEFAULT_SINCERITY_WEIGHTS, rankBuyers, scoreSincerity, validateWeights, type Judgement } from './score.js';
import { SINCERITY_SIGNAL_KEYS, type DerivedSignal, type SincerityKey } from './signals.js';

const signals = (values: (number | null)[]): DerivedSignal[] =>
  SINCERITY_SIGNAL_KEYS.map((key, i) => ({ key, value: values[i], records: [], params: {}, explanation: '' }));

describe('scoreSincerity', () => {
  // Default weights 30, 25, 20, 15, 10 (hand-computed).
  it.each<{ name: string; values: (number | null)[]; judgements?: Partial<Record<SincerityKey, Judgement>>; score: number | null; band: string }>([
    { name: 'all 100 → 100', values: [100, 100, 100, 100, 100], score: 100, band: 'high' },
    { name: 'Nordlicht: (30×100 + 25×100 + 20×90 + 15×67 + 10×85)/100 = 91.55 → 91.6', values: [100, 100, 90, 67, 85], score: 91.6, band: 'high' },
    { name: 'Lakeshore: no questionnaire, (20×20)/90 = 4.44 → 4.4', values: [0, 0, 20, 0, null], score: 4.4, band: 'low' },
    { name: 'only clarity known → its own value', values: [null, null, 55, null, null], score: 55, band: 'moderate' },
    { name: 'at the high band: all 70', values: [70, 70, 70, 70, 70], score: 70, band: 'high' },
    { name: 'at the moderate band: all 40', values: [40, 40, 40, 40, 40], score: 40, band: 'moderate' },
    { name: 'nothing known → null', values: [null, null, null, null, null], score: null, band: 'insufficient' },
    {
      name: 'a judgement replaces the derived value: Lakeshore technical set to 50 → (30×50 + 20×20)/90 = 21.1',
      values: [0, 0, 20, 0, null],
      judgements: { technical_depth: { value: 50, note: 'Asked about alloys on the phone' } },
      score: 21.1,
      band: 'low',
    },
    {
      name: 'a judgement gives a value where none was derived: questionnaire 90 → (30×0 + 25×0 + 20×20 + 15×0 + 10×90)/100 = 13',
      values: [0, 0, 20, 0, null],
      judgements: { visit_questionnaire: { value: 90, note: 'Met at the fair' } },
      score: 13,
      band: 'low',
    },
  ])('$name', ({ values, judgements, score, band }) => {
    const a = scoreSincerity(signals(values), DEFAULT_SINCERITY_WEIGHTS, judgements);
    expect(a.score).toBe(score);
    expect(a.band).toBe(band);
    if (score !== null) expect(a.signals.reduce((n, s) => n + s.contribution, 0)).toBeCloseTo(score, 0);
  });

  it('keeps the derived value beside the judgement, and explains the score', () => {
    const a = scoreSincerity(signals([0, 0, 20, 0, null]), DEFAULT_SINCERITY_WEIGHTS, { technical_depth: { value: 50, note: 'Phone call' } });
    expect(a.signals[0]).toMatchObject({ key: 'technical_depth', value: 50, derivedValue: 0, judgement: { value: 50, note: 'Phone call' }, weight: 30, contribution: 16.7 });
    expect(a.signals[4]).toMatchObject({ key: 'visit_questionnaire', value: null, contribution: 0 });
    expect(a.explanation).toBe(
      'Score 21.1 of 100: the weighted mean of 4 of 5 signals (1 set by your judgement); without a value yet: visit_questionnaire. Low (high ≥ 70, moderate ≥ 40).',
    );
  });

  it('weights edited by the admins change the score; a zero weight leaves a signal out', () => {
    const w = { ...DEFAULT_SINCERITY_WEIGHTS, technical_depth: 0, specification_clarity: 50 };
    // (25×0 + 50×20 + 15×0)/90 = 11.1
    expect(scoreSincerity(signals([100, 0, 20, 0, null]), w).score).toBe(11.1);
  });
});

describe('validateWeights', () => {
  it.each<{ w: Record<string, unknown>; paths: string[] }>([
    { w: { ...DEFAULT_SINCERITY_WEIGHTS }, paths: [] },
    { w: { ...DEFAULT_SINCERITY_WEIGHTS, technical_depth: 101 }, paths: ['weights.technical_depth'] },
    { w: { ...DEFAULT_SINCERITY_WEIGHTS, visit_questionnaire: 2.5 }, paths: ['weights.visit_questionnaire'] },
    { w: { ...DEFAULT_SINCERITY_WEIGHTS, price: 10 }, paths: ['weights.price'] },
    { w: { technical_depth: 10 }, paths: ['weights.willingness_to_verify', 'weights.specification_clarity', 'weights.operations_understanding', 'weights.visit_questionnaire'] },
    { w: { technical_depth: 0, willingness_to_verify: 0, specification_clarity: 0, operations_understanding: 0, visit_questionnaire: 0 }, paths: ['weights'] },
  ])('$w → $paths', ({ w, paths }) => {
    expect(validateWeights(w).map((e) => e.path)).toEqual(paths);
  });
});

describe('rankBuyers', () => {
  it('highest first, no score last, ties by name', () => {
    const ranked = rankBuyers([
      { name: 'Lakeshore Outdoor', score: 4.4 },
      { name: 'New Buyer', score: null },
      { name: 'Nordlicht Medical', score: 91.6 },
      { name: 'Alpine Gear', score: 4.4 },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(['Nordlicht Medical', 'Alpine Gear', 'Lakeshore Outdoor', 'New Buyer']);
  });
});
