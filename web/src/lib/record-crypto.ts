// The record's crypto in the browser: audited pure-JS SHA-256 and Ed25519 (@noble), behind the same interface the
// server and the CLI give node:crypto, so the verify page runs exactly the domain code of `bonafide dossier verify`.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { RecordCrypto } from '../../../src/domain/record/crypto.js';

const encoder = new TextEncoder();

export const browserRecordCrypto: RecordCrypto = {
  sha256: (...parts) => {
    const h = sha256.create();
    for (const p of parts) h.update(typeof p === 'string' ? encoder.encode(p) : p);
    return h.digest();
  },
  verifyEd25519(publicKey, message, signature) {
    try {
      return ed25519.verify(signature, message, publicKey);
    } catch {
      return false;
    }
  },
};
