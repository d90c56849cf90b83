// Queries on the hot path of every request (authentication, the caller's memberships, the engagement being read)
// are built with Kysely like every other, but compiled once: building and compiling the same query tree anew for
// each request was about a tenth of a simple authenticated request. `prepared` builds the query once per database
// handle with markers in place of its arguments, compiles it, and afterwards only puts the arguments into the
// compiled parameters. The SQL text is then identical every time, so SQLite also reuses its prepared statement
// (statement-cache.ts).
//
// Only for builders that are straight-line in their arguments: a builder that branches on an argument's value, or
// passes one where Kysely inlines values instead of binding them, cannot be prepared (and is refused on first use
// when an argument does not appear among the bound parameters).
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

const MARK = '\u0000prepared-argument\u0000';

interface Compiled {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  parameters: readonly unknown[];
  /** Per compiled parameter, the argument it takes (−1: a constant of the query). */
  slots: number[];
}

export function prepared<DB, A extends unknown[], R>(
  build: (db: Kysely<DB>, ...args: A) => Compilable<R>,
): (db: Kysely<DB>, ...args: A) => Promise<R[]> {
  // Per database handle: the SQL depends on its dialect. A transaction is a handle of its own (compiled per use).
  const compiled = new WeakMap<Kysely<DB>, Compiled>();
  return async (db, ...args) => {
    let c = compiled.get(db);
    if (!c) {
      const marks = args.map((_, i) => `${MARK}${i}`);
      const q = build(db, ...(marks as unknown as A)).compile();
      const slots = q.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : -1));
      for (let i = 0; i < args.length; i++) {
        if (!slots.includes(i)) throw new Error(`prepared query: argument ${i} is not a bound parameter of ${q.sql}`);
      }
      c = { sql: q.sql, query: q.query, queryId: q.queryId, parameters: q.parameters, slots };
      compiled.set(db, c);
    }
    const { slots } = c;
    const parameters = c.parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p));
    const result = await db.executeQuery<R>({ sql: c.sql, query: c.query, queryId: c.queryId, parameters });
    return result.rows;
  };
}
