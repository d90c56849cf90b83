// The WebAssembly text of the SPC kernel: the one pass of sums for an individuals chart, and the eight Nelson rules
// over 32 points at a time with 128-bit SIMD. Pure string building; `npm run build:kernel` assembles it into
// kernel-binary.ts (a test checks that the two agree).
//
// Why WebAssembly: a JavaScript pass that derives eight flags a point runs at 3–10 ns a point depending on how V8
// compiles it on the machine at hand; with f64x2 comparisons and the narrowing instructions all nine flags take
// about 1 ns a point, and the comparisons are the reference's own (`x > center + sigma` on the same doubles), so the
// result is exact by construction — no margins, no re-checks.
//
// Memory (imported, sized by the loader; offsets in layout.ts):
//   0…23        sums out: Σ(x − x₀), Σ(x − x₀)², Σ|x_i − x_{i−1}|
//   RULES       scratch: the eight rule words of four blocks
//   FLAGS       nine flag arrays of one chunk (32 blocks), each led by the word of the block before the chunk
//   DATA − 8    x[−1] (the loader stores x[0] there: the first point has no moving range and no direction)
//   DATA…       x[0…n), padded by the loader to a whole number of 32-point blocks
//   out…        Nelson hits: pairs of i32 (bit word, block << 3 | rule), returned by `nelson` as a count
//
// Bit words: bit j of a block's word is point 32·block + j. "The point s earlier" is a left shift by s, taking the
// previous block's last points from its high bits (`back`). Runs are found by doubling: all of the last 2, 4, 8
// points. The kernel does not mask the series' edges: the decoder (kernel.ts) drops points before a rule's first
// full window, the padding, and the blocks past the last that a four-block group reaches.

import {
  KERNEL_BLOCK,
  KERNEL_CHUNK_BLOCKS,
  KERNEL_DATA_OFFSET,
  KERNEL_FLAG_STRIDE,
  KERNEL_FLAGS_OFFSET,
  KERNEL_RULE_WINDOW,
  KERNEL_RULES_OFFSET,
} from './layout.js';

// Flags: P0/N0 above/below the center line, P1/N1 beyond ±1σ, P2/N2 beyond ±2σ, R beyond ±3σ (either side),
// U/D a rise/fall from the previous point.
const FLAGS = ['P0', 'N0', 'P1', 'N1', 'P2', 'N2', 'R', 'U', 'D'] as const;
type Flag = (typeof FLAGS)[number];

const previous = (k: number): string => `(v128.load offset=${16 * k} align=8 (local.get $a))`;

/** The comparison giving one flag for the two points in $v{k} ($a + 16k holds their previous values). */
function flagMask(flag: Flag, k: number): string {
  const v = `(local.get $v${k})`;
  switch (flag) {
    case 'P0':
      return `(f64x2.gt ${v} (local.get $tc))`; // above the center line
    case 'N0':
      return `(f64x2.lt ${v} (local.get $tc))`; // below it (a point on the line is neither)
    case 'P1':
      return `(f64x2.gt ${v} (local.get $tu1))`; // beyond +1σ
    case 'N1':
      return `(f64x2.lt ${v} (local.get $tl1))`; // beyond −1σ
    case 'P2':
      return `(f64x2.gt ${v} (local.get $tu2))`;
    case 'N2':
      return `(f64x2.lt ${v} (local.get $tl2))`;
    case 'R':
      return `(v128.or (f64x2.gt ${v} (local.get $tu3)) (f64x2.lt ${v} (local.get $tl3)))`; // beyond ±3σ
    case 'U':
      return `(f64x2.gt ${v} ${previous(k)})`; // x_i > x_{i−1}
    case 'D':
      return `(f64x2.lt ${v} ${previous(k)})`;
  }
}

/**
 * 16 bits of one flag for the 16 points in $v0…$v7. Each comparison gives two 64-bit lanes of all ones or zeros;
 * three rounds of saturating narrowing bring 16 points to one byte each, and bitmask takes their sign bits.
 */
function flagBits16(flag: Flag): string {
  const m = (k: number): string => flagMask(flag, k);
  const n32 = (a: number): string => `(i16x8.narrow_i32x4_s ${m(a)} ${m(a + 1)})`;
  const n16 = (a: number): string => `(i8x16.narrow_i16x8_s ${n32(a)} ${n32(a + 2)})`;
  return `(i8x16.bitmask (i8x16.narrow_i16x8_s ${n16(0)} ${n16(4)}))`;
}

