// Kysely's SQLite driver, with readers that never wait for a writer of another connection.
//
// Kysely's own driver serializes everything on the process's one connection: a query acquires it, runs, releases
// it. A long import writes on a connection of its own (so that it is one transaction that readers do not see half
// of), and in WAL mode readers on the shared connection need not wait for it. Writers must: SQLite lets one
// connection write at a time, and a second writer meets the lock in SQLite's busy handler, which sleeps
// synchronously and would stall the event loop the import itself runs on (and fail after busy_timeout).
//
// So every writer of the process takes one asynchronous write lock first, before the connection:
// - a transaction on the shared connection takes it at BEGIN and keeps it until COMMIT or ROLLBACK;
// - a single write outside a transaction takes it for that statement;
// - an import on its own connection (`exclusiveWrite`) takes it for its whole transaction.
// Reads take only the connection, never the write lock, and so answer while an import runs. The order is always
// write lock, then connection, so two waiters never hold one each. A waiting writer holds neither: the reads
// queued behind it on the connection go on.
import {
  SqliteDriver,
  SqliteQueryCompiler,
  ValueNode,
  type CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type QueryCompiler,
  type QueryResult,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import { SqliteDialect } from 'kysely';
import type { Statement } from 'better-sqlite3';

/** An asynchronous FIFO lock. */
export class AsyncLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when the lock is ours, with the function that gives it back. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => mine);
    return before.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    });
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** Rows made property by property, as better-sqlite3 makes them. */
function objectOf(stmt: Statement): RowMaker['make'] {
  const names = stmt.columns().map((c) => c.name);
  return (v) => {
    const row: Record<string, unknown> = {};
    names.forEach((n, i) => Object.defineProperty(row, n, { value: v[i], enumerable: true, writable: true, configurable: true }));
    return row;
  };
}

interface RowMaker {
  columns: number;
  make: (values: unknown[]) => unknown;
}

/** Per statement: its row maker, or null where better-sqlite3 makes the rows (a column named __proto__). */
const rowMakers = new WeakMap<Statement, RowMaker | null>();

/**
 * A function making the statement's row object from its values: an object literal of the columns in their order
 * (a later column of the same name replacing an earlier one, as in better-sqlite3's rows), so that every row of a
 * statement has one shape from the start.
 */
function rowMaker(stmt: Statement, renew = false): RowMaker | null {
  let maker = renew ? undefined : rowMakers.get(stmt);
  if (maker === undefined) {
    const names = stmt.columns().map((c) => c.name);
    // In an object literal, "__proto__": … would set the prototype instead of making a property.
    if (names.includes('__proto__')) maker = null;
    else {
      // The names come from SQLite's description of the statement, written as JSON strings.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const make = new Function('v', `return { ${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(', ')} };`) as RowMaker['make'];
      maker = { columns: names.length, make };
    }
    rowMakers.set(stmt, maker);
  }
  return maker;
}

/** Whether a statement may write: everything but a SELECT (a raw `select …` too). */
export function mayWrite(q: CompiledQuery): boolean {
  const kind = q.query.kind;
  if (kind === 'SelectQueryNode') return false;
  if (kind === 'RawNode') return !/^\s*select\b/i.test(q.sql);
  return true;
}

/** One user of the shared connection: a single query, or a transaction from BEGIN to its end. */
class Lease implements DatabaseConnection {
  /** While a transaction is open: the inner connection it holds and how to give back the write lock. */
  held: { conn: DatabaseConnection; releaseWrite: () => void } | null = null;

  constructor(private readonly driver: GatedSqliteDriver) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.held) return this.held.conn.executeQuery<R>(q);
    return this.driver.once(q, (conn) => conn.executeQuery<R>(q));
  }

  async *streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.held) {
      yield* this.held.conn.streamQuery<R>(q, chunkSize);
      return;
    }
    const inner = await this.driver.acquireInner();
    try {
      yield* inner.streamQuery<R>(q, chunkSize);
    } finally {
      await this.driver.releaseInner(inner);
    }
  }
}

