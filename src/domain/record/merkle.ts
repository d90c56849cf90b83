// Merkle tree of the verifiable record, written from RFC 9162 §2.1 (the Certificate Transparency tree):
// leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), the tree of n > 1 leaves splits at the
// largest power of two below n (the right edge is never padded). Proof generation works on ranges of leaves, so a
// store that keeps only the hashes of perfect subtrees (level, index) can answer any proof.
import { bytesEqual } from './bytes.js';
import type { Sha256 } from './crypto.js';

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

export const leafHash = (sha256: Sha256, data: Uint8Array | string): Uint8Array => sha256(LEAF_PREFIX, data);
export const nodeHash = (sha256: Sha256, left: Uint8Array, right: Uint8Array): Uint8Array => sha256(NODE_PREFIX, left, right);
export const emptyRoot = (sha256: Sha256): Uint8Array => sha256();

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A run of leaves [start, end) whose tree hash (MTH) a proof needs. */
export interface LeafRange {
  start: number;
  end: number;
}

/** A perfect subtree: 2^level leaves starting at leaf index·2^level. */
export interface PerfectNode {
  level: number;
  index: number;
}

/** Root of a list of leaf hashes, bottom-up; an odd node at a level's end moves up unchanged (= RFC 9162 split). */
export function rootOfLeafHashes(sha256: Sha256, leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return emptyRoot(sha256);
  let level = leaves.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(sha256, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1 as the ranges whose hashes form it, nearest the leaf first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const out: LeafRange[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      out.push({ start: start + k, end });
    } else {
      walk(m - k, start + k, end);
      out.push({ start, end: start + k });
    }
  };
  walk(index, 0, size);
  return out;
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1 (SUBPROOF with b = true) as ranges; empty when m = 0 or m = n. */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!(first >= 0 && first <= second)) throw new RangeError(`cannot prove ${first} consistent with ${second}`);
  if (first === 0 || first === second) return [];
  const out: LeafRange[] = [];
  const sub = (m: number, start: number, end: number, b: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!b) out.push({ start, end });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, b);
      out.push({ start: start + k, end });
    } else {
      sub(m - k, start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  sub(first, 0, second, true);
  return out;
}

/** The perfect subtrees whose hashes make up a range's tree hash, left to right (largest first). */
export function perfectNodesOf(range: LeafRange): PerfectNode[] {
  const out: PerfectNode[] = [];
  let start = range.start;
  let remaining = range.end - range.start;
  while (remaining > 0) {
    let size = 1;
    let level = 0;
    while (size * 2 <= remaining) {
      size *= 2;
      level++;
    }
    if (start % size !== 0) throw new RangeError(`range ${range.start}-${range.end} is not aligned to subtrees`);
    out.push({ level, index: start / size });
    start += size;
    remaining -= size;
  }
  return out;
}

/** MTH of a range from its perfect subtrees (node(p1, node(p2, …)) — RFC 9162 splits the left part first). */
export function rangeHash(sha256: Sha256, range: LeafRange, perfect: (node: PerfectNode) => Uint8Array): Uint8Array {
  const nodes = perfectNodesOf(range).map(perfect);
  if (nodes.length === 0) return emptyRoot(sha256);
  let acc = nodes[nodes.length - 1]!;
  for (let i = nodes.length - 2; i >= 0; i--) acc = nodeHash(sha256, nodes[i]!, acc);
  return acc;
}

/**
 * The perfect subtrees completed by appending leaf `index` (its own level-0 node first): each time the new node
 * is a right child, its parent becomes complete.
 */
export function completedBy(index: number): PerfectNode[] {
  const out: PerfectNode[] = [{ level: 0, index }];
  let level = 0;
  let i = index;
  while (i % 2 === 1) {
    i = (i - 1) / 2;
    level++;
    out.push({ level, index: i });
  }
  return out;
}

/** RFC 9162 §2.1.3.2: whether `proof` leads from the leaf hash at `index` to `root` of a tree of `size`. */
export function verifyInclusion(
  sha256: Sha256,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  return bytesEqual(rootFromInclusion(sha256, index, size, leaf, proof) ?? new Uint8Array(), root);
}

/** The root an inclusion proof leads to, or null when the proof has the wrong length for (index, size). */
export function rootFromInclusion(
  sha256: Sha256,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | null {
  if (index < 0 || index >= size) return null;
  // Sizes reach 2^53 at most; the bit arithmetic below is done with division so it stays exact past 2^31.
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== 32) return null;
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sha256, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(sha256, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree of `first` leaves is a prefix of the tree of `second`. */
export function verifyConsistency(
  sha256: Sha256,
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  if (first === second) return proof.length === 0 && bytesEqual(firstRoot, secondRoot);
  // Every tree extends the empty one; there is nothing to prove.
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(sha256, c, fr);
      sr = nodeHash(sha256, c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sha256, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

// --- batch inclusion: many leaves of one tree with each shared node given once (dossiers) ---------------------

/**
 * The ranges a batch inclusion proof for the sorted, distinct leaf `indexes` carries: walking the RFC 9162 tree
 * left to right, every largest subtree holding none of the leaves. It is the union of the leaves' audit paths with
 * the nodes the leaves themselves determine left out.
 */
export function batchRanges(indexes: readonly number[], size: number): LeafRange[] {
  const out: LeafRange[] = [];
  const walk = (lo: number, hi: number, start: number, end: number): void => {
    // indexes[lo..hi) fall in [start, end)
    if (lo === hi) {
      out.push({ start, end });
      return;
    }
    if (end - start === 1) return;
    const mid = start + splitPoint(end - start);
    let m = lo;
    while (m < hi && indexes[m]! < mid) m++;
    walk(lo, m, start, mid);
    walk(m, hi, mid, end);
  };
  if (indexes.length > 0) walk(0, indexes.length, 0, size);
  return out;
}

/**
 * The root that leaf hashes at sorted, distinct `indexes` and a batch proof lead to, or null when the proof does
 * not fit (too few or too many hashes, an index out of the tree, indexes out of order).
 */
export function rootFromBatch(
  sha256: Sha256,
  indexes: readonly number[],
  leaves: readonly Uint8Array[],
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | null {
  if (indexes.length === 0 || indexes.length !== leaves.length) return null;
  for (let i = 0; i < indexes.length; i++) {
    const x = indexes[i]!;
    if (!Number.isSafeInteger(x) || x < 0 || x >= size || (i > 0 && x <= indexes[i - 1]!)) return null;
  }
  let next = 0;
  let ok = true;
  const walk = (lo: number, hi: number, start: number, end: number): Uint8Array => {
    if (lo === hi) {
      const p = proof[next++];
      if (!p || p.length !== 32) {
        ok = false;
        return LEAF_PREFIX;
      }
      return p;
    }
    if (end - start === 1) return leaves[lo]!;
    const mid = start + splitPoint(end - start);
    let m = lo;
    while (m < hi && indexes[m]! < mid) m++;
    const left = walk(lo, m, start, mid);
    const right = walk(m, hi, mid, end);
    return ok ? nodeHash(sha256, left, right) : LEAF_PREFIX;
  };
  const root = walk(0, indexes.length, 0, size);
  return ok && next === proof.length ? root : null;
}
