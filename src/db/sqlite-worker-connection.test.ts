import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkerSqlite } from './sqlite-worker-connection.js';

describe('a SQLite connection in a worker thread', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonafide-worker-sqlite-'));
    file = join(dir, 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.exec('create table m (id integer primary key, lot text not null, value real, line text)');
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const count = () => {
    const db = new SQLite(file, { readonly: true });
    try {
      return (db.prepare('select count(*) as n from m').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('answers statements in order after the batches sent before them, and commits them together', async () => {
    const conn = new WorkerSqlite(file);
    const begin = conn.prepare('begin');
    expect(begin.reader).toBe(false);
    begin.run();
    // More batches than may be in flight: the sender waits for the worker, and every row arrives.
    for (let b = 0; b < 20; b++) {
      await conn.insertRows('insert into m (lot, value, line) values (?, ?, ?)', 3, 100, (i) => [`L-${b}`, b * 100 + i, i % 2 ? null : 'Line 1']);
    }
    const select = conn.prepare('select count(*) as n, sum(value) as s, count(line) as lines from m');
    expect(select.reader).toBe(true);
    expect(select.all([])).toEqual([{ n: 2000, s: (1999 * 2000) / 2, lines: 1000 }]);
    expect(count()).toBe(0);
    conn.prepare('commit').run();
    expect(count()).toBe(2000);
    conn.close();
  });

  it('carries every kind of value as given: empty and NUL-bearing strings, nulls, constants, numbers', async () => {
    const conn = new WorkerSqlite(file);
    conn.prepare('begin').run();
    const lots = ['', 'a\0b', 'µm – 批次', 'L-1'];
    await conn.insertRows('insert into m (lot, value, line) values (?, ?, ?)', 3, 4, (i) => [lots[i]!, i === 2 ? 0.1 + 0.2 : i, 'Line 7']);
    await conn.insertRows('insert into m (lot, value, line) values (?, ?, ?)', 3, 3, (i) => [`x${i}`, i === 1 ? null : -i - 0.5, i === 0 ? null : `y${i}`]);
    await conn.insertRows('insert into m (lot, value, line) values (?, ?, ?)', 3, 1, () => ['', 1e-7, '']);
    const rows = conn.prepare('select lot, value, line from m order by id').all([]);
    expect(rows).toEqual([
      { lot: '', value: 0, line: 'Line 7' },
      { lot: 'a\0b', value: 1, line: 'Line 7' },
      { lot: 'µm – 批次', value: 0.30000000000000004, line: 'Line 7' },
      { lot: 'L-1', value: 3, line: 'Line 7' },
      { lot: 'x0', value: -0.5, line: null },
      { lot: 'x1', value: null, line: 'y1' },
      { lot: 'x2', value: -2.5, line: 'y2' },
      { lot: '', value: 1e-7, line: '' },
    ]);
    conn.prepare('rollback').run();
    conn.close();
  });

  it('reports a failed batch at the next request, and a rollback then leaves nothing', async () => {
    const conn = new WorkerSqlite(file);
    conn.prepare('begin').run();
    await conn.insertRows('insert into m (lot, value) values (?, ?)', 2, 3, (i) => [`L-${i}`, i]);
    await conn.insertRows('insert into m (lot, value) values (?, ?)', 2, 2, (i) => [i === 1 ? null : 'L-x', i]);
    expect(() => conn.sync()).toThrow(/NOT NULL constraint failed: m.lot/);
    conn.prepare('rollback').run();
    conn.close();
    expect(count()).toBe(0);
  });

  it('answers with SQLite\'s reason when the database cannot be opened, and closes', () => {
    const conn = new WorkerSqlite(join(dir, 'no-such-folder', 'db.sqlite'));
    expect(() => conn.prepare('begin')).toThrow(/Cannot open database because the directory does not exist/);
    expect(() => conn.prepare('select 1')).toThrow(/Cannot open database because the directory does not exist/);
    conn.close();
    expect(conn.open).toBe(false);
  });

  it('throws the error of a bad statement and goes on', () => {
    const conn = new WorkerSqlite(file);
    expect(() => conn.prepare('select x from nowhere')).toThrow(/no such table: nowhere/);
    expect(conn.prepare('select 1 as one').all([])).toEqual([{ one: 1 }]);
    conn.close();
  });
});
