// Loads the SPC kernel (WebAssembly, see kernel-wat.ts) and moves series in and results out. One instance per
// process, used synchronously, so calls never interleave. Where WebAssembly SIMD is not available `SpcKernel.get()`
// returns null and the callers use plain JavaScript.

import { SPC_KERNEL_BASE64 } from './kernel-binary.js';
import { KERNEL_BLOCK, KERNEL_CHUNK_BLOCKS, KERNEL_DATA_OFFSET, KERNEL_RULE_WINDOW, KERNEL_RULES_OFFSET } from './layout.js';

// The few WebAssembly types used, declared here: the server build's lib has no DOM (where TypeScript keeps them).
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface KernelExports {
  sums(from: number, n: number): void;
  nelson(n: number, c: number, u1: number, l1: number, u2: number, l2: number, u3: number, l3: number, out: number): number;
  decode(at: number, hits: number, n: number, out: number, limit: number): number;
}

/** The limits the Nelson rules compare with, as the reference computes them (center + k·σ). */
export interface KernelLimits {
  c: number;
  u1: number;
  l1: number;
  u2: number;
  l2: number;
  u3: number;
  l3: number;
}

export interface KernelSums {
  /** Σ(x − x₀) */
  shifted: number;
  /** Σ(x − x₀)² */
  shiftedSquares: number;
  /** Σ|x_i − x_{i−1}| over i = 1…n−1 */
  movingRanges: number;
}

const PAGE = 65_536;
/** A memory larger than this is not kept after use, so that one huge series does not pin it for good. */
const KEEP_BYTES = 64 * 1024 * 1024;

interface Instance {
  exports: KernelExports;
  f64: Float64Array;
  i32: Int32Array;
  /** The series in memory now (by identity: the callers do not change a series while analysing it). */
  loaded: Float64Array | null;
}

let compiled: object | null | undefined;
let instance: Instance | null = null;

