// Results derived from the database, reused while the database has not changed.
//
// The key of validity is the database's data version, read before the data the result is derived from:
// - SQLite: `total_changes()` of the process's connection (every row it inserted, updated or deleted, triggers
//   included) and `PRAGMA data_version` (changes whenever another connection — the import's own, another
//   process's — committed). Any write anywhere in the database gives a new version, so a result is never reused
//   across a change, whichever table or organization the change touched.
// - PostgreSQL: no version that is both cheap and complete, so nothing is cached (null).
// A result that depends on the time as well (readiness: expiry, ages, overdue updates) is reused only while the
// clock stays within `ttlMs` after the moment it was computed (a clock moved back or on, as tests do, misses).
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

export async function dataVersion(handle: Db): Promise<string | null> {
  if (handle.dialect !== 'sqlite') return null;
  const { rows } = await sql<{ c: number; v: number }>`select total_changes() as c, (select data_version from pragma_data_version) as v`.execute(handle.db);
  const r = rows[0]!;
  return `${r.c}:${r.v}`;
}

interface Entry<T> {
  version: string;
  at: number;
  value: T;
}

/** A bounded map of results per database handle; the oldest entry goes when it is full. */
export class ResultCache<T> {
  private readonly byHandle = new WeakMap<Db, Map<string, Entry<T>>>();

  constructor(private readonly opts: { maxEntries: number; ttlMs?: number }) {}

  get(handle: Db, key: string, version: string | null, nowMs: number): T | undefined {
    if (version === null) return undefined;
    const e = this.byHandle.get(handle)?.get(key);
    if (!e || e.version !== version) return undefined;
    if (this.opts.ttlMs !== undefined && (nowMs < e.at || nowMs - e.at >= this.opts.ttlMs)) return undefined;
    return e.value;
  }

  set(handle: Db, key: string, version: string | null, nowMs: number, value: T): void {
    if (version === null) return;
    let m = this.byHandle.get(handle);
    if (!m) this.byHandle.set(handle, (m = new Map()));
    m.delete(key);
    if (m.size >= this.opts.maxEntries) m.delete(m.keys().next().value!);
    m.set(key, { version, at: nowMs, value });
  }
}
