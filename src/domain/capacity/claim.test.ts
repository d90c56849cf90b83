import { describe, expect, it } from 'vitest';
import { CapacityInputError, compareToClaim, convertPeriod, type CompareToClaimInput, type PeriodBasis } from './index.js';

// Rule (DESIGN.md, "Claims"): contradicted when observed is below the policy tolerance of the claim
// (default 80 %); exactly at the tolerance counts as supported. Expected values hand-computed.
describe('compareToClaim', () => {
  it.each<{ name: string; input: CompareToClaimInput; status: 'supported' | 'contradicted'; ratio: number; threshold: number; observed?: number }>([
    { name: '35,904 (one line, see observed.test.ts) of 40,000', input: { claimed: 40_000, observed: 35_904 }, status: 'supported', ratio: 0.8976, threshold: 32_000 },
    { name: 'exactly at 80 % is supported', input: { claimed: 40_000, observed: 32_000 }, status: 'supported', ratio: 0.8, threshold: 32_000 },
    { name: 'one unit below 80 % is contradicted', input: { claimed: 40_000, observed: 31_999 }, status: 'contradicted', ratio: 0.799975, threshold: 32_000 },
    { name: 'boundary with float noise: 0.8 × 35 = 28.000000000000004', input: { claimed: 35, observed: 28 }, status: 'supported', ratio: 0.8, threshold: 28 },
    { name: 'demo: 29,920 observed of 40,000 claimed', input: { claimed: 40_000, observed: 29_920 }, status: 'contradicted', ratio: 0.748, threshold: 32_000 },
    { name: 'stricter tolerance 0.9', input: { claimed: 40_000, observed: 35_904, tolerance: 0.9 }, status: 'contradicted', ratio: 0.8976, threshold: 36_000 },
    { name: 'tolerance 1: must meet the claim', input: { claimed: 100, observed: 100, tolerance: 1 }, status: 'supported', ratio: 1, threshold: 100 },
    { name: 'nothing observed', input: { claimed: 40_000, observed: 0 }, status: 'contradicted', ratio: 0, threshold: 32_000 },
    { name: 'more than claimed', input: { claimed: 40_000, observed: 52_000 }, status: 'supported', ratio: 1.3, threshold: 32_000 },
    {
      name: 'claim per month (22 d) vs observed per week (5 d): 8,160 ÷ 5 × 22 = 35,904',
      input: { claimed: { value: 40_000, period: 'month', workingDaysPerPeriod: 22 }, observed: { value: 8_160, period: 'week', workingDaysPerPeriod: 5 } },
      status: 'supported',
      ratio: 0.8976,
      threshold: 32_000,
      observed: 35_904,
    },
    {
      name: 'claim per month (22 d) vs observed per day: 1,400 × 22 = 30,800',
      input: { claimed: { value: 40_000, period: 'month', workingDaysPerPeriod: 22 }, observed: { value: 1_400, period: 'day' } },
      status: 'contradicted',
      ratio: 0.77,
      threshold: 32_000,
      observed: 30_800,
    },
    {
      name: 'same period, different working days: 26 d claim vs 22 d observation (35,904 ÷ 22 × 26 = 42,432)',
      input: { claimed: { value: 40_000, period: 'month', workingDaysPerPeriod: 26 }, observed: { value: 35_904, period: 'month', workingDaysPerPeriod: 22 } },
      status: 'supported',
      ratio: 1.0608,
      threshold: 32_000,
      observed: 42_432,
    },
    {
      name: 'same period, working days stated on one side only: no conversion',
      input: { claimed: { value: 40_000, period: 'month' }, observed: { value: 35_904, period: 'month', workingDaysPerPeriod: 22 } },
      status: 'supported',
      ratio: 0.8976,
      threshold: 32_000,
      observed: 35_904,
    },
  ])('$name', ({ input, status, ratio, threshold, observed }) => {
    const r = compareToClaim(input);
    expect(r.status).toBe(status);
    expect(r.ratio).toBeCloseTo(ratio, 9);
    expect(r.threshold).toBeCloseTo(threshold, 9);
    if (observed !== undefined) expect(r.observed).toBeCloseTo(observed, 6);
    expect(r.explanation).toContain(`so the claim is ${status}.`);
  });

  it('explains in one sentence', () => {
    expect(compareToClaim({ claimed: 40_000, observed: 35_904 }).explanation).toBe(
      'Observed 35,904 is 89.8 % of the claimed 40,000; at least 80 % (32,000) is needed, so the claim is supported.',
    );
    expect(
      compareToClaim({
        claimed: { value: 40_000, period: 'month', workingDaysPerPeriod: 22 },
        observed: { value: 8_160, period: 'week', workingDaysPerPeriod: 5 },
      }).explanation,
    ).toBe(
      'Observed 35,904 per month (22 working days) (from 8,160 per week (5 working days), converted at the daily rate) ' +
        'is 89.8 % of the claimed 40,000 per month (22 working days); at least 80 % (32,000) is needed, so the claim is supported.',
    );
  });

  it.each<{ name: string; input: CompareToClaimInput; field: string }>([
    { name: 'zero claim', input: { claimed: 0, observed: 10 }, field: 'claimed' },
    { name: 'negative observation', input: { claimed: 10, observed: -1 }, field: 'observed' },
    { name: 'tolerance 0', input: { claimed: 10, observed: 10, tolerance: 0 }, field: 'tolerance' },
    { name: 'tolerance above 1 (80 written as a percentage)', input: { claimed: 10, observed: 10, tolerance: 80 }, field: 'tolerance' },
    {
      name: 'weekly observation without working days against a monthly claim',
      input: { claimed: { value: 40_000, period: 'month', workingDaysPerPeriod: 22 }, observed: { value: 8_000, period: 'week' } },
      field: 'observed.workingDaysPerPeriod',
    },
    {
      name: 'monthly claim without working days against a weekly observation',
      input: { claimed: { value: 40_000, period: 'month' }, observed: { value: 8_000, period: 'week', workingDaysPerPeriod: 5 } },
      field: 'claimed.workingDaysPerPeriod',
    },
  ])('rejects $name (field $field)', ({ input, field }) => {
    expect(() => compareToClaim(input)).toThrow(CapacityInputError);
    try {
      compareToClaim(input);
    } catch (e) {
      expect((e as CapacityInputError).field).toBe(field);
    }
  });
});

