import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudits } from '../../src/db/repositories/audit.js';
import { revisionToken } from '../../src/db/repositories/revisions.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';

let seq = 0;
const entry = (organizationId: string) => ({
  id: `audit-${++seq}-${Math.random().toString(36).slice(2)}`,
  at: '2026-01-01T00:00:00.000Z',
  organization_id: organizationId,
  actor_user_id: null,
  actor_token_id: null,
  action: 'test.changed',
  entity_type: 'test',
  entity_id: null,
  details: '{}',
});

// Migration 012: every audit log entry raises its organization's revision, in the same commit.
describe.each(TEST_DATABASES)('organization revisions on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
  });
  afterAll(async () => {
    if (skipReason) return;
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('an audit entry raises its organization revision and no other', async () => {
    const db = ctx.handle.db;
    await appendAudits(db, [entry('org-a')]);
    await appendAudits(db, [entry('org-b')]);
    const before = await revisionToken(db, ['org-a', 'org-b']);
    await appendAudits(db, [entry('org-a')]);
    expect(await revisionToken(db, ['org-a', 'org-b'])).not.toBe(before);
    expect(await revisionToken(db, ['org-b'])).toBe(before.split(',').find((t) => t.startsWith('org-b:')));
  });

  it.skipIf(skipReason)('a committed transaction raises it once per entry; a rolled-back one not at all', async () => {
    const db = ctx.handle.db;
    await appendAudits(db, [entry('org-c')]);
    expect(await revisionToken(db, ['org-c'])).toBe('org-c:1');
    await db.transaction().execute(async (trx) => {
      await appendAudits(trx, [entry('org-c')]);
      await appendAudits(trx, [entry('org-c')]);
    });
    expect(await revisionToken(db, ['org-c'])).toBe('org-c:3');
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudits(trx, [entry('org-c')]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await revisionToken(db, ['org-c'])).toBe('org-c:3');
  });

  it.skipIf(skipReason)('an organization with no recorded change has no revision; duplicates are read once', async () => {
    expect(await revisionToken(ctx.handle.db, ['org-never'])).toBe('');
    expect(await revisionToken(ctx.handle.db, [])).toBe('');
    await appendAudits(ctx.handle.db, [entry('org-d')]);
    expect(await revisionToken(ctx.handle.db, ['org-d', 'org-d', 'org-never'])).toBe('org-d:1');
  });
});
