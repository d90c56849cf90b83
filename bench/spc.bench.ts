// analyzeSpc (individuals chart, capability, the eight Nelson rules; includePoints: false) on 1,000,000 values
// against one bare pass over the same Float64Array (sum and sum of squares). Each round is a fresh process that
// runs nothing else: it warms both up, alternates them 15 times and reports the median of each. Target: <= 3×.
import { join } from 'node:path';
import { result, ROUNDS, type Bench } from './harness.js';
import { REPO } from './support/build.js';
import { runProcess } from './support/cli.js';

const N = Number(process.env.BENCH_SPC_N ?? 1_000_000);

const bench: Bench = {
  title: `analyzeSpc on ${N.toLocaleString('en-US')} values against one bare pass, each round in a fresh process`,
  async run() {
    const figures: { bare: number; spc: number; signals: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const r = await runProcess([process.execPath, '--import', 'tsx', join(REPO, 'bench', 'support', 'spc-child.ts'), String(N), '15']);
      if (r.code !== 0) throw new Error(r.stderr);
      figures.push(JSON.parse(r.stdout) as { bare: number; spc: number; signals: number });
    }
    const r = result({
      name: `analyzeSpc, ${N.toLocaleString('en-US')} individual values (includePoints: false), compiled code in a fresh process`,
      unit: 'ms',
      value: figures.map((f) => f.spc),
      ceilingName: 'one bare pass over the same Float64Array (sum and sum of squares), same process',
      ceiling: figures.map((f) => f.bare),
      better: 'lower',
      target: 'ratio <= 3.0 (every round)',
      notes: [
        `per-process ratios ${figures.map((f) => (f.spc / f.bare).toFixed(2)).join(', ')}; ${figures[0]!.signals.toLocaleString('en-US')} signal points`,
      ],
    });
    r.pass = figures.every((f) => f.spc / f.bare <= 3);
    return [r];
  },
};
export default bench;
