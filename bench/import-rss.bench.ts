// Peak resident memory of `bonafide import batches` of 5,000,000 rows into SQLite (the whole CLI process, from
// /usr/bin/time). Target: under 300 MB. The ceiling is the same CLI importing a 3-row file: what the process
// needs before it holds any rows.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, result, type Bench, tempDir } from './harness.js';
import { runCli } from './support/cli.js';
import { batchCsv, makeQualityWorld } from './support/quality-world.js';

const ROWS = Number(process.env.BENCH_IMPORT_RSS_ROWS ?? 5_000_000);

const bench: Bench = {
  title: `peak RSS of bonafide import batches, ${ROWS.toLocaleString('en-US')} rows into SQLite`,
  async run() {
    const dir = tempDir('rss');
    const template = join(dir, 'template.sqlite');
    const world = await makeQualityWorld(`sqlite:${template}`, join(dir, 'data'));
    const big = join(dir, 'big.csv');
    const small = join(dir, 'small.csv');
    await batchCsv(big, ROWS);
    await batchCsv(small, 3);
    let round = 0;
    const seconds: number[] = [];
    const importInto = async (csv: string) => {
      const db = join(dir, `db-${round++}.sqlite`);
      copyFileSync(template, db);
      const r = await runCli(['import', 'batches', csv, '--supplier', world.supplierId, '--as', world.supplierEmail, '--no-progress', '--database', `sqlite:${db}`, '--data-dir', join(dir, 'data')], { rss: true });
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      return r;
    };
    const runs = await alternate(
      {
        ceiling: async () => (await importInto(small)).maxRssMb!,
        product: async () => {
          const r = await importInto(big);
          seconds.push(r.ms / 1000);
          return r.maxRssMb!;
        },
      },
      { warmUp: false },
    );
    const r = result({
      name: `peak RSS, import of ${ROWS.toLocaleString('en-US')} batch rows into SQLite (whole CLI process)`,
      unit: 'MB',
      value: runs.product,
      ceilingName: 'the same CLI importing a 3-row file',
      ceiling: runs.ceiling,
      better: 'lower',
      target: '< 300 MB',
      notes: [`import took ${seconds.map((s) => `${s.toFixed(1)} s`).join(', ')}`],
    });
    r.pass = r.value.max < 300;
    return [r];
  },
};
export default bench;
