// Time zones: the one place that turns instants into wall-clock times of an IANA zone and back. The server (visit
// planning, business-hours response times, production logs per local day) and the web app (dates typed in the
// user's zone) both go through this module. Offsets come from @date-fns/tz (the platform's time-zone database
// through Intl, no data of its own); the rules for times that a daylight-saving change skips or repeats are ours.
// Pure and browser-safe.
import { tzOffset } from '@date-fns/tz';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Zones found valid: building an Intl.DateTimeFormat to check one costs tens of microseconds, every time. */
const knownZones = new Set<string>();

/** True for a zone the platform knows ("Asia/Shanghai", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  if (knownZones.size < 1000) knownZones.add(timeZone);
  return true;
}

/** Offset of the zone from UTC at instant `t` (ms), in ms (e.g. +3_600_000 for CET). Throws RangeError for an unknown zone. */
export function zoneOffsetMs(t: number, timeZone: string): number {
  const minutes = tzOffset(timeZone, new Date(t));
  if (Number.isNaN(minutes)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return Math.round(minutes * MS_PER_MINUTE);
}

/** The wall clock of instant `t` in the zone, as ms since 1970 read as if it were UTC. */
export function wallClockMs(t: number, timeZone: string): number {
  return t + zoneOffsetMs(t, timeZone);
}

/**
 * The instant of a wall-clock time (ms read as UTC) in `timeZone`. A time that does not exist (skipped by a
 * daylight-saving change) moves forward by the gap; an ambiguous one (repeated) takes the earlier instant.
 */
export function wallClockToUtcMs(wall: number, timeZone: string): number {
  // Two candidate offsets: the one before and the one after a possible transition near this wall time.
  const before = zoneOffsetMs(wall - MS_PER_DAY, timeZone);
  const after = zoneOffsetMs(wall + MS_PER_DAY, timeZone);
  let best: number | undefined;
  for (const off of before === after ? [before] : [before, after]) {
    const t = wall - off;
    if (wallClockMs(t, timeZone) === wall && (best === undefined || t < best)) best = t;
  }
  // In a gap: read with the offset before the change, which lands after the gap.
  return best ?? wall - before;
}

/**
 * The UTC instant (ISO) of a wall-clock time "YYYY-MM-DDTHH:mm" in `timeZone`; skipped times move forward by the
 * gap, repeated ones take the earlier instant.
 */
export function zonedLocalToUtc(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time YYYY-MM-DDTHH:mm: ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return new Date(wallClockToUtcMs(wall, timeZone)).toISOString();
}

/** "2026-11-20" and "09:30" in `timeZone` → the ISO instant. */
export function zonedIso(date: string, time: string, timeZone: string): string {
  return zonedLocalToUtc(`${date}T${time}`, timeZone);
}

/** The wall-clock time "YYYY-MM-DDTHH:mm" of an instant (ISO string or ms) in `timeZone`. */
export function utcToZonedLocal(instant: string | number, timeZone: string): string {
  const t = typeof instant === 'number' ? instant : Date.parse(instant);
  const local = new Date(wallClockMs(t, timeZone));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** The calendar date "YYYY-MM-DD" of an instant in `timeZone` (today: `localDate(clock now, zone)`). */
export function localDate(instant: string | number, timeZone: string): string {
  return utcToZonedLocal(instant, timeZone).slice(0, 10);
}

/** Days since 1970-01-01 of the local calendar date of instant `t` (ms) in `timeZone`. */
export function localDayNumber(t: number, timeZone: string): number {
  return Math.floor(wallClockMs(t, timeZone) / MS_PER_DAY);
}

// Business hours ask for the opening and closing instants of the same days again and again (every inquiry of every
// engagement of a portfolio), and each costs several offset look-ups through Intl: they are remembered per zone, in
// tables that start over when full. The instant is a function of the wall-clock time and the zone only.
const MEMO_MAX = 20_000;
const dayTimes = new Map<string, Map<number, number>>();

/** The instant (ms) of `minutes` after local midnight of the local day `day` (days since 1970-01-01) in `timeZone`. */
export function localDayTimeToUtcMs(day: number, minutes: number, timeZone: string): number {
  const wall = day * MS_PER_DAY + minutes * MS_PER_MINUTE;
  let known = dayTimes.get(timeZone);
  const hit = known?.get(wall);
  if (hit !== undefined) return hit;
  const t = wallClockToUtcMs(wall, timeZone);
  if (!known) {
    if (dayTimes.size >= 100) dayTimes.clear();
    dayTimes.set(timeZone, (known = new Map()));
  }
  if (known.size >= MEMO_MAX) known.clear();
  known.set(wall, t);
  return t;
}

/** "UTC+08:00", "UTC−03:30", "UTC" for an instant in a zone. */
export function utcOffsetLabel(iso: string, timeZone: string): string {
  const off = Math.round(zoneOffsetMs(Date.parse(iso), timeZone) / MS_PER_MINUTE);
  if (off === 0) return 'UTC';
  const sign = off > 0 ? '+' : '−';
  const a = Math.abs(off);
  return `UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
