// PostgreSQL's side of the bulk import: rows go to the server by COPY … FROM STDIN in the text format, one COPY per
// table kept open across batches, so that PostgreSQL stores one batch while Node parses and checks the next. COPY
// runs inside the import's transaction, on the same connection: a rejected file still leaves nothing behind.
//
// While a COPY is open its connection accepts nothing else, so the writer must be finished (`finish`) before the
// import's next ordinary query, and aborted (`abort`, a CopyFail) before a rollback.
import { createRequire } from 'node:module';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type PgModule from 'pg';
import type * as CopyStreams from 'pg-copy-streams';
import type { BulkTable, BulkWriter } from './import-writer.js';

export interface CopyWriter extends BulkWriter {
  abort(reason: Error): Promise<void>;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY's text format: `\N` for null, backslash escapes for the four characters the format reserves. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Resolves when the stream takes writes again, rejects when it fails first. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      if (err) reject(err);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}

export function copyWriter(client: PgModule.PoolClient): CopyWriter {
  // Loaded only when a PostgreSQL import runs, like the pg driver itself (connection.ts).
  const { from } = createRequire(import.meta.url)('pg-copy-streams') as typeof CopyStreams;
  let open: { table: string; stream: Writable; failed: Error | null } | null = null;

  const close = async () => {
    if (!open) return;
    const { stream } = open;
    const done = once(stream, 'finish');
    stream.end();
    try {
      await done;
    } finally {
      open = null;
    }
  };

  return {
    batchSize: 5000,
    async insert<R>(t: BulkTable<R>, rows: readonly R[]) {
      if (rows.length === 0) return;
      if (open && open.table !== t.table) await close();
      if (!open) {
        const stream = client.query(from(`copy ${t.table} (${t.columns.join(', ')}) from stdin`));
        const state = { table: t.table, stream, failed: null as Error | null };
        // Kept for the next write: an error PostgreSQL reports mid-COPY (a constraint, a bad value) ends the import.
        stream.on('error', (err: Error) => (state.failed = err));
        open = state;
      }
      if (open.failed) throw open.failed;
      const parts = new Array<string>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const p = t.params(rows[i]!);
        let line = copyText(p[0]);
        for (let k = 1; k < p.length; k++) line += `\t${copyText(p[k])}`;
        parts[i] = line;
      }
      if (!open.stream.write(`${parts.join('\n')}\n`)) await drained(open.stream);
      if (open.failed) throw open.failed;
    },
    finish: close,
    async abort(reason: Error) {
      if (!open) return;
      const { stream } = open;
      open = null;
      if (stream.destroyed) return;
      // destroy() sends CopyFail; the connection is ready for the rollback once PostgreSQL has answered it.
      const closed = once(stream, 'close').catch(() => undefined);
      stream.destroy(reason);
      await closed;
    },
  };
}