// ---- stage 1: flag words ------------------------------------------------------------------------------------

/** Flag arrays in memory, in this order (index = array number). */
const FLAG_INDEX: Record<Flag, number> = { P0: 0, N0: 1, P1: 2, N1: 3, P2: 4, N2: 5, R: 6, U: 7, D: 8 };
const flagArray = (f: Flag): number => KERNEL_FLAGS_OFFSET + FLAG_INDEX[f] * KERNEL_FLAG_STRIDE;

/**
 * One loop over the chunk's values per group of flags: few thresholds live at a time, so the eight values of a
 * 16-point step stay in registers. Each step stores 16 bits per flag (little-endian: the first 16 points of a
 * block in the low half of its word).
 */
function flagLoop(label: string, flags: Flag[]): string[] {
  const out = [`    (local.set $a (local.get $chunkAt))`, `    (local.set $h (i32.const 0))`, `    (loop $${label}`];
  for (let k = 0; k < 8; k++) out.push(`      (local.set $v${k} (v128.load offset=${8 + 16 * k} align=8 (local.get $a)))`);
  for (const f of flags) out.push(`      (i32.store16 offset=${flagArray(f) + 4} (local.get $h) ${flagBits16(f)})`);
  out.push(`      (local.set $h (i32.add (local.get $h) (i32.const 2)))`);
  out.push(`      (br_if $${label} (i32.lt_u (local.tee $a (i32.add (local.get $a) (i32.const 128))) (local.get $chunkEnd))))`);
  return out;
}

// ---- stage 2: rules, four blocks at a time ------------------------------------------------------------------
//
// A block's rules need its own flag words and the previous block's: runs reach back at most 15 points, so the
// previous block's run words are exact in the bits they are read at when computed from its flag word alone
// (zeros shifted in at its low end). Blocks are therefore independent, and i32x4 takes four at once.

/** The four blocks' words of a flag (lane j = block g + j), or of the blocks before them. */
const cur = (f: Flag): string => `(v128.load offset=${flagArray(f) + 4} align=4 (local.get $gb))`;
const prv = (f: Flag): string => `(v128.load offset=${flagArray(f)} align=4 (local.get $gb))`;
const vget = (name: string): string => `(local.get $${name})`;
const vand = (a: string, b: string): string => `(v128.and ${a} ${b})`;
const vor = (a: string, b: string): string => `(v128.or ${a} ${b})`;
const vnot = (a: string): string => `(v128.not ${a})`;
const shl = (a: string, s: number): string => `(i32x4.shl ${a} (i32.const ${s}))`;
/** Word seen s points earlier, the previous block's word filling the first s positions. */
const back = (c: string, p: string, s: number): string => vor(shl(vget(c), s), `(i32x4.shr_u ${vget(p)} (i32.const ${32 - s}))`);
const set = (name: string, value: string): string => `      (local.set $${name} ${value})`;

/**
 * Run words of the flag in $a1 (previous blocks in $pa1): $a2, $a4, $a8 = set at all of the last 2, 4, 8 points,
 * and the previous blocks' $pa2, $pa4, $pa8 as far as needed.
 */
function runs(upTo: 4 | 8, prevUpTo: 2 | 4 | 8): string[] {
  const out = [set('a2', vand(vget('a1'), back('a1', 'pa1', 1)))];
  if (prevUpTo >= 2) out.push(set('pa2', vand(vget('pa1'), shl(vget('pa1'), 1))));
  out.push(set('a4', vand(vget('a2'), back('a2', 'pa2', 2))));
  if (prevUpTo >= 4) out.push(set('pa4', vand(vget('pa2'), shl(vget('pa2'), 2))));
  if (upTo >= 8) out.push(set('a8', vand(vget('a4'), back('a4', 'pa4', 4))));
  if (prevUpTo >= 8) out.push(set('pa8', vand(vget('pa4'), shl(vget('pa4'), 4))));
  return out;
}

/** At least three of the previous four points of the flag in $a1 (rule 6, with the point itself: four of five). */
function atLeast3of4(): string {
  const [a, b, c, d] = [1, 2, 3, 4].map((s) => back('a1', 'pa1', s)) as [string, string, string, string];
  return vor(vand(vand(a, b), vor(c, d)), vand(vand(c, d), vor(a, b)));
}

