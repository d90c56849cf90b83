// Uploads to import are copied to a temporary file first (spoolUpload), in a folder named after the process that
// wrote it: `<tmp>/bonafide-import-<pid>-<random>/upload`. A process that crashes mid-upload or mid-import leaves
// its folder behind; removeStaleSpools, run when the runtime opens (serve, the CLI, tests), removes the folders of
// processes that are gone, and never those of a process still running (a second server or a CLI import on the same
// machine). Kept apart from imports.ts so that opening the runtime does not load the import code.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appConfig } from '../../config.js';
import { AppError } from '../shared/errors.js';

/** Largest import accepted (bytes): BONAFIDE_MAX_IMPORT_BYTES, validated with the rest of the configuration. */
export const MAX_IMPORT_BYTES = appConfig().maxImportBytes;

const PREFIX = 'bonafide-import-';

export function tooLarge(maxBytes: number): AppError {
  return new AppError(413, 'payload_too_large', `the file exceeds the import limit of ${maxBytes} bytes (BONAFIDE_MAX_IMPORT_BYTES)`);
}

/**
 * Copies an upload to a temporary file, hashing it on the way. The HTTP routes import from the copy, so the import's
 * transaction never waits on a slow client, and a file imported before is recognised by its hash without opening a
 * transaction. Memory stays flat: the body is streamed to disk.
 */
export async function spoolUpload(
  source: Readable,
  maxBytes = MAX_IMPORT_BYTES,
  root = tmpdir(),
): Promise<{ path: string; sha256: string; bytes: number; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(root, `${PREFIX}${process.pid}-`));
  const path = join(dir, 'upload');
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) return cb(tooLarge(maxBytes));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(source, meter, createWriteStream(path));
    if ((source as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { path, sha256: hash.digest('hex'), bytes, cleanup };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A day: spool folders from before they were named by process are removed once this old. */
const UNNAMED_MAX_AGE_MS = 24 * 3_600_000;

/** Removes the spool folders left by processes that are gone; returns the names removed. */
export async function removeStaleSpools(root = tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = /^bonafide-import-(\d+)-/.exec(name)?.[1];
    let stale: boolean;
    if (pid !== undefined) stale = Number(pid) !== process.pid && !isRunning(Number(pid));
    else {
      const s = await stat(join(root, name)).catch(() => null);
      stale = s !== null && Date.now() - s.mtimeMs > UNNAMED_MAX_AGE_MS;
    }
    if (!stale) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
