import { describe, expect, it } from 'vitest';
import { comparisonBasis } from './capacity/types.js';
import { MAX_CAPACITY } from './claims/bounds.js';
import { CLAIM_PERIODS, convertCalendarPeriod, DAYS_PER_MONTH, perMonth } from './periods.js';
import { capabilityClass } from './spc/capability.js';
import { capabilityBand } from './spc/verdict.js';

describe('periods', () => {
  it.each([
    ['day', 1, DAYS_PER_MONTH],
    ['week', 7, DAYS_PER_MONTH],
    ['month', 30_000, 30_000],
    ['quarter', 90_000, 30_000],
    ['year', 360_000, 30_000],
  ] as const)('%s: %s a period is %s a month', (period, value, monthly) => {
    expect(perMonth(value, period)).toBeCloseTo(monthly, 9);
  });

  it('quarters and years are compared per month, as the claim bounds scale them', () => {
    for (const p of CLAIM_PERIODS) {
      const { period, factor } = comparisonBasis(p);
      expect(MAX_CAPACITY[p] / factor).toBeLessThanOrEqual(MAX_CAPACITY[period]);
      if (p === 'quarter' || p === 'year') expect(convertCalendarPeriod(factor, p, 'month')).toBeCloseTo(1, 12);
    }
  });
});

describe('capability thresholds', () => {
  it.each([
    [1.33, 'capable'],
    [1.3299, 'marginal'],
    [1, 'marginal'],
    [0.9999, 'not_capable'],
  ] as const)('%s is %s, in the SPC verdict too', (index, cls) => {
    expect(capabilityClass(index)).toBe(cls);
    expect(capabilityBand(index)).toBe(cls);
  });
});
