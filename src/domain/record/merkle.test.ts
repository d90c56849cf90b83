// RFC 9162 tree hashing and proofs against the reference vectors (transparency-dev/merkle constants and proofgen,
// ../shared/reference/standards.md §6.4), with the corrupted proofs each verifier must refuse.
import { describe, expect, it } from 'vitest';
import { nodeSha256 as sha } from '../../crypto/node-record-crypto.js';
import { fromHex, toHex } from './bytes.js';
import {
  batchRanges,
  completedBy,
  consistencyRanges,
  emptyRoot,
  inclusionRanges,
  leafHash,
  nodeHash,
  rangeHash,
  rootFromBatch,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type LeafRange,
} from './merkle.js';

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const H = {
  l0: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  l1: '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  l4: 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  l5: '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  l6: 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  n23: '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  n47: '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  n67: 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  n45: '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  r4: 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
};

const leafHashes = LEAVES.map((d) => leafHash(sha, d));
/** MTH straight from the RFC's recursive definition, as the reference the range machinery is held to. */
function mth(start: number, end: number): Uint8Array {
  if (end - start === 0) return emptyRoot(sha);
  if (end - start === 1) return leafHashes[start]!;
  let k = 1;
  while (k * 2 < end - start) k *= 2;
  return nodeHash(sha, mth(start, start + k), mth(start + k, end));
}
const perfect = (n: { level: number; index: number }) => mth(n.index * 2 ** n.level, (n.index + 1) * 2 ** n.level);
const hashes = (ranges: LeafRange[]) => ranges.map((r) => rangeHash(sha, r, perfect));
const hex = (list: Uint8Array[]) => list.map(toHex);

/** The ways a good proof is corrupted: each must be refused (transparency-dev/merkle's probe families). */
function corruptions(proof: Uint8Array[]): [string, Uint8Array[]][] {
  const out: [string, Uint8Array[]][] = [];
  proof.forEach((_, i) => {
    const copy = proof.map((p) => p.slice());
    copy[i]![0]! ^= 0x10;
    out.push([`modified proof[${i}] bit 4`, copy]);
  });
  if (proof.length > 0) out.push(['truncated proof', proof.slice(0, -1)]);
  out.push(['trailing garbage', [...proof, sha('garbage')]]);
  out.push(['preceding garbage', [sha('garbage'), ...proof]]);
  if (proof.length > 0) out.push(['short hash', [proof[0]!.slice(0, 31), ...proof.slice(1)]]);
  return out;
}

