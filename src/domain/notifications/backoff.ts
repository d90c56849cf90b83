// Retries of the email outbox: exponential backoff (1 min, 2, 4, … capped at an hour), so a mail server that is
// down for a while is not hammered and nothing is lost when it comes back.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 60_000, maxMs: 3_600_000 };

/** Wait after the `attempts`-th failed attempt (1 = the first failure). */
export function retryDelayMs(attempts: number, opts: BackoffOptions = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be an integer ≥ 1');
  // 2^(attempts-1) overflows to Infinity long after the cap is reached; min() keeps it finite.
  return Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempts - 1, 52));
}

export function nextAttemptAt(failedAt: Date, attempts: number, opts: BackoffOptions = DEFAULT_BACKOFF): Date {
  return new Date(failedAt.getTime() + retryDelayMs(attempts, opts));
}
