// A SQLite connection that lives in a worker thread, for an import (src/services/quality/import-writer.ts): the
// worker inserts one batch of rows while the main thread parses and checks the next, so a large file costs about
// the time of its inserts rather than of its inserts plus its parsing (issue 14).
//
// To Kysely and to the statement cache it looks like a better-sqlite3 database: `prepare`, `all`, `run` and `close`
// are synchronous, as better-sqlite3's are. Each one posts its request to the worker and blocks on a shared flag
// until the worker has answered (Atomics.wait, then receiveMessageOnPort): an import's ordinary queries are a few
// dozen, and they run in the order they were issued, after every batch sent before them. Batches of rows
// (`insertRows`) are posted without waiting; a few may be in flight, and the worker counts those it has finished.
// A batch that fails is reported by the next synchronous request (`sync()`, or the rollback's BEGIN/COMMIT), which
// fails with its error, so the transaction rolls back as it would on the main thread.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Batches posted and not yet inserted: enough to keep the worker busy, few enough to bound memory. */
const MAX_IN_FLIGHT = 3;

// Slots of the shared Int32Array.
const REPLIED = 0;
const BATCHES_DONE = 1;

/**
 * One column of a batch: a constant once, numbers as a Float64Array (transferred, not copied), strings without NUL
 * joined by NUL into one string, anything else (nulls among strings) as an array.
 */
type Column =
  | { kind: 'const'; value: unknown }
  | { kind: 'numbers'; values: Float64Array }
  | { kind: 'texts'; joined: string }
  | { kind: 'values'; values: unknown[] };

