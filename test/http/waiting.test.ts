// What waits for each side, over HTTP on both databases: a new engagement for the supplier, a visit to confirm
// (and dates proposed back for the buyer), technical inquiries unanswered, evidence asked for; each count goes
// down when it is answered, and nothing of one organization waits for another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { engagementWorld, type EngagementWorld } from '../support/factories.js';
import { testApp, type Client } from '../support/http.js';

async function waiting(c: Client) {
  const r = await c.get('/api/v1/waiting');
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json() as { total: number; items: { kind: string; count: number; engagements: { id: string; title: string; count: number }[] }[] };
  return { total: body.total, ...Object.fromEntries(body.items.map((i) => [i.kind, i])) } as Record<string, any>;
}

describe.each(TEST_DATABASES)('waiting counts on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: EngagementWorld;
  let restoreClock = () => {};

  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock({ nowMs: () => Date.parse('2026-07-01T06:00:00Z') });
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await engagementWorld(app, { accepted: false });
  });
  afterAll(async () => {
    if (skipReason) return;
    restoreClock();
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('counts what each side must answer and lowers it once answered', async () => {
    const { buyer, supplier, stranger, engagementId, siteId } = w;
    // A buyer opened an engagement: the supplier has a request to answer.
    let s = await waiting(supplier);
    expect(s.requests).toMatchObject({ count: 1, engagements: [{ id: engagementId, count: 1 }] });
    expect(s.total).toBe(1);
    expect((await waiting(buyer)).total).toBe(0);
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(200);
    expect((await waiting(supplier)).requests.count).toBe(0);

    // Two technical inquiries from the buyer, one answered; a file asked for; a visit requested.
    const q1 = (await buyer.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'technical_inquiry', subject: 'Bore tolerance', body: 'Can you hold H7?' })).json();
    await buyer.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'technical_inquiry', subject: 'Anodising', body: 'Which thickness?' });
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'response', body: 'Yes.', inReplyTo: q1.id })).statusCode).toBe(201);
    const request = await buyer.post(`/api/v1/engagements/${engagementId}/file-requests`, { title: 'Your control plan' });
    expect(request.statusCode, request.body).toBe(201);
    const visit = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2026-09-14T09:00', end: '2026-09-15T17:00' });
    expect(visit.statusCode, visit.body).toBe(201);

    s = await waiting(supplier);
    expect(s.messages).toMatchObject({ count: 1, engagements: [{ id: engagementId, count: 1 }] });
    expect(s.evidence.count).toBe(1);
    expect(s.visits.count).toBe(1);
    expect(s.total).toBe(3);
    // The buyer's own inquiries and requests do not wait for the buyer; nothing waits for a stranger.
    expect((await waiting(buyer)).total).toBe(0);
    expect((await waiting(stranger)).total).toBe(0);

    // The supplier proposes other dates: the visit now waits for the buyer.
    const counter = await supplier.post(`/api/v1/visits/${visit.json().id}/response`, { decision: 'propose', reason: 'Maintenance shutdown that week', proposedDates: [{ start: '2026-09-21T09:00', end: '2026-09-22T17:00' }] });
    expect(counter.statusCode, counter.body).toBe(200);
    expect((await waiting(supplier)).visits.count).toBe(0);
    expect((await waiting(buyer)).visits).toMatchObject({ count: 1, engagements: [{ id: engagementId }] });
  });
});
