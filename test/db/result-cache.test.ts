// The data version that cached results are keyed by: any write to the SQLite database — on the process's
// connection, or committed by another connection (an import's own, another process's) — gives a new one; on
// PostgreSQL nothing is cached. And the cache: a result is reused only under the same version and within its time.
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dataVersion, ResultCache } from '../../src/services/shared/result-cache.js';
import { createTestContext, TEST_DATABASES, type TestContext } from '../support/databases.js';

describe.each(TEST_DATABASES)('data version ($name)', ({ name, skipReason }) => {
  let ctx: TestContext | null = null;
  afterEach(async () => {
    await ctx?.cleanup();
    ctx = null;
  });

  it.skipIf(skipReason !== undefined)('changes with every write, and only then', async () => {
    ctx = await createTestContext(name);
    const db = ctx.handle.db;
    const v0 = await dataVersion(ctx.handle);
    if (name === 'postgres') {
      expect(v0).toBeNull();
      return;
    }
    expect(v0).not.toBeNull();
    await db.selectFrom('organizations').selectAll().execute();
    expect(await dataVersion(ctx.handle)).toBe(v0);
    // A write on the process's connection.
    await db.insertInto('organizations').values({ id: 'o1', name: 'A', kind: 'buyer', country: 'DE', description: null, website: null, categories: '[]', created_at: '2026-01-01T00:00:00.000Z' }).execute();
    const v1 = await dataVersion(ctx.handle);
    expect(v1).not.toBe(v0);
    // A write committed by another connection to the same file.
    const other = new SQLite(join(ctx.dataDir, 'test.sqlite'));
    other.prepare(`update organizations set name = 'B' where id = 'o1'`).run();
    other.close();
    // Reads of one event-loop turn share a snapshot (db/statement-cache.ts): within it the version, like the data,
    // is still the old one; the next turn sees both anew.
    expect(await dataVersion(ctx.handle)).toBe(v1);
    await new Promise((resolve) => setImmediate(resolve));
    const v2 = await dataVersion(ctx.handle);
    expect(v2).not.toBe(v1);
    expect(await dataVersion(ctx.handle)).toBe(v2);
  });
});

describe('ResultCache', () => {
  const handle = {} as Parameters<ResultCache<number>['get']>[0];
  it('answers under the same version and within its time only', () => {
    const c = new ResultCache<number>({ maxEntries: 2, ttlMs: 1000 });
    c.set(handle, 'k', '1:1', 10_000, 42);
    expect(c.get(handle, 'k', '1:1', 10_000)).toBe(42);
    expect(c.get(handle, 'k', '1:1', 10_999)).toBe(42);
    expect(c.get(handle, 'k', '1:1', 11_000)).toBeUndefined();
    expect(c.get(handle, 'k', '1:1', 9_999)).toBeUndefined();
    expect(c.get(handle, 'k', '2:1', 10_000)).toBeUndefined();
    expect(c.get(handle, 'k', null, 10_000)).toBeUndefined();
    c.set(handle, 'k', null, 10_000, 7);
    expect(c.get(handle, 'k', '1:1', 10_000)).toBe(42);
  });
  it('keeps at most maxEntries, dropping the oldest', () => {
    const c = new ResultCache<number>({ maxEntries: 2 });
    c.set(handle, 'a', 'v', 0, 1);
    c.set(handle, 'b', 'v', 0, 2);
    c.set(handle, 'c', 'v', 0, 3);
    expect(c.get(handle, 'a', 'v', 0)).toBeUndefined();
    expect(c.get(handle, 'b', 'v', 0)).toBe(2);
    expect(c.get(handle, 'c', 'v', 0)).toBe(3);
  });
});
