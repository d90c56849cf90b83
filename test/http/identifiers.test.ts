import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp } from '../support/http.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe.each(TEST_DATABASES)('registration identifiers and certification search on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('refuses an identifier with a wrong check digit, naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'idcheck@example.com',
        password: 'correct horse battery',
        displayName: 'X',
        organization: { name: 'Check Digit Co', kind: 'supplier', country: 'CN', identifiers: [{ scheme: 'lei', value: '5493001KJTIIGC8Y1R13' }] },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('organization.identifiers.0.value');
  });

  it.skipIf(skipReason)('tells a valid format apart from confirmation by a registry extract the viewer can see', async () => {
    const supplier = await signupClient(app, { name: 'Shenzhen Registry Test', kind: 'supplier', country: 'CN' });
    const buyer = await signupClient(app, { name: 'Registry Buyer', kind: 'buyer', country: 'FR' });
    await supplier.patch('/api/v1/organization', { identifiers: [{ scheme: 'cn-uscc', value: '91330200MA2H2KGP8X' }] });
    let ids = (await buyer.get(`/api/v1/organizations/${supplier.organizationId}/identifiers`)).json();
    expect(ids[0]).toMatchObject({ scheme: 'cn-uscc', formatValid: true, checkDigit: true, registryExtract: null });

    const e = (await buyer.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'x', scope: { products: ['p'], destinationCountry: 'FR' } })).json();
    await supplier.post(`/api/v1/engagements/${e.id}/response`, { decision: 'accept' });
    const up = multipart('extract.pdf', PDF);
    const file = (await supplier.request('POST', '/api/v1/files', up.payload, up.headers)).json();
    await supplier.post(`/api/v1/engagements/${e.id}/evidence`, {
      kind: 'registration', provenance: 'documented', title: 'Registry extract', issuedAt: '2026-10-01', attributes: { identifier: '91330200MA2H2KGP8X' }, fileIds: [file.id],
    });
    ids = (await buyer.get(`/api/v1/organizations/${supplier.organizationId}/identifiers`)).json();
    expect(ids[0].registryExtract).toMatchObject({ title: 'Registry extract', provenance: 'documented' });
    // Someone outside the engagement sees the check digit, not the confirmation.
    const outsider = await signupClient(app, { name: 'Outsider', kind: 'buyer', country: 'US' });
    expect((await outsider.get(`/api/v1/organizations/${supplier.organizationId}/identifiers`)).json()[0].registryExtract).toBeNull();
    expect((await outsider.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000/identifiers')).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('finds suppliers by certification', async () => {
    const s = await signupClient(app, { name: 'Certified Castings', kind: 'supplier', country: 'VN' });
    await s.post(`/api/v1/organizations/${s.organizationId}/claims`, { type: 'certification', title: 'ISO 13485', attributes: { standard: 'ISO 13485' } });
    const b = await signupClient(app, { name: 'Cert Buyer', kind: 'buyer', country: 'DE' });
    const hits = (await b.get('/api/v1/organizations?kind=supplier&certification=iso%2013485')).json();
    expect(hits.map((o: { name: string }) => o.name)).toEqual(['Certified Castings']);
    expect((await b.get('/api/v1/organizations?kind=supplier&certification=IATF%2016949')).json()).toEqual([]);
  });
});