export class GatedSqliteDriver implements Driver {
  /** Kysely's driver: the one connection and its mutex. */
  readonly inner: Driver;
  /** Who holds the connection or waits for it (through acquireInner). */
  private users = 0;
  private initialized = false;
  /** The database itself, when it was given as one (not as a function that opens it). */
  private readonly direct: { prepare(sql: string): Statement } | null;

  constructor(
    config: SqliteDialectConfig,
    readonly writeLock: AsyncLock,
  ) {
    this.inner = new SqliteDriver(config);
    this.direct = typeof config.database === 'function' ? null : (config.database as unknown as NonNullable<GatedSqliteDriver['direct']>);
  }

  async init(): Promise<void> {
    await this.inner.init();
    this.initialized = true;
  }

  /** Every use of the connection goes through here, so that readNow knows whether it is free. */
  async acquireInner(): Promise<DatabaseConnection> {
    this.users++;
    try {
      return await this.inner.acquireConnection();
    } catch (err) {
      this.users--;
      throw err;
    }
  }

  async releaseInner(conn: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(conn);
    } finally {
      this.users--;
    }
  }

  /**
   * A read run at once, when no one holds or waits for the connection (no transaction is open on it, no query is
   * under way); null otherwise, and the caller goes the usual way. better-sqlite3 answers synchronously, so such a
   * read cannot interleave with anything: it is what once() would do, without the dozen promises of Kysely's
   * executor, connection provider and mutex around it (a tenth of a light request's time).
   */
  readNow(q: CompiledQuery): unknown[] | null {
    if (!this.direct || !this.initialized || this.users > 0 || mayWrite(q)) return null;
    const stmt = this.direct.prepare(q.sql);
    if (!stmt.reader) return null;
    // Rows as arrays, made into objects by a constructor of their shape: building each row object property by
    // property (better-sqlite3's own way) was two thirds of a list's time in SQLite.
    const maker = rowMaker(stmt);
    if (!maker) return stmt.all(q.parameters);
    let rows: unknown[][];
    try {
      rows = stmt.raw(true).all(q.parameters) as unknown[][];
    } finally {
      stmt.raw(false);
    }
    // A statement SQLite compiled again after a schema change may have other columns: made anew then.
    const make = rows.length && rows[0]!.length !== maker.columns ? (rowMaker(stmt, true)?.make ?? objectOf(stmt)) : maker.make;
    for (let i = 0; i < rows.length; i++) (rows as unknown[])[i] = make(rows[i]!);
    return rows;
  }

  /** A lease holds nothing yet: the connection is taken per query, or at BEGIN for a transaction. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this);
  }

  async once<T>(q: CompiledQuery, fn: (conn: DatabaseConnection) => Promise<T>): Promise<T> {
    const releaseWrite = mayWrite(q) ? await this.writeLock.acquire() : null;
    try {
      const conn = await this.acquireInner();
      try {
        return await fn(conn);
      } finally {
        await this.releaseInner(conn);
      }
    } finally {
      releaseWrite?.();
    }
  }

  async beginTransaction(lease: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const l = lease as Lease;
    const releaseWrite = await this.writeLock.acquire();
    let conn: DatabaseConnection | null = null;
    try {
      conn = await this.acquireInner();
      await this.inner.beginTransaction(conn, settings);
      l.held = { conn, releaseWrite };
    } catch (err) {
      if (conn) await this.releaseInner(conn);
      releaseWrite();
      throw err;
    }
  }

  private async end(lease: DatabaseConnection, how: 'commit' | 'rollback'): Promise<void> {
    const l = lease as Lease;
    const held = l.held;
    if (!held) throw new Error(`${how} without a transaction`);
    try {
      if (how === 'commit') await this.inner.commitTransaction(held.conn);
      else await this.inner.rollbackTransaction(held.conn);
    } catch (err) {
      // A failed COMMIT leaves the transaction open: Kysely rolls back next, on the same lease.
      if (how === 'commit') throw err;
      l.held = null;
      await this.releaseInner(held.conn);
      held.releaseWrite();
      throw err;
    }
    l.held = null;
    await this.releaseInner(held.conn);
    held.releaseWrite();
  }

  commitTransaction(lease: DatabaseConnection): Promise<void> {
    return this.end(lease, 'commit');
  }

  rollbackTransaction(lease: DatabaseConnection): Promise<void> {
    return this.end(lease, 'rollback');
  }

  async savepoint(lease: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.inner.savepoint!(this.heldConn(lease), name, compile);
  }

  async rollbackToSavepoint(lease: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]): Promise<void> {
    await this.inner.rollbackToSavepoint!(this.heldConn(lease), name, compile);
  }

  async releaseSavepoint(lease: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]): Promise<void> {
    await this.inner.releaseSavepoint!(this.heldConn(lease), name, compile);
  }

  private heldConn(lease: DatabaseConnection): DatabaseConnection {
    const held = (lease as Lease).held;
    if (!held) throw new Error('savepoint outside a transaction');
    return held.conn;
  }

  /** A lease given back with its transaction still open (it should not happen): rolled back, never left holding. */
  async releaseConnection(lease: DatabaseConnection): Promise<void> {
    const l = lease as Lease;
    if (l.held) await this.end(l, 'rollback').catch(() => undefined);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** An integer LIMIT or OFFSET value: written into the SQL (see InlineLimitCompiler). */
function integerValue(node: OperationNode): number | null {
  if (!ValueNode.is(node)) return null;
  return typeof node.value === 'number' && Number.isSafeInteger(node.value) ? node.value : null;
}

/**
 * Kysely binds LIMIT and OFFSET values as parameters. SQLite (since 3.47, where a bound LIMIT may steer the plan)
 * then marks the prepared statement to be compiled again whenever that parameter is bound — which is at every
 * execution: the statement cache saved nothing for such a query, and compiling it was most of its time (a list of
 * engagements: four fifths of its SQLite time). An integer limit or offset is therefore written into the SQL as a
 * literal; each distinct value is a statement of its own in the cache. Anything else (an expression, an argument
 * marker of a prepared query) stays as Kysely writes it.
 */
class InlineLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const n = integerValue(node.limit);
    if (n === null) return super.visitLimit(node);
    this.append(`limit ${n}`);
  }

  protected override visitOffset(node: OffsetNode): void {
    const n = integerValue(node.offset);
    if (n === null) return super.visitOffset(node);
    this.append(`offset ${n}`);
  }
}

