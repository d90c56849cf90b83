// Due times counted in the responder's business days (an inquiry is due 2 business days after it was asked):
// the earliest instant by which that many business hours have elapsed in its calendar.
import { businessHoursBetween, businessHoursPerDay, type BusinessCalendar } from './response-times.js';

const HOUR_MS = 3_600_000;

export function addBusinessDays(start: Date, days: number, calendar: BusinessCalendar): Date {
  if (!(days >= 0) || !Number.isFinite(days)) throw new RangeError('days must be a finite number ≥ 0');
  const target = days * businessHoursPerDay(calendar);
  if (target === 0) return new Date(start.getTime());
  const s = start.getTime();
  const elapsed = (t: number) => businessHoursBetween(start, new Date(t), calendar);
  // Widen until enough business hours fit (weekends, holidays), then narrow to the millisecond.
  let hi = s + target * HOUR_MS;
  let guard = 0;
  while (elapsed(hi) < target) {
    hi = s + (hi - s) * 2;
    if (++guard > 20) throw new RangeError('the calendar has no working time to count in');
  }
  let lo = s;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (elapsed(mid) >= target - 1e-9) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
