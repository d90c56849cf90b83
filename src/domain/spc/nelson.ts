// The eight Nelson rules (Nelson, JQT Oct 1984; wording and flagging semantics of qcc R/rules.R,
// standards.md §2.4). Pure.
//
// Conventions (the same as qcc's qccRulesViolatingNEL1…8, translated to 0-based indices):
// - `points` are the plotted values (individual values, or subgroup means for an x̄ chart); signal indices are
//   0-based indices into that series.
// - A signal lists the points that COMPLETE the pattern: the last point of every qualifying window. A run longer
//   than the rule's length flags each further point too (qcc: a 16-point run under rule 7 flags points 15 and 16).
// - Zones use σ of the plotted statistic: zone k is center ± k·σ, computed as `center + k * sigma` like qcc's
//   limits; "beyond" is strict (>, <), "within 1σ" is inclusive; a point equal to the center is on neither side.
//
//  1  one point beyond 3σ                       5  2 of 3 in a row beyond 2σ, same side, the last one included
//  2  9 in a row on the same side of the center 6  4 of 5 in a row beyond 1σ, same side, the last one included
//  3  6 in a row steadily increasing/decreasing 7  15 in a row within 1σ (either side)
//  4  14 in a row alternating up and down       8  8 in a row beyond 1σ, with points on both sides

export type NelsonRule = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface NelsonSignal {
  rule: NelsonRule;
  /** 0-based indices of the plotted points completing the pattern, ascending. */
  points: number[];
}

interface Limits {
  c: number;
  u1: number;
  l1: number;
  u2: number;
  l2: number;
  u3: number;
  l3: number;
}

function limitsOf(center: number, sigma: number): Limits {
  return {
    c: center,
    u1: center + sigma,
    l1: center - sigma,
    u2: center + 2 * sigma,
    l2: center - 2 * sigma,
    u3: center + 3 * sigma,
    l3: center - 3 * sigma,
  };
}

// ---- exact per-point rule checks (value space), shared by the reference and the fast path ----------------------

function rule1At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  const v = x[i]!;
  return v > L.u3 || v < L.l3;
}

function rule2At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 8) return false;
  let above = true;
  let below = true;
  for (let j = i - 8; j <= i; j++) {
    const v = x[j]!;
    if (!(v > L.c)) above = false;
    if (!(v < L.c)) below = false;
  }
  return above || below;
}

function rule3At(x: ArrayLike<number>, i: number): boolean {
  if (i < 5) return false;
  let up = true;
  let down = true;
  for (let j = i - 4; j <= i; j++) {
    const d = x[j]! - x[j - 1]!;
    if (!(d > 0)) up = false;
    if (!(d < 0)) down = false;
  }
  return up || down;
}

function rule4At(x: ArrayLike<number>, i: number): boolean {
  if (i < 13) return false;
  for (let j = i - 11; j <= i; j++) {
    const d1 = x[j]! - x[j - 1]!;
    const d0 = x[j - 1]! - x[j - 2]!;
    if (!((d1 > 0 && d0 < 0) || (d1 < 0 && d0 > 0))) return false;
  }
  return true;
}

function countOf(x: ArrayLike<number>, from: number, to: number, above: boolean, limit: number): number {
  let n = 0;
  for (let j = from; j <= to; j++) if (above ? x[j]! > limit : x[j]! < limit) n++;
  return n;
}

function rule5At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 2) return false;
  const v = x[i]!;
  if (v > L.u2) return countOf(x, i - 2, i, true, L.u2) >= 2;
  if (v < L.l2) return countOf(x, i - 2, i, false, L.l2) >= 2;
  return false;
}

function rule6At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 4) return false;
  const v = x[i]!;
  if (v > L.u1) return countOf(x, i - 4, i, true, L.u1) >= 4;
  if (v < L.l1) return countOf(x, i - 4, i, false, L.l1) >= 4;
  return false;
}

function rule7At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 14) return false;
  for (let j = i - 14; j <= i; j++) {
    const v = x[j]!;
    if (!(v >= L.l1 && v <= L.u1)) return false;
  }
  return true;
}

