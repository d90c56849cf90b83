import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { productionLogCsv, qualityWorld, upload, type QualityWorld } from '../fixtures/quality/setup.js';

interface Row { key: string; points: number; max: number; available: boolean; claimId?: string; detailKey?: string; detailParams?: Record<string, string | number>; evidenceIds: string[] }

// A capacity claim that the supplier's own production logs contradict lowers the behavioural sub-score, with a
// breakdown row naming the claim and what it costs (codes and parameters for the web to word).
describe.each(TEST_DATABASES)('a contradicted claim weighs on the behavioural score, on $name', ({ name, skipReason }) => {
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
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('line B demonstrated below its claim: a deduction row proportional to the shortfall', async () => {
    // Two disclosed limitations: transparency 20 of 20, so there are points to lose.
    for (const title of ['Anodising by a partner', 'No parts above 400 mm']) {
      const l = await w.supplier.post(`/api/v1/organizations/${w.supplier.organizationId}/claims`, { type: 'limitation', title });
      expect(l.statusCode, l.body).toBe(201);
    }
    const before = (await w.buyer.get(`${base}/readiness`)).json();
    expect(before.behaviouralScore.score).toBeGreaterThan(30);
    expect(before.behaviouralScore.inputs.filter((i: Row) => i.key === 'contradicted_claim')).toEqual([]);

    expect((await upload(w.supplier, `${base}/imports/production-logs`, productionLogCsv(6))).statusCode).toBe(201);
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    const lineB = cap.lines.find((l: { line: string }) => l.line === 'Line B');
    const shortfall = Math.round((1 - lineB.comparison.ratio) * 100);
    expect(shortfall).toBeGreaterThan(20);

    const r = (await w.buyer.get(`${base}/readiness`)).json();
    const score = r.behaviouralScore as { score: number; points: number; max: number; inputs: Row[] };
    const rows = score.inputs.filter((i) => i.key === 'contradicted_claim');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ claimId: w.lineBClaimId, max: 0, available: true, detailKey: 'contradicted_claim_measured', evidenceIds: [lineB.evidenceId] });
    expect(row.detailParams).toMatchObject({ claim: 'Housings, Line B housings', shortfallPercent: shortfall });
    const measuredMax = score.inputs.filter((i) => i.available && i.key !== 'contradicted_claim').reduce((s, i) => s + i.max, 0);
    expect(measuredMax).toBeGreaterThan(0);
    expect(row.points).toBeCloseTo(-Math.min(25, shortfall) * (measuredMax / 100), 2);
    expect(score.max).toBe(measuredMax);
    expect(score.score).toBe(Math.max(0, Math.round((score.points / score.max) * 100)));
    // Without the row the score would be higher by the shortfall (on the 100-point scale).
    const without = score.inputs.filter((i) => i.available && i.key !== 'contradicted_claim').reduce((s, i) => s + i.points, 0);
    expect(Math.round((without / measuredMax) * 100) - score.score).toBeGreaterThanOrEqual(Math.min(25, shortfall) - 1);
  });
});
