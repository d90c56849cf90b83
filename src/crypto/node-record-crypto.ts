// node:crypto behind the record's crypto interfaces (server and CLI): native SHA-256 and Ed25519.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Ed25519Signer, RecordCrypto, Sha256 } from '../domain/record/crypto.js';

export const nodeSha256: Sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
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
