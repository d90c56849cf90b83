// Loads the SPC kernel (WebAssembly, see kernel-wat.ts) and moves series in and results out. One instance per
// process, used synchronously, so calls never interleave. Where WebAssembly SIMD is not available the callers fall
// back to plain JavaScript (`spcKernel()` returns null).

import { SPC_KERNEL_BASE64 } from './kernel-binary.js';
import { KERNEL_BLOCK, KERNEL_CHUNK_BLOCKS, KERNEL_DATA_OFFSET, KERNEL_RULE_WINDOW } from './layout.js';

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
  sums(n: number): void;
  nelson(n: number, c: number, u1: number, l1: number, u2: number, l2: number, u3: number, l3: number, out: number): number;
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

const PAGE = 65_536;
/** Past this much memory the instance is dropped after use, so that one huge series does not pin it for good. */
const KEEP_BYTES = 64 * 1024 * 1024;

let compiled: object | null | undefined;

interface Instance {
  memory: WasmMemory;
  exports: KernelExports;
}
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

/** The kernel's instance, replaced by a larger one when a series does not fit (never grown: growing a memory
 * detaches its old buffer, and one detached buffer in the process slows every typed-array access V8 compiles). */
function instanceFor(bytes: number): Instance {
  if (!instance || instance.memory.buffer.byteLength < bytes) {
    const memory = new wasm!.Memory({ initial: Math.ceil(bytes / PAGE) });
    const exports = new wasm!.Instance(compiled!, { env: { memory } }).exports as KernelExports;
    instance = { memory, exports };
  }
  return instance;
}

export class SpcKernel {
  private n = 0;
  private hitsAt = 0;
  private current: Instance | null = null;

  private constructor() {}

  /** The kernel, or null where it cannot run. */
  static get(): SpcKernel | null {
    return compile() ? new SpcKernel() : null;
  }

  private get loaded(): Instance {
    if (!this.current) throw new Error('SpcKernel: load a series first');
    return this.current;
  }

  /** Copies the series in (replacing the last one), padded to whole blocks with its last value. */
  load(x: Float64Array): this {
    const n = x.length;
    const blocks = Math.ceil(n / KERNEL_BLOCK);
    const padded = blocks * KERNEL_BLOCK;
    this.hitsAt = KERNEL_DATA_OFFSET + 8 * padded;
    // Worst case: every rule fires in every block (rounded up to 4 blocks per chunk), 8 bytes a hit.
    this.current = instanceFor(this.hitsAt + 8 * 8 * (blocks + 4 * Math.ceil(blocks / KERNEL_CHUNK_BLOCKS)));
    const f64 = new Float64Array(this.current.memory.buffer, KERNEL_DATA_OFFSET - 8, padded + 1);
    f64.set(x, 1);
    f64[0] = n > 0 ? x[0]! : 0;
    if (padded > n) f64.fill(n > 0 ? x[n - 1]! : 0, n + 1);
    this.n = n;
    return this;
  }

  /** Σ(x − x₀), Σ(x − x₀)², Σ|x_i − x_{i−1}| of the loaded series (n ≥ 1). */
  sums(): { shifted: number; shiftedSquares: number; movingRanges: number } {
    const { exports, memory } = this.loaded;
    exports.sums(this.n);
    const out = new Float64Array(memory.buffer, 0, 3);
    return { shifted: out[0]!, shiftedSquares: out[1]!, movingRanges: out[2]! };
  }

  /** Points completing each Nelson rule (index 0 = rule 1), ascending, over the loaded series. */
  nelson(L: KernelLimits): number[][] {
    const { exports, memory } = this.loaded;
    const count = exports.nelson(this.n, L.c, L.u1, L.l1, L.u2, L.l2, L.u3, L.l3, this.hitsAt);
    return decodeHits(new Int32Array(memory.buffer, this.hitsAt, 2 * count), this.n);
  }

  /** Lets go of the memory after a very large series. */
  release(): void {
    if (this.current && this.current === instance && instance.memory.buffer.byteLength > KEEP_BYTES) instance = null;
    this.current = null;
  }
}

/** Per rule, the first point that has a full window. */
const FIRST_POINT = Int32Array.from(KERNEL_RULE_WINDOW, (w) => w - 1);

/** Hit words → point indices per rule. */
function decodeHits(hits: Int32Array, n: number): number[][] {
  const found: number[][] = [[], [], [], [], [], [], [], []];
  for (let h = 0; h < hits.length; h += 2) {
    let w = hits[h]!;
    const tag = hits[h + 1]!;
    const r = tag & 7;
    const out = found[r]!;
    const base = (tag >>> 3) * KERNEL_BLOCK;
    // The kernel does not mask the edges: points before the rule's first full window, and padding past n.
    const first = FIRST_POINT[r]!;
    while (w !== 0) {
      const i = base + 31 - Math.clz32(w & -w); // lowest set bit first: ascending points
      if (i >= first && i < n) out.push(i);
      w &= w - 1;
    }
  }
  return found;
}
