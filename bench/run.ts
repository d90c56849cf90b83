// `npm run bench [name…]`: runs each benchmark and prints its figure next to a baseline measured in the same run.
import type { Bench, BenchResult } from './harness.js';

const BENCHES: Record<string, () => Promise<Bench>> = {
  me: async () => (await import('./me.js')).meBench,
  spc: async () => (await import('./spc.js')).spcBench,
  import: async () => (await import('./import.js')).importBench,
};

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(4);
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHES);
const results: BenchResult[] = [];
let failed = false;
for (const name of names) {
  const load = BENCHES[name];
  if (!load) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  process.stdout.write(`running ${name}…\n`);
  for (const r of await (await load())()) {
    results.push(r);
    const target = r.target ? `  target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'}` : '';
    if (r.pass === false) failed = true;
    console.log(
      `  ${r.name}\n    ${fmt(r.value)} ${r.unit}  vs  ${fmt(r.baseline)} ${r.unit} (${r.baselineName})  ratio ${r.ratio.toFixed(3)} (${r.better} is better)${target}` +
        (r.notes ? `\n    ${r.notes}` : ''),
    );
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
process.exitCode = failed ? 1 : 0;
