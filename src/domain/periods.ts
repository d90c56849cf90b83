// Periods a quantity is stated per (capacity claims, expected volumes, observations) and the conversions between
// them: the one home of "how many days in a month" and "a quarter is three months". Pure and browser-safe.
//
// Two families of conversion, each used where it fits:
// - calendar: a day is 1/DAYS_PER_MONTH of an average month, a week 7 days, a quarter 3 months, a year 12
//   (perMonth: the visit advisor's "large claimed capacity", ages in months);
// - working days: a week or a month of N working days (capacity/claim.ts convertPeriod), for a plant's own figures.

/** Periods a capacity is measured and compared per (a rate over working days, or a calendar month). */
export const CAPACITY_PERIODS = ['day', 'week', 'month'] as const;
export type CapacityPeriod = (typeof CAPACITY_PERIODS)[number];

/** Periods a supplier may state a claim or a buyer an expected volume per: the measured ones, quarters and years. */
export const CLAIM_PERIODS = [...CAPACITY_PERIODS, 'quarter', 'year'] as const;
export type ClaimPeriod = (typeof CLAIM_PERIODS)[number];

/** Average days in a calendar month (365.25 / 12 = 30.4375). */
export const DAYS_PER_MONTH = 365.25 / 12;
export const DAYS_PER_WEEK = 7;

/** Calendar months in a quarter and in a year. */
export const MONTHS_IN: Readonly<Record<Exclude<ClaimPeriod, CapacityPeriod>, number>> = { quarter: 3, year: 12 };

/** How many of a period fit in one average calendar month. */
export const PER_MONTH: Readonly<Record<ClaimPeriod, number>> = {
  day: DAYS_PER_MONTH,
  week: DAYS_PER_MONTH / DAYS_PER_WEEK,
  month: 1,
  quarter: 1 / MONTHS_IN.quarter,
  year: 1 / MONTHS_IN.year,
};

export function isCapacityPeriod(p: string): p is CapacityPeriod {
  return (CAPACITY_PERIODS as readonly string[]).includes(p);
}

export function isClaimPeriod(p: string): p is ClaimPeriod {
  return (CLAIM_PERIODS as readonly string[]).includes(p);
}

/** A quantity per `period` as a quantity per average calendar month (calendar conversion). */
export function perMonth(value: number, period: ClaimPeriod): number {
  return value * PER_MONTH[period];
}

/** A quantity per `from` as a quantity per `to` (calendar conversion, through the month). */
export function convertCalendarPeriod(value: number, from: ClaimPeriod, to: ClaimPeriod): number {
  return (value * PER_MONTH[from]) / PER_MONTH[to];
}
