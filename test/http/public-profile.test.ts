import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp, type Client } from '../support/http.js';
import { story } from '../support/story.js';

type Party = Client & { organizationId: string; userId: string; email: string };
const START = '2026-03-02T09:00:00.000Z';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe.each(TEST_DATABASES)('public verified profile on $name', ({ name, skipReason }) => {
  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  let ctx: TestContext;
  let app: App;
  let supplier: Party;
  let otherSupplier: Party;
  let buyer: Party;
  let siteId: string;
  let hiddenSiteId: string;
  let iso: string;
  let capacity: string;
  let moq: string;
  let leadTime: string;
  let limitation: string;
  let privateClaim: string;
  let certificate: string;
  let privateEvidence: string;
  let restoreClock: () => void;
  const anonymous = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(fixedClock(START));
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    supplier = await signupClient(app, { name: 'Ningbo Test Precision Co., Ltd.', kind: 'supplier', country: 'CN' });
    otherSupplier = await signupClient(app, { name: 'Other Works', kind: 'supplier', country: 'CN' });
    buyer = await signupClient(app, { name: 'Nordtest Medical', kind: 'buyer', country: 'DE' });
    const org = `/api/v1/organizations/${supplier.organizationId}`;
    siteId = (await supplier.post(`${org}/sites`, { name: 'Beilun Plant 1', address: '16 Mingzhou West Road, Ningbo', country: 'CN', timeZone: 'Asia/Shanghai', processes: ['5-axis CNC machining'], headcount: 312 })).json().id;
    hiddenSiteId = (await supplier.post(`${org}/sites`, { name: 'Secret Prototype Shop', address: 'Cixi', country: 'CN', timeZone: 'Asia/Shanghai' })).json().id;
    const claim = async (body: Record<string, unknown>) => {
      const r = await supplier.post(`${org}/claims`, body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    iso = await claim({ type: 'certification', title: 'ISO 13485:2016 certified', attributes: { standard: 'ISO 13485' } });
    capacity = await claim({ type: 'capacity', title: 'Housings, line 1', productLine: 'Line 1', siteId, value: 24000, unit: 'pcs', period: 'month', statedLimit: 26000 });
    moq = await claim({ type: 'moq', title: 'Minimum order per part number', value: 2000, unit: 'pcs' });
    leadTime = await claim({ type: 'lead_time', title: 'Lead time PO to FOB', value: 35, unit: 'days' });
    limitation = await claim({ type: 'limitation', title: 'Anodising is subcontracted, at most 8,000 parts a week' });
    privateClaim = await claim({ type: 'capacity', title: 'Confidential line 9 for a defence customer', productLine: 'Line 9', value: 1000, unit: 'pcs', period: 'month' });
    const up = multipart('iso13485.txt', Buffer.from('Certificate SX 60158732 0001'));
    const file = (await supplier.request('POST', '/api/v1/files', up.payload, up.headers)).json().id;
    const cert = await supplier.post('/api/v1/evidence', {
      kind: 'certificate',
      provenance: 'documented',
      title: 'ISO 13485:2016 certificate SX 60158732 0001',
      issuer: 'TÜV Rheinland (Shanghai)',
      validTo: '2026-04-20',
      fileIds: [file],
      links: [{ claimId: iso, effect: 'supports' }],
    });
    expect(cert.statusCode, cert.body).toBe(201);
    certificate = cert.json().id;
    const word = await supplier.post('/api/v1/evidence', { kind: 'testimonial', provenance: 'self_declared', title: 'Our MOQ policy', fileIds: [], links: [{ claimId: moq, effect: 'supports' }] });
    privateEvidence = word.json().id;
    // A buyer counts line 1 on site: observed, in their engagement.
    const e = (await buyer.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'Housings', scope: { products: ['H-1'], destinationCountry: 'DE' } })).json();
    await supplier.post(`/api/v1/engagements/${e.id}/response`, { decision: 'accept' });
    const seen = await buyer.post(`/api/v1/engagements/${e.id}/evidence`, {
      kind: 'visit_observation',
      provenance: 'observed',
      title: 'Line 1 counted on site: 23,600 a month',
      fileIds: [],
      links: [{ claimId: capacity, effect: 'supports', observedValue: 23600 }],
    });
    expect(seen.statusCode, seen.body).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    restoreClock();
    await app.close();
    await ctx.cleanup();
  });

  step('nothing is public until the supplier publishes; the address is suggested from its name', async () => {
    const s = await supplier.get('/api/v1/public-profile');
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ slug: 'ningbo-test-precision-co-ltd', published: false, claims: [], path: '/public/suppliers/ningbo-test-precision-co-ltd' });
    const page = await anonymous('/public/suppliers/ningbo-test-precision-co-ltd');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect((await anonymous('/public/suppliers/ningbo-test-precision-co-ltd.json')).statusCode).toBe(404);
  });

  step('the supplier chooses what is public; bad choices answer 4xx with the field', async () => {
    const body = { slug: 'ningbo-test', published: true, headline: 'Machined aluminium housings for medical devices', claims: [iso, capacity, moq, leadTime, limitation], evidence: [certificate], sites: [siteId] };
    const cases: [unknown, number, string][] = [
      [{ ...body, claims: [iso, '00000000-0000-4000-8000-000000000000'] }, 400, 'claims.1'],
      [{ ...body, evidence: [privateEvidence, '00000000-0000-4000-8000-000000000000'] }, 400, 'evidence.1'],
      [{ ...body, sites: ['00000000-0000-4000-8000-000000000000'] }, 400, 'sites.0'],
      [{ ...body, slug: 'Not A Slug!' }, 400, 'slug'],
      [{ ...body, slug: 'ab' }, 400, 'slug'],
    ];
    for (const [b, status, path] of cases) {
      const r = await supplier.request('PUT', '/api/v1/public-profile', b);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await buyer.request('PUT', '/api/v1/public-profile', body)).statusCode).toBe(403);
    const saved = await supplier.request('PUT', '/api/v1/public-profile', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ slug: 'ningbo-test', published: true, publishedAt: START, claims: expect.arrayContaining([iso, capacity]) });
    const taken = await otherSupplier.request('PUT', '/api/v1/public-profile', { ...body, claims: [], evidence: [], sites: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.issues[0].path).toBe('slug');
  });

  step('the JSON form: each claim with its standing and strongest provenance, nothing unverified as verified, no ids, nothing unchosen', async () => {
    const r = await anonymous('/public/suppliers/ningbo-test.json');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.body).not.toMatch(UUID);
    expect(r.body).not.toContain('Confidential line 9');
    expect(r.body).not.toContain('Secret Prototype Shop');
    expect(r.body).not.toContain('Our MOQ policy');
    const p = r.json();
    expect(p).toMatchObject({ name: 'Ningbo Test Precision Co., Ltd.', headline: 'Machined aluminium housings for medical devices', publishedAt: START });
    const byTitle = new Map(p.claims.map((c: { title: string }) => [c.title, c]));
    expect(byTitle.get('ISO 13485:2016 certified')).toMatchObject({
      status: 'supported',
      verified: true,
      strongest: { provenance: 'documented', source: 'issuer', month: '2026-03', kind: 'certificate' },
      summary: 'Certificate documented, valid until 2026-04-20.',
    });
    expect(byTitle.get('Housings, line 1')).toMatchObject({
      verified: true,
      value: 24000,
      statedLimit: 26000,
      strongest: { provenance: 'observed', source: 'buyer', kind: 'visit_observation' },
      summary: 'Observed on site by a buyer, March 2026.',
    });
    // Supported only by the supplier's own word: shown, never as verified.
    expect(byTitle.get('Minimum order per part number')).toMatchObject({ status: 'supported', verified: false, summary: 'Self-declared by the supplier; not verified.' });
    expect(byTitle.get('Lead time PO to FOB')).toMatchObject({ status: 'unverified', verified: false, strongest: null });
    expect(p.claims.some((c: { type: string }) => c.type === 'limitation')).toBe(false);
    expect(p.limitations).toEqual([{ title: 'Anodising is subcontracted, at most 8,000 parts a week', since: '2026-03-02' }]);
    expect(p.evidence).toEqual([expect.objectContaining({ kind: 'certificate', title: 'ISO 13485:2016 certificate SX 60158732 0001', validity: 'expiring_60' })]);
    expect(p.evidence[0].sha256[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(p.expiring).toEqual([{ title: 'ISO 13485:2016 certificate SX 60158732 0001', kind: 'certificate', validTo: '2026-04-20T00:00:00.000Z', daysLeft: 49 }]);
    expect(p.credentials).toEqual([]);
    expect(p.credentialsNote).toMatch(/No track-record credential/);
    expect(p.sites).toEqual([expect.objectContaining({ name: 'Beilun Plant 1', headcount: 312, facilityRecord: 'http://localhost:80/public/suppliers/ningbo-test/facilities.json#beilun-plant-1' })]);
  });

  step('the HTML page opens without an account, in English or Chinese, and shows only what was published', async () => {
    const en = await anonymous('/public/suppliers/ningbo-test');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toMatch(/^text\/html/);
    expect(en.body).toContain('Ningbo Test Precision Co., Ltd.');
    expect(en.body).toContain('Observed on site by a buyer, March 2026.');
    expect(en.body).toContain('Anodising is subcontracted');
    expect(en.body).not.toContain('Confidential line 9');
    expect(en.body).not.toContain('Secret Prototype Shop');
    expect(en.body).not.toMatch(UUID);
    expect((en.body.match(/data-standing="verified"/g) ?? []).length).toBe(2);
    const zh = await anonymous('/public/suppliers/ningbo-test?lang=zh-CN');
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('2026年3月由一位采购商现场观察核实。');
    expect(zh.body).toContain('已核实');
    const negotiated = await anonymous('/public/suppliers/ningbo-test', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(negotiated.body).toContain('<html lang="zh-CN">');
    // A name with markup is escaped, never run.
    await supplier.request('PUT', '/api/v1/public-profile', { slug: 'ningbo-test', published: true, headline: '<script>alert(1)</script>', claims: [iso], evidence: [], sites: [siteId] });
    const escaped = await anonymous('/public/suppliers/ningbo-test');
    expect(escaped.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escaped.body).not.toContain('<script>');
  });

  step('a UNTP Digital Facility Record of each published site', async () => {
    const r = await anonymous('/public/suppliers/ningbo-test/facilities.json');
    expect(r.statusCode).toBe(200);
    const records = r.json();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: ['DigitalFacilityRecord', 'VerifiableCredential'],
      issuer: { id: 'did:web:localhost:public:suppliers:ningbo-test', name: 'Ningbo Test Precision Co., Ltd.' },
      credentialSubject: { type: ['FacilityRecord'], name: 'Beilun Plant 1', countryOfOperation: 'CN', address: { addressCountry: 'CN' } },
    });
    expect(records[0].credentialSubject.conformityClaim).toEqual([expect.objectContaining({ conformityTopic: 'governance.compliance', conformance: true })]);
    expect(r.body).not.toMatch(UUID);
  });

  step('a track-record credential from another buyer shows while it verifies, and goes when its issuer revokes it', async () => {
    const other = await signupClient(app, { name: 'Alpine Infusion AG', kind: 'buyer', country: 'CH' });
    const e = (await other.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'Pump covers', scope: { products: ['PC-1'], destinationCountry: 'CH' } })).json();
    await supplier.post(`/api/v1/engagements/${e.id}/response`, { decision: 'accept' });
    for (const expectedPhase of ['credibility', 'capability_validation', 'operational_compatibility']) {
      const g = await other.post(`/api/v1/engagements/${e.id}/gates`, { decision: 'advance', expectedPhase, rationale: 'Good record', override: true, overrideReason: 'Known supplier' });
      expect(g.statusCode, g.body).toBe(201);
    }
    const timeline = (await other.get(`/api/v1/engagements/${e.id}`)).json().timeline as { id: string; toPhase: string }[];
    const opened = timeline.find((d) => d.toPhase === 'partnership')!;
    const issued = await other.post(`/api/v1/engagements/${e.id}/credentials`, { source: { kind: 'partnership_review', id: opened.id } });
    expect(issued.statusCode, issued.body).toBe(201);
    const held = (await supplier.get('/api/v1/credentials')).json().find((c: { kind: string }) => c.kind === 'track_record');
    const bad = await supplier.request('PUT', '/api/v1/public-profile', { slug: 'ningbo-test', published: true, claims: [iso], evidence: [], sites: [siteId], credentials: [certificate] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('credentials.0');
    const ok = await supplier.request('PUT', '/api/v1/public-profile', { slug: 'ningbo-test', published: true, claims: [iso], evidence: [], sites: [siteId], credentials: [held.id] });
    expect(ok.statusCode, ok.body).toBe(200);
    const p = (await anonymous('/public/suppliers/ningbo-test.json')).json();
    expect(p.credentials).toEqual([expect.objectContaining({ issuer: 'Alpine Infusion AG', verified: true, review: 'partnership review: advanced to partnership' })]);
    expect(p.credentialsNote).toBeNull();
    expect(JSON.stringify(p)).not.toMatch(UUID);
    expect((await anonymous('/public/suppliers/ningbo-test')).body).toContain('Alpine Infusion AG');
    const revoked = await other.post(`/api/v1/credentials/${held.id.replace("urn:uuid:", "")}/revoke`, { reason: 'Issued in error' });
    expect(revoked.statusCode, revoked.body).toBeLessThan(300);
    const after = (await anonymous('/public/suppliers/ningbo-test.json')).json();
    expect(after.credentials).toEqual([]);
  });

  step('taking the profile down answers 404 at once', async () => {
    await supplier.request('PUT', '/api/v1/public-profile', { slug: 'ningbo-test', published: false, claims: [iso], evidence: [], sites: [] });
    expect((await anonymous('/public/suppliers/ningbo-test')).statusCode).toBe(404);
    expect((await anonymous('/public/suppliers/ningbo-test.json')).statusCode).toBe(404);
    expect((await anonymous('/public/suppliers/ningbo-test/facilities.json')).statusCode).toBe(404);
    expect((await anonymous('/public/suppliers/no-such-supplier.json')).statusCode).toBe(404);
    // The preview still shows the supplier what would be public.
    const preview = await supplier.get('/api/v1/public-profile/preview');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().claims.map((c: { title: string }) => c.title)).toEqual(['ISO 13485:2016 certified']);
  });
});
