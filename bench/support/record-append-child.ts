// Appends N records to the log through the product's append (each in its own transaction, as a service does),
// on a fresh migrated database, and prints the time of each block of 10,000 as one JSON line.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { openRuntime } from '../../src/runtime.js';
import { appendToLog } from '../../src/services/record/log.js';
import { engagementStream } from '../../src/domain/record/entry.js';

const N = Number(process.argv[2] ?? 100_000);
const BLOCK = 10_000;
const url = process.argv[3];
const dir = mkdtempSync(join(tmpdir(), 'bonafide-append-'));
const ctx = await openRuntime({ databaseUrl: url ?? `sqlite:${join(dir, 'log.sqlite')}`, dataDir: dir });
try {
  const orgs = ['buyer', 'supplier'].map(() => randomUUID());
  for (const [i, id] of orgs.entries()) {
    await ctx.handle.db.insertInto('organizations').values({ id, name: `Org ${i}`, kind: i ? 'supplier' : 'buyer', country: 'DE', description: null, website: null, categories: '[]', created_at: '2026-01-01T00:00:00.000Z' }).execute();
  }
  const blocks: number[] = [];
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const at = new Date(Date.parse('2026-01-02T00:00:00Z') + i * 1000).toISOString();
    await ctx.handle.db.transaction().execute((trx) =>
      appendToLog(trx, {
        kind: 'evidence',
        id: randomUUID(),
        stream: engagementStream(`eng-${i % 50}`),
        engagementId: null,
        recordedAt: at,
        organizationId: orgs[i % 2]!,
        content: { kind: 'batch_test_record', title: `Batch test record, lot H-${100000 + i}` },
      }),
    );
    if ((i + 1) % BLOCK === 0) {
      const now = process.hrtime.bigint();
      blocks.push(Number(now - t) / 1e6);
      t = now;
    }
  }
  process.stdout.write(JSON.stringify({ n: N, block: BLOCK, blocks }) + '\n');
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
