// The one clock of the server and the CLI. Everything that depends on "now" (timestamps written, validity and due
// dates, escalation, the demo's "four months ago") reads it here, so a test or a demo can set the time in one place:
// `BONAFIDE_NOW=2026-06-15T09:00:00Z` starts the clock at that instant and lets it run on at real speed. Domain
// functions never read a clock: they take `now` as an argument.
import { appConfig } from './config.js';

export interface ClockSource {
  /** Milliseconds since the epoch. */
  nowMs(): number;
}

const systemClock: ClockSource = { nowMs: () => Date.now() };

/** A clock that reads `startIso` at the moment it is made and then runs at real speed. */
export function clockStartingAt(startIso: string): ClockSource {
  const start = Date.parse(startIso);
  if (!Number.isFinite(start)) throw new Error(`BONAFIDE_NOW must be an ISO 8601 time, got ${JSON.stringify(startIso)}`);
  const offset = start - Date.now();
  return { nowMs: () => Date.now() + offset };
}

/** A clock that stands still until moved (tests). */
export function fixedClock(iso: string): ClockSource & { set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new Error(`not an ISO 8601 time: ${iso}`);
  return {
    nowMs: () => t,
    set: (next: string) => {
      t = Date.parse(next);
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function fromEnvironment(): ClockSource {
  const v = appConfig().now;
  return v ? clockStartingAt(v) : systemClock;
}

let current: ClockSource = fromEnvironment();

export const nowMs = (): number => current.nowMs();
export const now = (): Date => new Date(current.nowMs());
export const nowIso = (): string => new Date(current.nowMs()).toISOString();

/** Replaces the clock (tests, demos); returns a function that puts the previous one back. */
export function setClock(source: ClockSource): () => void {
  const previous = current;
  current = source;
  return () => {
    current = previous;
  };
}

/** Back to BONAFIDE_NOW or the system clock. */
export function resetClock(): void {
  current = fromEnvironment();
}
