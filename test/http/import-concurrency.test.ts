// One import must not hold up the rest of the server: while an import's transaction is open (rows written, not yet
// committed), another tenant's GET /engagements and /healthz answer, and see nothing of the import; on SQLite a
// write by another tenant waits for the import's commit (one writer at a time) without failing, on PostgreSQL it
// does not need to. The import's source pauses itself until the reads have answered, so the order is proved, not
// timed: before the fix the reads queued behind the import's connection and this test ran into its deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/http/routes/types.js';
import { principalForCli } from '../../src/services/accounts/accounts.js';
import { importQualityFile } from '../../src/services/quality/imports.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { engagementWorld, type EngagementWorld } from '../support/factories.js';
import { testApp } from '../support/http.js';

const HEADER = 'site,line,period_start,period_end,planned_minutes,downtime_minutes,good_output,scrap\n';

/** Production-log rows `from`..`to` (one shift each, on ten lines). */
function rows(from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const start = Date.UTC(2026, 0, 1) + Math.floor(i / 10) * 3_600_000;
    out += `Plant 1,Line ${i % 10},${new Date(start).toISOString()},${new Date(start + 3_600_000).toISOString()},60,${i % 7},${40 + (i % 13)},${i % 3}\n`;
  }
  return out;
}

/** Rejects when `p` has not settled within `ms`: a read that waits for the paused import never would. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited for the import`)), ms).unref())]);
}

describe.each(TEST_DATABASES)('reads during an import on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: EngagementWorld;
  let other: EngagementWorld;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await engagementWorld(app);
    other = await engagementWorld(app);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('another tenant reads while an import is open; writes wait for it on SQLite and all succeed', async () => {
    const actor = await principalForCli(ctx, w.supplier.email, w.supplier.organizationId);
    const events: string[] = [];
    let reads: LightMyRequestResponse[] = [];
    let write: Promise<LightMyRequestResponse> | null = null;

    async function* source(): AsyncGenerator<string> {
      yield HEADER + rows(0, 5000);
      yield rows(5000, 10_000);
      // The import's transaction is open and holds what it wrote so far.
      events.push('import paused');
      write = other.buyer
        .post('/api/v1/engagements', { supplierOrganizationId: other.supplier.organizationId, title: 'Written during an import', scope: { products: ['Bracket'], destinationCountry: 'DE', productMaturity: 'custom' } })
        .then((r) => {
          events.push('write answered');
          return r;
        });
      reads = await within(
        Promise.all([
          other.buyer.get('/api/v1/engagements'),
          app.inject({ method: 'GET', url: '/healthz' }),
          w.buyer.get(`/api/v1/engagements/${w.engagementId}/imports`),
        ]),
        15_000,
        'reads',
      );
      events.push('reads answered');
      yield rows(10_000, 20_000);
    }

    const view = await importQualityFile(ctx, actor, w.engagementId, 'production_logs', source(), { format: 'csv', filename: 'shifts.csv' });
    events.push('import committed');
    const written = await within(write!, 15_000, 'the write');

    const [list, health, importsMeanwhile] = reads;
    expect(list!.statusCode, list!.body).toBe(200);
    expect(list!.json().map((e: { id: string }) => e.id)).toContain(other.engagementId);
    expect(health!.statusCode).toBe(200);
    expect(health!.json()).toEqual({ status: 'ok' });
    // Nothing of an import is visible before it commits.
    expect(importsMeanwhile!.statusCode).toBe(200);
    expect(importsMeanwhile!.json()).toEqual([]);
    expect(view).toMatchObject({ rows: 20_000, status: 'completed' });
    expect(written.statusCode, written.body).toBe(201);

    if (name === 'sqlite') {
      // Reads did not wait; one writer at a time: the other tenant's write went after the import's commit, and did not fail.
      expect(events).toEqual(['import paused', 'reads answered', 'import committed', 'write answered']);
    } else {
      // PostgreSQL writes concurrently too: the other tenant's write may answer before or after the reads.
      expect(events[0]).toBe('import paused');
      expect(events.indexOf('reads answered')).toBeLessThan(events.indexOf('import committed'));
      expect(events).toContain('write answered');
    }
    const after = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/imports`)).json();
    expect(after.map((i: { rows: number }) => i.rows)).toEqual([20_000]);
  });

  it.skipIf(skipReason)('an import that fails midway leaves nothing and releases the writer', async () => {
    const actor = await principalForCli(ctx, w.supplier.email, w.supplier.organizationId);
    async function* bad(): AsyncGenerator<string> {
      yield HEADER + rows(0, 3000);
      yield 'Plant 1,Line 1,not a date,2026-01-01T01:00:00Z,60,0,40,0\n';
    }
    await expect(importQualityFile(ctx, actor, w.engagementId, 'production_logs', bad(), { format: 'csv' })).rejects.toMatchObject({ code: 'import_rejected', line: 3002 });
    const e = await other.buyer.post('/api/v1/engagements', { supplierOrganizationId: other.supplier.organizationId, title: 'After a refused import', scope: { products: ['Bracket'], destinationCountry: 'DE', productMaturity: 'custom' } });
    expect(e.statusCode, e.body).toBe(201);
  });
});
