// nodeSha256 takes shortcuts (one-shot hashing of parts joined in scratch buffers, digests in a shared slab): each
// shape of input must hash as a Hash object over the same parts, and no digest may be overwritten by later ones.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeSha256 } from './node-record-crypto.js';

const reference = (...parts: (Uint8Array | string)[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

const shapes: [string, (Uint8Array | string)[]][] = [
  ['nothing', []],
  ['an empty string', ['']],
  ['one string', ['{"v":1}']],
  ['one byte array', [randomBytes(100)]],
  ['a large byte array', [randomBytes(100_000)]],
  ['a leaf: 0x00 and ASCII', [Uint8Array.of(0), '{"kind":"evidence"}']],
  ['a leaf with multi-byte UTF-8', [Uint8Array.of(0), 'Prüfbericht – 😀 ✓ 中文']],
  ['a leaf with a lone surrogate', [Uint8Array.of(0), 'a\ud800b']],
  ['a prefix byte above 0x7f', [Uint8Array.of(0xff), 'abc']],
  ['a leaf just below the scratch size', [Uint8Array.of(0), '€'.repeat(21_845)]],
  ['a leaf too large for the scratch', [Uint8Array.of(0), 'a'.repeat(100_000)]],
  ['a node: 0x01, left, right', [Uint8Array.of(1), randomBytes(32), randomBytes(32)]],
  ['byte parts filling the scratch', [randomBytes(200), randomBytes(56)]],
  ['byte parts beyond the scratch', [randomBytes(200), randomBytes(57)]],
  ['two strings', ['ab', 'c']],
  ['bytes of several lengths, then a string', [randomBytes(3), 'b']],
  ['a view into a larger buffer', [Uint8Array.of(1), randomBytes(96).subarray(32, 64), randomBytes(96).subarray(64)]],
];

describe('nodeSha256', () => {
  it.each(shapes)('hashes %s like a Hash object over the same parts', (_name, parts) => {
    expect(Buffer.from(nodeSha256(...parts)).equals(reference(...parts))).toBe(true);
  });

  it('keeps every digest it returned intact across many digests (the slab is never reused)', () => {
    const kept: { parts: (Uint8Array | string)[]; digest: Uint8Array }[] = [];
    for (let i = 0; i < 2_000; i++) {
      const parts = shapes[i % shapes.length]![1];
      kept.push({ parts, digest: nodeSha256(...parts) });
    }
    for (const { parts, digest } of kept) {
      expect(digest.length).toBe(32);
      expect(Buffer.from(digest).equals(reference(...parts))).toBe(true);
    }
  });

  it('does not change its inputs', () => {
    const left = randomBytes(32);
    const right = randomBytes(32);
    const copies = [Buffer.from(left), Buffer.from(right)];
    nodeSha256(Uint8Array.of(1), left, right);
    expect(left.equals(copies[0]!) && right.equals(copies[1]!)).toBe(true);
  });
});
