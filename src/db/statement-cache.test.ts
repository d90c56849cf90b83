import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache.js';

function database() {
  const db = new SQLite(':memory:');
  db.exec('create table t (id integer primary key, v text)');
  db.exec("insert into t (v) values ('a'), ('b'), ('c')");
  return db;
}

describe('cachingStatements', () => {
  it('gives the statement prepared before for the same SQL, and runs it with new parameters', () => {
    const c = cachingStatements(database());
    const s1 = c.prepare('select v from t where id = ?');
    const s2 = c.prepare('select v from t where id = ?');
    expect(s2).toBe(s1);
    expect(s1.all([1])).toEqual([{ v: 'a' }]);
    expect(s2.all([3])).toEqual([{ v: 'c' }]);
    expect(c.prepare('select v from t where id = ? ')).not.toBe(s1);
  });

  it('prepares another statement while the cached one is still iterating', () => {
    const c = cachingStatements(database());
    const sql = 'select v from t order by id';
    const outer = c.prepare(sql);
    const seen: string[] = [];
    for (const row of outer.iterate() as IterableIterator<{ v: string }>) {
      const inner = c.prepare(sql);
      expect(inner).not.toBe(outer);
      seen.push(`${row.v}${(inner.all() as { v: string }[]).length}`);
    }
    expect(seen).toEqual(['a3', 'b3', 'c3']);
    expect(c.prepare(sql)).toBe(outer);
  });

  it('keeps at most the given number of statements, dropping the first prepared', () => {
    const c = cachingStatements(database(), { max: 2 });
    const a = c.prepare('select 1');
    const b = c.prepare('select 2');
    c.prepare('select 3');
    expect(c.prepare('select 2')).toBe(b);
    expect(c.prepare('select 1')).not.toBe(a);
  });

  it('sees a schema change (SQLite re-prepares the cached statement)', () => {
    const db = database();
    const c = cachingStatements(db);
    expect(c.prepare('select * from t where id = 1').all()).toEqual([{ id: 1, v: 'a' }]);
    db.exec("alter table t add column w text default 'x'");
    expect(c.prepare('select * from t where id = 1').all()).toEqual([{ id: 1, v: 'a', w: 'x' }]);
  });

  it('closes the database', () => {
    const db = database();
    cachingStatements(db).close();
    expect(db.open).toBe(false);
  });
});

describe('grouped reads', () => {
  const tick = () => new Promise<void>((r) => setImmediate(r));

  it('reads of one event-loop turn share a transaction, which ends when the loop turns', async () => {
    const db = database();
    const c = cachingStatements(db);
    c.prepare('select v from t where id = ?').get(1);
    expect(db.inTransaction).toBe(true);
    c.prepare('select count(*) as n from t').get();
    await tick();
    expect(db.inTransaction).toBe(false);
  });

  it('a write, a RETURNING write and a real transaction end the grouped read first, and commit as usual', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bonafide-stmt-')), 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.exec("create table t (id integer primary key, v text); insert into t (v) values ('a')");
    const c = cachingStatements(db);
    const other = new SQLite(file);
    const count = () => (other.prepare('select count(*) as n from t').get() as { n: number }).n;

    c.prepare('select * from t').all();
    c.prepare("insert into t (v) values ('b')").run();
    expect(count()).toBe(2); // committed at once, not at the end of the turn
    c.prepare('select * from t').all();
    expect(c.prepare("insert into t (v) values ('c') returning id").get()).toEqual({ id: 3 });
    expect(count()).toBe(3);
    c.prepare('select * from t').all();
    c.prepare('begin').run();
    c.prepare("insert into t (v) values ('d')").run();
    c.prepare('select * from t').all(); // inside the real transaction: not grouped
    c.prepare('rollback').run();
    expect(count()).toBe(3);
    expect(db.inTransaction).toBe(false);
    await tick();
    other.close();
    c.close();
  });

  it('a grouped read sees one snapshot: a commit by another connection shows from the next turn', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bonafide-stmt-')), 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.exec("create table t (id integer primary key, v text); insert into t (v) values ('a')");
    const c = cachingStatements(db);
    const other = new SQLite(file);
    const n = () => (c.prepare('select count(*) as n from t').get() as { n: number }).n;
    expect(n()).toBe(1);
    other.exec("insert into t (v) values ('b')");
    expect(n()).toBe(1);
    await tick();
    expect(n()).toBe(2);
    other.close();
    c.close();
  });
});

describe('grouped reads and a second connection of the process', () => {
  it("a commit on another wrapped connection ends the grouped read, so the next read sees it in the same turn", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bonafide-stmt-')), 'db.sqlite');
    const raw = new SQLite(file);
    raw.pragma('journal_mode = WAL');
    raw.exec("create table t (id integer primary key, v text); insert into t (v) values ('a')");
    const shared = cachingStatements(raw);
    const importer = cachingStatements(new SQLite(file), { groupReads: false });
    const n = () => (shared.prepare('select count(*) as n from t').get() as { n: number }).n;
    expect(n()).toBe(1); // a grouped read is open on the shared connection
    importer.prepare('begin').run();
    importer.prepare("insert into t (v) values ('b')").run();
    importer.prepare('commit').run();
    expect(n()).toBe(2);
    importer.close();
    shared.close();
  });
});
