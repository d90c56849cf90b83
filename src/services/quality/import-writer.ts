// The bulk-insert path of imports: one transaction for the whole file, rows written in batches. This is the one
// place where the dialect matters (`handle.dialect`):
//
// - SQLite: the import runs on its own connection to the database file, in a worker thread
//   (src/db/sqlite-worker-connection.ts), with a Kysely instance over it for the ordinary writes (import row,
//   evidence, audit) and one prepared INSERT reused for every row — better-sqlite3's fastest path, the same loop the
//   benchmark's baseline runs. The worker inserts a batch while this thread parses the next.
//   Meanwhile the import holds the process's write lock (handle.exclusiveWrite, src/db/sqlite-driver.ts): writes on
//   the shared connection wait for it asynchronously, instead of meeting SQLite's lock in its busy handler, which
//   waits synchronously and would stall the event loop the import runs on; reads on the shared connection go on
//   (WAL: they see the database as it was before the import until it commits).
//   An in-memory database has no second connection; it falls back to multi-row inserts on the shared one.
// - PostgreSQL: the import holds one connection of the pool, with a Kysely instance over it for the ordinary writes
//   and COPY … FROM STDIN for the rows (pg-copy-writer.ts), in one transaction. COPY took 1M rows in about a third
//   of the time of the INSERT … SELECT FROM unnest(…) batches this used before (bench/import-pg.bench.ts).
//
// Any error inside `fn` rolls the whole transaction back: nothing of a rejected file is stored.
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { Database } from '../../db/schema.js';
import { cachingStatements } from '../../db/statement-cache.js';
import { WorkerSqlite } from '../../db/sqlite-worker-connection.js';
import { copyWriter } from './pg-copy-writer.js';

export interface BulkTable<R> {
  table: 'batch_measurements' | 'production_logs';
  columns: readonly string[];
  params(row: R): unknown[];
}

export interface BulkWriter {
  insert<R>(t: BulkTable<R>, rows: readonly R[]): Promise<void>;
  /** Rows per batch that suits this writer. */
  readonly batchSize: number;
  /** Called after the last row, before the import's other writes. */
  finish(): Promise<void>;
}

function sqliteFile(url: string): string | null {
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return file === ':memory:' || file === '' ? null : file;
}

export async function withImportTransaction<T>(handle: Db, fn: (trx: Executor, bulk: BulkWriter) => Promise<T>): Promise<T> {
  if (handle.dialect === 'postgres') return withPostgresImport(handle, fn);
  const file = sqliteFile(handle.url);
  if (!file) return handle.db.transaction().execute((trx) => fn(trx, kyselyWriter(trx)));
  if (!handle.exclusiveWrite) throw new Error('a SQLite handle without its write lock');
  return handle.exclusiveWrite(async () => {
    const conn = new WorkerSqlite(file);
    // Through the statement wrapper like every connection of the process: its commit ends the grouped reads of the
    // shared connection, so the import is visible to the next read there.
    const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(conn as unknown as SQLite.Database, { groupReads: false }) }) });
    try {
      return await k.transaction().execute((trx) => fn(trx, workerWriter(conn)));
    } finally {
      await k.destroy();
    }
  });
}

function workerWriter(conn: WorkerSqlite): BulkWriter {
  return {
    batchSize: 2000,
    async insert<R>(t: BulkTable<R>, rows: readonly R[]) {
      const sql = `insert into ${t.table} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`;
      await conn.insertRows(sql, t.columns.length, rows.length, (i) => t.params(rows[i]!));
    },
    finish: async () => conn.sync(),
  };
}

async function withPostgresImport<T>(handle: Db, fn: (trx: Executor, bulk: BulkWriter) => Promise<T>): Promise<T> {
  if (!handle.pgPool) throw new Error('a PostgreSQL handle without its pool');
  const client = await handle.pgPool.connect();
  // Kysely over this one connection, so that its transaction and the COPY share it.
  const onlyThisClient: PostgresPool = { connect: async () => ({ query: client.query.bind(client) as PostgresPoolClient['query'], release: () => {} }), end: async () => {} };
  const k = new Kysely<Database>({ dialect: new PostgresDialect({ pool: onlyThisClient }) });
  let broken: Error | undefined;
  try {
    return await k.transaction().execute(async (trx) => {
      const writer = copyWriter(client);
      try {
        return await fn(trx, writer);
      } catch (err) {
        await writer.abort(err instanceof Error ? err : new Error(String(err))).catch((e: Error) => (broken = e));
        throw err;
      }
    });
  } finally {
    await k.destroy();
    client.release(broken);
  }
}

/** Multi-row inserts through Kysely, for a database without a second connection (SQLite in memory). */
function kyselyWriter(trx: Executor): BulkWriter {
  return {
    batchSize: 2000,
    async insert<R>(t: BulkTable<R>, rows: readonly R[]) {
      const per = Math.max(1, Math.floor(900 / t.columns.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per).map((r) => {
          const p = t.params(r);
          return Object.fromEntries(t.columns.map((c, k) => [c, p[k]]));
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await trx.insertInto(t.table).values(chunk as any).execute();
      }
    },
    finish: async () => {},
  };
}
