import { describe, expect, it } from 'vitest';
import { CapacityInputError, comparisonBasis } from './index.js';

describe('comparisonBasis', () => {
  it.each([
    ['day', 'day', 1],
    ['week', 'week', 1],
    ['month', 'month', 1],
    ['quarter', 'month', 3],
    ['year', 'month', 12],
  ] as const)('a claim per %s is compared per %s (× %d back to its period)', (period, basis, factor) => {
    expect(comparisonBasis(period)).toEqual({ period: basis, factor });
  });

  it('refuses a period it does not know', () => {
    expect(() => comparisonBasis('fortnight' as never)).toThrow(CapacityInputError);
  });
});
