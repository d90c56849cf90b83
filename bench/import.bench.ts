// `bonafide import batches` of 1,000,000 rows into SQLite, the whole CLI process (start, read, parse, validate,
// convert µm → mm, hash, insert, one evidence item per lot, audit, commit, exit), against the bare insert loop of
// the same rows into the same table in one transaction, in a process of its own. Target: >= 0.7 of its rate.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, result, type Bench, tempDir } from './harness.js';
import { REPO } from './support/build.js';
import { runCli, runProcess } from './support/cli.js';
import { batchCsv, makeQualityWorld } from './support/quality-world.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

const bench: Bench = {
  title: `bonafide import batches, ${ROWS.toLocaleString('en-US')} rows into SQLite, whole CLI process vs bare insert loop`,
  async run() {
    const dir = tempDir('import');
    const template = join(dir, 'template.sqlite');
    const world = await makeQualityWorld(`sqlite:${template}`, join(dir, 'data'));
    const csv = join(dir, 'batches.csv');
    await batchCsv(csv, ROWS);
    let round = 0;
    const runs = await alternate({
      ceiling: async () => {
        const db = join(dir, `bare-${round}.sqlite`);
        copyFileSync(template, db);
        const r = await runProcess([process.execPath, '--import', 'tsx', join(REPO, 'bench', 'support', 'bare-insert.ts'), db, String(ROWS), world.supplierId, '1']);
        if (r.code !== 0) throw new Error(r.stderr);
        return (JSON.parse(r.stdout) as { ms: number }).ms;
      },
      product: async () => {
        const db = join(dir, `import-${round++}.sqlite`);
        copyFileSync(template, db);
        const r = await runCli(['import', 'batches', csv, '--supplier', world.supplierId, '--as', world.supplierEmail, '--no-progress', '--database', `sqlite:${db}`, '--data-dir', join(dir, 'data')]);
        if (!r.stdout.includes(`imported ${ROWS.toLocaleString('en-US')} rows`)) throw new Error(`unexpected output: ${r.stdout}`);
        return r.ms;
      },
    });
    const rate = (msList: number[]) => msList.map((m) => ROWS / (m / 1000));
    const r = result({
      name: `import ${ROWS.toLocaleString('en-US')} batch rows from CSV into SQLite (whole CLI process)`,
      unit: 'rows/s',
      value: rate(runs.product),
      ceilingName: 'bare better-sqlite3 prepared-insert loop, same rows and table, one transaction (rows already in memory)',
      ceiling: rate(runs.ceiling),
      better: 'higher',
      target: 'ratio >= 0.7',
      notes: [`CLI process ${runs.product.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}; bare loop ${runs.ceiling.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`],
    });
    r.pass = r.ratio >= 0.7;
    return [r];
  },
};
export default bench;
