// Fixed-window counters for rate limits, shared by every app server through the database.
import { sql } from 'kysely';
import type { Executor } from './executor.js';

/**
 * Counts one more hit of `key` in its window (a new window when the last one ended) in one atomic statement, and
 * returns the count and when the window started (ms since the epoch).
 */
export async function hitRateLimit(db: Executor, key: string, nowMs: number, windowMs: number): Promise<{ count: number; windowStart: number }> {
  const expired = sql<boolean>`rate_limits.window_start + ${windowMs} <= ${nowMs}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: nowMs, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`CASE WHEN ${expired} THEN 1 ELSE rate_limits.count + 1 END`,
        window_start: sql<number>`CASE WHEN ${expired} THEN ${nowMs} ELSE rate_limits.window_start END`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: Number(row.window_start) };
}

/** Forgets windows that ended before `beforeMs`. */
export async function sweepRateLimits(db: Executor, beforeMs: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', beforeMs).execute();
}
