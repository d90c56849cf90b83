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

// ---- fast path: flag words for 32 points at a time, rules evaluated bit-parallel --------------------------------
//
// Phase 1, per point (the only per-point work): the value goes onto a fixed-point grid of 2^24 steps per σ,
// t = x·a + b with the center line at 2^28, so the integer part of t / 2^24 is the σ-zone (16 = [c, c + σ)). A
// 32-entry table turns the zone into flag bits (above center, beyond ±1σ, ±2σ, beyond 3σ); comparing t with the
// previous point's gives the direction. All of it is integer arithmetic and one table load: V8 compiles float
// comparisons that produce 0/1 into branches, which random data mispredicts.
//
// The grid is exact except within δ steps of a zone boundary (rounding of x·a + b and of the reference's limits
// center ± kσ) and for ties between consecutive points. Such points are marked UNSURE; a rule whose window
// contains one is re-checked in value space with the per-point checks above, so the result equals the reference.
//
// Layout: each point's flags are spread one per nibble (flag k at bit 4k) and shifted into an accumulator, so
// after 4 points nibble k holds flag k of those 4 points; 8 such words (32 points) are an 8×8 nibble matrix whose
// transpose is one 32-bit word per flag. In the words, bit 31 is the block's first point (bit 31 − j = point j),
// so "the point s earlier" is a right shift by s, pulling in the previous block's last points from its low bits.
//
// Phase 2, per block: each rule is a few ANDs/ORs of shifted flag words; a nonzero result is decoded with
// Math.clz32 into point indices, in ascending order. Blocks whose windows hold an unsure point take a slow path.
//
// Cost (1e6 points, Node 20): phase 1 ≈ 1.6 ns a point, phase 2 ≈ 2 ns a point — about 6× a bare summing
// pass over the same Float64Array (see bench/spc.ts). Evaluating the rules one at a time over a chunk of
// blocks (smaller loops) measured slower: V8 did not specialise the per-rule switch.

// Flag nibbles (flag k at bit 4k): 0 above center, 1 beyond +1σ, 2 beyond −1σ, 3 beyond +2σ, 4 beyond −2σ,
// 5 beyond ±3σ, 6 up (x_i > x_{i−1}), 7 unsure.
/** Zone index (t >> 24, 0…31; 16 = [c, c + σ)) → flag bits 0–5, exact for points away from the boundaries. */
const ZONE_FLAGS = new Int32Array(32);
for (let zi = 0; zi < 32; zi++) {
  const above = zi >= 16 ? 1 : 0;
  const a1 = zi >= 17 ? 1 : 0;
  const b1 = zi < 15 ? 1 : 0;
  const a2 = zi >= 18 ? 1 : 0;
  const b2 = zi < 14 ? 1 : 0;
  const r1 = zi >= 19 || zi < 13 ? 1 : 0;
  ZONE_FLAGS[zi] = above | (a1 << 4) | (b1 << 8) | (a2 << 12) | (b2 << 16) | (r1 << 20);
}
/** Points per phase-1 run (a multiple of 32; rows fit in L1). */
const CHUNK = 4096;
const STEPS_PER_SIGMA = 1 << 24;
const CENTER_AT = 1 << 28;

/** One point's flag nibbles from its grid position f and the previous point's pf (see the block comment). */
function pointFlags(f: number, pf: number, d: number, zone: Int32Array): number {
  // Within d steps of a multiple of 2^24, i.e. of a zone boundary: unsure. (f ≥ 0: values are clamped.)
  const near = (((f + d) & 0xffffff) - 2 * d) >>> 31;
  const tie = ((f ^ pf) - 1) >>> 31; // f === pf: direction unknown
  const up = (pf - f) >>> 31; // f > pf implies x_i > x_{i−1} (the grid map is monotone)
  return zone[f >> 24]! | (up << 24) | ((near | tie) << 28);
}

/**
 * Phase 1 for the quads of 4 points from src[from]: rows[q] = flag nibbles of points from + 4q … + 3, the first
 * point at bit 3 of each nibble. st[0] is the previous point's grid position, carried over between calls.
 */
