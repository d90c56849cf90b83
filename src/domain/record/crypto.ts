// The record's cryptography is provided by the caller: node:crypto on the server and in the CLI (fast, native),
// a pure-JS implementation in the browser. The domain only describes what it needs.

/** SHA-256 of the concatenated parts; strings are hashed as UTF-8. */
export type Sha256 = (...parts: (Uint8Array | string)[]) => Uint8Array;

export interface RecordCrypto {
  sha256: Sha256;
  /** Ed25519 (RFC 8032) verification with a raw 32-byte public key. */
  verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs with one Ed25519 key; the private key never leaves the implementation. */
export interface Ed25519Signer {
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}