// The worker's code is a CommonJS script run with `eval`: it then loads the same way from src/ under the test
// runner, from tsc's dist/ and from the bundled CLI, with no TypeScript loader in the thread. It needs only
// better-sqlite3, whose resolved path it is given.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const { port, state } = workerData;
const statements = [];
const bulk = new Map();
let failure = null;
let db = null;
// A database that cannot be opened is the answer to every request, with SQLite's reason.
try {
  db = new SQLite(workerData.file, { timeout: 5000 });
  db.pragma('foreign_keys = ON');
} catch (e) {
  failure = e;
}
const errorOf = (e) => ({ message: String(e && e.message || e), code: e && e.code, name: e && e.name });
function reply(message) {
  port.postMessage(message);
  Atomics.store(state, ${REPLIED}, 1);
  Atomics.notify(state, ${REPLIED});
}
function insertRows(m) {
  let stmt = bulk.get(m.sql);
  if (!stmt) bulk.set(m.sql, (stmt = db.prepare(m.sql)));
  const width = m.columns.length;
  const consts = m.columns.map((c) => (c.kind === 'const' ? c.value : undefined));
  const lists = m.columns.map((c) => (c.kind === 'const' ? null : c.kind === 'texts' ? c.joined.split('\\0') : c.values));
  for (const l of lists) if (l !== null && l.length !== m.n) throw new Error('a batch column has ' + l.length + ' values for ' + m.n + ' rows');
  const args = new Array(width);
  for (let i = 0; i < m.n; i++) {
    for (let k = 0; k < width; k++) args[k] = lists[k] === null ? consts[k] : lists[k][i];
    stmt.run(args);
  }
}
port.on('message', (m) => {
  if (m.op === 'rows') {
    if (failure === null) {
      try { insertRows(m); } catch (e) { failure = e; }
    }
    Atomics.add(state, ${BATCHES_DONE}, 1);
    Atomics.notify(state, ${BATCHES_DONE});
    return;
  }
  if (m.op === 'close' && db === null) {
    reply({});
    return port.close();
  }
  if (failure !== null) {
    const e = failure;
    if (db !== null) failure = null;
    return reply({ error: errorOf(e) });
  }
  try {
    if (m.op === 'prepare') {
      const s = db.prepare(m.sql);
      statements.push(s);
      reply({ id: statements.length - 1, reader: s.reader, readonly: s.readonly });
    } else if (m.op === 'all') reply({ rows: statements[m.id].all(m.params) });
    else if (m.op === 'run') {
      const r = statements[m.id].run(m.params);
      reply({ changes: r.changes, lastInsertRowid: r.lastInsertRowid });
    } else if (m.op === 'sync') reply({});
    else if (m.op === 'close') {
      db.close();
      reply({});
      port.close();
    }
  } catch (e) {
    reply({ error: errorOf(e) });
  }
});
`;

// Node has had Atomics.waitAsync since 16; TypeScript declares it from lib es2024, beyond this project's target.
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

export class WorkerSqlite {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private sent = 0;
  open = true;

  constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.state = new Int32Array(new SharedArrayBuffer(8));
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // Referenced until closed: while the sender awaits the worker (Atomics.waitAsync) nothing else may keep the
    // process alive.
    // The worker's garbage is the batches it has inserted. Its young generation is bounded: with V8's default a 5M-row
    // import peaked at 273-286 MB RSS (target < 300), with 16 MB at 246-266 MB; with 4 MB at 230-239 MB, but
    // scavenging then slowed 1M rows from about 5.1 to 5.9 s.
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, port: port2, state: this.state },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
  }

  /** A request the worker answers before anything after it runs; throws the worker's error (or a failed batch's). */
  private call<T>(message: Record<string, unknown>): T {
    Atomics.store(this.state, REPLIED, 0);
    this.port.postMessage(message);
    // The worker never waits for this thread, so the answer comes; a worker that died answers nothing (threadId -1).
    while (Atomics.wait(this.state, REPLIED, 0, 5_000) === 'timed-out') {
      if (this.worker.threadId === -1) throw new Error('the import database connection stopped');
    }
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new Error('the import database connection answered nothing');
    const answer = got.message as { error?: { message: string; code?: string; name?: string } } & T;
    if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code, name: answer.error.name ?? 'Error' });
    return answer;
  }

  prepare(sql: string) {
    const { id, reader, readonly } = this.call<{ id: number; reader: boolean; readonly: boolean }>({ op: 'prepare', sql });
    const call = this.call.bind(this);
    return {
      reader,
      readonly,
      busy: false,
      all: (params: readonly unknown[] = []) => call<{ rows: unknown[] }>({ op: 'all', id, params }).rows,
      run: (params: readonly unknown[] = []) => {
        const { changes, lastInsertRowid } = call<{ changes: number; lastInsertRowid: number | bigint }>({ op: 'run', id, params });
        return { changes, lastInsertRowid };
      },
      // Kysely streams only where asked to (`.stream()`); an import never does. Rows are read whole.
      iterate: (params: readonly unknown[] = []) => call<{ rows: unknown[] }>({ op: 'all', id, params }).rows[Symbol.iterator](),
    };
  }

  /**
   * Posts rows for `sql` (an INSERT with one `?` per column) without waiting for them; waits only while too many
   * batches are in flight. A failure shows at the next synchronous request.
   */
  async insertRows(sql: string, width: number, n: number, valueOf: (row: number) => readonly unknown[]): Promise<void> {
    if (n === 0) return;
    const lists: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(n));
    for (let i = 0; i < n; i++) {
      const p = valueOf(i);
      for (let k = 0; k < width; k++) lists[k]![i] = p[k];
    }
    const transfer: ArrayBuffer[] = [];
    const columns: Column[] = lists.map((values) => {
      const first = values[0];
      let constant = true;
      let numbers = true;
      let texts = true;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== first) constant = false;
        if (typeof v !== 'number') numbers = false;
        if (texts && (typeof v !== 'string' || v.includes('\0'))) texts = false;
        if (!constant && !numbers && !texts) break;
      }
      if (constant) return { kind: 'const', value: first };
      if (numbers) {
        const f = Float64Array.from(values as number[]);
        transfer.push(f.buffer);
        return { kind: 'numbers', values: f };
      }
      // One string is copied as one block, where an array of strings is cloned string by string on both threads.
      if (texts) return { kind: 'texts', joined: values.join('\0') };
      return { kind: 'values', values };
    });
    this.port.postMessage({ op: 'rows', sql, n, columns }, transfer);
    this.sent++;
    while (this.sent - Atomics.load(this.state, BATCHES_DONE) > MAX_IN_FLIGHT) {
      const done = Atomics.load(this.state, BATCHES_DONE);
      const w = waitAsync(this.state, BATCHES_DONE, done);
      if (w.async) await w.value;
    }
  }

  /** Waits until every batch posted is inserted; throws a failed batch's error. */
  sync(): void {
    this.call({ op: 'sync' });
  }

  close(): void {
    if (!this.open) return;
    try {
      this.call({ op: 'close' });
    } finally {
      this.open = false;
      this.port.close();
      void this.worker.terminate();
    }
  }
}