/** Statements leaving rule r's words for the four blocks in $rw. */
function ruleWords(r: number): string[] {
  const both = (first: Flag, second: Flag, one: () => string[]): string[] => [
    set('a1', cur(first)),
    set('pa1', prv(first)),
    ...one(),
    set('acc', vget('x')),
    set('a1', cur(second)),
    set('pa1', prv(second)),
    ...one(),
    set('rw', vor(vget('acc'), vget('x'))),
  ];
  switch (r) {
    case 0: // one point beyond 3σ
      return [set('rw', cur('R'))];
    case 1: // nine in a row on one side
      return both('P0', 'N0', () => [...runs(8, 4), set('x', vand(vget('a8'), back('a1', 'pa1', 8)))]);
    case 2: // six in a row steadily increasing or decreasing: five rises (falls)
      return both('U', 'D', () => [...runs(4, 2), set('x', vand(vget('a4'), back('a1', 'pa1', 4)))]);
    case 3: // fourteen alternating: a turn (rise after fall, or fall after rise) at each of the last twelve
      return [
        set('u', cur('U')),
        set('pu', prv('U')),
        set('d', cur('D')),
        set('pd', prv('D')),
        set('a1', vor(vand(vget('u'), back('d', 'pd', 1)), vand(vget('d'), back('u', 'pu', 1)))),
        set('pa1', vor(vand(vget('pu'), shl(vget('pd'), 1)), vand(vget('pd'), shl(vget('pu'), 1)))),
        ...runs(8, 4),
        set('rw', vand(vget('a8'), back('a4', 'pa4', 8))),
      ];
    case 4: // two of three beyond 2σ on one side, the last one included
      return both('P2', 'N2', () => [set('x', vand(vget('a1'), vor(back('a1', 'pa1', 1), back('a1', 'pa1', 2))))]);
    case 5: // four of five beyond 1σ on one side, the last one included
      return both('P1', 'N1', () => [set('x', vand(vget('a1'), atLeast3of4()))]);
    case 6: // fifteen within ±1σ
      return [
        set('a1', vnot(vor(cur('P1'), cur('N1')))),
        set('pa1', vnot(vor(prv('P1'), prv('N1')))),
        ...runs(8, 8),
        set('rw', vand(vget('a8'), back('a8', 'pa8', 7))),
      ];
    default: // eight beyond 1σ, not all on one side
      return [
        set('a1', vor(cur('P1'), cur('N1'))),
        set('pa1', vor(prv('P1'), prv('N1'))),
        ...runs(8, 4),
        set('acc', vget('a8')),
        set('a1', cur('P1')),
        set('pa1', prv('P1')),
        ...runs(8, 4),
        set('x', vget('a8')),
        set('a1', cur('N1')),
        set('pa1', prv('N1')),
        ...runs(8, 4),
        set('rw', vand(vget('acc'), vnot(vor(vget('x'), vget('a8'))))),
      ];
  }
}

/** Keeps rule r's four words in the scratch and marks which are nonzero in $m (bit 4r + lane). */
function keepRule(r: number): string[] {
  return [
    `      (v128.store offset=${KERNEL_RULES_OFFSET + 16 * r} (i32.const 0) (local.get $rw))`,
    `      (local.set $m (i32.or (local.get $m) (i32.shl (i32x4.bitmask (i32x4.ne (local.get $rw) (v128.const i32x4 0 0 0 0))) (i32.const ${4 * r}))))`,
  ];
}

/**
 * Appends the nonzero words of the four blocks as hits (word, block << 3 | rule), by rule, then block. One loop
 * step a hit: a branch per rule and block would be mispredicted on every other block.
 */
function recordHits(): string[] {
  return [
    `      (block $recorded (loop $record`,
    `        (br_if $recorded (i32.eqz (local.get $m)))`,
    `        (local.set $bit (i32.ctz (local.get $m)))`,
    `        (i32.store (local.get $at) (i32.load offset=${KERNEL_RULES_OFFSET} (i32.shl (local.get $bit) (i32.const 2))))`,
    `        (i32.store offset=4 (local.get $at) (i32.or`,
    `          (i32.shl (i32.add (local.get $blk) (i32.and (local.get $bit) (i32.const 3))) (i32.const 3))`,
    `          (i32.shr_u (local.get $bit) (i32.const 2))))`,
    `        (local.set $at (i32.add (local.get $at) (i32.const 8)))`,
    `        (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))`,
    `        (br $record)))`,
  ];
}

