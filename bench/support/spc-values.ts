// The SPC benchmarks' series and the bare pass they are held against.

/** Deterministic normal-ish values: LCG uniforms through Box–Muller, mean 50, σ 2, plus a slow drift. */
export function benchValues(n: number, seed = 20240611): Float64Array {
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

/** One pass over the values: sum and sum of squares. */
export function singlePass(x: Float64Array): number {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    sum += v;
    sumSq += v * v;
  }
  return sum + sumSq;
}
