// Rate-limit counters kept in the database, so several app servers behind a load balancer share one allowance per
// key. The HTTP layer's store for @fastify/rate-limit (http/rate-limit-store.ts) counts through these.
import type { Executor } from '../../db/repositories/executor.js';
import { hitRateLimit, sweepRateLimits } from '../../db/repositories/rate-limits.js';

/** Counts one more hit of `key` in its window; the count and when the window started (ms since the epoch). */
export function countRateLimitHit(db: Executor, key: string, nowMs: number, windowMs: number): Promise<{ count: number; windowStart: number }> {
  return hitRateLimit(db, key, nowMs, windowMs);
}

/** Forgets windows that ended before `beforeMs`. */
export function forgetRateLimitsBefore(db: Executor, beforeMs: number): Promise<void> {
  return sweepRateLimits(db, beforeMs);
}
