// Capacity: shared vocabulary and helpers. Pure, no I/O.

import { CAPACITY_PERIODS, CLAIM_PERIODS, isCapacityPeriod, MONTHS_IN, type CapacityPeriod, type ClaimPeriod } from '../periods.js';

// The periods live in domain/periods.ts; re-exported for the capacity modules.
export { CAPACITY_PERIODS, CLAIM_PERIODS, type CapacityPeriod, type ClaimPeriod };

/**
 * The basis a claim is compared on, and the factor from that basis back to the claim's own period: a claim per
 * day, week or month is compared as stated; one per quarter or year per month (a quarter is three calendar months,
 * a year twelve), so production logs and visit counts can be held against it.
 */
export function comparisonBasis(period: ClaimPeriod): { period: CapacityPeriod; factor: number } {
  if (isCapacityPeriod(period)) return { period, factor: 1 };
  const months = MONTHS_IN[period as keyof typeof MONTHS_IN];
  if (months === undefined) throw new CapacityInputError('period', `period must be one of ${CLAIM_PERIODS.join(', ')}`);
  return { period: 'month', factor: months };
}

/** Invalid input to a capacity calculation; `field` names the offending input (e.g. "availability", "logs[3].scrap"). */
export class CapacityInputError extends Error {
  override readonly name = 'CapacityInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>();

/** "35,904", "1,234.5" — en-US grouping, at most `digits` decimals. */
export function formatNumber(n: number, digits = 2): string {
  let f = NUMBER_FORMATS.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits });
    NUMBER_FORMATS.set(digits, f);
  }
  return f.format(n);
}

/** "85 %" style percentage with at most one decimal. */
export function formatPercent(ratio: number): string {
  return `${formatNumber(ratio * 100, 1)} %`;
}

/** Removes binary floating-point noise (e.g. 35903.99999999999 → 35904) without hiding real fractions. */
export function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export function requireFinite(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new CapacityInputError(field, `${field} must be a finite number`);
  return v;
}

export function requirePositive(field: string, v: unknown): number {
  const n = requireFinite(field, v);
  if (n <= 0) throw new CapacityInputError(field, `${field} must be greater than 0`);
  return n;
}

export function requireNonNegative(field: string, v: unknown): number {
  const n = requireFinite(field, v);
  if (n < 0) throw new CapacityInputError(field, `${field} must not be negative`);
  return n;
}

export function requirePositiveInteger(field: string, v: unknown): number {
  const n = requireFinite(field, v);
  if (!Number.isInteger(n) || n < 1) throw new CapacityInputError(field, `${field} must be a whole number of at least 1`);
  return n;
}

/** Maximum working days a period can hold. */
export const MAX_WORKING_DAYS: Readonly<Record<CapacityPeriod, number>> = { day: 1, week: 7, month: 31 };

/**
 * Working days per period: a day is always 1; a week or a month needs the stated number (0 < d ≤ 7 or 31).
 * Returns undefined for a week or a month stated without working days.
 */
export function workingDaysOf(field: string, period: CapacityPeriod, days: number | undefined): number | undefined {
  if (period === 'day') {
    if (days !== undefined && days !== 1) throw new CapacityInputError(field, `${field} must be 1 for a daily figure`);
    return 1;
  }
  if (days === undefined) return undefined;
  const d = requirePositive(field, days);
  if (d > MAX_WORKING_DAYS[period]) {
    throw new CapacityInputError(field, `${field} must be at most ${MAX_WORKING_DAYS[period]} for a ${period}`);
  }
  return d;
}
