import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import type PgModule from 'pg';
import type { Database } from './schema.js';
import { SchemaScopedPostgresDialect } from './pg-dialect.js';
import { AsyncLock, GatedSqliteDialect } from './sqlite-driver.js';
import { cachingStatements } from './statement-cache.js';
import { appConfig } from '../config.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  url: string;
  /** The PostgreSQL schema the connection is confined to, when one was given. */
  schema?: string;
  /**
   * SQLite: runs `fn` as the process's one writer (see sqlite-driver.ts), for a transaction on a connection of its
   * own; writes on the shared connection wait for it, reads do not.
   */
  exclusiveWrite?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** PostgreSQL: the pool under `db`, for work that needs one connection of its own (an import's COPY). */
  pgPool?: PgModule.Pool;
  close(): Promise<void>;
}

/** `sqlite:path`, `sqlite::memory:`, a bare file path, or `postgres://…`. */
export function openDatabase(url: string): Db {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // A `schema` query parameter isolates a database inside one PostgreSQL database (tests use one each).
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    // Loaded only for PostgreSQL: a command on SQLite does not pay for the driver's start-up.
    const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
    const pool = new pg.Pool({
      connectionString: parsed.toString(),
      max: appConfig().pgPoolSize,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url, pgPool: pool, ...(schema ? { schema } : {}), close: () => db.destroy() };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const writeLock = new AsyncLock();
  const db = new Kysely<Database>({ dialect: new GatedSqliteDialect({ database: cachingStatements(sqlite) }, writeLock) });
  return { db, dialect: 'sqlite', url, exclusiveWrite: (fn) => writeLock.run(fn), close: () => db.destroy() };
}

export function defaultDatabaseUrl(): string {
  return appConfig().databaseUrl;
}