function nelsonFunction(): string {
  const lines: string[] = [];
  const emit = (...s: string[]): void => {
    lines.push(...s);
  };
  const vectors = ['tc', 'tu1', 'tl1', 'tu2', 'tl2', 'tu3', 'tl3', ...Array.from({ length: 8 }, (_, k) => `v${k}`)];
  const words = ['a1', 'pa1', 'a2', 'pa2', 'a4', 'pa4', 'a8', 'pa8', 'u', 'pu', 'd', 'pd', 'x', 'acc', 'rw'];
  const scalars = ['blocks', 'chunk', 'cb', 'chunkAt', 'chunkEnd', 'a', 'h', 'gb', 'blk', 'at', 'm', 'bit'];
  emit(
    `(func (export "nelson") (param $n i32) (param $c f64) (param $u1 f64) (param $l1 f64) (param $u2 f64)`,
    `    (param $l2 f64) (param $u3 f64) (param $l3 f64) (param $out i32) (result i32)`,
    `  ${[...vectors, ...words].map((v) => `(local $${v} v128)`).join(' ')}`,
    `  ${scalars.map((v) => `(local $${v} i32)`).join(' ')}`,
  );
  for (const t of ['c', 'u1', 'l1', 'u2', 'l2', 'u3', 'l3']) emit(`  (local.set $t${t} (f64x2.splat (local.get $${t})))`);
  emit(
    `  (local.set $blocks (i32.shr_u (i32.add (local.get $n) (i32.const 31)) (i32.const 5)))`,
    `  (local.set $at (local.get $out))`,
    `  (if (i32.eqz (local.get $blocks)) (then (return (i32.const 0))))`,
  );
  // Before the first block: no flags (the points this affects are dropped by the caller).
  for (const f of FLAGS) emit(`  (i32.store offset=${flagArray(f)} (i32.const 0) (i32.const 0))`);
  emit(
    `  (loop $chunks`,
    `    (local.set $cb (select (i32.const ${KERNEL_CHUNK_BLOCKS}) (i32.sub (local.get $blocks) (local.get $chunk))`,
    `      (i32.ge_u (i32.sub (local.get $blocks) (local.get $chunk)) (i32.const ${KERNEL_CHUNK_BLOCKS}))))`,
    // $chunkAt: address of x[i − 1] for the chunk's first point i.
    `    (local.set $chunkAt (i32.add (i32.const ${KERNEL_DATA_OFFSET - 8}) (i32.shl (local.get $chunk) (i32.const 8))))`,
    `    (local.set $chunkEnd (i32.add (local.get $chunkAt) (i32.shl (local.get $cb) (i32.const 8))))`,
    ...flagLoop('center', ['P0', 'N0']),
    // Two limits a loop: more would not fit the registers with the eight values (measured: slower).
    ...flagLoop('sigma1', ['P1', 'N1']),
    ...flagLoop('sigma2', ['P2', 'N2']),
    ...flagLoop('sigma3', ['R']),
    ...flagLoop('direction', ['U', 'D']),
    `    (local.set $gb (i32.const 0))`,
    `    (local.set $blk (local.get $chunk))`,
    `    (loop $groups`,
  );
  emit(`      (local.set $m (i32.const 0))`);
  for (let r = 0; r < 8; r++) emit(...ruleWords(r), ...keepRule(r));
  emit(...recordHits());
  emit(
    `      (local.set $blk (i32.add (local.get $blk) (i32.const 4)))`,
    `      (br_if $groups (i32.lt_u (local.tee $gb (i32.add (local.get $gb) (i32.const 16))) (i32.shl (local.get $cb) (i32.const 2)))))`,
  );
  // The chunk's last block is the next chunk's previous block.
  for (const f of FLAGS) {
    emit(`    (i32.store offset=${flagArray(f)} (i32.const 0) (i32.load offset=${flagArray(f)} (i32.shl (local.get $cb) (i32.const 2))))`);
  }
  emit(
    `    (br_if $chunks (i32.lt_u (local.tee $chunk (i32.add (local.get $chunk) (i32.const ${KERNEL_CHUNK_BLOCKS}))) (local.get $blocks))))`,
    `  (i32.shr_u (i32.sub (local.get $at) (local.get $out)) (i32.const 3)))`,
  );
  return lines.join('\n');
}

/**
 * Σ(x − x₀), Σ(x − x₀)², Σ|x_i − x_{i−1}| over x[from…from + n) (x[−1] = x₀), four points a step in two f64x2
 * accumulators each. Called a window at a time, right after the window is copied in, while it is in cache.
 */
