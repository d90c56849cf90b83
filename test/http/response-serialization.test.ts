import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MeView } from '../../src/contracts/accounts.js';
import { EngagementView } from '../../src/contracts/engagements.js';
import { buildApp } from '../../src/http/app.js';
import type { App, RoutePlugin } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { signupClient } from '../support/http.js';

// Answers are checked against their response schema and written from what the check returns, through schemas
// compiled by z.compile (src/http/compiled-schemas.ts): the same text as Zod's interpreter gives, and an answer
// that breaks its contract is never sent.
const Thing = z.object({ id: z.string().uuid(), n: z.number().int(), note: z.string().nullable(), tag: z.enum(['a', 'b']).optional(), at: z.string().datetime({ offset: true }) });
const ID = '7b0c2f6e-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
const AT = '2026-12-06T08:00:00.000Z';
const answers: Record<string, unknown> = {
  // Keys out of order, an unknown key, an optional key present but undefined: written in schema order, without them.
  shaped: { at: AT, extra: 'not in the contract', note: null, n: 3, tag: undefined, id: ID },
  full: { id: ID, n: -1, note: 'Ø 32 H7 为期 "quoted"\n', tag: 'b', at: AT },
  wrongType: { id: ID, n: 1.5, note: null, at: AT },
  badFormat: { id: 'not-a-uuid', n: 1, note: null, at: AT },
  missing: { id: ID, n: 1, at: AT },
};
const testRoutes: RoutePlugin = (app) => {
  app.get('/api/v1/test-answers/:name', { schema: { params: z.object({ name: z.string() }), response: { 200: Thing } } }, async (req) => answers[req.params.name] as z.infer<typeof Thing>);
  app.get('/api/v1/test-answers-list', { schema: { response: { 200: z.array(Thing) } } }, async () => [answers.shaped, answers.full] as z.infer<typeof Thing>[]);
};

describe.each(TEST_DATABASES)('response serialization on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await buildApp(ctx, { routes: [testRoutes] });
    await app.ready();
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)("writes what Zod's parse returns: schema order, unknown and undefined keys left out", async () => {
    for (const n of ['shaped', 'full']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/test-answers/${n}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(JSON.stringify(Thing.parse(answers[n])));
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/test-answers/shaped' })).body).toBe(`{"id":"${ID}","n":3,"note":null,"at":"${AT}"}`);
    const list = await app.inject({ method: 'GET', url: '/api/v1/test-answers-list' });
    expect(list.body).toBe(JSON.stringify(z.array(Thing).parse([answers.shaped, answers.full])));
  });

  it.skipIf(skipReason)('answers 500 without the body when an answer breaks its contract', async () => {
    for (const n of ['wrongType', 'badFormat', 'missing']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/test-answers/${n}` });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'internal error' } });
    }
  });

  it.skipIf(skipReason)("real answers are the interpreter's text: /me and the engagement list", async () => {
    const buyer = await signupClient(app, { name: 'Serial Buyer GmbH', kind: 'buyer', country: 'DE' });
    const supplier = await signupClient(app, { name: 'Serial Supplier Ltd', kind: 'supplier', country: 'CN' });
    const opened = await buyer.post('/api/v1/engagements', {
      title: 'Housings',
      supplierOrganizationId: supplier.organizationId,
      scope: { products: ['Housing A'], destinationCountry: 'DE', productMaturity: 'custom' },
    });
    expect(opened.statusCode).toBe(201);
    const me = await buyer.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.body).toBe(JSON.stringify(MeView.parse(me.json())));
    const list = await buyer.get('/api/v1/engagements');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(list.body).toBe(JSON.stringify(z.array(EngagementView).parse(list.json())));
  });
});
