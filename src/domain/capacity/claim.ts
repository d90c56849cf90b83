// A capacity claim held against an observed or demonstrated capacity (DESIGN.md: a claim is contradicted
// when observed differs beyond the policy tolerance — e.g. observed below 80 % of claimed).
import {
  CapacityInputError,
  clean,
  formatNumber,
  formatPercent,
  requireFinite,
  requireNonNegative,
  requirePositive,
  workingDaysOf,
  type CapacityPeriod,
} from './types.js';
import { DEFAULT_CAPACITY_TOLERANCE, meetsCapacityTolerance } from '../claims/status.js';

export { DEFAULT_CAPACITY_TOLERANCE };


/** A quantity per period; week and month state their working days so they can be converted. */
export interface PeriodQuantity {
  value: number;
  period: CapacityPeriod;
  workingDaysPerPeriod?: number;
}

export interface PeriodBasis {
  period: CapacityPeriod;
  /** Working days in the period (ignored for a day, which is always 1). */
  workingDaysPerPeriod?: number;
}

/**
 * Converts a quantity between periods through the daily rate: value ÷ working days (from) × working days (to).
 * A day always has 1 working day; a week or month must state its working days.
 */
export function convertPeriod(value: number, from: PeriodBasis, to: PeriodBasis): number {
  requireFinite('value', value);
  const fromDays = workingDaysOf('from.workingDaysPerPeriod', from.period, from.workingDaysPerPeriod);
  const toDays = workingDaysOf('to.workingDaysPerPeriod', to.period, to.workingDaysPerPeriod);
  if (fromDays === undefined) {
    throw new CapacityInputError('from.workingDaysPerPeriod', `working days per ${from.period} are needed to convert`);
  }
  if (toDays === undefined) {
    throw new CapacityInputError('to.workingDaysPerPeriod', `working days per ${to.period} are needed to convert`);
  }
  return clean((value / fromDays) * toDays);
}

export interface CompareToClaimInput {
  claimed: number | PeriodQuantity;
  observed: number | PeriodQuantity;
  /** Share of the claim that must be observed for the claim to be supported; default 0.8. */
  tolerance?: number;
}

export interface ClaimComparison {
  status: 'supported' | 'contradicted';
  /** observed ÷ claimed, on the claim's basis. */
  ratio: number;
  /** tolerance × claimed: the least observed value that supports the claim. */
  threshold: number;
  tolerance: number;
  claimed: number;
  /** Observed value on the claim's basis (converted when the periods differ). */
  observed: number;
  period?: CapacityPeriod;
  explanation: string;
}

function asQuantity(field: string, q: number | PeriodQuantity): { value: number; basis?: PeriodBasis } {
  if (typeof q === 'number') return { value: q };
  if (q === null || typeof q !== 'object') throw new CapacityInputError(field, `${field} must be a number or { value, period }`);
  return { value: requireFinite(`${field}.value`, q.value), basis: { period: q.period, workingDaysPerPeriod: q.workingDaysPerPeriod } };
}

/** Different periods, or the same week/month stated with different working days. */
function needsConversion(claim: PeriodBasis, observed: PeriodBasis): boolean {
  if (claim.period !== observed.period) return true;
  if (claim.period === 'day') return false;
  return (
    claim.workingDaysPerPeriod !== undefined &&
    observed.workingDaysPerPeriod !== undefined &&
    claim.workingDaysPerPeriod !== observed.workingDaysPerPeriod
  );
}

function basisText(b: PeriodBasis | undefined): string {
  if (b === undefined) return '';
  if (b.period === 'day' || b.workingDaysPerPeriod === undefined) return ` per ${b.period}`;
  return ` per ${b.period} (${formatNumber(b.workingDaysPerPeriod)} working days)`;
}

export function compareToClaim(input: CompareToClaimInput): ClaimComparison {
  const tolerance = input.tolerance ?? DEFAULT_CAPACITY_TOLERANCE;
  requireFinite('tolerance', tolerance);
  if (tolerance <= 0 || tolerance > 1) throw new CapacityInputError('tolerance', 'tolerance must be greater than 0 and at most 1');

  const claim = asQuantity('claimed', input.claimed);
  const obs = asQuantity('observed', input.observed);
  const claimed = requirePositive('claimed', claim.value);
  requireNonNegative('observed', obs.value);

  let observed = obs.value;
  let conversion = '';
  const basis = claim.basis ?? obs.basis;
  if (claim.basis !== undefined && obs.basis !== undefined && needsConversion(claim.basis, obs.basis)) {
    const cb = claim.basis;
    const ob = obs.basis;
    if (ob.period !== 'day' && ob.workingDaysPerPeriod === undefined) {
      throw new CapacityInputError(
        'observed.workingDaysPerPeriod',
        `working days per ${ob.period} are needed to compare with a claim per ${cb.period}`,
      );
    }
    if (cb.period !== 'day' && cb.workingDaysPerPeriod === undefined) {
      throw new CapacityInputError(
        'claimed.workingDaysPerPeriod',
        `working days per ${cb.period} are needed to compare with an observation per ${ob.period}`,
      );
    }
    observed = convertPeriod(obs.value, ob, cb);
    conversion = ` (from ${formatNumber(obs.value)}${basisText(ob)}, converted at the daily rate)`;
  }

  const threshold = clean(tolerance * claimed);
  const ratio = observed / claimed;
  const supported = meetsCapacityTolerance(observed, claimed, tolerance);
  const status = supported ? 'supported' : 'contradicted';
  const per = basisText(basis);
  const explanation =
    `Observed ${formatNumber(observed)}${per}${conversion} is ${formatPercent(ratio)} of the claimed ` +
    `${formatNumber(claimed)}${per}; at least ${formatPercent(tolerance)} (${formatNumber(threshold)}) is needed, ` +
    `so the claim is ${status}.`;

  const out: ClaimComparison = { status, ratio, threshold, tolerance, claimed, observed, explanation };
  if (basis !== undefined) out.period = basis.period;
  return out;
}
