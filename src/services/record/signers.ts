// Turns stored keys into signers (node:crypto), once per key per process.
import { signerFromSeed, generateEd25519 } from '../../crypto/node-record-crypto.js';
import type { Ed25519Signer } from '../../domain/record/crypto.js';
import { fromBase64Url, toBase64Url } from '../../domain/record/bytes.js';
import { publicKeyMultibase } from '../../domain/record/did-key.js';
import type { SigningKeyRow } from '../../db/repositories/signing-keys.js';

const cache = new Map<string, Ed25519Signer>();

export function signerOf(row: Pick<SigningKeyRow, 'key_id' | 'private_key'>): Ed25519Signer {
  let s = cache.get(row.key_id);
  if (!s) {
    s = signerFromSeed(fromBase64Url(row.private_key));
    if (publicKeyMultibase(s.publicKey) !== row.key_id) throw new Error(`stored key ${row.key_id} does not match its private key`);
    cache.set(row.key_id, s);
  }
  return s;
}

export function newKeyMaterial(): { keyId: string; privateKey: string } {
  const { seed, publicKey } = generateEd25519();
  return { keyId: publicKeyMultibase(publicKey), privateKey: toBase64Url(seed) };
}