function sumsFunction(): string {
  const D = KERNEL_DATA_OFFSET;
  return `(func (export "sums") (param $from i32) (param $n i32)
  (local $p i32) (local $end i32) (local $x0 f64) (local $x0v v128)
  (local $s0 v128) (local $s1 v128) (local $q0 v128) (local $q1 v128) (local $m0 v128) (local $m1 v128)
  (local $a v128) (local $b v128) (local $s f64) (local $q f64) (local $m f64) (local $d f64) (local $prev f64)
  (local.set $x0 (f64.load (i32.const ${D})))
  (local.set $x0v (f64x2.splat (local.get $x0)))
  (local.set $p (i32.add (i32.const ${D}) (i32.shl (local.get $from) (i32.const 3))))
  (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
  (if (i32.lt_u (local.get $p) (local.get $end)) (then
    (loop $quad
      (local.set $a (f64x2.sub (v128.load (local.get $p)) (local.get $x0v)))
      (local.set $b (f64x2.sub (v128.load offset=16 (local.get $p)) (local.get $x0v)))
      (local.set $s0 (f64x2.add (local.get $s0) (local.get $a)))
      (local.set $s1 (f64x2.add (local.get $s1) (local.get $b)))
      (local.set $q0 (f64x2.add (local.get $q0) (f64x2.mul (local.get $a) (local.get $a))))
      (local.set $q1 (f64x2.add (local.get $q1) (f64x2.mul (local.get $b) (local.get $b))))
      (local.set $m0 (f64x2.add (local.get $m0)
        (f64x2.abs (f64x2.sub (v128.load (local.get $p)) (v128.load offset=0 align=8 (i32.sub (local.get $p) (i32.const 8)))))))
      (local.set $m1 (f64x2.add (local.get $m1)
        (f64x2.abs (f64x2.sub (v128.load offset=16 (local.get $p)) (v128.load offset=8 align=8 (local.get $p))))))
      (br_if $quad (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 32))) (local.get $end))))))
  (local.set $s0 (f64x2.add (local.get $s0) (local.get $s1)))
  (local.set $q0 (f64x2.add (local.get $q0) (local.get $q1)))
  (local.set $m0 (f64x2.add (local.get $m0) (local.get $m1)))
  (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
  (local.set $q (f64.add (f64x2.extract_lane 0 (local.get $q0)) (f64x2.extract_lane 1 (local.get $q0))))
  (local.set $m (f64.add (f64x2.extract_lane 0 (local.get $m0)) (f64x2.extract_lane 1 (local.get $m0))))
  ;; the last n mod 4 points
  (local.set $end (i32.add (i32.const ${D}) (i32.shl (i32.add (local.get $from) (local.get $n)) (i32.const 3))))
  (if (i32.lt_u (local.get $p) (local.get $end)) (then
    (local.set $prev (f64.load offset=0 (i32.sub (local.get $p) (i32.const 8))))
    (loop $one
      (local.set $d (f64.sub (f64.load (local.get $p)) (local.get $x0)))
      (local.set $s (f64.add (local.get $s) (local.get $d)))
      (local.set $q (f64.add (local.get $q) (f64.mul (local.get $d) (local.get $d))))
      (local.set $m (f64.add (local.get $m) (f64.abs (f64.sub (f64.load (local.get $p)) (local.get $prev)))))
      (local.set $prev (f64.load (local.get $p)))
      (br_if $one (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 8))) (local.get $end))))))
  (f64.store (i32.const 0) (local.get $s))
  (f64.store (i32.const 8) (local.get $q))
  (f64.store (i32.const 16) (local.get $m)))`;
}

/** Per rule, the first point with a full window, four bits each (rule 1 in the lowest). */
const FIRST_POINTS = KERNEL_RULE_WINDOW.reduce((packed, w, r) => packed | ((w - 1) << (4 * r)), 0);

/**
 * Hits (pairs at $at: word, block << 3 | rule) → point indices, ascending per rule, written from $out: rule 1's,
 * then rule 2's, …; the count of each rule is left at RULES (eight i32). The kernel does not mask the series'
 * edges, so the first block loses the points before each rule's first full window, the last block its padding,
 * and the blocks past it (reached by four-block groups) everything. One pass masks and counts, one fills.
 * Returns the number of indices, or −1 (nothing written) when they would not fit below $limit.
 */