describe('convertPeriod', () => {
  it.each<{ value: number; from: PeriodBasis; to: PeriodBasis; expected: number }>([
    { value: 100, from: { period: 'day' }, to: { period: 'week', workingDaysPerPeriod: 5 }, expected: 500 },
    { value: 500, from: { period: 'week', workingDaysPerPeriod: 5 }, to: { period: 'month', workingDaysPerPeriod: 22 }, expected: 2_200 },
    { value: 2_200, from: { period: 'month', workingDaysPerPeriod: 22 }, to: { period: 'day' }, expected: 100 },
    { value: 600, from: { period: 'week', workingDaysPerPeriod: 6 }, to: { period: 'week', workingDaysPerPeriod: 5 }, expected: 500 },
    { value: 40_000, from: { period: 'month', workingDaysPerPeriod: 26 }, to: { period: 'week', workingDaysPerPeriod: 6.5 }, expected: 10_000 },
    { value: 0, from: { period: 'day' }, to: { period: 'month', workingDaysPerPeriod: 22 }, expected: 0 },
  ])('$value per $from.period → $expected per $to.period', ({ value, from, to, expected }) => {
    expect(convertPeriod(value, from, to)).toBeCloseTo(expected, 9);
  });

  it.each<{ from: PeriodBasis; to: PeriodBasis; field: string }>([
    { from: { period: 'week' }, to: { period: 'day' }, field: 'from.workingDaysPerPeriod' },
    { from: { period: 'day' }, to: { period: 'month' }, field: 'to.workingDaysPerPeriod' },
    { from: { period: 'week', workingDaysPerPeriod: 0 }, to: { period: 'day' }, field: 'from.workingDaysPerPeriod' },
    { from: { period: 'day', workingDaysPerPeriod: 2 }, to: { period: 'day' }, field: 'from.workingDaysPerPeriod' },
  ])('needs working days: $field', ({ from, to, field }) => {
    try {
      convertPeriod(1, from, to);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CapacityInputError);
      expect((e as CapacityInputError).field).toBe(field);
    }
  });
});