function flagQuads(
  src: Float64Array,
  from: number,
  quads: number,
  a: number,
  b: number,
  d: number,
  st: Int32Array,
  rows: Int32Array,
): void {
  const zone = ZONE_FLAGS;
  let pf = st[0]!;
  for (let q = 0, i = from; q < quads; q++, i += 4) {
    const f0 = (src[i]! * a + b) | 0;
    const f1 = (src[i + 1]! * a + b) | 0;
    const f2 = (src[i + 2]! * a + b) | 0;
    const f3 = (src[i + 3]! * a + b) | 0;
    rows[q] =
      (pointFlags(f0, pf, d, zone) << 3) |
      (pointFlags(f1, f0, d, zone) << 2) |
      (pointFlags(f2, f1, d, zone) << 1) |
      pointFlags(f3, f2, d, zone);
    pf = f3;
  }
  st[0] = pf;
}

/** `c` shifted to see the point s earlier at each position, pulling in the previous block `p` (1 ≤ s ≤ 31). */
function back(c: number, p: number, s: number): number {
  return (c >>> s) | (p << (32 - s));
}

// Runs by doubling: "set at all of the last 2, 4, 8 points" for the current block and the previous one (whose
// low bits, its last points, stay right, which is all `back` reads). Written out per length, as the hot path.

/** Bit 31 − j: flag set at all of points j − 3 … j. */
function all4(c: number, p: number): number {
  const c2 = c & back(c, p, 1);
  const p2 = p & (p >>> 1);
  return c2 & back(c2, p2, 2);
}

/** Flag set at all of the last 8 points. */
function all8(c: number, p: number): number {
  const c2 = c & back(c, p, 1);
  const p2 = p & (p >>> 1);
  const c4 = c2 & back(c2, p2, 2);
  const p4 = p2 & (p2 >>> 2);
  return c4 & back(c4, p4, 4);
}

/** all8 of the previous block, right in its low bits (the part longer runs read through `back`). */
function all8prev(p: number): number {
  const p2 = p & (p >>> 1);
  const p4 = p2 & (p2 >>> 2);
  return p4 & (p4 >>> 4);
}

/** Flag set at all of the last 12 points. */
function all12(c: number, p: number): number {
  const c8 = all8(c, p);
  const p8 = all8prev(p);
  return c8 & back(c8, p8, 4);
}

/** Flag set at all of the last 15 points. */
function all15(c: number, p: number): number {
  const c8 = all8(c, p);
  const p8 = all8prev(p);
  return c8 & back(c8, p8, 7);
}

/** Flag set at any of the last 8 points. */
function any8(c: number, p: number): number {
  return ~all8(~c, ~p);
}

/** Flag set at any of points j − len + 1 … j (1 ≤ len ≤ 16); for unsure points only, so not unrolled. */
function anyOf(c: number, p: number, len: number): number {
  let out = c;
  for (let s = 1; s < len; s++) out |= back(c, p, s);
  return out;
}

/** Window length of each rule in points (rules 3 and 4 count differences, so one point more). */
const WINDOW = [1, 9, 6, 14, 3, 5, 15, 8];

/**
 * Record rule r's hits in a block: `fired` from the flag words, `unsure` marks points whose window holds an unsure
 * point (checked in value space instead), `valid` the points that exist and have a full window.
 */
function record(
  r: number,
  fired: number,
  unsure: number,
  valid: number,
  base: number,
  x: Float64Array,
  L: Limits,
  found: number[][],
): void {
  let w = (fired | unsure) & valid;
  const out = found[r]!;
  while (w !== 0) {
    const j = Math.clz32(w);
    const bit = 1 << (31 - j);
    w ^= bit;
    const i = base + j;
    if ((unsure & bit) === 0 || ruleAt(r, x, i, L)) out.push(i);
  }
}

/** record() without unsure points: every fired, valid point is a signal. */
function recordSure(r: number, fired: number, base: number, found: number[][]): void {
  const out = found[r]!;
  for (let w = fired; w !== 0; ) {
    const j = Math.clz32(w);
    w ^= 1 << (31 - j);
    out.push(base + j);
  }
}

function ruleAt(r: number, x: Float64Array, i: number, L: Limits): boolean {
  switch (r) {
    case 0:
      return rule1At(x, i, L);
    case 1:
      return rule2At(x, i, L);
    case 2:
      return rule3At(x, i);
    case 3:
      return rule4At(x, i);
    case 4:
      return rule5At(x, i, L);
    case 5:
      return rule6At(x, i, L);
    case 6:
      return rule7At(x, i, L);
    default:
      return rule8At(x, i, L);
  }
}

/** At least 3 of the four bits set, per position. */
function atLeast3of4(a: number, b: number, c: number, d: number): number {
  return (a & b & (c | d)) | (c & d & (a | b));
}

