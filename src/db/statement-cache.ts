// What Kysely's SQLite driver is handed instead of the better-sqlite3 database, for two costs of every request:
//
// - The driver prepares every query anew (`db.prepare(sql)` per execution): parsing and planning the same SQL again
//   was a sixth of a simple authenticated request. The statement prepared before for the same SQL text is handed
//   back instead. SQLite re-prepares a cached statement by itself when the schema changes.
// - A read outside a transaction is a transaction of its own: in WAL mode it takes and releases a lock on the shared
//   index (two system calls), which cost more than the query itself (5.8 µs a lookup against 2.4 µs inside a
//   transaction, measured). Reads are therefore grouped: the first read outside a transaction begins one, and it
//   ends when the event loop turns (setImmediate). better-sqlite3 is synchronous, so the queries of a request that
//   awaits nothing but the database all land in that one turn and read one consistent snapshot. Any statement that
//   is not a read — a write, BEGIN or COMMIT of a real transaction, a pragma that writes — ends the grouped reads of
//   every connection of the process first (an import writes on a connection of its own, and what it committed must
//   be visible to the next read on the shared one), so writes and transactions behave exactly as without grouping.
//   Every SQLite connection of the process is therefore opened through this wrapper.
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

/** Distinct SQL texts kept: queries with `in (…)` lists of changing length each have their own text. */
const MAX_STATEMENTS = 1000;

export interface CachingSqlite {
  prepare(sql: string): Statement;
  close(): void;
}

/** The grouped reads open now, on any connection of this process. */
const openGroups = new Set<() => void>();

function endAllGroupedReads(): void {
  for (const end of [...openGroups]) end();
}

export function cachingStatements(db: SqliteDatabase, opts: { max?: number; groupReads?: boolean } = {}): CachingSqlite {
  const max = opts.max ?? MAX_STATEMENTS;
  const groupReads = opts.groupReads ?? true;
  const cache = new Map<string, Statement>();
  let grouped = false;
  // Prepared once: `exec` parses its SQL at every call, and grouped reads begin and end at every turn of the loop.
  let begin: Statement | null = null;
  let commit: Statement | null = null;

  const endGroupedRead = () => {
    if (!grouped) return;
    grouped = false;
    openGroups.delete(endGroupedRead);
    // Still ours only if nothing ended it meanwhile (a failed statement can, and then there is nothing to end).
    if (db.open && db.inTransaction) (commit ??= db.prepare('COMMIT')).run();
  };

  const cached = (sql: string): Statement => {
    const hit = cache.get(sql);
    // A statement still iterating (a streamed query) cannot run again until it is done: prepare another.
    if (hit && !hit.busy) return hit;
    const stmt = db.prepare(sql);
    if (!hit) {
      // Oldest first: a Map keeps insertion order, which is the order statements were first needed.
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
    }
    return stmt;
  };

  return {
    prepare(sql: string): Statement {
      const stmt = cached(sql);
      // A read returns rows and writes nothing (INSERT … RETURNING returns rows but writes; BEGIN writes nothing
      // but returns no rows).
      if (!(stmt.reader && stmt.readonly)) {
        endAllGroupedReads();
      } else if (groupReads && !grouped && !db.inTransaction) {
        (begin ??= db.prepare('BEGIN')).run();
        grouped = true;
        openGroups.add(endGroupedRead);
        setImmediate(endGroupedRead);
      }
      return stmt;
    },
    close(): void {
      endGroupedRead();
      cache.clear();
      db.close();
    },
  };
}