function rule8At(x: ArrayLike<number>, i: number, L: Limits): boolean {
  if (i < 7) return false;
  let anyAbove = false;
  let anyBelow = false;
  for (let j = i - 7; j <= i; j++) {
    const v = x[j]!;
    if (v > L.u1) anyAbove = true;
    else if (v < L.l1) anyBelow = true;
    else return false;
  }
  return anyAbove && anyBelow;
}

function collect(found: number[][]): NelsonSignal[] {
  const out: NelsonSignal[] = [];
  for (let r = 0; r < 8; r++) if (found[r]!.length > 0) out.push({ rule: (r + 1) as NelsonRule, points: found[r]! });
  return out;
}

/**
 * Straightforward evaluation of the eight rules, point by point (O(15·n)). The specification the fast path is
 * tested against, and its fallback for degenerate inputs.
 */
export function nelsonSignalsReference(points: ArrayLike<number>, center: number, sigma: number): NelsonSignal[] {
  const L = limitsOf(center, sigma);
  const found: number[][] = [[], [], [], [], [], [], [], []];
  for (let i = 0; i < points.length; i++) {
    if (rule1At(points, i, L)) found[0]!.push(i);
    if (rule2At(points, i, L)) found[1]!.push(i);
    if (rule3At(points, i)) found[2]!.push(i);
    if (rule4At(points, i)) found[3]!.push(i);
    if (rule5At(points, i, L)) found[4]!.push(i);
    if (rule6At(points, i, L)) found[5]!.push(i);
    if (rule7At(points, i, L)) found[6]!.push(i);
    if (rule8At(points, i, L)) found[7]!.push(i);
  }
  return collect(found);
}

// ---- fast path: one fused pass with bit-lane shift registers -------------------------------------------------------
//
// Every point is binned on a grid of 1/64 σ (bin q ↔ z = (x − center)/σ ∈ [q/64 − 16, (q+1)/64 − 16)). A table gives
// the zone bits of each bin; bins within one bin-width of a zone boundary get the union of the neighbouring classes,
// so binning rounding can only ADD bits. The bits are shifted into lanes of three 32-bit words (one lane per
// condition and side; a zero guard bit above lanes tested for "all ones"); after each point one add-and-mask per
// word detects every lane that is all ones, and two small tables detect the k-of-m rules 5 and 6. All these tests
// are monotone in the bits, so they fire at a superset of the true signals. A fourth lane remembers which of the
// last 15 points were uncertain (a union bin, or a direction tie): an alarm whose window holds none is exact as
// screened; otherwise it is confirmed in value space with the per-point checks above. Rule 8 is always confirmed.
//
// Cost: about 100 machine instructions per point under V8 (TurboFan keeps map and bounds checks in the loop), i.e.
// roughly 10× a bare summing pass over the same Float64Array — see bench/spc.ts.

const BINS = 64;
const NBINS = 32 * BINS;
const Z_OFFSET = 16 * BINS;
/** Fixed-point steps per bin: positions of ±16σ around the center stay below 2^29 (small integers in V8). */
const FINE_BITS = 18;
const FINE = 1 << FINE_BITS;

// Word 1: A (x > c) bits 0–8, guard 9 | B (x < c) bits 10–18, guard 19 | OUT (beyond 1σ) bits 20–27, guard 28 |
//         rule-1 flag bit 29 (not kept).
const K1 = 0x1fe | (0x1fe << 10) | (0xfe << 20);
const O1 = 1 | (1 << 10) | (1 << 20);
const G1 = (1 << 9) | (1 << 19) | (1 << 28);
const R1_BIT = 1 << 29;
// Word 2: IN (within 1σ) bits 0–14, guard 15 | UP (x_i > x_{i−1}) bits 16–20, guard 21 | DN (not up) 22–26, guard 27.
const K2 = 0x7ffe | (0x1e << 16) | (0x1e << 22);
const O2 = 1 | (1 << 16) | (1 << 22);
const G2 = (1 << 15) | (1 << 21) | (1 << 27);
// Word 3: ALT (direction changed) bits 0–11, guard 12 | A2 13–15 | B2 16–18 | A1 19–23 | B1 24–28.
const K3 = 0xffe | (6 << 13) | (6 << 16) | (0x1e << 19) | (0x1e << 24);
const G3 = 1 << 12;
// Alarm bits (all distinct): from the guards above, plus rule 5 = bit 0 and rule 6 = bit 1 from the tables.
const ALARM_R5 = 1;
const ALARM_R6 = 2;

