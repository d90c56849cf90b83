import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLargeError, type FileStore, type StoredBlob } from './file-store.js';

const HEAD_BYTES = 4100; // enough for file-type's magic-number detection

/** Blobs live at `<root>/ab/cd/<sha256>`; uploads go to `<root>/tmp/` first and are renamed when complete. */
export class FsFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, opts: { maxBytes: number; accept?: (head: Buffer) => Promise<void> }): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const headChunks: Buffer[] = [];
    let headLen = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > opts.maxBytes) return cb(new BlobTooLargeError(opts.maxBytes));
        hash.update(chunk);
        if (headLen < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headLen));
          headLen += Math.min(chunk.length, HEAD_BYTES - headLen);
        }
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
      // Some multipart parsers end the stream quietly when their own limit is hit; check it too.
      if ((source as Readable & { truncated?: boolean }).truncated) throw new BlobTooLargeError(opts.maxBytes);
      const fh = await open(tmp, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      const head = Buffer.concat(headChunks);
      // The content decides whether it is accepted, before it becomes visible under its address.
      if (opts.accept) await opts.accept(head);
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await mkdir(join(final, '..'), { recursive: true });
      await rename(tmp, final); // atomic on one file system: readers see the whole blob or none
      return { sha256, size, head };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async cleanup(): Promise<void> {
    await rm(join(this.root, 'tmp'), { recursive: true, force: true });
  }

  async get(sha256: string): Promise<Readable> {
    return createReadStream(this.pathOf(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
