// Visit dates are planned in the site's time zone and stored as UTC instants (conversions: domain/time/zones.ts);
// this module words them for reports read on paper. Pure.
import { utcOffsetLabel, utcToZonedLocal } from '../time/zones.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 12 May 2026, 09:00 (Asia/Shanghai, UTC+08:00)": for reports read on paper. */
export function formatZoned(iso: string, timeZone: string, withZone = true): string {
  const local = utcToZonedLocal(iso, timeZone);
  const [date, time] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  const text = `${weekday} ${d} ${MONTHS[mo - 1]} ${y}, ${time}`;
  return withZone ? `${text} (${timeZone}, ${utcOffsetLabel(iso, timeZone)})` : text;
}

/** "Tue 17 Nov 2026, 15:00 – 16:30 (Asia/Shanghai, UTC+08:00)"; the end's date is repeated only when it differs. */
export function formatZonedRange(startIso: string, endIso: string, timeZone: string): string {
  const start = formatZoned(startIso, timeZone, false);
  const end = formatZoned(endIso, timeZone, false);
  const sameDay = utcToZonedLocal(startIso, timeZone).slice(0, 10) === utcToZonedLocal(endIso, timeZone).slice(0, 10);
  const zone = utcOffsetLabel(startIso, timeZone);
  const endZone = utcOffsetLabel(endIso, timeZone);
  return `${start} – ${sameDay ? end.split(', ')[1] : end} (${timeZone}, ${zone === endZone ? zone : `${zone} / ${endZone}`})`;
}
