import { nowMs } from '../../src/clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { signupClient, testApp, type Client } from '../support/http.js';

type Party = Client & { organizationId: string; userId: string; email: string };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(TEST_DATABASES)('buyer sincerity routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let supplier: Party;
  let otherSupplier: Party;
  let technical: Party;
  let priceOnly: Party;
  let technicalEngagement: string;
  let priceEngagement: string;
  let visitId: string;

  const open = async (buyer: Party, title: string, products: string[]) => {
    const e = await buyer.post('/api/v1/engagements', {
      supplierOrganizationId: supplier.organizationId,
      title,
      scope: { products, expectedVolumes: [{ product: products[0], quantity: 5000, period: 'month' }], destinationCountry: buyer === technical ? 'DE' : 'US' },
    });
    expect(e.statusCode, e.body).toBe(201);
    expect((await supplier.post(`/api/v1/engagements/${e.json().id}/response`, { decision: 'accept' })).statusCode).toBe(200);
    return e.json().id as string;
  };
  const ask = async (buyer: Party, engagementId: string, subject: string, body: string) => {
    const r = await buyer.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'technical_inquiry', subject, body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    otherSupplier = await signupClient(app, { name: 'Dongguan Other Parts', kind: 'supplier', country: 'CN' });
    technical = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    priceOnly = await signupClient(app, { name: 'Bargain Outdoor LLC', kind: 'buyer', country: 'US' });
    const site = await supplier.post(`/api/v1/organizations/${supplier.organizationId}/sites`, { name: 'Plant 1', address: '88 Xinghai Rd, Suzhou', country: 'CN', timeZone: 'Asia/Shanghai' });
    technicalEngagement = await open(technical, 'Pump housings', ['PH-200']);
    priceEngagement = await open(priceOnly, 'Burner housings, quote', ['BH-2']);
    await ask(technical, technicalEngagement, 'Bore tolerance', 'Can you hold Ø 32 H7 with your fixtures, and how do you verify it?');
    await ask(technical, technicalEngagement, 'Alloy', 'Do you keep EN 10204 3.1 certificates for the 6061-T6 bar?');
    await ask(technical, technicalEngagement, 'Ramp-up', 'What would limit your capacity at 12,000 a month, and what lead time from PO?');
    await ask(priceOnly, priceEngagement, 'Price', 'What is your best price per piece?');
    await ask(priceOnly, priceEngagement, 'Discount', 'Can you do USD 2.90?');
    const spec = await technical.post('/api/v1/specifications', {
      product: 'PH-200',
      title: 'Pump housing',
      note: 'From drawing PH-200 rev B',
      characteristics: [{ key: 'bore', name: 'Bore', unit: 'mm', nominal: 32.0125, lsl: 32, usl: 32.025, method: 'CMM, ISO 10360-2' }],
    });
    expect(spec.statusCode, spec.body).toBe(201);
    // Visits are requested from today on: two weeks ahead of whatever today is.
    const day = new Date(nowMs() + 14 * 86_400_000).toISOString().slice(0, 10);
    const visit = await technical.post(`/api/v1/engagements/${technicalEngagement}/visits`, { type: 'buyer_visit', siteId: site.json().id, start: `${day}T09:00`, end: `${day}T17:00` });
    expect(visit.statusCode, visit.body).toBe(201);
    visitId = visit.json().id;
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('ranks the supplier’s buyers, each signal with its value and the records behind it', async () => {
    const res = await supplier.get('/api/v1/buyers/sincerity');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list.map((b: { organizationId: string }) => b.organizationId)).toEqual([technical.organizationId, priceOnly.organizationId]);
    const [t, p] = list;
    expect(t.score).toBeGreaterThan(70);
    expect(p.score).toBeLessThan(20);
    expect(t.signals.map((s: { key: string }) => s.key)).toEqual([
      'technical_depth',
      'willingness_to_verify',
      'specification_clarity',
      'operations_understanding',
      'visit_questionnaire',
    ]);
    const depth = (b: typeof t) => b.signals.find((s: { key: string }) => s.key === 'technical_depth');
    // 3 of 3 technical, all three technical topics: 70 + 30.
    expect(depth(t)).toMatchObject({ value: 100, derivedValue: 100, judgement: null, weight: 30 });
    expect(depth(t).records).toHaveLength(3);
    expect(depth(t).records[0]).toMatchObject({ type: 'message', engagementId: technicalEngagement, label: 'Bore tolerance' });
    expect(depth(p)).toMatchObject({ value: 0, params: { priceOnly: 2 } });
    expect(depth(p).records.map((r: { tags: string[] }) => r.tags)).toEqual([['price'], ['price']]);
    const verify = t.signals.find((s: { key: string }) => s.key === 'willingness_to_verify');
    expect(verify.value).toBe(40);
    expect(verify.records[0]).toMatchObject({ type: 'visit', tags: ['requested'], points: 40 });
    const clarity = t.signals.find((s: { key: string }) => s.key === 'specification_clarity');
    // specification 40 + methods 20 × 1/1 + drawing referenced 20 + volumes 10 + destination 10
    expect(clarity.value).toBe(100);
    expect(t.signals.find((s: { key: string }) => s.key === 'operations_understanding').value).toBe(100);
    expect(t.signals.find((s: { key: string }) => s.key === 'visit_questionnaire').value).toBeNull();
    expect(t.engagements).toEqual([expect.objectContaining({ id: technicalEngagement, phase: 'credibility' })]);
    expect(t.disclosedAt).toBeNull();
  });

  it.skipIf(skipReason)('the visit page’s buyer signals carry the counts they are worded from (the web words them in the reader’s language)', async () => {
    const res = await supplier.get(`/api/v1/visits/${visitId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().buyerSignals).toEqual([
      expect.objectContaining({ id: 'technical_inquiries', value: 3, params: { inquiries: 3 } }),
      expect.objectContaining({ id: 'price_focus', value: 0, params: { inquiries: 3, priced: 0 } }),
      expect.objectContaining({ id: 'willingness_to_visit', value: true, params: { planned: 1, onSite: 1, remote: 0, held: 0 } }),
    ]);
  });

  it.skipIf(skipReason)('is the supplier’s alone: a buyer gets 403, another supplier sees none of these buyers', async () => {
    expect((await technical.get('/api/v1/buyers/sincerity')).statusCode).toBe(403);
    expect((await technical.get(`/api/v1/buyers/${technical.organizationId}/sincerity`)).statusCode).toBe(403);
    const other = await otherSupplier.get('/api/v1/buyers/sincerity');
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual([]);
    expect((await otherSupplier.get(`/api/v1/buyers/${technical.organizationId}/sincerity`)).statusCode).toBe(404);
    expect((await supplier.get(`/api/v1/buyers/${MISSING}/sincerity`)).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('the supplier’s judgement replaces a derived value, with its note, and can be removed', async () => {
    const url = `/api/v1/buyers/${priceOnly.organizationId}/sincerity/judgements/technical_depth`;
    const before = (await supplier.get(`/api/v1/buyers/${priceOnly.organizationId}/sincerity`)).json();
    const judged = await supplier.request('PUT', url, { value: 60, note: 'Asked about the alloy on the phone' });
    expect(judged.statusCode, judged.body).toBe(200);
    const s = judged.json().signals[0];
    expect(s).toMatchObject({ key: 'technical_depth', value: 60, derivedValue: 0, judgement: { value: 60, note: 'Asked about the alloy on the phone', by: { id: supplier.userId } } });
    expect(judged.json().score).toBeGreaterThan(before.score);

    const bad = await supplier.request('PUT', url, { value: 101, note: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toContain('value');
    expect((await supplier.request('PUT', `/api/v1/buyers/${priceOnly.organizationId}/sincerity/judgements/price`, { value: 10, note: 'x' })).statusCode).toBe(400);
    expect((await supplier.request('PUT', url, { value: 50 })).statusCode).toBe(400);
    // Not a buyer of this supplier: 404 exactly like a missing one.
    expect((await otherSupplier.request('PUT', `/api/v1/buyers/${priceOnly.organizationId}/sincerity/judgements/technical_depth`, { value: 50, note: 'x' })).statusCode).toBe(404);
    expect((await supplier.request('PUT', `/api/v1/buyers/${otherSupplier.organizationId}/sincerity/judgements/technical_depth`, { value: 50, note: 'x' })).statusCode).toBe(404);
    expect((await priceOnly.request('PUT', url, { value: 100, note: 'I am sincere' })).statusCode).toBe(403);

    const cleared = await supplier.del(url);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().signals[0]).toMatchObject({ value: 0, judgement: null });
    expect((await supplier.del(url)).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('admins set the weights; bad weights answer 400 with the field', async () => {
    const w = await supplier.get('/api/v1/buyers/sincerity/weights');
    expect(w.json()).toMatchObject({ weights: { technical_depth: 30 }, defaults: { technical_depth: 30 }, updatedAt: null });
    const weights = { technical_depth: 0, willingness_to_verify: 0, specification_clarity: 100, operations_understanding: 0, visit_questionnaire: 0 };
    const put = await supplier.request('PUT', '/api/v1/buyers/sincerity/weights', { weights });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ weights, updatedBy: { id: supplier.userId } });
    // Only clarity counts now: the price-only buyer stated volumes and destination (10 + 10).
    const p = (await supplier.get(`/api/v1/buyers/${priceOnly.organizationId}/sincerity`)).json();
    expect(p.score).toBe(20);

    const zero = await supplier.request('PUT', '/api/v1/buyers/sincerity/weights', { weights: { ...weights, specification_clarity: 0 } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.issues[0].path).toBe('weights');
    const unknown = await supplier.request('PUT', '/api/v1/buyers/sincerity/weights', { weights: { ...weights, price: 5 } });
    expect(unknown.statusCode).toBe(400);
    const fraction = await supplier.request('PUT', '/api/v1/buyers/sincerity/weights', { weights: { ...weights, technical_depth: 2.5 } });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.json().error.issues[0].path).toBe('weights.technical_depth');
    expect((await technical.request('PUT', '/api/v1/buyers/sincerity/weights', { weights })).statusCode).toBe(403);
    await supplier.request('PUT', '/api/v1/buyers/sincerity/weights', { weights: w.json().defaults });
  });

  it.skipIf(skipReason)('the buyer sees its assessment only while the supplier discloses it', async () => {
    expect((await technical.get('/api/v1/sincerity/disclosed')).json()).toEqual([]);
    const shared = await supplier.request('PUT', `/api/v1/buyers/${technical.organizationId}/sincerity/disclosure`, { shared: true });
    expect(shared.statusCode).toBe(200);
    expect(shared.json().disclosedAt).not.toBeNull();
    const seen = (await technical.get('/api/v1/sincerity/disclosed')).json();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ supplier: { id: supplier.organizationId }, band: 'high' });
    expect(seen[0].signals).toHaveLength(5);
    // The other buyer sees nothing of it.
    expect((await priceOnly.get('/api/v1/sincerity/disclosed')).json()).toEqual([]);
    await supplier.request('PUT', `/api/v1/buyers/${technical.organizationId}/sincerity/disclosure`, { shared: false });
    expect((await technical.get('/api/v1/sincerity/disclosed')).json()).toEqual([]);
  });
});
