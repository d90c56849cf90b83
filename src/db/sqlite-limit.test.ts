import SQLite from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { describe, expect, it } from 'vitest';
import { prepared } from './prepared.js';
import { AsyncLock, GatedSqliteDialect } from './sqlite-driver.js';

interface DB {
  t: { id: Generated<number>; v: string };
}

function database(): Kysely<DB> {
  const raw = new SQLite(':memory:');
  raw.exec("create table t (id integer primary key, v text); insert into t (v) values ('a'), ('b'), ('c'), ('d')");
  return new Kysely<DB>({ dialect: new GatedSqliteDialect({ database: raw }, new AsyncLock()) });
}

describe('LIMIT and OFFSET on SQLite', () => {
  it('are written into the SQL when they are integers (a bound LIMIT makes SQLite compile the statement at every run)', async () => {
    const db = database();
    const q = db.selectFrom('t').select('v').where('v', '!=', 'x').orderBy('id').limit(2).offset(1);
    const c = q.compile();
    expect(c.sql).toMatch(/limit 2 offset 1$/);
    expect(c.parameters).toEqual(['x']);
    expect(await q.execute()).toEqual([{ v: 'b' }, { v: 'c' }]);
    expect(await db.selectFrom('t').select('v').orderBy('id').limit(1).execute()).toEqual([{ v: 'a' }]);
  });

  it('in a subquery too; anything but an integer stays as Kysely writes it', async () => {
    const db = database();
    const q = db.selectFrom('t').select('v').where('id', '=', (eb) => eb.selectFrom('t as u').select('u.id').orderBy('u.id', 'desc').limit(1));
    expect(q.compile().sql).toMatch(/limit 1\)$/);
    expect(await q.execute()).toEqual([{ v: 'd' }]);
    const expr = db.selectFrom('t').select('v').orderBy('id').limit(sql<number>`1 + 1`);
    expect(expr.compile().sql).toMatch(/limit 1 \+ 1$/);
    expect(await expr.execute()).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it('a prepared query with a limit of its own keeps answering with its arguments', async () => {
    const db = database();
    const q = prepared((d: Kysely<DB>, notV: string) => d.selectFrom('t').select('v').where('v', '!=', notV).orderBy('id').limit(2));
    expect(await q(db, 'a')).toEqual([{ v: 'b' }, { v: 'c' }]);
    expect(await q(db, 'b')).toEqual([{ v: 'a' }, { v: 'c' }]);
  });
});
