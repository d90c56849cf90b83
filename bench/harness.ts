// Benchmarks compare a measured figure to a baseline measured in the same run on the same machine,
// so the printed ratio means something whatever machine runs it.

export interface BenchResult {
  name: string;
  /** What was measured, e.g. "requests/s" or "ms". */
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  /** value / baseline for rates (higher is better), baseline / value... no: always value / baseline; see `better`. */
  ratio: number;
  /** Whether a higher ratio is better ("higher") or a lower one ("lower"). */
  better: 'higher' | 'lower';
  /** The target the issue sets, as text, e.g. ">= 0.60" or "<= 3.0". */
  target?: string;
  /** Whether the target holds; undefined when there is no target. */
  pass?: boolean;
  notes?: string;
}

export type Bench = () => Promise<BenchResult[]>;

export function timeIt<T>(fn: () => T): { ms: number; result: T } {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

export async function timeItAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}
