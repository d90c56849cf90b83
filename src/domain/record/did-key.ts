// did:key for Ed25519 (https://w3c-ccg.github.io/did-key-spec/) and Multikey encodings: the multicodec
// ed25519-pub (0xed 0x01) or ed25519-priv (0x80 0x26) prefix, then base58btc with the multibase "z".
import { concatBytes, fromBase58, toBase58 } from './bytes.js';

const PUB = Uint8Array.of(0xed, 0x01);
const PRIV = Uint8Array.of(0x80, 0x26);

export function publicKeyMultibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return `z${toBase58(concatBytes(PUB, publicKey))}`;
}

export function privateKeyMultibase(seed: Uint8Array): string {
  return `z${toBase58(concatBytes(PRIV, seed))}`;
}

function decode(multibase: string, prefix: Uint8Array, what: string): Uint8Array {
  if (!multibase.startsWith('z')) throw new Error(`${what} must be multibase base58btc (starting with "z")`);
  let raw: Uint8Array;
  try {
    raw = fromBase58(multibase.slice(1));
  } catch {
    throw new Error(`${what} is not base58btc`);
  }
  if (raw.length !== 34 || raw[0] !== prefix[0] || raw[1] !== prefix[1]) throw new Error(`${what} is not an Ed25519 key`);
  return raw.slice(2);
}

export const decodePublicKeyMultibase = (m: string): Uint8Array => decode(m, PUB, 'the public key');
export const decodePrivateKeyMultibase = (m: string): Uint8Array => decode(m, PRIV, 'the private key');

export const didKeyOf = (publicKey: Uint8Array): string => `did:key:${publicKeyMultibase(publicKey)}`;
/** The verification method of a did:key: the DID, "#", the key's multibase. */
export const verificationMethodOf = (publicKey: Uint8Array): string => {
  const m = publicKeyMultibase(publicKey);
  return `did:key:${m}#${m}`;
};

/** The public key a did:key (or one of its verification methods) names; throws for anything else. */
export function publicKeyOfDidKey(didOrMethod: string): Uint8Array {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/.exec(didOrMethod);
  if (!m) throw new Error(`not a did:key: ${didOrMethod.slice(0, 80)}`);
  if (m[2] !== undefined && m[2] !== m[1]) throw new Error('the fragment of a did:key verification method is its own key');
  return decodePublicKeyMultibase(m[1]!);
}
