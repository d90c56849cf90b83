// Chart-ready shapes for the web: decimated control-chart points, capability histograms, subgroups by lot, and
// the matching of production-log lines to capacity claims. Pure.

/**
 * Indices of the points to draw when a series is longer than `maxPoints`: the first and last point, the minimum
 * and the maximum of each of ~maxPoints/2 equal buckets (so spikes stay visible), and the points named in `keep`
 * (signals; the most recent ones when there are more than a quarter of maxPoints). Ascending, without repeats.
 */
export function displayIndices(values: ArrayLike<number>, maxPoints: number, keep: readonly number[] = []): number[] {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const keepSorted = [...new Set(keep)].filter((i) => i >= 0 && i < n).sort((a, b) => a - b);
  const kept = keepSorted.slice(Math.max(0, keepSorted.length - Math.floor(maxPoints / 4)));
  const buckets = Math.max(1, Math.floor((maxPoints - kept.length - 2) / 2));
  const out = new Set<number>([0, n - 1, ...kept]);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (values[i]! < values[lo]!) lo = i;
      if (values[i]! > values[hi]!) hi = i;
    }
    out.add(lo);
    out.add(hi);
  }
  return [...out].sort((a, b) => a - b);
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  binWidth: number;
  min: number;
  max: number;
  n: number;
  belowLsl: number;
  aboveUsl: number;
}

/**
 * Equal-width bins over the data, widened so the specification limits fall inside the drawn range when they are
 * within three data ranges of it. The number of bins is √n, between 5 and 40.
 */
export function histogram(values: ArrayLike<number>, limits: { lsl: number | null; usl: number | null }, bins?: number): Histogram {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  let belowLsl = 0;
  let aboveUsl = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (limits.lsl !== null && v < limits.lsl) belowLsl++;
    if (limits.usl !== null && v > limits.usl) aboveUsl++;
  }
  if (n === 0) return { bins: [], binWidth: 0, min: 0, max: 0, n: 0, belowLsl: 0, aboveUsl: 0 };
  const k = bins ?? Math.min(40, Math.max(5, Math.ceil(Math.sqrt(n))));
  const dataRange = max - min;
  let lo = min;
  let hi = max;
  const span = dataRange > 0 ? dataRange : Math.abs(min) * 1e-3 || 1;
  if (limits.lsl !== null && limits.lsl < lo && lo - limits.lsl <= 3 * span) lo = limits.lsl;
  if (limits.usl !== null && limits.usl > hi && limits.usl - hi <= 3 * span) hi = limits.usl;
  if (hi === lo) {
    lo -= span / 2;
    hi += span / 2;
  }
  const width = (hi - lo) / k;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    let b = Math.floor((values[i]! - lo) / width);
    if (b >= k) b = k - 1;
    if (b < 0) b = 0;
    counts[b]!++;
  }
  return {
    bins: counts.map((count, b) => ({ from: lo + b * width, to: b === k - 1 ? hi : lo + (b + 1) * width, count })),
    binWidth: width,
    min,
    max,
    n,
    belowLsl,
    aboveUsl,
  };
}

/**
 * Subgroups by lot: when the values, in production order, come in runs of the same lot that all have the same
 * size k (2…10), the measurements are subgrouped by lot and k is returned; otherwise 1 (individuals).
 */
export function subgroupSizeByLot(lots: readonly string[]): number {
  if (lots.length < 4) return 1;
  let size = 0;
  let run = 1;
  const seen = new Set<string>([lots[0]!]);
  for (let i = 1; i <= lots.length; i++) {
    if (i < lots.length && lots[i] === lots[i - 1]) {
      run++;
      continue;
    }
    if (size === 0) size = run;
    else if (run !== size) return 1;
    if (i < lots.length) {
      // A lot that comes back later is not a subgroup.
      if (seen.has(lots[i]!)) return 1;
      seen.add(lots[i]!);
    }
    run = 1;
  }
  return size >= 2 && size <= 10 && lots.length / size >= 2 ? size : 1;
}

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

export interface ClaimForMatching {
  id: string;
  productLine: string | null;
  siteName?: string | null;
}

/**
 * The capacity claim a production-log line belongs to: the claim whose product line is the line's name, or
 * starts with it as a whole word ("Line 1" → "Line 1 housings"). When several match, the one of the log's site
 * wins; if that does not decide it, the line matches no claim.
 */
export function matchLineToClaim(site: string, line: string, claims: readonly ClaimForMatching[]): string | null {
  const l = norm(line);
  if (l.length === 0) return null;
  const candidates = claims.filter((c) => {
    if (!c.productLine) return false;
    const p = norm(c.productLine);
    return p === l || p.startsWith(`${l} `);
  });
  if (candidates.length === 1) return candidates[0]!.id;
  const exact = candidates.filter((c) => norm(c.productLine!) === l);
  if (exact.length === 1) return exact[0]!.id;
  const bySite = candidates.filter((c) => c.siteName && norm(c.siteName) === norm(site));
  return bySite.length === 1 ? bySite[0]!.id : null;
}
