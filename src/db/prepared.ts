// Queries on the hot path of every request (authentication, the caller's memberships, the engagement being read)
// are built with Kysely like every other, but compiled once: building and compiling the same query tree anew for
// each request was about a tenth of a simple authenticated request. `prepared` builds the query once per database
// handle with markers in place of its arguments, compiles it, and afterwards only puts the arguments into the
// compiled parameters. The SQL text is then identical every time, so SQLite also reuses its prepared statement
// (statement-cache.ts).
//
// An argument may be a list (for `in (…)`): the query is then compiled once per length of its lists, each element a
// parameter of its own, as Kysely binds them. Lists must not be empty (`in ()` is no SQL); callers answer an empty
// list without asking the database, as they would for an unprepared query.
//
// Only for builders that are straight-line in their arguments: a builder that branches on an argument's value, or
// passes one where Kysely inlines values instead of binding them, cannot be prepared (and is refused on first use
// when an argument, or an element of a list, does not appear among the bound parameters).
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { immediateReader } from './sqlite-driver.js';

const MARK = '\u0000prepared-argument\u0000';

/** Compiled variants kept per query and handle: one per combination of list lengths. */
const MAX_VARIANTS = 256;

interface Compiled {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  parameters: readonly unknown[];
  /** Per compiled parameter, the argument it takes (−1: a constant of the query)… */
  slots: number[];
  /** …and for a list argument, which element of it (−1: the argument itself). */
  elements: number[];
}

function compile<DB, A extends unknown[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>, db: Kysely<DB>, args: A): Compiled {
  const marks = args.map((a, i) => (Array.isArray(a) ? a.map((_, j) => `${MARK}${i}.${j}`) : `${MARK}${i}`));
  const q = build(db, ...(marks as unknown as A)).compile();
  const slots: number[] = [];
  const elements: number[] = [];
  for (const p of q.parameters) {
    const m = typeof p === 'string' && p.startsWith(MARK) ? /^(\d+)(?:\.(\d+))?$/.exec(p.slice(MARK.length)) : null;
    slots.push(m ? Number(m[1]) : -1);
    elements.push(m?.[2] !== undefined ? Number(m[2]) : -1);
  }
  args.forEach((a, i) => {
    const wanted = Array.isArray(a) ? a.map((_, j) => j) : [-1];
    for (const j of wanted) {
      if (!slots.some((s, k) => s === i && elements[k] === j)) {
        throw new Error(`prepared query: argument ${i}${j >= 0 ? ` (element ${j})` : ''} is not a bound parameter of ${q.sql}`);
      }
    }
  });
  return { sql: q.sql, query: q.query, queryId: q.queryId, parameters: q.parameters, slots, elements };
}

export function prepared<DB, A extends unknown[], R>(
  build: (db: Kysely<DB>, ...args: A) => Compilable<R>,
): (db: Kysely<DB>, ...args: A) => Promise<R[]> {
  // Per database handle: the SQL depends on its dialect. A transaction is a handle of its own (compiled per use).
  const compiled = new WeakMap<Kysely<DB>, Map<string, Compiled>>();
  // A read on SQLite runs at once when the connection is free (sqlite-driver.ts, readNow).
  const readers = new WeakMap<Kysely<DB>, ReturnType<typeof immediateReader>>();
  return async (db, ...args) => {
    // The shape of the arguments: which are lists, and how long.
    let shape = '';
    for (const a of args) shape += Array.isArray(a) ? `${a.length},` : '-,';
    let variants = compiled.get(db);
    if (!variants) compiled.set(db, (variants = new Map()));
    let c = variants.get(shape);
    if (!c) {
      c = compile(build, db, args);
      if (variants.size >= MAX_VARIANTS) variants.delete(variants.keys().next().value!);
      variants.set(shape, c);
    }
    const { slots, elements } = c;
    const parameters = c.parameters.map((p, i) => {
      const s = slots[i]!;
      if (s < 0) return p;
      const e = elements[i]!;
      return e < 0 ? args[s] : (args[s] as readonly unknown[])[e];
    });
    const query: CompiledQuery<R> = { sql: c.sql, query: c.query, queryId: c.queryId, parameters };
    let reader = readers.get(db);
    if (reader === undefined) readers.set(db, (reader = immediateReader(db)));
    const rows = reader?.(query);
    if (rows) return rows as R[];
    return (await db.executeQuery<R>(query)).rows;
  };
}
