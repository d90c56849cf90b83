import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalForCli, signup } from '../../src/services/accounts/accounts.js';
import { uploadFile } from '../../src/services/files/files.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';

/** A stream that delivers some bytes of a PDF and then fails, as a dropped connection or a crash would. */
function interrupted(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(32 * 1024, 'x')]));
      } else {
        this.destroy(new Error('connection reset'));
      }
    },
  });
}

describe.each(TEST_DATABASES)('interrupted uploads on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    await signup(ctx, { email: 'up@example.com', password: 'correct horse battery', displayName: 'U', organization: { name: 'Up GmbH', kind: 'supplier', country: 'DE' } });
  });
  afterAll(async () => {
    if (!skipReason) await ctx.cleanup();
  });

  it.skipIf(skipReason)('leave no half file in the store and no row', async () => {
    const actor = await principalForCli(ctx, 'up@example.com');
    await expect(uploadFile(ctx, actor, interrupted(), 'half.pdf')).rejects.toThrow(/connection reset/);
    const rows = await ctx.handle.db.selectFrom('files').select('id').execute();
    expect(rows).toEqual([]);
    const tmp = join(ctx.dataDir, 'files', 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
    const blobDirs = readdirSync(join(ctx.dataDir, 'files')).filter((d) => d !== 'tmp');
    expect(blobDirs).toEqual([]);
    // And a whole upload afterwards works.
    const ok = await uploadFile(ctx, actor, Readable.from(Buffer.from('%PDF-1.4\nwhole\n%%EOF\n')), 'whole.pdf');
    expect(ok.mediaType).toBe('application/pdf');
  });
});