const Z1 = new Int32Array(NBINS);
const Z2 = new Int32Array(NBINS);
const Z3 = new Int32Array(NBINS);
const T5 = new Int32Array(64);
const T6 = new Int32Array(1024);
/** Z1/Z2/Z3/UNSURE interleaved per bin (4 slots a bin), then T5 and T6: one typed array for the hot loop. */
const T5_AT = 4 * NBINS;
const T6_AT = T5_AT + 64;
const TABLE = new Int32Array(T6_AT + 1024);
/** 1 for bins whose bits are a union of neighbouring classes: points there are confirmed in value space. */
const UNSURE = new Int32Array(NBINS);

(function buildTables(): void {
  const bitsAt = (z: number): [number, number, number] => {
    const a = z > 0 ? 1 : 0;
    const b = z < 0 ? 1 : 0;
    const a1 = z > 1 ? 1 : 0;
    const b1 = z < -1 ? 1 : 0;
    const a2 = z > 2 ? 1 : 0;
    const b2 = z < -2 ? 1 : 0;
    const r1 = z > 3 || z < -3 ? 1 : 0;
    const out = a1 | b1;
    return [a | (b << 10) | (out << 20) | (r1 << 29), out ^ 1, (a2 << 13) | (b2 << 16) | (a1 << 19) | (b1 << 24)];
  };
  const delta = 1 / BINS;
  for (let q = 0; q < NBINS; q++) {
    const lo = q / BINS - 16 - delta;
    const hi = (q + 1) / BINS - 16 + delta;
    const probes = [lo, hi];
    for (let m = -3; m <= 3; m++) if (m >= lo && m <= hi) probes.push(m, m - 1e-9, m + 1e-9);
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    const classes = new Set<string>();
    for (const z of probes) {
      const [b1, b2, b3] = bitsAt(z);
      w1 |= b1;
      w2 |= b2;
      w3 |= b3;
      classes.add(`${b1}/${b2}/${b3}`);
    }
    Z1[q] = w1;
    Z2[q] = w2;
    Z3[q] = w3;
    UNSURE[q] = classes.size > 1 ? 1 : 0;
  }
  const pop = (v: number): number => {
    let c = 0;
    for (; v; v >>= 1) c += v & 1;
    return c;
  };
  for (let i = 0; i < 64; i++) {
    const a = i & 7;
    const b = i >> 3;
    T5[i] = ((a & 1) === 1 && pop(a) >= 2) || ((b & 1) === 1 && pop(b) >= 2) ? ALARM_R5 : 0;
  }
  for (let i = 0; i < 1024; i++) {
    const a = i & 31;
    const b = i >> 5;
    T6[i] = ((a & 1) === 1 && pop(a) >= 4) || ((b & 1) === 1 && pop(b) >= 4) ? ALARM_R6 : 0;
  }
  for (let q = 0; q < NBINS; q++) {
    TABLE[4 * q] = Z1[q]!;
    TABLE[4 * q + 1] = Z2[q]!;
    TABLE[4 * q + 2] = Z3[q]!;
    TABLE[4 * q + 3] = UNSURE[q]!;
  }
  TABLE.set(T5, T5_AT);
  TABLE.set(T6, T6_AT);
  // screen() inlines these constants as literals.
  const literals = [
    [K1, 0xfe7f9fe],
    [O1, 0x100401],
    [G1, 0x10080200],
    [R1_BIT, 0x20000000],
    [K2, 0x79e7ffe],
    [O2, 0x410001],
    [G2, 0x8208000],
    [K3, 0x1ef6cffe],
    [G3, 0x1000],
    [FINE_BITS, 18],
  ];
  for (const [named, literal] of literals) {
    if (named !== literal) throw new Error('nelson: screen() literals out of date');
  }
})();

