import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { batchCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';

// A characteristic whose process is not in statistical control gets no capability verdict: its Cpk is given, marked
// as not meaningful (status not_in_control), in the SPC view and the characteristics overview.
describe.each(TEST_DATABASES)('capability verdict needs statistical control, on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    base = `/api/v1/engagements/${w.engagementId}`;
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('a stable process is capable; the same Cpk band with a drift in the recent lots is not in control', async () => {
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 40 }))).statusCode).toBe(201);
    const stable = (await w.buyer.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter`)).json();
    expect(stable.cpk).toBeGreaterThan(1.33);
    expect(stable.capability).toMatchObject({ status: 'capable', inControl: true });

    // Eight more lots drifting upwards: the recent window signals, the Cpk stays above 1.33.
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 8, drift: 8, prefix: 'D', startDay: 40 }))).statusCode).toBe(201);
    const r = await w.buyer.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter`);
    expect(r.statusCode).toBe(200);
    const spc = r.json();
    expect(spc.signals.length).toBeGreaterThan(0);
    expect(spc.cpk).toBeGreaterThan(1.33);
    expect(spc.capability.status).toBe('not_in_control');
    expect(spc.capability.inControl).toBe(false);
    expect(spc.capability.recentRules.length).toBeGreaterThan(0);
    expect(spc.capability.recentPoints).toBe(25);
    expect(spc.explanation).toContain('capability not meaningful');

    const list = (await w.buyer.get(`${base}/spc/characteristics`)).json() as { characteristic: { key: string }; cpk: number; capability: { status: string } | null }[];
    const bore = list.find((c) => c.characteristic.key === 'bore_diameter')!;
    expect(bore.cpk).toBeGreaterThan(1.33);
    expect(bore.capability?.status).toBe('not_in_control');
    // No data: no verdict.
    expect(list.find((c) => c.characteristic.key === 'wall_thickness')!.capability).toBeNull();
  });
});
