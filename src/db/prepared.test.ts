import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { describe, expect, it } from 'vitest';
import { prepared } from './prepared.js';
import { AsyncLock, GatedSqliteDialect } from './sqlite-driver.js';

interface DB {
  t: { id: Generated<number>; org: string; v: string };
}

function database(): Kysely<DB> {
  const raw = new SQLite(':memory:');
  raw.exec("create table t (id integer primary key, org text, v text); insert into t (org, v) values ('a', 'x'), ('a', 'y'), ('b', 'z')");
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
}

describe('prepared', () => {
  it('answers each call with its own arguments, constants of the query kept', async () => {
    const db = database();
    const byOrg = prepared((d: Kysely<DB>, org: string, notV: string) =>
      d.selectFrom('t').select(['id', 'v']).where('org', '=', org).where('v', '!=', notV).where('id', '<', 100).orderBy('id'),
    );
    expect(await byOrg(db, 'a', 'none')).toEqual([{ id: 1, v: 'x' }, { id: 2, v: 'y' }]);
    expect(await byOrg(db, 'a', 'x')).toEqual([{ id: 2, v: 'y' }]);
    expect(await byOrg(db, 'b', 'x')).toEqual([{ id: 3, v: 'z' }]);
    expect(await byOrg(db, 'c', 'x')).toEqual([]);
  });

  it('takes an argument used twice in both places', async () => {
    const db = database();
    const q = prepared((d: Kysely<DB>, org: string) => d.selectFrom('t').select('id').where((eb) => eb.or([eb('org', '=', org), eb('v', '=', org)])));
    expect(await q(db, 'z')).toEqual([{ id: 3 }]);
    expect(await q(db, 'a')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('runs inside a transaction too', async () => {
    const db = database();
    const q = prepared((d: Kysely<DB>, org: string) => d.selectFrom('t').select('v').where('org', '=', org));
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ org: 'c', v: 'w' }).execute();
      expect(await q(trx, 'c')).toEqual([{ v: 'w' }]);
    });
    expect(await q(db, 'c')).toEqual([{ v: 'w' }]);
  });

  it('refuses a builder that does not bind an argument as a parameter', async () => {
    const db = database();
    const q = prepared((d: Kysely<DB>, column: string) => d.selectFrom('t').select(sql.ref(column).as('c')));
    await expect(q(db, 'v')).rejects.toThrow(/argument 0 is not a bound parameter/);
  });
});

describe('prepared with lists', () => {
  it('binds each element of a list, compiled once per length', async () => {
    const db = database();
    const q = prepared((d: Kysely<DB>, orgs: readonly string[], notV: string) => d.selectFrom('t').select('id').where('org', 'in', orgs).where('v', '!=', notV).orderBy('id'));
    expect(await q(db, ['a'], 'none')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await q(db, ['b'], 'none')).toEqual([{ id: 3 }]);
    expect(await q(db, ['a', 'b'], 'y')).toEqual([{ id: 1 }, { id: 3 }]);
    expect(await q(db, ['b', 'c'], 'y')).toEqual([{ id: 3 }]);
    expect(await q(db, ['c', 'd', 'a'], 'x')).toEqual([{ id: 2 }]);
  });

  it('refuses a list whose elements are not bound', async () => {
    const db = database();
    const q = prepared((d: Kysely<DB>, orgs: readonly string[]) => d.selectFrom('t').select('id').where('org', '=', orgs[0]!));
    await expect(q(db, ['a', 'b'])).rejects.toThrow(/argument 0 \(element 1\) is not a bound parameter/);
  });
});

describe('prepared reads on the gated SQLite driver', () => {
  function gated(): Kysely<DB> {
    const raw = new SQLite(':memory:');
    raw.exec("create table t (id integer primary key, org text, v text); insert into t (org, v) values ('a', 'x'), ('a', 'y'), ('b', 'z')");
    return new Kysely<DB>({ dialect: new GatedSqliteDialect({ database: raw }, new AsyncLock()) });
  }
  const byOrg = prepared((d: Kysely<DB>, org: string) => d.selectFrom('t').select('v').where('org', '=', org).orderBy('id'));

  it('answer at once when the connection is free, with their arguments', async () => {
    const db = gated();
    expect(await byOrg(db, 'a')).toEqual([{ v: 'x' }, { v: 'y' }]);
    expect(await byOrg(db, 'b')).toEqual([{ v: 'z' }]);
  });

  it('wait for a transaction open on the connection instead of reading inside it, and a transaction reads its own writes', async () => {
    const db = gated();
    await byOrg(db, 'a');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let committed = false;
    let inside: { v: string }[] = [];
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('t').values({ org: 'c', v: 'new' }).execute();
      inside = await byOrg(t, 'c');
      await held;
    });
    await new Promise((r) => setTimeout(r, 10));
    const outside = byOrg(db, 'c').then((rows) => ({ rows, committed }));
    await new Promise((r) => setTimeout(r, 10));
    committed = true;
    release();
    await trx;
    expect(inside).toEqual([{ v: 'new' }]);
    expect(await outside).toEqual({ rows: [{ v: 'new' }], committed: true });
  });
});

describe('rows of immediate reads', () => {
  it('are the objects better-sqlite3 makes: columns in order, a repeated name taking the later value, nulls, numbers, blobs, odd names', async () => {
    const raw = new SQLite(':memory:');
    raw.exec("create table w (id integer primary key, a text, b real, c blob); insert into w (a, b, c) values ('x', 1.5, x'0102'), (null, null, null)");
    const db = new Kysely<{ w: { id: number; a: string | null; b: number | null; c: Buffer | null } }>({ dialect: new GatedSqliteDialect({ database: raw }, new AsyncLock()) });
    const q = prepared((d: typeof db, min: number) =>
      d.selectFrom('w').select(['id', 'a', 'b', 'c', sql<string>`'dup-1'`.as('dup'), sql<string>`'dup-2'`.as('dup'), sql<number>`1`.as('a"b\\c'), sql<string>`'p'`.as('__proto__')]).where('id', '>=', min).orderBy('id'),
    );
    const q2 = prepared((d: typeof db, min: number) => d.selectFrom('w').select(['id', 'a', sql<string>`'dup-1'`.as('dup'), sql<string>`'dup-2'`.as('dup'), sql<number>`1`.as('a"b\\c')]).where('id', '>=', min).orderBy('id'));
    await db.selectFrom('w').select('id').execute();
    const expected = (s: string) => raw.prepare(s).all(0);
    const rows = await q(db, 0);
    expect(rows).toEqual(expected(`select id, a, b, c, 'dup-1' as dup, 'dup-2' as dup, 1 as "a""b\\c", 'p' as "__proto__" from w where id >= ? order by id`));
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    const rows2 = await q2(db, 0);
    expect(rows2).toEqual([{ id: 1, a: 'x', dup: 'dup-2', 'a"b\\c': 1 }, { id: 2, a: null, dup: 'dup-2', 'a"b\\c': 1 }]);
    expect(Object.keys(rows2[0]!)).toEqual(['id', 'a', 'dup', 'a"b\\c']);
  });
});
