// One process of the SPC benchmark: the compiled analyzeSpc and the bare pass over the same 1,000,000 values,
// alternately, after a warm-up; prints the median time of each (ms) as JSON.
// `node --import tsx bench/support/spc-child.ts <n> <iterations>`
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './build.js';
import { benchValues, singlePass } from './spc-values.js';

const n = Number(process.argv[2] ?? 1_000_000);
const iterations = Number(process.argv[3] ?? 15);
const { analyzeSpc } = (await import(pathToFileURL(join(DIST, 'src', 'domain', 'spc', 'index.js')).href)) as typeof import('../../src/domain/spc/index.js');

const values = benchValues(n);
let sink = 0;
const time = (fn: () => number) => {
  const t0 = process.hrtime.bigint();
  sink += fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const analyze = () => {
  const r = analyzeSpc(values, { includePoints: false });
  return r.n + r.signals.length;
};
for (let i = 0; i < 5; i++) {
  time(() => singlePass(values));
  time(analyze);
}
const bare: number[] = [];
const spc: number[] = [];
for (let i = 0; i < iterations; i++) {
  bare.push(time(() => singlePass(values)));
  spc.push(time(analyze));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const signals = analyzeSpc(values, { includePoints: false }).signals.reduce((k, s) => k + s.points.length, 0);
if (!Number.isFinite(sink)) throw new Error('unreachable');
process.stdout.write(`${JSON.stringify({ bare: median(bare), spc: median(spc), signals })}\n`);