function compile(): object | null {
  if (compiled === undefined) {
    try {
      if (!wasm) throw new Error('no WebAssembly');
      const text = atob(SPC_KERNEL_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      compiled = new wasm.Module(bytes);
    } catch {
      compiled = null; // no WebAssembly, or no SIMD: the JavaScript path is used
    }
  }
  return compiled;
}

/**
 * An instance with at least `bytes` of memory. A larger one replaces the last rather than growing it: growing
 * detaches the old buffer, and one detached buffer in the process makes V8 add checks to every typed-array access
 * it compiles from then on.
 */
function instanceFor(bytes: number): Instance {
  if (!instance || instance.f64.byteLength < bytes) {
    const memory = new wasm!.Memory({ initial: Math.ceil(bytes / PAGE) });
    const exports = new wasm!.Instance(compiled!, { env: { memory } }).exports as KernelExports;
    instance = { exports, f64: new Float64Array(memory.buffer), i32: new Int32Array(memory.buffer), loaded: null };
  }
  return instance;
}

const DATA = KERNEL_DATA_OFFSET / 8;
/** Points copied and summed at a time (128 KB). */
const SUM_WINDOW = 16_384;

/** Fills the last block up with the last value (the points past n are dropped from the results). */
function pad(k: Instance, x: Float64Array): void {
  const n = x.length;
  const padded = Math.ceil(n / KERNEL_BLOCK) * KERNEL_BLOCK;
  if (padded > n) k.f64.fill(x[n - 1]!, DATA + n, DATA + padded);
}

/**
 * Memory for a series of n points: values padded to whole blocks, then the worst case of hits, then room for the
 * decoded indices of one signal point per value on average (far more than a real series has; when they do not fit,
 * the hits are decoded in JavaScript instead).
 */
function layoutFor(n: number): { hitsAt: number; indexBytes: number; bytes: number } {
  const blocks = Math.ceil(n / KERNEL_BLOCK);
  const hitsAt = KERNEL_DATA_OFFSET + 8 * blocks * KERNEL_BLOCK;
  // Every rule in every block, rounded up to 4-block groups per chunk, 8 bytes a hit.
  const hitsEnd = hitsAt + 8 * 8 * (blocks + 4 * Math.ceil(blocks / KERNEL_CHUNK_BLOCKS));
  const indexBytes = 4 * blocks * KERNEL_BLOCK;
  return { hitsAt, indexBytes, bytes: hitsEnd + indexBytes };
}

export class SpcKernel {
  private constructor() {}

  /** The kernel, or null where it cannot run. */
  static get(): SpcKernel | null {
    return compile() ? new SpcKernel() : null;
  }

  /** The instance with x in memory (x[−1] = x[0]: no moving range and no direction at the first point). */
  private load(x: Float64Array): Instance {
    const n = x.length;
    const k = instanceFor(layoutFor(n).bytes);
    if (k.loaded !== x) {
      k.f64[DATA - 1] = n > 0 ? x[0]! : 0;
      k.f64.set(x, DATA);
      pad(k, x);
      k.loaded = x;
    }
    return k;
  }

  /** Forgets the series in memory (its array may change), and lets go of a very large memory. */
  done(): void {
    const k = instance;
    if (!k) return;
    k.loaded = null;
    if (k.f64.byteLength > KEEP_BYTES) instance = null;
  }

  /**
   * The sums of an individuals chart over x (x.length ≥ 1). x stays in the kernel's memory for `nelson` on the same
   * array, which must follow.
   */
  sums(x: Float64Array): KernelSums {
    const n = x.length;
    const k = instanceFor(layoutFor(n).bytes);
    const { f64, exports } = k;
    f64[DATA - 1] = x[0]!;
    let shifted = 0;
    let shiftedSquares = 0;
    let movingRanges = 0;
    // Copied in and summed a window at a time: the sums then read the window from cache, not from memory.
    for (let start = 0; start < n; start += SUM_WINDOW) {
      const end = Math.min(n, start + SUM_WINDOW);
      f64.set(x.subarray(start, end), DATA + start);
      exports.sums(start, end - start);
      shifted += f64[0]!;
      shiftedSquares += f64[1]!;
      movingRanges += f64[2]!;
    }
    pad(k, x);
    k.loaded = x;
    return { shifted, shiftedSquares, movingRanges };
  }

  /** Points of x (finite values) completing each Nelson rule (index 0 = rule 1), ascending. */
  nelson(x: Float64Array, L: KernelLimits): number[][] {
    const k = this.load(x);
    try {
      const { hitsAt, indexBytes } = layoutFor(x.length);
      const hits = k.exports.nelson(x.length, L.c, L.u1, L.l1, L.u2, L.l2, L.u3, L.l3, hitsAt);
      const out = hitsAt + 8 * hits;
      const total = k.exports.decode(hitsAt, hits, x.length, out, out + indexBytes);
      // The indices did not fit the memory (a series that signals nearly everywhere): decode in JavaScript.
      if (total < 0) return decodeHits(k.i32, hitsAt / 4, hits, x.length);
      return indicesByRule(k.i32, out / 4);
    } finally {
      this.done();
    }
  }
}

/** The decoded indices (rule after rule, from i32[at]) as arrays, their counts read from the kernel's scratch. */
function indicesByRule(i32: Int32Array, at: number): number[][] {
  const found: number[][] = [];
  let p = at;
  for (let r = 0; r < 8; r++) {
    const count = i32[KERNEL_RULES_OFFSET / 4 + r]!;
    const out = new Array<number>(count);
    for (let j = 0; j < count; j++) out[j] = i32[p + j]!;
    p += count;
    found.push(out);
  }
  return found;
}

/** Module-level copies: the hot loop below then reads no import binding (which some transpilers turn into getters). */
const BLOCK = KERNEL_BLOCK;
/** Per rule, the first point that has a full window. */
const FIRST_POINT = Int32Array.from(KERNEL_RULE_WINDOW, (w) => w - 1);

/** Bits set in a 32-bit word. */
function popcount(w: number): number {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return (Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The kernel's `decode` in JavaScript, for when the indices would not fit its memory (a series that signals nearly
 * everywhere). Hit words (pairs at i32[at…]: word, block << 3 | rule) → point indices per rule. The kernel does not mask the
 * series' edges, so the first block loses the points before each rule's first full window, the last block its
 * padding, and the blocks past it (four-block groups) everything; then one pass counts (arrays are made at their
 * final size) and one fills.
 */
function decodeHits(i32: Int32Array, at: number, hits: number, n: number): number[][] {
  const end = at + 2 * hits;
  const lastBase = Math.floor((n - 1) / BLOCK) * BLOCK;
  const tail = n - lastBase >= BLOCK ? -1 : (1 << (n - lastBase)) - 1;
  const counts = new Int32Array(8);
  for (let h = at; h < end; h += 2) {
    const tag = i32[h + 1]!;
    const base = (tag >>> 3) * BLOCK;
    let w = i32[h]!;
    if (base === 0) w &= -1 << FIRST_POINT[tag & 7]!;
    if (base >= lastBase) w = base === lastBase ? w & tail : 0; // the 4-block groups reach past the last block
    i32[h] = w;
    counts[tag & 7] += popcount(w);
  }
  const found: number[][] = Array.from(counts, (c) => new Array<number>(c));
  const fill = new Int32Array(8);
  for (let h = at; h < end; h += 2) {
    let w = i32[h]!;
    if (w === 0) continue;
    const tag = i32[h + 1]!;
    const r = tag & 7;
    const out = found[r]!;
    const base = (tag >>> 3) * BLOCK;
    let k = fill[r]!;
    while (w !== 0) {
      out[k++] = base + 31 - Math.clz32(w & -w); // lowest set bit first: ascending points
      w &= w - 1;
    }
    fill[r] = k;
  }
  return found;
}
