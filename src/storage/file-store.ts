import type { Readable } from 'node:stream';

/** What was written: the content's SHA-256 (its address), its size and its first bytes for type sniffing. */
export interface StoredBlob {
  sha256: string;
  size: number;
  head: Buffer;
}

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file exceeds the limit of ${limit} bytes`);
  }
}

/**
 * Content-addressed blob storage. Services use only this interface, so object storage can replace the
 * file system without touching them.
 */
export interface FileStore {
  /** Streams `source` in, hashing as it goes; the blob appears whole under its hash or not at all. */
  put(source: Readable, opts: { maxBytes: number; accept?: (head: Buffer) => Promise<void> }): Promise<StoredBlob>;
  /** Removes what an interrupted upload left behind (call at start-up). */
  cleanup(): Promise<void>;
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
}