describe('RFC 9162 tree hash', () => {
  it('hashes the empty tree, leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    expect(toHex(emptyRoot(sha))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(leafHashes[0]!)).toBe(H.l0);
    expect(toHex(leafHashes[1]!)).toBe(H.l1);
    expect(toHex(leafHashes[5]!)).toBe(H.l5);
  });

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))('root of the first %i leaves', (size, root) => {
    expect(toHex(rootOfLeafHashes(sha, leafHashes.slice(0, size)))).toBe(root);
    expect(toHex(mth(0, size))).toBe(root);
    expect(toHex(rangeHash(sha, { start: 0, end: size }, perfect))).toBe(root);
  });

  it('lists the perfect subtrees each append completes', () => {
    expect(completedBy(0)).toEqual([{ level: 0, index: 0 }]);
    expect(completedBy(3)).toEqual([{ level: 0, index: 3 }, { level: 1, index: 1 }, { level: 2, index: 0 }]);
    expect(completedBy(6)).toEqual([{ level: 0, index: 6 }]);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  const vectors: { index: number; size: number; proof: string[] }[] = [
    { index: 0, size: 8, proof: [H.l1, H.n23, H.n47] },
    { index: 5, size: 8, proof: [H.l4, H.n67, H.r4] },
    { index: 2, size: 3, proof: [ROOTS[1]!] },
    { index: 1, size: 5, proof: [H.l0, H.n23, H.l4] },
    { index: 0, size: 1, proof: [] },
  ];

  it.each(vectors)('leaf $index of $size: generated as the reference and verified', ({ index, size, proof }) => {
    const generated = hashes(inclusionRanges(index, size));
    expect(hex(generated)).toEqual(proof);
    expect(verifyInclusion(sha, index, size, leafHashes[index]!, generated, fromHex(ROOTS[size - 1]!))).toBe(true);
  });

  it('every leaf of every tree up to 8 has a proof that verifies, and only at its own index and size', () => {
    for (let size = 1; size <= 8; size++) {
      const root = fromHex(ROOTS[size - 1]!);
      for (let index = 0; index < size; index++) {
        const proof = hashes(inclusionRanges(index, size));
        expect(verifyInclusion(sha, index, size, leafHashes[index]!, proof, root)).toBe(true);
        if (size > 1) expect(verifyInclusion(sha, (index + 1) % size, size, leafHashes[index]!, proof, root)).toBe(false);
        expect(verifyInclusion(sha, index, size * 2, leafHashes[index]!, proof, root)).toBe(false); // one level more
      }
    }
  });

  it.each(vectors.filter((v) => v.size > 1))('leaf $index of $size: every corrupted variant is refused', ({ index, size, proof }) => {
    const good = proof.map(fromHex);
    const root = fromHex(ROOTS[size - 1]!);
    for (const [, bad] of corruptions(good)) expect(verifyInclusion(sha, index, size, leafHashes[index]!, bad, root)).toBe(false);
    expect(verifyInclusion(sha, index, size, leafHashes[index]!, good, fromHex(ROOTS[0]!))).toBe(false); // wrong root
    expect(verifyInclusion(sha, index, size, sha('other leaf'), good, root)).toBe(false); // wrong leaf
    expect(verifyInclusion(sha, index, size * 2, leafHashes[index]!, good, root)).toBe(false); // a level more
    expect(verifyInclusion(sha, index, Math.ceil(size / 2), leafHashes[index]!, good, root)).toBe(false); // a level less
    expect(verifyInclusion(sha, -1, size, leafHashes[index]!, good, root)).toBe(false);
    expect(verifyInclusion(sha, size, size, leafHashes[index]!, good, root)).toBe(false); // index past the tree
  });

  it('refuses any proof for an empty tree and a leaf of size 1 with a non-empty proof', () => {
    expect(verifyInclusion(sha, 0, 0, leafHashes[0]!, [], emptyRoot(sha))).toBe(false);
    expect(verifyInclusion(sha, 0, 1, leafHashes[0]!, [leafHashes[1]!], fromHex(ROOTS[0]!))).toBe(false);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  const vectors: { first: number; second: number; proof: string[] }[] = [
    { first: 1, second: 8, proof: [H.l1, H.n23, H.n47] },
    { first: 6, second: 8, proof: [H.n45, H.n67, H.r4] },
    { first: 2, second: 5, proof: [H.n23, H.l4] },
    { first: 6, second: 7, proof: [H.n45, H.l6, H.r4] },
  ];

  it.each(vectors)('$first → $second: generated as the reference and verified', ({ first, second, proof }) => {
    const generated = hashes(consistencyRanges(first, second));
    expect(hex(generated)).toEqual(proof);
    expect(verifyConsistency(sha, first, second, generated, fromHex(ROOTS[first - 1]!), fromHex(ROOTS[second - 1]!))).toBe(true);
  });

  it('every pair of sizes up to 8 has a proof that verifies', () => {
    for (let second = 1; second <= 8; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = hashes(consistencyRanges(first, second));
        expect(verifyConsistency(sha, first, second, proof, fromHex(ROOTS[first - 1]!), fromHex(ROOTS[second - 1]!))).toBe(true);
      }
    }
  });

  it.each(vectors)('$first → $second: every corrupted variant is refused', ({ first, second, proof }) => {
    const good = proof.map(fromHex);
    const r1 = fromHex(ROOTS[first - 1]!);
    const r2 = fromHex(ROOTS[second - 1]!);
    for (const [, bad] of corruptions(good)) expect(verifyConsistency(sha, first, second, bad, r1, r2)).toBe(false);
    expect(verifyConsistency(sha, first, second, [], r1, r2)).toBe(false); // empty proof
    expect(verifyConsistency(sha, first, second, good, r2, r1)).toBe(false); // swapped roots
    expect(verifyConsistency(sha, first, second, good, sha('x'), r2)).toBe(false); // wrong first root
    expect(verifyConsistency(sha, first, second, good, r1, sha('x'))).toBe(false); // wrong second root
    expect(verifyConsistency(sha, first + 1, second, good, r1, r2)).toBe(false);
    expect(verifyConsistency(sha, first - 1 || 3, second, good, r1, r2)).toBe(false);
    expect(verifyConsistency(sha, first, second * 2, good, r1, r2)).toBe(false);
    expect(verifyConsistency(sha, second, first, good, r2, r1)).toBe(false); // sizes swapped
  });

  it('equal sizes need an empty proof and equal roots; the empty tree is consistent with any', () => {
    const r = fromHex(ROOTS[4]!);
    expect(verifyConsistency(sha, 5, 5, [], r, r)).toBe(true);
    expect(verifyConsistency(sha, 5, 5, [r], r, r)).toBe(false);
    expect(verifyConsistency(sha, 5, 5, [], r, fromHex(ROOTS[5]!))).toBe(false);
    expect(verifyConsistency(sha, 0, 5, [], emptyRoot(sha), r)).toBe(true);
    expect(verifyConsistency(sha, 0, 5, [r], emptyRoot(sha), r)).toBe(false);
  });
});

describe('batch inclusion (dossiers)', () => {
  // A larger tree from the same recursive definition, to exercise ragged right edges.
  const big = Array.from({ length: 45 }, (_, i) => leafHash(sha, `leaf ${i}`));
  const bigMth = (s: number, e: number): Uint8Array => {
    if (e - s === 1) return big[s]!;
    let k = 1;
    while (k * 2 < e - s) k *= 2;
    return nodeHash(sha, bigMth(s, s + k), bigMth(s + k, e));
  };
  const subsets = [[0], [44], [3, 4, 5], [0, 7, 8, 20, 31, 32, 44], Array.from({ length: 45 }, (_, i) => i), [1, 2, 40, 41, 42]];

  it.each(subsets.map((s) => [s.join(','), s] as const))('leaves %s lead to the root of 45 and their proof is minimal', (_, indexes) => {
    for (const size of [45, 64, 100].filter((n) => n <= big.length)) {
      const proof = batchRanges(indexes, size).map((r) => bigMth(r.start, r.end));
      const root = rootFromBatch(sha, indexes, indexes.map((i) => big[i]!), size, proof);
      expect(root && toHex(root)).toBe(toHex(rootOfLeafHashes(sha, big.slice(0, size))));
    }
    const single = inclusionRanges(indexes[0]!, 45);
    if (indexes.length === 1) expect(batchRanges(indexes, 45)).toEqual([...single].sort((a, b) => a.start - b.start));
  });

  it('fails for a missing, extra, changed or reordered leaf, and for a proof of the wrong length', () => {
    const indexes = [0, 7, 8, 20, 31, 32, 44];
    const proof = batchRanges(indexes, 45).map((r) => bigMth(r.start, r.end));
    const leaves = indexes.map((i) => big[i]!);
    const root = toHex(rootOfLeafHashes(sha, big));
    const rootOf = (ix: number[], lv: Uint8Array[], p: Uint8Array[]) => {
      const r = rootFromBatch(sha, ix, lv, 45, p);
      return r ? toHex(r) : null;
    };
    expect(rootOf(indexes, leaves, proof)).toBe(root);
    expect(rootOf(indexes.slice(1), leaves.slice(1), proof)).not.toBe(root);
    expect(rootOf([...indexes.slice(0, 3), 9, ...indexes.slice(3)], [...leaves.slice(0, 3), big[9]!, ...leaves.slice(3)], proof)).not.toBe(root);
    expect(rootOf(indexes, [leaves[1]!, leaves[0]!, ...leaves.slice(2)], proof)).not.toBe(root);
    expect(rootOf(indexes, leaves.map((l, i) => (i === 3 ? sha('changed') : l)), proof)).not.toBe(root);
    expect(rootOf(indexes, leaves, proof.slice(1))).toBeNull();
    expect(rootOf(indexes, leaves, [...proof, sha('x')])).toBeNull();
    expect(rootOf([7, 0, 8, 20, 31, 32, 44], leaves, proof)).toBeNull();
    expect(rootOf([0, 7, 8, 20, 31, 32, 45], leaves, proof)).toBeNull();
  });
});
