// How long `bonafide import batches` takes for a 3-row file, the whole process: what a user waits for before any
// real work. Target: under 0.5 s. The ceiling is a bare `node` process that loads nothing.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, result, type Bench, tempDir } from './harness.js';
import { runCli, runProcess } from './support/cli.js';
import { batchCsv, makeQualityWorld } from './support/quality-world.js';

const bench: Bench = {
  title: 'bonafide import batches of a 3-row file (SQLite), whole CLI process',
  async run() {
    const dir = tempDir('start');
    const template = join(dir, 'template.sqlite');
    const world = await makeQualityWorld(`sqlite:${template}`, join(dir, 'data'));
    const csv = join(dir, 'small.csv');
    await batchCsv(csv, 3);
    let round = 0;
    const runs = await alternate(
      {
        ceiling: async () => (await runProcess([process.execPath, '-e', '0'])).ms,
        product: async () => {
          const db = join(dir, `db-${round++}.sqlite`);
          copyFileSync(template, db);
          return (await runCli(['import', 'batches', csv, '--supplier', world.supplierId, '--as', world.supplierEmail, '--no-progress', '--database', `sqlite:${db}`, '--data-dir', join(dir, 'data')])).ms;
        },
      },
      { rounds: 5 },
    );
    const r = result({
      name: 'bonafide import batches, 3-row file (whole process)',
      unit: 'ms',
      value: runs.product,
      ceilingName: 'bare `node -e 0` process',
      ceiling: runs.ceiling,
      better: 'lower',
      target: '< 500 ms',
    });
    r.pass = r.value.median < 500;
    return [r];
  },
};
export default bench;
