import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { clockStartingAt, fixedClock, nowIso, nowMs, resetClock, setClock } from './clock.js';

afterEach(() => resetClock());

describe('the one clock', () => {
  it('starts at a given instant and runs on at real speed', () => {
    const c = clockStartingAt('2026-06-15T09:00:00Z');
    const t = c.nowMs();
    expect(Math.abs(t - Date.parse('2026-06-15T09:00:00Z'))).toBeLessThan(1000);
    expect(c.nowMs()).toBeGreaterThanOrEqual(t);
  });

  it('refuses a BONAFIDE_NOW that is not a time', () => {
    expect(() => clockStartingAt('next tuesday')).toThrow(/ISO 8601/);
  });

  it('a fixed clock stands still until moved, and setClock puts the previous one back', () => {
    const fixed = fixedClock('2026-01-31T23:00:00Z');
    const restore = setClock(fixed);
    expect(nowIso()).toBe('2026-01-31T23:00:00.000Z');
    fixed.advance(2 * 3_600_000);
    expect(nowIso()).toBe('2026-02-01T01:00:00.000Z');
    restore();
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(1000);
  });

  it('the server process reads BONAFIDE_NOW from its environment', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/clock.ts').then((c) => console.log(c.nowIso()))"], {
      env: { ...process.env, BONAFIDE_NOW: '2030-03-01T12:00:00Z' },
      encoding: 'utf8',
    });
    expect(out.trim().slice(0, 16)).toBe('2030-03-01T12:00');
  });
});
