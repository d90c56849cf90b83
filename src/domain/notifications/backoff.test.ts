import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelayMs } from './backoff.js';

describe('outbox backoff', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [200, 3_600_000],
  ])('after failure %i wait %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it('uses the given base and cap', () => {
    expect(retryDelayMs(3, { baseMs: 100, maxMs: 350 })).toBe(350);
    expect(nextAttemptAt(new Date('2026-01-01T00:00:00Z'), 2, { baseMs: 1000, maxMs: 10_000 }).toISOString()).toBe('2026-01-01T00:00:02.000Z');
  });

  it.each([0, -1, 1.5])('refuses attempts = %s', (n) => {
    expect(() => retryDelayMs(n)).toThrow(RangeError);
  });
});