/**
 * Turn one alarm into signals. `unsure` has bit k set when point i − k was binned in a union bin or tied with its
 * predecessor; a rule whose window holds no such point is exact as screened, otherwise it is checked in value space.
 * Rule 8 is always checked (the screen only sees "8 beyond 1σ", not "on both sides").
 */
function confirm(alarm: number, unsure: number, x: Float64Array, i: number, L: Limits, found: number[][]): void {
  if (alarm & R1_BIT && ((unsure & 0x1) === 0 || rule1At(x, i, L))) found[0]!.push(i);
  if (alarm & ((1 << 9) | (1 << 19)) && ((unsure & 0x1ff) === 0 || rule2At(x, i, L))) found[1]!.push(i);
  if (alarm & ((1 << 21) | (1 << 27)) && ((unsure & 0x3f) === 0 || rule3At(x, i))) found[2]!.push(i);
  if (alarm & G3 && ((unsure & 0x3fff) === 0 || rule4At(x, i))) found[3]!.push(i);
  if (alarm & ALARM_R5 && ((unsure & 0x7) === 0 || rule5At(x, i, L))) found[4]!.push(i);
  if (alarm & ALARM_R6 && ((unsure & 0x1f) === 0 || rule6At(x, i, L))) found[5]!.push(i);
  if (alarm & (1 << 15) && ((unsure & 0x7fff) === 0 || rule7At(x, i, L))) found[6]!.push(i);
  if (alarm & (1 << 28) && rule8At(x, i, L)) found[7]!.push(i);
}

/** Points screened per call; alarms are buffered and confirmed between calls, so the hot loop makes no calls. */
const BLOCK = 1 << 16;

/**
 * The screening pass over x[from, to). `x·a + b` is the position on a fixed-point grid of 2^18 steps per bin
 * (anchored so that bin 1024 starts at the center line); its top bits are the bin, and comparing two consecutive
 * positions gives the direction (ties count as both up and down, which only adds alarms). The loop is integer
 * arithmetic and table loads only: V8 compiles float comparisons producing 0/1 into branches, which random data
 * mispredicts. The lane words and the previous position persist in `st` between blocks; alarms are written to
 * `hits` as (index, alarm bits, uncertain-points lane) triples, and their count × 3 is returned.
 */
function screen(x: Float64Array, from: number, to: number, a: number, b: number, st: Int32Array, hits: Int32Array): number {
  // The word masks are written as literals and all tables live in one Int32Array: TurboFan re-reads module-level
  // bindings (with TDZ checks) and re-checks every typed array's map on each iteration, and spills what does not
  // fit in registers. Literal values: K1 0xfe7f9fe, O1 0x100401, G1 0x10080200, R1_BIT 0x20000000, K2 0x79e7ffe,
  // O2 0x410001, G2 0x8208000, K3 0x1ef6cffe, G3 0x1000, FINE_BITS 18 (checked against the named constants at load).
  const tab = TABLE;
  let w1 = st[0]!;
  let w2 = st[1]!;
  let w3 = st[2]!;
  let pf = st[3]!;
  let pup = st[4]!;
  let pdn = st[5]!;
  let w4 = st[6]!;
  let h = 0;
  for (let i = from; i < to; i++) {
    const f = (x[i]! * a + b) | 0;
    const z = (f >> 18) << 2;
    const up = ((f - pf) >> 31) + 1; // f ≥ previous (superset of x_i > x_{i−1})
    const dn = ((pf - f) >> 31) + 1; // f ≤ previous (superset of x_i < x_{i−1})
    pf = f;
    w1 = ((w1 << 1) & 0xfe7f9fe) | tab[z]!;
    w2 = ((w2 << 1) & 0x79e7ffe) | tab[z + 1]! | (up << 16) | (dn << 22);
    w3 = ((w3 << 1) & 0x1ef6cffe) | tab[z + 2]! | (up & pdn) | (dn & pup);
    // Points whose bits may differ from value space: union bins and direction ties (up = dn = 1), last 15.
    w4 = ((w4 << 1) & 0x7ffe) | tab[z + 3]! | (up & dn);
    pup = up;
    pdn = dn;
    const alarm =
      ((w1 + 0x100401) & 0x10080200) |
      (w1 & 0x20000000) |
      ((w2 + 0x410001) & 0x8208000) |
      ((w3 + 1) & 0x1000) |
      tab[T5_AT + ((w3 >> 13) & 63)]! |
      tab[T6_AT + ((w3 >> 19) & 1023)]!;
    if (alarm !== 0) {
      hits[h] = i;
      hits[h + 1] = alarm;
      hits[h + 2] = w4;
      h += 3;
    }
  }
  st[0] = w1;
  st[1] = w2;
  st[2] = w3;
  st[3] = pf;
  st[4] = pup;
  st[5] = pdn;
  st[6] = w4;
  return h;
}

