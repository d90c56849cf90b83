// What every benchmark shares. A benchmark is one file `bench/<name>.bench.ts` whose default export is a `Bench`;
// `npm run bench` runs each in a process of its own (so one benchmark's garbage, JIT state or open sockets cannot
// change another's figure) and `npm run bench <name>` runs one.
//
// Each figure is printed next to its ceiling — the bare version of the same work (same rows, same payload, same
// auth header), measured in the same run on the same machine — with the ratio and the target. Product
// and ceiling are measured alternately, several rounds each, and both are reported as min / median / max; the
// ratio and the verdict use the medians.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Stats {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

export interface BenchResult {
  name: string;
  /** Unit of the figure and its ceiling, e.g. "req/s", "ms", "rows/s", "MB". */
  unit: string;
  value: Stats;
  ceilingName: string;
  ceiling: Stats;
  /** median(value) / median(ceiling). */
  ratio: number;
  /** Whether a higher figure is better (throughput) or a lower one (time, memory). */
  better: 'higher' | 'lower';
  /** The target, as text, e.g. "ratio >= 0.5" or "p99 < 20 ms". */
  target?: string;
  pass?: boolean;
  /** Further figures of the same measurement (p99, rows, …), printed under the line. */
  notes?: string[];
}

export interface Bench {
  /** One line: what the benchmark measures. */
  title: string;
  run(): Promise<BenchResult[]>;
}

export function stats(runs: readonly number[]): Stats {
  const s = [...runs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0] ?? NaN, median, max: s[s.length - 1] ?? NaN, runs: [...runs] };
}

/** Rounds of the benchmark (env BENCH_ROUNDS, default 3): each round measures the ceiling, then the product. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Runs ceiling and product alternately, `rounds` times each, after one warm-up of each that is not counted, so
 * that drift on the machine (other processes, disk flushes, thermal) falls on both alike.
 */
export async function alternate<T>(
  measure: { ceiling: () => Promise<T>; product: () => Promise<T> },
  opts: { rounds?: number; warmUp?: boolean } = {},
): Promise<{ ceiling: T[]; product: T[] }> {
  const rounds = opts.rounds ?? ROUNDS;
  if (opts.warmUp !== false) {
    await measure.ceiling();
    await measure.product();
  }
  const out = { ceiling: [] as T[], product: [] as T[] };
  for (let i = 0; i < rounds; i++) {
    out.ceiling.push(await measure.ceiling());
    out.product.push(await measure.product());
  }
  return out;
}

export function result(r: Omit<BenchResult, 'value' | 'ceiling' | 'ratio'> & { value: readonly number[]; ceiling: readonly number[] }): BenchResult {
  const value = stats(r.value);
  const ceiling = stats(r.ceiling);
  return { ...r, value, ceiling, ratio: value.median / ceiling.median };
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

export function fmtStats(s: Stats): string {
  return `${fmt(s.median)} (min ${fmt(s.min)}, max ${fmt(s.max)})`;
}

export function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function timeIt<T>(fn: () => T): { ms: number; result: T } {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: ms(t0), result };
}

export async function timeItAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: ms(t0), result };
}

// Temporary directories and child processes of a benchmark go away with its process, whether it passes or throws.
const temporary: string[] = [];
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of children) if (p.exitCode === null) p.kill('SIGKILL');
  for (const d of temporary) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `bonafide-bench-${prefix}-`));
  temporary.push(d);
  return d;
}

/** A child process that is killed when the benchmark's process exits. */
export function track<P extends ChildProcess>(p: P): P {
  children.add(p);
  p.once('exit', () => children.delete(p));
  return p;
}
