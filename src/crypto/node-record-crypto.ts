// node:crypto behind the record's crypto interfaces (server and CLI): native SHA-256 and Ed25519.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import type { Ed25519Signer, RecordCrypto, Sha256 } from '../domain/record/crypto.js';

// The record hashes millions of short inputs (a dossier's leaves, its tree's nodes), where a Hash object per digest
// (createHash, an update per part, digest) cost twice the one-shot crypto.hash of one input, and a Buffer of its
// own per digest (a backing store the garbage collector tracks one by one) was a good part of a dossier's GC.
// So the parts are made one input in reused scratch buffers: a one-byte prefix and a string (leaves: 0x00 ‖ leaf)
// are written into one as bytes and UTF-8, byte parts of up to NODE_SCRATCH bytes in all (nodes:
// 0x01 ‖ left ‖ right) are copied into another; anything else goes through a Hash object. Strings are UTF-8 either
// way. Each digest is written into a shared 8 KB slab and returned as a 32-byte Buffer view of it, as Buffer.from
// pools small buffers: do not transfer or detach a digest's `.buffer`.
const LEAF_SCRATCH = 1 << 16;
const leafScratch = Buffer.allocUnsafeSlow(LEAF_SCRATCH);
const NODE_SCRATCH = 256;
const nodeScratch = Buffer.allocUnsafeSlow(NODE_SCRATCH);
const nodeViews: Buffer[] = [];
const SLAB = 8192;
let slab = Buffer.allocUnsafeSlow(SLAB);
let slabAt = 0;

function pooled(digestLatin1: string): Buffer {
  if (slabAt + 32 > SLAB) {
    slab = Buffer.allocUnsafeSlow(SLAB);
    slabAt = 0;
  }
  slab.write(digestLatin1, slabAt, 32, 'latin1');
  const out = slab.subarray(slabAt, slabAt + 32);
  slabAt += 32;
  return out;
}

export const nodeSha256: Sha256 = (...parts) => {
  const n = parts.length;
  if (n === 1) return pooled(hash('sha256', parts[0]!, 'binary'));
  if (n === 2) {
    const a = parts[0]!;
    const b = parts[1]!;
    // A UTF-8 character is at most 3 bytes per UTF-16 code unit, so the string fits.
    if (typeof a !== 'string' && typeof b === 'string' && a.length === 1 && b.length * 3 < LEAF_SCRATCH) {
      leafScratch[0] = a[0]!;
      return pooled(hash('sha256', leafScratch.subarray(0, 1 + leafScratch.write(b, 1, 'utf8')), 'binary'));
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = parts[i]!;
    if (typeof p === 'string') {
      total = -1;
      break;
    }
    total += p.length;
  }
  if (total >= 0 && total <= NODE_SCRATCH) {
    let at = 0;
    for (let i = 0; i < n; i++) {
      const p = parts[i] as Uint8Array;
      nodeScratch.set(p, at);
      at += p.length;
    }
    return pooled(hash('sha256', (nodeViews[total] ??= nodeScratch.subarray(0, total)), 'binary'));
  }
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return pooled(h.digest('binary'));
};

// Public keys repeat across a dossier's entries: build each KeyObject once.
const publicKeys = new Map<string, KeyObject>();

export function publicKeyObject(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('base64url');
  let key = publicKeys.get(id);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: id }, format: 'jwk' });
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(id, key);
  }
  return key;
}

export const nodeRecordCrypto: RecordCrypto = {
  sha256: nodeSha256,
  verifyEd25519(publicKey, message, signature) {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      return verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      return false;
    }
  },
};

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A signer from a 32-byte Ed25519 seed (the RFC 8032 private key). */
export function signerFromSeed(seed: Uint8Array): Ed25519Signer {
  if (seed.length !== 32) throw new Error('an Ed25519 private key is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string };
  return {
    publicKey: new Uint8Array(Buffer.from(jwk.x, 'base64url')),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/** A fresh key pair: its 32-byte seed (kept secret by the caller) and raw public key. */
export function generateEd25519(): { seed: Uint8Array; publicKey: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const d = (privateKey.export({ format: 'jwk' }) as { d: string }).d;
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  return { seed: new Uint8Array(Buffer.from(d, 'base64url')), publicKey: new Uint8Array(Buffer.from(x, 'base64url')) };
}
