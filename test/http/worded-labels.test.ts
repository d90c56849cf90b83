// Text the server writes in English about records — the title of system-written evidence in the audit log and the
// engagement's record, what a discrepancy is raised against — comes with the code and parameters it was written from, so the web words it in
// the reader's language; the English stays as it was (API, CLI, report). On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { RAISE, discrepancyWorld, type DiscrepancyWorld } from '../fixtures/discrepancies/world.js';

describe.each(TEST_DATABASES)('worded labels on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: DiscrepancyWorld;
  let sampleTest: { id: string; evidence: { id: string } };

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await discrepancyWorld(app);
    const specId = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/specifications`)).json()[0].id;
    const r = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/sample-tests`, {
      specificationId: specId,
      runBy: 'buyer',
      conditions: { method: 'CMM per ISO 10360-2', location: 'Incoming inspection', equipment: [{ name: 'Zeiss Contura G2 CMM', identifier: 'CMM-0417', calibratedAt: '2025-03-12', calibrationDueAt: '2027-03-12' }] },
      testedAt: '2026-02-26T09:30:00Z',
      samples: [{ sample: 'R1', values: { bore_diameter: 32.027 } }],
    });
    expect(r.statusCode, r.body).toBe(201);
    sampleTest = r.json();
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('the audit log gives the code of a system-written evidence title beside the stored English', async () => {
    const log = await w.buyer.get('/api/v1/audit-log?action=evidence.recorded');
    expect(log.statusCode, log.body).toBe(200);
    const entry = log.json().find((e: { entityId: string }) => e.entityId === sampleTest.evidence.id);
    expect(entry.details.title).toMatch(/^Sample test NM-4472-A against IP-7 rear housing v1: FAIL/);
    expect(entry.generatedTitle).toMatchObject({ key: 'sample_test', params: { product: 'NM-4472-A', specification: 'IP-7 rear housing', verdict: 'fail' } });
    // Entries about anything else carry none.
    const all = (await w.buyer.get('/api/v1/audit-log')).json();
    expect(all.find((e: { action: string }) => e.action === 'specification.created')?.generatedTitle ?? null).toBeNull();
  });

  it.skipIf(skipReason)('the engagement’s record gives an evidence entry’s title code beside the logged content, which stays as logged', async () => {
    const rec = await w.buyer.get(`/api/v1/engagements/${w.engagementId}/record`);
    expect(rec.statusCode, rec.body).toBe(200);
    const entry = rec.json().entries.find((x: { kind: string; recordId: string }) => x.kind === 'evidence' && x.recordId === sampleTest.evidence.id);
    expect(entry.content.title).toMatch(/^Sample test NM-4472-A against IP-7 rear housing v1: FAIL/);
    expect(entry.content.generatedTitle).toBeUndefined();
    expect(entry.generatedTitle).toMatchObject({ key: 'sample_test', params: { verdict: 'fail' } });
    expect(rec.json().entries.filter((x: { kind: string }) => x.kind !== 'evidence').every((x: { generatedTitle: unknown }) => x.generatedTitle === null)).toBe(true);
  });

  it.skipIf(skipReason)('a discrepancy’s target and the target options carry the parameters their English label is written from', async () => {
    const options = await w.buyer.get(`/api/v1/engagements/${w.engagementId}/discrepancy-targets`);
    expect(options.statusCode, options.body).toBe(200);
    const byId = new Map(options.json().map((o: { id: string }) => [o.id, o]));
    expect(byId.get(w.rejectedLotId)).toMatchObject({
      kind: 'lot_inspection',
      label: 'Lot HT-2602-B07 (NM-4472-A), incoming inspection 2026-02-27: not accepted, 9 nonconforming',
      labelParams: { lot: 'HT-2602-B07', product: 'NM-4472-A', date: '2026-02-27', decision: 'not_accepted', nonconforming: 9 },
      problem: true,
    });
    expect(byId.get(sampleTest.id)).toMatchObject({ kind: 'sample_test', labelParams: { product: 'NM-4472-A', date: '2026-02-26', verdict: 'fail' }, problem: true });
    expect(byId.get(w.lineAClaimId)).toMatchObject({ kind: 'claim', labelParams: { title: expect.stringContaining('Housings') } });

    const raised = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/discrepancies`, RAISE({ kind: 'sample_test', id: sampleTest.id }));
    expect(raised.statusCode, raised.body).toBe(201);
    const target = { kind: 'sample_test', id: sampleTest.id, label: 'Sample test of NM-4472-A, 2026-02-26: fail', labelParams: { product: 'NM-4472-A', date: '2026-02-26', verdict: 'fail' } };
    expect(raised.json().target).toEqual(target);
    // Stored with the discrepancy: the same in the list and for the supplier.
    expect((await w.buyer.get('/api/v1/discrepancies')).json()[0].target).toEqual(target);
    expect((await w.supplier.get(`/api/v1/discrepancies/${raised.json().id}`)).json().target).toEqual(target);
  });
});
