import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openRuntime } from '../../runtime.js';
import { removeStaleSpools, spoolUpload } from './spool.js';

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const roots: string[] = [];
function root(): string {
  const r = mkdtempSync(join(tmpdir(), 'spool-test-'));
  roots.push(r);
  return r;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

describe('import spool', () => {
  it('spools into a folder named by the process, removed by cleanup; a file over the limit leaves nothing', async () => {
    const r = root();
    const s = await spoolUpload(Readable.from([Buffer.from('a,b\n1,2\n')]), 1000, r);
    expect(s.bytes).toBe(8);
    expect(readdirSync(r)).toEqual([expect.stringMatching(new RegExp(`^bonafide-import-${process.pid}-`))]);
    await s.cleanup();
    expect(readdirSync(r)).toEqual([]);
    await expect(spoolUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000, r)).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(readdirSync(r)).toEqual([]);
  });

  it('removes what processes that are gone left behind, never what a running process is writing', async () => {
    const r = root();
    const dead = `bonafide-import-${deadPid()}-abc123`;
    const parent = `bonafide-import-${process.ppid}-def456`;
    const mine = `bonafide-import-${process.pid}-ghi789`;
    const oldUnnamed = 'bonafide-import-Xy12Zq';
    const newUnnamed = 'bonafide-import-Ab34Cd';
    for (const d of [dead, parent, mine, oldUnnamed, newUnnamed, 'something-else']) {
      mkdirSync(join(r, d));
      writeFileSync(join(r, d, 'upload'), 'x');
    }
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    utimesSync(join(r, oldUnnamed), twoDaysAgo, twoDaysAgo);
    expect((await removeStaleSpools(r)).sort()).toEqual([dead, oldUnnamed].sort());
    expect(readdirSync(r).sort()).toEqual([parent, mine, newUnnamed, 'something-else'].sort());
  });

  it('opening the runtime (the server starting) removes a spooled upload a crash left', async () => {
    const r = root();
    const left = join(r, `bonafide-import-${deadPid()}-crash1`);
    mkdirSync(left);
    writeFileSync(join(left, 'upload'), 'half an upload');
    const before = process.env.TMPDIR;
    process.env.TMPDIR = r;
    try {
      const ctx = await openRuntime({ databaseUrl: 'sqlite::memory:', dataDir: join(r, 'data') });
      await ctx.close();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(existsSync(left)).toBe(false);
  });
});
