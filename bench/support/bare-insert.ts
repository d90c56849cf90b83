// The ceiling of the SQLite import: in a process of its own, the rows the import writes — built in memory before
// the clock starts — inserted by a better-sqlite3 prepared statement in one transaction into the same table (the
// application's own migrated schema, its index included). Prints {"ms": …} of the loop and commit.
// `node --import tsx bench/support/bare-insert.ts <db file> <rows> <supplier id> <mixed 0|1>`
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { batchRow, PRODUCT } from './quality-world.js';

const [file, rowsArg, supplierId, mixedArg] = process.argv.slice(2) as [string, string, string, string];
const rows = Number(rowsArg);
const importId = randomUUID();
const data = new Array<unknown[]>(rows);
for (let i = 0; i < rows; i++) {
  const r = batchRow(i, mixedArg === '1');
  const value = r.unit === 'µm' ? Number(r.value) / 1000 : Number(r.value);
  data[i] = [importId, supplierId, PRODUCT, r.lot, r.line, r.producedAt, r.characteristic, value, i + 2];
}
const db = new SQLite(file);
db.pragma('journal_mode = WAL');
const stmt = db.prepare(
  'insert into batch_measurements (import_id, supplier_organization_id, product, lot, line, produced_at, characteristic, value, source_line) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const t0 = process.hrtime.bigint();
db.transaction(() => {
  for (let i = 0; i < rows; i++) stmt.run(data[i]);
})();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
db.close();
process.stdout.write(`${JSON.stringify({ ms })}\n`);
