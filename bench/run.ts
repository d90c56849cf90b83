// `npm run bench [name…] [--json]`: runs every benchmark (`bench/<name>.bench.ts`), or the named ones, each in a
// process of its own, and prints each figure beside its ceiling, the ratio and the target; then a closing table.
// `tsx bench/run.ts --one <name>` is the child's entry point (it prints its results as one JSON line).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, fmtStats, type Bench, type BenchResult } from './harness.js';
import { ensureBuild } from './support/build.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULT_PREFIX = 'BENCH_RESULT ';

function benchNames(): string[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

async function loadBench(name: string): Promise<Bench> {
  return ((await import(pathToFileURL(join(HERE, `${name}.bench.ts`)).href)) as { default: Bench }).default;
}

/** A ratio to a ceiling of 0 (a bare p99 under 1 ms rounds to 0 in autocannon) is no number: JSON carries it as null. */
function ratioText(r: BenchResult): string {
  return typeof r.ratio === 'number' && Number.isFinite(r.ratio) ? r.ratio.toFixed(3) : 'n/a (the ceiling rounds to 0)';
}

function print(r: BenchResult): void {
  const verdict = r.target ? `   target ${r.target}: ${r.pass ? 'PASS' : 'FAIL'}` : '';
  console.log(`  ${r.name}`);
  console.log(`    figure   ${fmtStats(r.value)} ${r.unit}`);
  console.log(`    ceiling  ${fmtStats(r.ceiling)} ${r.unit}  — ${r.ceilingName}`);
  console.log(`    ratio    ${ratioText(r)} (${r.better} is better)${verdict}`);
  for (const n of r.notes ?? []) console.log(`    ${n}`);
}

function runChild(name: string): Promise<{ results: BenchResult[]; code: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BONAFIDE_BENCH_BUILT: '1' },
    });
    const results: BenchResult[] = [];
    let buf = '';
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith(RESULT_PREFIX)) {
          const r = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
          results.push(r);
          print(r);
        } else console.log(`    ${line}`);
      }
    });
    p.on('error', reject);
    p.on('exit', (code) => resolve({ results, code: code ?? 1 }));
  });
}

if (process.argv[2] === '--one') {
  const name = process.argv[3]!;
  const bench = await loadBench(name);
  for (const r of await bench.run()) process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(r)}\n`);
  // Servers, pools and timers of the benchmark must not keep its process alive.
  process.exit(0);
} else {
  const known = benchNames();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  for (const w of wanted) {
    if (!known.includes(w)) {
      console.error(`unknown benchmark ${w}; known: ${known.join(', ')}`);
      process.exit(2);
    }
  }
  const names = wanted.length ? wanted : known;
  console.log(`building the product for the benchmarks…`);
  await ensureBuild();
  const all: BenchResult[] = [];
  let failed = false;
  // The machine is shared: the 1-minute load average at the start and end of each benchmark says how busy it was
  // (well above the number of cores: the figures were taken under load). It ends each result's notes.
  const load = new Map<string, string>();
  const la = () => loadavg()[0]!.toFixed(1);
  for (const name of names) {
    const bench = await loadBench(name);
    console.log(`\n${name}: ${bench.title}`);
    const before = la();
    const { results, code } = await runChild(name);
    load.set(name, `load ${before}→${la()} on ${cpus().length} cores`);
    console.log(`  (${load.get(name)})`);
    for (const r of results) (r.notes ??= []).push(load.get(name)!);
    if (code !== 0) {
      console.log(`  ${name} exited with ${code}`);
      failed = true;
    }
    all.push(...results);
    if (results.some((r) => r.pass === false)) failed = true;
  }
  console.log(`\nsummary (median of ${all[0]?.value.runs.length ?? 0} alternated rounds; min–max in brackets)`);
  for (const r of all) {
    const v = `${fmt(r.value.median)} [${fmt(r.value.min)}–${fmt(r.value.max)}]`;
    const c = `${fmt(r.ceiling.median)} [${fmt(r.ceiling.min)}–${fmt(r.ceiling.max)}]`;
    console.log(`  ${r.pass === undefined ? '    ' : r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${v} vs ${c} ${r.unit}, ratio ${ratioText(r)}${r.target ? `, target ${r.target}` : ''} (${r.notes?.at(-1) ?? ''})`);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(all, null, 2));
  process.exitCode = failed ? 1 : 0;
}
