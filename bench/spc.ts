// analyzeSpc on 1,000,000 values vs a single pass over the same Float64Array (sum and sum of squares).
// Target (issue): analyzeSpc within 3× the single pass.
import { analyzeSpc } from '../src/domain/spc/index.js';
import { timeIt, type BenchResult } from './harness.js';

const N = 1_000_000;
const RUNS = 25;

/** Deterministic normal-ish values: LCG uniforms through Box–Muller, mean 50, σ 2, plus a slow drift. */
export function benchValues(n = N, seed = 20240611): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s + 1) / 4294967297;
  };
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const t = 2 * Math.PI * uniform();
    const drift = 0.5 * Math.sin(i / 50_000);
    out[i] = 50 + drift + 2 * r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = 50 + drift + 2 * r * Math.sin(t);
  }
  return out;
}

function singlePass(x: Float64Array): number {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    sum += v;
    sumSq += v * v;
  }
  return sum + sumSq;
}

export async function spcBench(): Promise<BenchResult[]> {
  const values = benchValues();
  // Warm both up, then alternate so that load on the machine affects both alike; keep the best run of each.
  let sink = 0;
  for (let i = 0; i < 5; i++) {
    sink += singlePass(values);
    sink += analyzeSpc(values, { includePoints: false }).n;
  }
  let baseline = Infinity;
  let value = Infinity;
  let signals = 0;
  for (let i = 0; i < RUNS; i++) {
    const b = timeIt(() => singlePass(values));
    sink += b.result;
    baseline = Math.min(baseline, b.ms);
    const a = timeIt(() => analyzeSpc(values, { includePoints: false }));
    signals = a.result.signals.reduce((k, s) => k + s.points.length, 0);
    value = Math.min(value, a.ms);
  }
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  const ratio = value / baseline;
  return [
    {
      name: `analyzeSpc, ${N.toLocaleString('en-US')} individual values (includePoints: false)`,
      unit: 'ms',
      value,
      baselineName: 'single pass over the Float64Array (sum and sum of squares)',
      baseline,
      ratio,
      better: 'lower',
      target: '<= 3.0',
      pass: ratio <= 3.0,
      notes: `best of ${RUNS} alternating runs; individuals chart, capability, 8 Nelson rules (${signals.toLocaleString('en-US')} signal points)`,
    },
  ];
}
