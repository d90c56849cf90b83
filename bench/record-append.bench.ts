// Appending 100,000 records to the verifiable log on SQLite (and PostgreSQL when BONAFIDE_BENCH_PG names one),
// each in its own transaction through the product's append (claim the index under the size row's lock, chain in
// the stream, sign, hash, store the completed perfect subtrees). A steady rate: the last 10,000 against the first
// 10,000 of the same run. Target: the last block at >= 0.8 of the first block's rate.
import { join } from 'node:path';
import { result, type Bench } from './harness.js';
import { REPO } from './support/build.js';
import { runProcess } from './support/cli.js';

const N = Number(process.env.BENCH_RECORD_APPENDS ?? 100_000);

const bench: Bench = {
  title: `appending ${N.toLocaleString('en-US')} records to the log: the last 10,000 against the first 10,000`,
  async run() {
    const targets: [string, string | undefined][] = [['SQLite', undefined]];
    if (process.env.BONAFIDE_BENCH_PG) targets.push(['PostgreSQL', `${process.env.BONAFIDE_BENCH_PG}${process.env.BONAFIDE_BENCH_PG.includes('?') ? '&' : '?'}schema=bench_append_${Date.now().toString(36)}`]);
    const out = [];
    for (const [name, url] of targets) {
      if (url) {
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: process.env.BONAFIDE_BENCH_PG });
        await c.connect();
        await c.query(`CREATE SCHEMA ${new URL(url).searchParams.get('schema')}`);
        await c.end();
      }
      const r = await runProcess([process.execPath, '--import', 'tsx', join(REPO, 'bench', 'support', 'record-append-child.ts'), String(N), ...(url ? [url] : [])]);
      if (r.code !== 0) throw new Error(r.stderr);
      const { blocks, block } = JSON.parse(r.stdout) as { blocks: number[]; block: number };
      const rate = (ms: number) => block / (ms / 1000);
      const res = result({
        name: `append to the log on ${name}, one transaction per record: last ${block.toLocaleString('en-US')}`,
        unit: 'records/s',
        value: [rate(blocks[blocks.length - 1]!)],
        ceilingName: `first ${block.toLocaleString('en-US')} of the same run`,
        ceiling: [rate(blocks[0]!)],
        better: 'higher',
        target: 'ratio >= 0.8',
        notes: [`every block of ${block.toLocaleString('en-US')} (records/s): ${blocks.map((b) => Math.round(rate(b)).toLocaleString('en-US')).join(', ')}`],
      });
      res.pass = res.ratio >= 0.8;
      out.push(res);
    }
    return out;
  },
};
export default bench;
