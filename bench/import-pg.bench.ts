// `bonafide import batches` of 1,000,000 rows into PostgreSQL, the whole CLI process, against `psql \copy` of the
// same CSV file into a table of the same shape (batch_measurements with its index, plus the file's unit column;
// import id and supplier filled by defaults), also a whole process. Target: >= 0.6 of COPY's rate.
// Needs BONAFIDE_TEST_PG (or a postgres DATABASE_URL); says so and reports nothing without it.
import { join } from 'node:path';
import pg from 'pg';
import { alternate, result, type Bench, type BenchResult, tempDir } from './harness.js';
import { runCli, runProcess } from './support/cli.js';
import { batchCsv, makeQualityWorld } from './support/quality-world.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

const bench: Bench = {
  title: `bonafide import batches, ${ROWS.toLocaleString('en-US')} rows into PostgreSQL, whole CLI process vs psql \\copy`,
  async run(): Promise<BenchResult[]> {
    const url = process.env.BONAFIDE_TEST_PG ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
    if (!url) {
      console.log('skipped: set BONAFIDE_TEST_PG=postgres://… to run the PostgreSQL import benchmark');
      return [];
    }
    const dir = tempDir('import-pg');
    const csv = join(dir, 'batches.csv');
    await batchCsv(csv, ROWS);
    const prefix = `bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const schemas: string[] = [];
    try {
      // The ceiling's table: the application's own batch_measurements (migrated in a schema of its own).
      const copySchema = `${prefix}_copy`;
      schemas.push(copySchema);
      await admin.query(`create schema ${copySchema}`);
      await makeQualityWorld(withSchema(url, copySchema), join(dir, 'data'));
      await admin.query(`set search_path = ${copySchema}`);
      await admin.query(`alter table batch_measurements add column unit text`);
      await admin.query(`alter table batch_measurements alter column import_id set default 'bare-copy'`);
      await admin.query(`alter table batch_measurements alter column supplier_organization_id set default 'bare-copy'`);
      await admin.query(`alter table batch_measurements alter column source_line set default 0`);
      let round = 0;
      const runs = await alternate({
        ceiling: async () => {
          await admin.query('truncate batch_measurements');
          await admin.query('checkpoint');
          const r = await runProcess([
            'psql',
            url,
            '-v',
            'ON_ERROR_STOP=1',
            '-q',
            '-c',
            `set search_path = ${copySchema}`,
            '-c',
            `\\copy batch_measurements (lot, product, produced_at, characteristic, value, unit, line) from '${csv}' with (format csv, header true)`,
          ]);
          if (r.code !== 0) throw new Error(r.stderr);
          return r.ms;
        },
        product: async () => {
          const schema = `${prefix}_imp${round++}`;
          schemas.push(schema);
          await admin.query(`create schema ${schema}`);
          const world = await makeQualityWorld(withSchema(url, schema), join(dir, 'data'));
          await admin.query('checkpoint');
          const r = await runCli(['import', 'batches', csv, '--supplier', world.supplierId, '--as', world.supplierEmail, '--no-progress', '--database', withSchema(url, schema), '--data-dir', join(dir, 'data')]);
          if (!r.stdout.includes(`imported ${ROWS.toLocaleString('en-US')} rows`)) throw new Error(`unexpected output: ${r.stdout}`);
          return r.ms;
        },
      });
      const rate = (msList: number[]) => msList.map((m) => ROWS / (m / 1000));
      const r = result({
        name: `import ${ROWS.toLocaleString('en-US')} batch rows from CSV into PostgreSQL (whole CLI process)`,
        unit: 'rows/s',
        value: rate(runs.product),
        ceilingName: "psql \\copy of the same CSV into batch_measurements' shape (same index), whole process",
        ceiling: rate(runs.ceiling),
        better: 'higher',
        target: 'ratio >= 0.6',
        notes: [`CLI process ${runs.product.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}; psql \\copy ${runs.ceiling.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`],
      });
      r.pass = r.ratio >= 0.6;
      return [r];
    } finally {
      await admin.query('reset search_path');
      for (const s of schemas) await admin.query(`drop schema if exists ${s} cascade`).catch(() => {});
      await admin.end();
    }
  },
};
export default bench;
