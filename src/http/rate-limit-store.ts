// A store for @fastify/rate-limit that keeps its counters in the database, so that several app servers behind a
// load balancer share one allowance per key (the plugin's default store lives in process memory).
import type { ServiceContext } from '../services/shared/context.js';
import { countRateLimitHit, forgetRateLimitsBefore } from '../services/shared/rate-limits.js';
import * as clock from '../clock.js';

interface Incremented {
  current: number;
  ttl: number;
}

/** How often a store sweeps windows that ended a day ago (every this many hits). */
const SWEEP_EVERY = 500;
const DAY_MS = 86_400_000;

/** Builds the store class the plugin instantiates (`store` option) over one database handle. */
export function databaseRateLimitStore(handle: ServiceContext['handle']) {
  let hits = 0;
  class DatabaseRateLimitStore {
    constructor(private readonly prefix = '') {}

    incr(key: string, cb: (err: Error | null, result: Incremented | null) => void, timeWindow: number): void {
      const now = clock.nowMs();
      countRateLimitHit(handle.db, `${this.prefix}${key}`, now, timeWindow).then(
        ({ count, windowStart }) => {
          cb(null, { current: count, ttl: Math.max(0, windowStart + timeWindow - now) });
          if (++hits % SWEEP_EVERY === 0) void forgetRateLimitsBefore(handle.db, now - DAY_MS).catch(() => undefined);
        },
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err)), null),
      );
    }

    /** One counter space per route: log-in and sign-up never share a key. */
    child(routeOptions: { routeInfo: { method: string; url: string } }): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(`${routeOptions.routeInfo.method} ${routeOptions.routeInfo.url}|`);
    }
  }
  return DatabaseRateLimitStore;
}
