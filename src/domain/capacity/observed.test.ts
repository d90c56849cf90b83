import { describe, expect, it } from 'vitest';
import { CapacityInputError, observedCapacity, type ObservedCapacityInput } from './index.js';

// Expected values are hand-computed from the formula in the issue text
// ("lines × shifts × hours per shift × units per hour × availability × working days").
describe('observedCapacity', () => {
  it.each<{ name: string; input: ObservedCapacityInput; value: number; unitsPerHour: number; formula: string }>([
    {
      // The brief's sample string gives "= 35,904" for these inputs; 2 × 2 × 8 × 120 × 0.85 × 22 is 71,808.
      name: 'brief inputs (2 lines, 2 shifts, 8 h, 120/h, 85 %, 22 days): 71,808 by hand',
      input: { lines: 2, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 120, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' },
      value: 71_808,
      unitsPerHour: 120,
      formula: '2 lines × 2 shifts × 8 h × 120 units/h × 0.85 availability × 22 days = 71,808 per month',
    },
    {
      name: 'one line on the same basis: 35,904 by hand',
      input: { lines: 1, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 120, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' },
      value: 35_904,
      unitsPerHour: 120,
      formula: '1 line × 2 shifts × 8 h × 120 units/h × 0.85 availability × 22 days = 35,904 per month',
    },
    {
      name: 'cycle time with 2 cavities: 3600 ÷ 45 × 2 = 160/h (hand-computed)',
      input: { lines: 1, shiftsPerDay: 3, hoursPerShift: 8, cycleTimeSeconds: 45, cavitiesOrUnitsPerCycle: 2, availability: 0.9, workingDaysPerPeriod: 6, period: 'week' },
      value: 20_736,
      unitsPerHour: 160,
      formula:
        '1 line × 3 shifts × 8 h × 160 units/h (3,600 s ÷ 45 s cycle × 2 units per cycle) × 0.9 availability × 6 days = 20,736 per week',
    },
    {
      name: 'demo workspace: Hengtai housings, 90 s cycle, 1 per cycle (hand-computed)',
      input: { lines: 2, shiftsPerDay: 2, hoursPerShift: 10, cycleTimeSeconds: 90, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' },
      value: 29_920,
      unitsPerHour: 40,
      formula:
        '2 lines × 2 shifts × 10 h × 40 units/h (3,600 s ÷ 90 s cycle × 1 unit per cycle) × 0.85 availability × 22 days = 29,920 per month',
    },
    {
      name: 'a day needs no working days (1 is implied)',
      input: { lines: 2, shiftsPerDay: 1, hoursPerShift: 7.5, unitsPerHour: 100, availability: 1, period: 'day' },
      value: 1_500,
      unitsPerHour: 100,
      formula: '2 lines × 1 shift × 7.5 h × 100 units/h × 1 availability × 1 day = 1,500 per day',
    },
    {
      name: 'zero availability gives zero, not an error',
      input: { lines: 2, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 120, availability: 0, workingDaysPerPeriod: 22, period: 'month' },
      value: 0,
      unitsPerHour: 120,
      formula: '2 lines × 2 shifts × 8 h × 120 units/h × 0 availability × 22 days = 0 per month',
    },
    {
      name: 'fractional rate: 3600 ÷ 7 s = 514.2857…/h (hand-computed)',
      input: { lines: 1, shiftsPerDay: 1, hoursPerShift: 8, cycleTimeSeconds: 7, availability: 1, period: 'day' },
      value: 4114.285714,
      unitsPerHour: 514.285714,
      formula: '1 line × 1 shift × 8 h × 514.29 units/h (3,600 s ÷ 7 s cycle × 1 unit per cycle) × 1 availability × 1 day = 4,114.29 per day',
    },
    {
      name: 'availability written with four decimals',
      input: { lines: 1, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 50, availability: 0.8125, workingDaysPerPeriod: 5, period: 'week' },
      value: 3_250,
      unitsPerHour: 50,
      formula: '1 line × 2 shifts × 8 h × 50 units/h × 0.8125 availability × 5 days = 3,250 per week',
    },
  ])('$name', ({ input, value, unitsPerHour, formula }) => {
    const r = observedCapacity(input);
    expect(r.value).toBeCloseTo(value, 5);
    expect(r.unitsPerHour).toBeCloseTo(unitsPerHour, 5);
    expect(r.formula).toBe(formula);
    expect(r.period).toBe(input.period);
    expect(r.inputs.lines).toBe(input.lines);
  });

  it('echoes the inputs, with the derived rate and the default of 1 unit per cycle', () => {
    const r = observedCapacity({ lines: 1, shiftsPerDay: 1, hoursPerShift: 8, cycleTimeSeconds: 30, availability: 0.5, period: 'day' });
    expect(r.inputs).toEqual({
      lines: 1,
      shiftsPerDay: 1,
      hoursPerShift: 8,
      unitsPerHour: 120,
      cycleTimeSeconds: 30,
      cavitiesOrUnitsPerCycle: 1,
      availability: 0.5,
      workingDaysPerPeriod: 1,
      period: 'day',
    });
  });

  const base: ObservedCapacityInput = { lines: 2, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 120, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' };
  it.each<{ name: string; input: Partial<ObservedCapacityInput> & Record<string, unknown>; field: string }>([
    { name: 'neither units per hour nor cycle time', input: { unitsPerHour: undefined }, field: 'unitsPerHour' },
    { name: 'both units per hour and cycle time', input: { cycleTimeSeconds: 30 }, field: 'unitsPerHour' },
    { name: 'cavities without a cycle time', input: { cavitiesOrUnitsPerCycle: 2 }, field: 'cavitiesOrUnitsPerCycle' },
    { name: 'availability above 1 (85 written as a percentage)', input: { availability: 85 }, field: 'availability' },
    { name: 'negative availability', input: { availability: -0.1 }, field: 'availability' },
    { name: 'availability not a number', input: { availability: Number.NaN }, field: 'availability' },
    { name: 'zero lines', input: { lines: 0 }, field: 'lines' },
    { name: 'fractional lines', input: { lines: 1.5 }, field: 'lines' },
    { name: 'zero shifts', input: { shiftsPerDay: 0 }, field: 'shiftsPerDay' },
    { name: 'zero hours per shift', input: { hoursPerShift: 0 }, field: 'hoursPerShift' },
    { name: 'more than 24 hours a day', input: { shiftsPerDay: 3, hoursPerShift: 9 }, field: 'hoursPerShift' },
    { name: 'zero units per hour', input: { unitsPerHour: 0 }, field: 'unitsPerHour' },
    { name: 'zero cycle time', input: { unitsPerHour: undefined, cycleTimeSeconds: 0 }, field: 'cycleTimeSeconds' },
    { name: 'fractional cavities', input: { unitsPerHour: undefined, cycleTimeSeconds: 30, cavitiesOrUnitsPerCycle: 1.5 }, field: 'cavitiesOrUnitsPerCycle' },
    { name: 'a month without working days', input: { workingDaysPerPeriod: undefined }, field: 'workingDaysPerPeriod' },
    { name: '32 working days in a month', input: { workingDaysPerPeriod: 32 }, field: 'workingDaysPerPeriod' },
    { name: '8 working days in a week', input: { period: 'week', workingDaysPerPeriod: 8 }, field: 'workingDaysPerPeriod' },
    { name: 'a day stated with 5 working days', input: { period: 'day', workingDaysPerPeriod: 5 }, field: 'workingDaysPerPeriod' },
    { name: 'unknown period', input: { period: 'year' as never }, field: 'period' },
  ])('rejects $name (field $field)', ({ input, field }) => {
    const call = (): unknown => observedCapacity({ ...base, ...input } as ObservedCapacityInput);
    expect(call).toThrow(CapacityInputError);
    try {
      call();
    } catch (e) {
      expect((e as CapacityInputError).field).toBe(field);
      expect((e as CapacityInputError).name).toBe('CapacityInputError');
    }
  });
});
