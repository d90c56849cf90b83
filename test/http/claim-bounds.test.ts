// A claim's numbers are checked before they can drive readiness and the visit advisor: positive, plausible, and
// a stated limit not below the claim unless the claim says why. Refusals name the field, a code and its
// parameters (so the web words them in Chinese too); a time-ordered pair (valid-to before valid-from, LSL above
// USL) says which and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { signupClient, testApp, type Client } from '../support/http.js';

type Party = Client & { organizationId: string };

describe.each(TEST_DATABASES)('claim bounds and explicit refusals on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let supplier: Party;
  let buyer: Party;
  const capacity = (over: Record<string, unknown>) => ({ type: 'capacity', title: 'Housings, line A', productLine: 'Line A', value: 20000, unit: 'pcs', period: 'month', statedLimit: 22000, ...over });

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  const post = (body: unknown) => supplier.post(`/api/v1/organizations/${supplier.organizationId}/claims`, body);

  it.skipIf(skipReason)('refuses a negative capacity, naming the field and the code', async () => {
    const res = await post(capacity({ value: -100 }));
    expect(res.statusCode).toBe(400);
    const issue = res.json().error.issues.find((i: { path: string }) => i.path === 'value');
    expect(issue).toMatchObject({ code: 'claim_not_positive', params: { value: -100 } });
  });

  it.skipIf(skipReason)('refuses an implausible capacity with the maximum it allows', async () => {
    const res = await post(capacity({ value: 999_999_999_999_999, statedLimit: 5 }));
    expect(res.statusCode).toBe(400);
    const issue = res.json().error.issues.find((i: { path: string }) => i.path === 'value');
    expect(issue).toMatchObject({ code: 'claim_implausible', params: { max: 1_000_000_000, period: 'month' } });
    expect(issue.message).toContain('at most 1,000,000,000');
  });

  it.skipIf(skipReason)('refuses a stated limit below the claim unless the difference is explained', async () => {
    const res = await post(capacity({ value: 20000, statedLimit: 5 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([expect.objectContaining({ path: 'statedLimit', code: 'claim_limit_below_claim', params: { value: 20000, limit: 5 } })]);
    const explained = await post(capacity({ value: 20000, statedLimit: 8000, attributes: { limitNote: 'the anodising partner takes at most 8,000 a month' } }));
    expect(explained.statusCode).toBe(201);
    const plain = await post(capacity({ title: 'Housings, line B', productLine: 'Line B', value: 20000, statedLimit: 24000 }));
    expect(plain.statusCode).toBe(201);
  });

  it.skipIf(skipReason)('checks a changed claim against the same bounds', async () => {
    const created = await post(capacity({ title: 'Housings, line C', productLine: 'Line C' }));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const raised = await supplier.patch(`/api/v1/organizations/${supplier.organizationId}/claims/${id}`, { value: 30000 });
    expect(raised.statusCode).toBe(400);
    expect(raised.json().error.issues[0]).toMatchObject({ path: 'statedLimit', code: 'claim_limit_below_claim', params: { value: 30000, limit: 22000 } });
    const negative = await supplier.patch(`/api/v1/organizations/${supplier.organizationId}/claims/${id}`, { value: -5 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.issues[0]).toMatchObject({ path: 'value', code: 'claim_not_positive' });
    const ok = await supplier.patch(`/api/v1/organizations/${supplier.organizationId}/claims/${id}`, { value: 21000 });
    expect(ok.statusCode).toBe(200);
  });

  it.skipIf(skipReason)('refuses a lead time of zero and a Cpk of 50', async () => {
    const lead = await post({ type: 'lead_time', title: 'Lead time', value: 0, unit: 'days' });
    expect(lead.statusCode).toBe(400);
    expect(lead.json().error.issues[0]).toMatchObject({ path: 'value', code: 'claim_not_positive' });
    const cpk = await post({ type: 'process_capability', title: 'Cpk', value: 50 });
    expect(cpk.statusCode).toBe(400);
    expect(cpk.json().error.issues[0]).toMatchObject({ path: 'value', code: 'claim_implausible', params: { max: 10 } });
  });

  it.skipIf(skipReason)('says valid-to is before valid-from instead of "invalid value"', async () => {
    const res = await supplier.post('/api/v1/evidence', {
      kind: 'registration',
      provenance: 'self_declared',
      title: 'Business licence',
      validFrom: '2026-06-01',
      validTo: '2026-01-01',
    });
    expect(res.statusCode).toBe(400);
    const issue = res.json().error.issues.find((i: { path: string }) => i.path === 'validTo');
    expect(issue.code).toBe('valid_to_before_valid_from');
    expect(issue.params.validFrom).toMatch(/^2026-06-01/);
    expect(issue.params.validTo).toMatch(/^2026-01-01/);
    expect(issue.message).toContain('valid-to must not be before valid-from');
  });

  it.skipIf(skipReason)('says LSL is above USL, with both values', async () => {
    const res = await buyer.post('/api/v1/specifications', {
      product: 'NM-1',
      title: 'Housing',
      characteristics: [{ key: 'bore', name: 'Bore', unit: 'mm', nominal: null, lsl: 32.025, usl: 32.0 }],
    });
    expect(res.statusCode).toBe(400);
    const issue = res.json().error.issues.find((i: { path: string }) => i.path === 'characteristics.0.usl');
    expect(issue).toMatchObject({ code: 'lsl_above_usl', params: { lsl: 32.025, usl: 32 } });
    expect(issue.message).toContain('LSL (32.025) is above USL (32)');
  });

  it.skipIf(skipReason)('gives the minimum of a too-short field as a parameter', async () => {
    const res = await post(capacity({ title: '' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.find((i: { path: string }) => i.path === 'title')).toMatchObject({ code: 'too_small', params: { minimum: 1, origin: 'string' } });
  });
});