/**
 * Series with points beyond ±15σ: their positions would leave the int32 range, so copy each block with the values
 * clamped to ±15.9σ first (clamping keeps every zone and order relation the screen relies on, ties aside — and ties
 * only add alarms), then screen the copy. Alarms are confirmed on the original values.
 */
function clampedBlock(x: Float64Array, from: number, to: number, lo: number, hi: number, out: Float64Array): void {
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    out[i - from] = v < lo ? lo : v > hi ? hi : v;
  }
}

/**
 * Nelson rules over the plotted series with center line `center` and σ of the plotted statistic `sigma`.
 * Same result as `nelsonSignalsReference`, in one pass. `range` (min/max of the series) may be passed when already
 * known, to save a pass.
 */
export function nelsonSignals(
  points: Float64Array | readonly number[],
  center: number,
  sigma: number,
  range?: { min: number; max: number },
): NelsonSignal[] {
  const x = points instanceof Float64Array ? points : Float64Array.from(points);
  const L = limitsOf(center, sigma);
  let min = range?.min;
  let max = range?.max;
  if (min === undefined || max === undefined) {
    min = Infinity;
    max = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const perBin = BINS / sigma;
  const a = perBin * FINE;
  const b = (Z_OFFSET - center * perBin) * FINE;
  // Points beyond ±15σ are screened clamped to ±15.9σ (see clampedBlock).
  const clamp = !((min - center) / sigma > -15 && (max - center) / sigma < 15);
  const lo = center - 15.9 * sigma;
  const hi = center + 15.9 * sigma;
  // Binning error in bins must stay well below one bin for the union tables to cover it.
  const magnitude = (clamp ? Math.max(Math.abs(lo), Math.abs(hi)) : Math.max(Math.abs(min), Math.abs(max))) + 2 * Math.abs(center);
  if (
    !(sigma > 0) ||
    !Number.isFinite(a) ||
    !Number.isFinite(b) ||
    !Number.isFinite(min) ||
    !Number.isFinite(max) ||
    magnitude * perBin * Number.EPSILON * 4 > 0.25
  ) {
    return nelsonSignalsReference(x, center, sigma);
  }
  const found: number[][] = [[], [], [], [], [], [], [], []];
  const st = new Int32Array(7);
  const hits = new Int32Array(3 * BLOCK);
  const copy = clamp ? new Float64Array(Math.min(BLOCK, x.length)) : null;
  const first = clamp ? Math.min(Math.max(x[0]!, lo), hi) : x[0]!;
  st[3] = x.length > 0 ? (first * a + b) | 0 : 0;
  for (let from = 0; from < x.length; from += BLOCK) {
    const to = Math.min(from + BLOCK, x.length);
    let h: number;
    if (copy) {
      clampedBlock(x, from, to, lo, hi, copy);
      h = screen(copy, 0, to - from, a, b, st, hits);
      for (let k = 0; k < h; k += 3) hits[k] = hits[k]! + from;
    } else {
      h = screen(x, from, to, a, b, st, hits);
    }
    for (let k = 0; k < h; k += 3) confirm(hits[k + 1]!, hits[k + 2]!, x, hits[k]!, L, found);
  }
  return collect(found);
}
