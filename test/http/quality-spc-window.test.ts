import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { batchCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';

// One SPC request analyses at most maxSpcValues values (1,000,000 by default; 60 here): the most recent ones.
describe.each(TEST_DATABASES)('SPC over more values than one analysis takes, on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name, { maxSpcValues: 60 });
    app = await testApp(ctx);
    w = await qualityWorld(app);
    base = `/api/v1/engagements/${w.engagementId}`;
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
    // 20 daily lots of 5 bore values from 2025-01-01: 100 values.
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 20 }))).statusCode).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('takes the most recent values and says from when', async () => {
    const r = await w.buyer.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter&subgroupSize=1`);
    expect(r.statusCode).toBe(200);
    const spc = r.json();
    expect(spc.n).toBe(60);
    // The last 60 values are the last 12 lots: produced from 2025-01-09.
    expect(spc.window).toEqual({ limit: 60, from: '2025-01-09T00:00:00.000Z' });
    expect(spc.lots).toBe(12);
  });

  it.skipIf(skipReason)('a narrower period fits and is analysed whole', async () => {
    const spc = (await w.buyer.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter&subgroupSize=1&from=2025-01-01&to=2025-01-05`)).json();
    expect(spc.window).toBeNull();
    expect(spc.n).toBe(25);
  });
});
