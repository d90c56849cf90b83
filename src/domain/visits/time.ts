// Visit dates are planned in the site's time zone and stored as UTC instants. Pure.
import { timeZoneOffsetMs } from '../communication/response-times.js';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The UTC instant of a wall-clock time "YYYY-MM-DDTHH:mm" in `timeZone`. A time that does not exist (skipped by
 * a daylight-saving change) moves forward by the gap; an ambiguous one takes the earlier instant.
 */
export function zonedLocalToUtc(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time YYYY-MM-DDTHH:mm: ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Two candidate offsets: the one before and the one after a possible transition near this wall time.
  const before = timeZoneOffsetMs(wall - 86_400_000, timeZone);
  const after = timeZoneOffsetMs(wall + 86_400_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((off) => wall - off)
    .filter((t) => t + timeZoneOffsetMs(t, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length) return new Date(candidates[0]).toISOString();
  // In a gap: interpret with the offset before the change, which lands after the gap.
  return new Date(wall - before).toISOString();
}

/** The wall-clock time "YYYY-MM-DDTHH:mm" of a UTC instant in `timeZone`. */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  const local = new Date(t + timeZoneOffsetMs(t, timeZone));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** "UTC+08:00", "UTC−03:30", "UTC" for an instant in a zone. */
export function utcOffsetLabel(iso: string, timeZone: string): string {
  const off = Math.round(timeZoneOffsetMs(Date.parse(iso), timeZone) / 60_000);
  if (off === 0) return 'UTC';
  const sign = off > 0 ? '+' : '−';
  const a = Math.abs(off);
  return `UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

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
