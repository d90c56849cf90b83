import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { batchCsv, counts, productionLogCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';

describe.each(TEST_DATABASES)('withdrawing a quality import on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;
  const spc = () => w.buyer.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter`);
  const capacityStatus = async (claimId: string) => {
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    return cap.lines.find((l: { claim: { id: string } | null }) => l.claim?.id === claimId)?.claim?.status ?? 'unverified';
  };
  const sharedEvidenceOf = async (importId: string) =>
    (await w.buyer.get(`${base}/evidence`)).json().filter((e: { attributes: { importId?: string } }) => e.attributes.importId === importId);

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

  it.skipIf(skipReason)('a withdrawn batch file leaves the analysis and the engagement, stays in the record, and can come back', async () => {
    const first = await upload(w.supplier, `${base}/imports/batches?filename=first.csv`, batchCsv({ lots: 20 }));
    const wrong = await upload(w.supplier, `${base}/imports/batches?filename=wrong-line.csv`, batchCsv({ lots: 10, startDay: 40, prefix: 'W' }));
    expect([first.statusCode, wrong.statusCode]).toEqual([201, 201]);
    const wrongId = wrong.json().id as string;
    expect((await spc()).json().n).toBe(150);
    expect(await sharedEvidenceOf(wrongId)).toHaveLength(10);

    const before = await counts(ctx);
    const r = await w.supplier.post(`${base}/imports/${wrongId}/withdraw`, { reason: 'Lots of the NM-4473 housing, exported under the wrong product' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: wrongId, status: 'withdrawn', rows: 60, withdrawal: { reason: 'Lots of the NM-4473 housing, exported under the wrong product', by: { userId: w.supplier.userId } } });
    // Analyses skip its rows; its batch records leave the engagement; nothing is deleted.
    expect((await spc()).json().n).toBe(100);
    expect(await sharedEvidenceOf(wrongId)).toHaveLength(0);
    const after = await counts(ctx);
    expect({ measurements: after.measurements, imports: after.imports, evidence: after.evidence }).toEqual({
      measurements: before.measurements,
      imports: before.imports,
      evidence: before.evidence,
    });
    // Both parties still see it, marked withdrawn, with who and why.
    const list = (await w.buyer.get(`${base}/imports`)).json();
    expect(list.map((i: { filename: string; status: string }) => [i.filename, i.status])).toEqual([
      ['wrong-line.csv', 'withdrawn'],
      ['first.csv', 'completed'],
    ]);
    expect(list[0].withdrawal.by.displayName).not.toBe('');
    const audit = await ctx.handle.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'quality.import_withdrawn').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ importId: wrongId, rows: 60, evidenceWithdrawn: 10 });

    // Twice is a conflict; the same file may be imported again (a new import), and counts again.
    const twice = await w.supplier.post(`${base}/imports/${wrongId}/withdraw`, { reason: 'again' });
    expect(twice.statusCode).toBe(409);
    const back = await upload(w.supplier, `${base}/imports/batches?filename=wrong-line.csv`, batchCsv({ lots: 10, startDay: 40, prefix: 'W' }));
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ duplicate: false, status: 'completed' });
    expect(back.json().id).not.toBe(wrongId);
    expect((await spc()).json().n).toBe(150);
  });

  it.skipIf(skipReason)('withdrawing the production logs takes the demonstrated capacity away from the claims', async () => {
    const logs = await upload(w.supplier, `${base}/imports/production-logs?filename=mes.csv`, productionLogCsv(6));
    expect(logs.statusCode).toBe(201);
    expect(await capacityStatus(w.lineAClaimId)).toBe('supported');
    expect(await capacityStatus(w.lineBClaimId)).toBe('contradicted');
    const r = await w.supplier.post(`${base}/imports/${logs.json().id}/withdraw`, { reason: 'MES export of the wrong plant' });
    expect(r.statusCode).toBe(200);
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    expect(cap.logs).toBe(0);
    expect(await capacityStatus(w.lineAClaimId)).toBe('unverified');
    expect(await capacityStatus(w.lineBClaimId)).toBe('unverified');
    const derived = (await w.buyer.get(`${base}/evidence`)).json().filter((e: { attributes: { derivedFrom?: string } }) => e.attributes.derivedFrom === 'production_logs');
    expect(derived).toEqual([]);
  });

  it.skipIf(skipReason)('needs a reason; only the supplier withdraws; outsiders and unknown ids get 404', async () => {
    const fresh = await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 3, startDay: 90, prefix: 'R' }));
    const url = `${base}/imports/${fresh.json().id}/withdraw`;
    const noReason = await w.supplier.post(url, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].path).toBe('reason');
    expect((await w.supplier.post(url, { reason: '   ' })).json().error.issues[0].path).toBe('reason');
    expect((await w.supplier.post(url, { reason: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await w.buyer.post(url, { reason: 'the buyer may not' })).statusCode).toBe(403);
    const outsider = await w.stranger.post(url, { reason: 'nope' });
    const otherSupplier = await w.strangerSupplier.post(url, { reason: 'nope' });
    const unknown = await w.supplier.post(`${base}/imports/00000000-0000-4000-8000-000000000000/withdraw`, { reason: 'nope' });
    for (const res of [outsider, otherSupplier, unknown]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect(outsider.json()).toEqual((await w.stranger.post(`/api/v1/engagements/00000000-0000-4000-8000-000000000000/imports/${fresh.json().id}/withdraw`, { reason: 'nope' })).json());
    expect((await w.supplier.get(`${base}/imports`)).json().find((i: { id: string }) => i.id === fresh.json().id).status).toBe('completed');
  });
});