function decodeFunction(): string {
  const R = KERNEL_RULES_OFFSET;
  return `(func (export "decode") (param $at i32) (param $hits i32) (param $n i32) (param $out i32) (param $limit i32) (result i32)
  (local $h i32) (local $end i32) (local $w i32) (local $tag i32) (local $base i32) (local $slot i32)
  (local $lastBase i32) (local $tail i32) (local $p i32) (local $total i32) (local $r i32)
  (local.set $end (i32.add (local.get $at) (i32.shl (local.get $hits) (i32.const 3))))
  (local.set $lastBase (i32.and (i32.sub (local.get $n) (i32.const 1)) (i32.const ${-KERNEL_BLOCK})))
  (local.set $tail (select (i32.const -1)
    (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $lastBase))) (i32.const 1))
    (i32.ge_u (i32.sub (local.get $n) (local.get $lastBase)) (i32.const ${KERNEL_BLOCK}))))
  (v128.store (i32.const ${R}) (v128.const i32x4 0 0 0 0))
  (v128.store offset=16 (i32.const ${R}) (v128.const i32x4 0 0 0 0))
  (local.set $h (local.get $at))
  (block $counted (loop $count
    (br_if $counted (i32.ge_u (local.get $h) (local.get $end)))
    (local.set $w (i32.load (local.get $h)))
    (local.set $tag (i32.load offset=4 (local.get $h)))
    (local.set $base (i32.shl (i32.shr_u (local.get $tag) (i32.const 3)) (i32.const 5)))
    (local.set $slot (i32.shl (i32.and (local.get $tag) (i32.const 7)) (i32.const 2)))
    (if (i32.eqz (local.get $base)) (then
      (local.set $w (i32.and (local.get $w)
        (i32.shl (i32.const -1) (i32.and (i32.shr_u (i32.const ${FIRST_POINTS}) (local.get $slot)) (i32.const 15)))))))
    (if (i32.ge_u (local.get $base) (local.get $lastBase)) (then
      (local.set $w (select (i32.and (local.get $w) (local.get $tail)) (i32.const 0) (i32.eq (local.get $base) (local.get $lastBase))))))
    (i32.store (local.get $h) (local.get $w))
    (i32.store offset=${R} (local.get $slot) (i32.add (i32.load offset=${R} (local.get $slot)) (i32.popcnt (local.get $w))))
    (local.set $h (i32.add (local.get $h) (i32.const 8)))
    (br $count)))
  ;; where each rule's indices start (RULES + 32: fill pointers), and whether they fit
  (local.set $p (local.get $out))
  (local.set $r (i32.const 0))
  (loop $starts
    (i32.store offset=${R + 32} (local.get $r) (local.get $p))
    (local.set $p (i32.add (local.get $p) (i32.shl (i32.load offset=${R} (local.get $r)) (i32.const 2))))
    (br_if $starts (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 4))) (i32.const 32))))
  (if (i32.gt_u (local.get $p) (local.get $limit)) (then (return (i32.const -1))))
  (local.set $total (i32.shr_u (i32.sub (local.get $p) (local.get $out)) (i32.const 2)))
  (local.set $h (local.get $at))
  (block $filled (loop $fill
    (br_if $filled (i32.ge_u (local.get $h) (local.get $end)))
    (local.set $w (i32.load (local.get $h)))
    (if (local.get $w) (then
      (local.set $tag (i32.load offset=4 (local.get $h)))
      (local.set $base (i32.shl (i32.shr_u (local.get $tag) (i32.const 3)) (i32.const 5)))
      (local.set $slot (i32.shl (i32.and (local.get $tag) (i32.const 7)) (i32.const 2)))
      (local.set $p (i32.load offset=${R + 32} (local.get $slot)))
      (loop $bits
        ;; lowest set bit first: ascending points
        (i32.store (local.get $p) (i32.add (local.get $base) (i32.ctz (local.get $w))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $bits (local.tee $w (i32.and (local.get $w) (i32.sub (local.get $w) (i32.const 1))))))
      (i32.store offset=${R + 32} (local.get $slot) (local.get $p))))
    (local.set $h (i32.add (local.get $h) (i32.const 8)))
    (br $fill)))
  (local.get $total))`;
}

export function spcKernelWat(): string {
  return `;; Generated by src/domain/spc/kernel/kernel-wat.ts — edit that file, then run \`npm run build:kernel\`.
(module
(import "env" "memory" (memory 1))
${sumsFunction()}
${nelsonFunction()}
${decodeFunction()}
)
`;
}
