// Records appended in one batch (an import's lots) make the same log as records appended one by one: each stream's
// chain of seq and prev, and every perfect subtree the Merkle tree stores, at every size the batches leave behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../src/crypto/node-record-crypto.js';
import { fromHex, toHex } from '../../src/domain/record/bytes.js';
import { rootOfLeafHashes } from '../../src/domain/record/merkle.js';
import { principalForCli, signup } from '../../src/services/accounts/accounts.js';
import { appendManyToLog, appendToLog, rootAt, type AppendInput } from '../../src/services/record/log.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';

describe.each(TEST_DATABASES)('batched log appends on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    await signup(ctx, { email: 'log@example.com', password: 'correct horse battery', displayName: 'L', organization: { name: 'Log GmbH', kind: 'supplier', country: 'DE' } });
  });
  afterAll(async () => {
    if (!skipReason) await ctx.cleanup();
  });

  it.skipIf(skipReason)('chain each stream and store every subtree as single appends do', async () => {
    const actor = await principalForCli(ctx, 'log@example.com');
    const streams = ['test:batch-a', 'test:batch-b'];
    let n = 0;
    const input = (): AppendInput => {
      n++;
      return { kind: 'evidence', id: `rec-${n}`, stream: streams[n % 3 === 0 ? 1 : 0]!, engagementId: null, recordedAt: `2026-11-0${1 + (n % 9)}T10:00:00.000Z`, organizationId: actor.organizationId, content: { n } };
    };
    // Batches of awkward sizes at awkward offsets, with single appends between them.
    for (const size of [1, 2, 5, 0, 8, 13, 1, 3, 31, 64, 7]) {
      await ctx.handle.db.transaction().execute(async (trx) => {
        const indices = size === 1 ? [await appendToLog(trx, input())] : await appendManyToLog(trx, Array.from({ length: size }, input));
        expect(indices).toEqual(indices.map((_, k) => indices[0]! + k));
      });
    }
    const entries = await ctx.handle.db.selectFrom('log_entries').select(['leaf_index', 'stream', 'seq', 'leaf', 'leaf_hash', 'record_id']).orderBy('leaf_index').execute();
    expect(entries.map((e) => Number(e.leaf_index))).toEqual(entries.map((_, i) => i));
    expect(entries.filter((e) => e.record_id.startsWith('rec-')).map((e) => e.record_id)).toEqual(Array.from({ length: n }, (_, i) => `rec-${i + 1}`));

    const last = new Map<string, { seq: number; hash: string }>();
    for (const e of entries) {
      const record = JSON.parse(e.leaf) as { seq: number; prev: string | null; stream: string };
      const before = last.get(e.stream);
      expect(Number(e.seq)).toBe((before?.seq ?? 0) + 1);
      expect(record.seq).toBe(Number(e.seq));
      expect(record.prev).toBe(before?.hash ?? null);
      last.set(e.stream, { seq: Number(e.seq), hash: e.leaf_hash });
    }
    const hashes = entries.map((e) => fromHex(e.leaf_hash));
    for (let size = 1; size <= hashes.length; size++) {
      expect(toHex(await rootAt(ctx.handle.db, size)), `root at ${size}`).toBe(toHex(rootOfLeafHashes(nodeSha256, hashes.slice(0, size))));
    }
  });
});
