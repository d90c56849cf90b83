// Evidence the system computes (demonstrated capacity from production logs) is attributed to the system and to
// the data it came from, carries the numbers of its computation, and cannot be withdrawn by the side it
// inconveniences; titles the system writes come with a code and parameters so the web words them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { batchCsv, productionLogCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';

interface EvidenceJson {
  id: string;
  kind: string;
  title: string;
  recordedBy: string;
  organizationId: string;
  generatedTitle: { key: string; params: Record<string, unknown> } | null;
  computed: null | {
    by: string;
    method: string;
    source: { kind: string; organizationId: string; organizationName: string; records: number; from: string | null; to: string | null };
    triggeredBy: string | null;
    inputs: Record<string, unknown>;
  };
  links: { claimId: string; effect: string }[];
}

describe.each(TEST_DATABASES)('computed evidence on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;
  const evidence = async (): Promise<EvidenceJson[]> => (await w.buyer.get(`${base}/evidence`)).json();

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    base = `/api/v1/engagements/${w.engagementId}`;
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
    expect((await upload(w.supplier, `${base}/imports/production-logs?filename=mes.csv`, productionLogCsv(6))).statusCode).toBe(201);
    expect((await upload(w.supplier, `${base}/imports/batches?filename=cmm.csv`, batchCsv({ lots: 3 }))).statusCode).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('is attributed to the system and to the supplier’s logs, with the numbers of the computation', async () => {
    const computed = (await evidence()).filter((e) => e.computed);
    expect(computed).toHaveLength(2);
    const contradicting = computed.find((e) => e.links.some((l) => l.claimId === w.lineBClaimId))!;
    expect(contradicting.recordedBy).toBe('Bonafide');
    expect(contradicting.computed).toMatchObject({
      by: 'bonafide',
      method: 'demonstrated_capacity',
      source: { kind: 'production_logs', organizationId: w.supplier.organizationId, records: expect.any(Number) },
      triggeredBy: expect.any(String),
      inputs: { status: 'contradicted', period: 'month', tolerance: 0.8, percentile: 0.9, plannedHoursSource: 'logs' },
    });
    const i = contradicting.computed!.inputs as Record<string, number>;
    expect(i.claimed).toBeGreaterThan(0);
    expect(i.demonstrated).toBeCloseTo(i.ratePerPlannedHour * i.plannedHoursPerPeriod, 0);
    expect(i.ratio).toBeCloseTo(i.demonstrated / i.claimed, 3);
    expect(contradicting.computed!.source.organizationName).not.toBe('');
    expect(contradicting.generatedTitle).toMatchObject({ key: 'demonstrated_capacity', params: { period: 'month', claimed: i.claimed } });
  });

  it.skipIf(skipReason)('cannot be withdrawn by the buyer in whose record it sits, nor by the supplier it contradicts', async () => {
    const contradicting = (await evidence()).find((e) => e.computed && e.links.some((l) => l.claimId === w.lineBClaimId))!;
    const byBuyer = await w.buyer.del(`${base}/evidence/${contradicting.id}`);
    expect(byBuyer.statusCode).toBe(409);
    expect(byBuyer.json().error).toMatchObject({ code: 'conflict', reason: { code: 'computed_evidence' } });
    const bySupplier = await w.supplier.del(`${base}/evidence/${contradicting.id}`);
    expect(bySupplier.statusCode).toBe(404);
    expect((await evidence()).some((e) => e.id === contradicting.id)).toBe(true);
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    expect(cap.lines.find((l: { claim: { id: string } | null }) => l.claim?.id === w.lineBClaimId).claim.status).toBe('contradicted');
  });

  it.skipIf(skipReason)('gives system-written titles a code and parameters; a person’s evidence has none', async () => {
    const all = await evidence();
    const lot = all.find((e) => e.kind === 'batch_test_record')!;
    expect(lot.generatedTitle).toMatchObject({ key: 'batch_test_record', params: { product: 'NM-4472-A', measurementsCount: expect.any(Number), characteristicsCount: expect.any(Number) } });
    expect(lot.computed).toBeNull();
    const logs = all.find((e) => e.kind === 'production_log' && !e.computed)!;
    expect(logs.generatedTitle).toMatchObject({ key: 'production_logs_import', params: { recordsCount: expect.any(Number), linesCount: 2 } });
    const own = await w.supplier.post('/api/v1/evidence', { kind: 'registration', provenance: 'self_declared', title: 'Business licence' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ generatedTitle: null, computed: null });
  });
});