/** SqliteDialect with the driver above; `writeLock` is shared with writers on other connections of the process. */
export class GatedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly writeLock: AsyncLock,
  ) {
    super(config);
  }

  private driver: GatedSqliteDriver | null = null;

  override createDriver(): Driver {
    this.driver = new GatedSqliteDriver(this.config, this.writeLock);
    return this.driver;
  }

  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    dialectOf.set(adapter, this);
    return adapter;
  }

  /** The driver of the Kysely instance this dialect was given to. */
  get gatedDriver(): GatedSqliteDriver | null {
    return this.driver;
  }

  override createQueryCompiler(): QueryCompiler {
    return new InlineLimitCompiler();
  }
}

/** Each Kysely instance's dialect, found through its adapter (Kysely makes one adapter and one driver per instance). */
const dialectOf = new WeakMap<DialectAdapter, GatedSqliteDialect>();

/**
 * The immediate reader of a database handle (see GatedSqliteDriver.readNow): for a SQLite handle of this module
 * without plugins, and never for a transaction (whose reads must run on its own connection, in it).
 */
export function immediateReader(db: Pick<Kysely<unknown>, 'isTransaction' | 'getExecutor'>): ((q: CompiledQuery) => unknown[] | null) | null {
  if (db.isTransaction) return null;
  const executor = db.getExecutor();
  if (executor.plugins.length > 0) return null;
  const driver = dialectOf.get(executor.adapter)?.gatedDriver;
  return driver ? (q) => driver.readNow(q) : null;
}