/**
 * Both phases over the series. `src` is what is gridded (x, or a clamped copy), `x` what is checked in value space.
 * `d` is the unsure margin in grid steps.
 */
function screen(
  x: Float64Array,
  src: Float64Array,
  a: number,
  b: number,
  d: number,
  L: Limits,
  found: number[][],
): void {
  const n = x.length;
  const rows = new Int32Array(CHUNK / 4);
  const tailRows = new Int32Array(8);
  const st = new Int32Array(1);
  const pad = new Float64Array(32);
  st[0] = ((src[0]! * a + b) | 0) - 1; // no tie at point 0 (its direction is never used)
  // Flag words of the previous block (0 before the first: the points they would affect are masked out).
  let pA = 0;
  let pA1 = 0;
  let pB1 = 0;
  let pA2 = 0;
  let pB2 = 0;
  let pUp = 0;
  let pU = 0;
  // Phase 1 runs over chunks of CHUNK points (8 rows a block), phase 2 then over the chunk's blocks; the last,
  // partial block is padded with copies of the last value (the padded points are masked out).
  for (let start = 0; start < n; start += CHUNK) {
    const blocks = Math.ceil(Math.min(CHUNK, n - start) / 32);
    const full = Math.floor(Math.min(CHUNK, n - start) / 32);
    flagQuads(src, start, 8 * full, a, b, d, st, rows);
    if (full < blocks) {
      const from = start + 32 * full;
      for (let k = 0; k < 32; k++) pad[k] = src[Math.min(from + k, n - 1)]!;
      flagQuads(pad, 0, 8, a, b, d, st, tailRows);
      rows.set(tailRows, 8 * full);
    }
    for (let blk = 0; blk < blocks; blk++) {
      const base = start + 32 * blk;
      const valid = n - base >= 32 ? -1 : ~(-1 >>> (n - base));
      const o = 8 * blk;
      // 8×8 transpose of nibbles: rows[r] nibble k → word k nibble r.
      // Row r is quad 7 − r, so that the block's first point lands at bit 31.
      let r0 = rows[o + 7]!;
      let r1 = rows[o + 6]!;
      let r2 = rows[o + 5]!;
      let r3 = rows[o + 4]!;
      let r4 = rows[o + 3]!;
      let r5 = rows[o + 2]!;
      let r6 = rows[o + 1]!;
      let r7 = rows[o]!;
      let t: number;
      t = ((r0 >>> 16) ^ r4) & 0xffff;
      r4 ^= t;
      r0 ^= t << 16;
      t = ((r1 >>> 16) ^ r5) & 0xffff;
      r5 ^= t;
      r1 ^= t << 16;
      t = ((r2 >>> 16) ^ r6) & 0xffff;
      r6 ^= t;
      r2 ^= t << 16;
      t = ((r3 >>> 16) ^ r7) & 0xffff;
      r7 ^= t;
      r3 ^= t << 16;
      t = ((r0 >>> 8) ^ r2) & 0xff00ff;
      r2 ^= t;
      r0 ^= t << 8;
      t = ((r1 >>> 8) ^ r3) & 0xff00ff;
      r3 ^= t;
      r1 ^= t << 8;
      t = ((r4 >>> 8) ^ r6) & 0xff00ff;
      r6 ^= t;
      r4 ^= t << 8;
      t = ((r5 >>> 8) ^ r7) & 0xff00ff;
      r7 ^= t;
      r5 ^= t << 8;
      t = ((r0 >>> 4) ^ r1) & 0xf0f0f0f;
      r1 ^= t;
      r0 ^= t << 4;
      t = ((r2 >>> 4) ^ r3) & 0xf0f0f0f;
      r3 ^= t;
      r2 ^= t << 4;
      t = ((r4 >>> 4) ^ r5) & 0xf0f0f0f;
      r5 ^= t;
      r4 ^= t << 4;
      t = ((r6 >>> 4) ^ r7) & 0xf0f0f0f;
      r7 ^= t;
      r6 ^= t << 4;
      const A = r0; // above center (below = ~A: a point on the center line is unsure)
      const A1 = r1;
      const B1 = r2;
      const A2 = r3;
      const B2 = r4;
      const R1 = r5;
      const Up = r6; // down = ~Up: ties are unsure
      const U = r7;

      // Rules 5 and 6: k of the last m beyond a limit on one side, the last point included.
      const f5 = (A2 & (back(A2, pA2, 1) | back(A2, pA2, 2))) | (B2 & (back(B2, pB2, 1) | back(B2, pB2, 2)));
      const f6 =
        (A1 & atLeast3of4(back(A1, pA1, 1), back(A1, pA1, 2), back(A1, pA1, 3), back(A1, pA1, 4))) |
        (B1 & atLeast3of4(back(B1, pB1, 1), back(B1, pB1, 2), back(B1, pB1, 3), back(B1, pB1, 4)));
      // Rule 2: nine on one side = the side is unchanged at each of the last 8 points (below = ~above).
      const f2 = all8(~(A ^ back(A, pA, 1)), ~(pA ^ (pA >>> 1)));
      // Rules 3 and 4 from the direction changes: 5 differences in one direction = no change at the last 4;
      // alternating = a change at each of the last 12 (down = ~up).
      const turn = Up ^ back(Up, pUp, 1);
      const pTurn = pUp ^ (pUp >>> 1);
      const f3 = all4(~turn, ~pTurn);
      const f4 = all12(turn, pTurn);
      const f7 = all15(~(A1 | B1), ~(pA1 | pB1));
      // Rule 8: eight beyond 1σ is rare, so the both-sides test is only made when that holds somewhere.
      let f8 = all8(A1 | B1, pA1 | pB1);
      if (f8 !== 0) f8 &= any8(A1, pA1) & any8(B1, pB1);
      if (base !== 0 && valid === -1 && (U | (pU & 0x3fff)) === 0) {
        // The common case: full block, no unsure point within reach of any window (at most 14 points back).
        if (R1 !== 0) recordSure(0, R1, base, found);
        if (f2 !== 0) recordSure(1, f2, base, found);
        if (f3 !== 0) recordSure(2, f3, base, found);
        if (f4 !== 0) recordSure(3, f4, base, found);
        if (f5 !== 0) recordSure(4, f5, base, found);
        if (f6 !== 0) recordSure(5, f6, base, found);
        if (f7 !== 0) recordSure(6, f7, base, found);
        if (f8 !== 0) recordSure(7, f8, base, found);
      } else {
        const fired = [R1, f2, f3, f4, f5, f6, f7, f8];
        for (let r = 0; r < 8; r++) {
          let v = valid;
          if (base === 0) v &= -1 >>> (WINDOW[r]! - 1); // no full window before point WINDOW − 1
          const unsure = anyOf(U, pU, WINDOW[r]!);
          if (((fired[r]! | unsure) & v) !== 0) record(r, fired[r]!, unsure, v, base, x, L, found);
        }
      }
      pA = A;
      pA1 = A1;
      pB1 = B1;
      pA2 = A2;
      pB2 = B2;
      pUp = Up;
      pU = U;
    }
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
      min = Math.min(min, x[i]!);
      max = Math.max(max, x[i]!);
    }
  }
  const a = STEPS_PER_SIGMA / sigma;
  const b = CENTER_AT - center * a;
  // Points beyond ±15σ are gridded clamped to ±15.9σ, so that t stays within [0, 2^30): clamping keeps every zone,
  // and order relations up to ties, which are unsure anyway.
  const clamp = !((min - center) / sigma > -15 && (max - center) / sigma < 15);
  const lo = center - 15.9 * sigma;
  const hi = center + 15.9 * sigma;
  // Bound on the rounding error of t and of the reference's limits, in grid steps (see the block comment).
  const magnitude = (clamp ? Math.max(Math.abs(lo), Math.abs(hi)) : Math.max(Math.abs(min), Math.abs(max))) + 2 * Math.abs(center);
  const d = Math.ceil(2 * Number.EPSILON * (a * (2 * magnitude + 6 * sigma) + 2 ** 31)) + 2;
  if (
    !(sigma > 0) ||
    !Number.isFinite(a) ||
    !Number.isFinite(b) ||
    !Number.isFinite(min) ||
    !Number.isFinite(max) ||
    !(d < 1 << 20) ||
    x.length === 0
  ) {
    return nelsonSignalsReference(x, center, sigma);
  }
  let src = x;
  if (clamp) {
    src = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) src[i] = Math.min(Math.max(x[i]!, lo), hi);
  }
  const found: number[][] = [[], [], [], [], [], [], [], []];
  screen(x, src, a, b, d, L, found);
  return collect(found);
}
