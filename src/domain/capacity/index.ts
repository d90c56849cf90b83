// Capacity: observed on a visit, demonstrated from production logs, and either held against a claim.
export {
  CAPACITY_PERIODS,
  CLAIM_PERIODS,
  CapacityInputError,
  comparisonBasis,
  type CapacityPeriod,
  type ClaimPeriod,
} from './types.js';
export {
  observedCapacity,
  type ObservedCapacity,
  type ObservedCapacityInput,
  type ObservedCapacityInputs,
} from './observed.js';
export {
  DEFAULT_CAPACITY_TOLERANCE,
  compareToClaim,
  convertPeriod,
  type ClaimComparison,
  type CompareToClaimInput,
  type PeriodBasis,
  type PeriodQuantity,
} from './claim.js';
export {
  demonstratedCapacity,
  percentile,
  percentileSorted,
  type DemonstratedCapacity,
  type DemonstratedCapacityOptions,
  type DemonstratedPeriodRow,
  type DemonstratedSeriesPoint,
  type ProductionLogRow,
} from './demonstrated.js';
