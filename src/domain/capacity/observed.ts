// Observed capacity on a factory visit: computed from what a visitor can count.
//   value = lines × shifts per day × hours per shift × units per hour × availability × working days per period
// where units per hour (per line) is either counted directly or derived from the cycle time:
//   units per hour = 3,600 s ÷ cycle time (s) × units (or cavities) per cycle.
import {
  CapacityInputError,
  clean,
  formatNumber,
  plural,
  requireFinite,
  requirePositive,
  requirePositiveInteger,
  workingDaysOf,
  type CapacityPeriod,
} from './types.js';

export interface ObservedCapacityInput {
  lines: number;
  shiftsPerDay: number;
  hoursPerShift: number;
  /** Output rate of one line; give this or `cycleTimeSeconds`, not both. */
  unitsPerHour?: number;
  cycleTimeSeconds?: number;
  /** Units (or mould cavities) completed per cycle; default 1. Only with `cycleTimeSeconds`. */
  cavitiesOrUnitsPerCycle?: number;
  /** Share of planned time the lines actually run, 0..1 (0.85 = 85 %). */
  availability: number;
  /** Working days in the period; 1 (or omitted) for a day, required for a week or a month. */
  workingDaysPerPeriod?: number;
  period: CapacityPeriod;
}

export interface ObservedCapacityInputs {
  lines: number;
  shiftsPerDay: number;
  hoursPerShift: number;
  unitsPerHour: number;
  cycleTimeSeconds?: number;
  cavitiesOrUnitsPerCycle?: number;
  availability: number;
  workingDaysPerPeriod: number;
  period: CapacityPeriod;
}

export interface ObservedCapacity {
  /** Units per period (unrounded apart from floating-point noise). */
  value: number;
  /** Units per hour of one line (counted, or derived from the cycle time). */
  unitsPerHour: number;
  period: CapacityPeriod;
  /** The formula with the numbers substituted. */
  formula: string;
  inputs: ObservedCapacityInputs;
}

const PERIODS: readonly CapacityPeriod[] = ['day', 'week', 'month'];

export function observedCapacity(input: ObservedCapacityInput): ObservedCapacity {
  if (!PERIODS.includes(input.period)) {
    throw new CapacityInputError('period', 'period must be one of day, week, month');
  }
  const lines = requirePositiveInteger('lines', input.lines);
  const shiftsPerDay = requirePositiveInteger('shiftsPerDay', input.shiftsPerDay);
  const hoursPerShift = requirePositive('hoursPerShift', input.hoursPerShift);
  if (shiftsPerDay * hoursPerShift > 24) {
    throw new CapacityInputError('hoursPerShift', 'shiftsPerDay × hoursPerShift must not exceed 24 hours');
  }
  const availability = requireFinite('availability', input.availability);
  if (availability < 0 || availability > 1) {
    throw new CapacityInputError('availability', 'availability must be between 0 and 1 (e.g. 0.85 for 85 %)');
  }
  const days = workingDaysOf('workingDaysPerPeriod', input.period, input.workingDaysPerPeriod);
  if (days === undefined) {
    throw new CapacityInputError('workingDaysPerPeriod', `workingDaysPerPeriod is required for a ${input.period}`);
  }

  const hasRate = input.unitsPerHour !== undefined;
  const hasCycle = input.cycleTimeSeconds !== undefined;
  if (!hasRate && !hasCycle) {
    throw new CapacityInputError('unitsPerHour', 'give either unitsPerHour or cycleTimeSeconds');
  }
  if (hasRate && hasCycle) {
    throw new CapacityInputError('unitsPerHour', 'give either unitsPerHour or cycleTimeSeconds, not both');
  }
  if (hasRate && input.cavitiesOrUnitsPerCycle !== undefined) {
    throw new CapacityInputError('cavitiesOrUnitsPerCycle', 'cavitiesOrUnitsPerCycle only applies with cycleTimeSeconds');
  }

  let unitsPerHour: number;
  let rateText: string;
  const inputs: ObservedCapacityInputs = {
    lines,
    shiftsPerDay,
    hoursPerShift,
    unitsPerHour: 0,
    availability,
    workingDaysPerPeriod: days,
    period: input.period,
  };
  if (hasRate) {
    unitsPerHour = requirePositive('unitsPerHour', input.unitsPerHour);
    rateText = `${formatNumber(unitsPerHour)} units/h`;
  } else {
    const cycle = requirePositive('cycleTimeSeconds', input.cycleTimeSeconds);
    const perCycle = requirePositiveInteger('cavitiesOrUnitsPerCycle', input.cavitiesOrUnitsPerCycle ?? 1);
    unitsPerHour = clean((3600 / cycle) * perCycle);
    inputs.cycleTimeSeconds = cycle;
    inputs.cavitiesOrUnitsPerCycle = perCycle;
    rateText =
      `${formatNumber(unitsPerHour)} units/h (3,600 s ÷ ${formatNumber(cycle)} s cycle × ` +
      `${perCycle} ${plural(perCycle, 'unit', 'units')} per cycle)`;
  }
  inputs.unitsPerHour = unitsPerHour;

  const value = clean(lines * shiftsPerDay * hoursPerShift * unitsPerHour * availability * days);
  const formula =
    `${lines} ${plural(lines, 'line', 'lines')} × ${shiftsPerDay} ${plural(shiftsPerDay, 'shift', 'shifts')} × ` +
    `${formatNumber(hoursPerShift)} h × ${rateText} × ${formatNumber(availability, 4)} availability × ` +
    `${formatNumber(days)} ${plural(days, 'day', 'days')} = ${formatNumber(value)} per ${input.period}`;

  return { value, unitsPerHour, period: input.period, formula, inputs };
}
