// A visit is requested from today on (by the site's calendar), and what is observed on it is dated inside it:
// a request for January 2020 is refused instead of listed as upcoming, and a capacity "observed" a week before
// the visit is refused instead of contradicting a claim.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { signupClient, testApp, type Client } from '../support/http.js';
import { story } from '../support/story.js';

type Party = Client & { organizationId: string };

describe.each(TEST_DATABASES)('visit dates on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let buyer: Party;
  let supplier: Party;
  let engagementId: string;
  let siteId: string;
  let claimId: string;
  let visitId: string;
  // A running clock the story moves between days (Asia/Shanghai is UTC+8).
  let offset = Date.parse('2026-03-02T02:00:00Z') - Date.now();
  const clock = { nowMs: () => Date.now() + offset, set: (iso: string) => void (offset = Date.parse(iso) - Date.now()) };
  let restoreClock = () => {};
  const count = (id = randomUUID()) => ({
    clientId: id,
    claimId,
    inputs: { lines: 1, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 40, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' },
  });

  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(clock);
    ctx = await createTestContext(name);
    ctx.config.sessionTtlHours = 24 * 365;
    app = await testApp(ctx);
    buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    const org = `/api/v1/organizations/${supplier.organizationId}`;
    siteId = (await supplier.post(`${org}/sites`, { name: 'Plant 1', address: '88 Xinghai Rd, Suzhou', country: 'CN', timeZone: 'Asia/Shanghai' })).json().id;
    claimId = (await supplier.post(`${org}/claims`, { type: 'capacity', title: 'Housings, line A', productLine: 'line A', value: 40000, unit: 'pcs', period: 'month', statedLimit: 44000 })).json().id;
    engagementId = (
      await buyer.post('/api/v1/engagements', {
        supplierOrganizationId: supplier.organizationId,
        title: 'Pump housings',
        scope: { products: ['Housing PH-200'], productLines: ['line A'], destinationCountry: 'DE', productMaturity: 'custom' },
      })
    ).json().id;
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    if (skipReason) return;
    restoreClock();
    await app.close();
    await ctx.cleanup();
  });

  step('refuses a visit requested for a day already past at the site, saying which day', async () => {
    const past = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2020-01-13T09:00', end: '2020-01-13T17:00' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.issues).toEqual([expect.objectContaining({ path: 'start', code: 'visit_in_past', params: { start: '2020-01-13', today: '2026-03-02' } })]);
    // Today at the site is fine (a visit under way), also at an hour already gone.
    const today = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'remote_video', siteId, start: '2026-03-02T08:00', end: '2026-03-02T09:00' });
    expect(today.statusCode, today.body).toBe(201);
    const listed = (await buyer.get(`/api/v1/visits?engagementId=${engagementId}`)).json();
    expect(listed.map((v: { plannedStart: string }) => v.plannedStart.slice(0, 4))).not.toContain('2020');
  });

  step('refuses dates in the past when the supplier proposes others or the buyer reschedules', async () => {
    const v = (await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2026-03-16T09:00', end: '2026-03-16T17:00' })).json();
    const proposed = await supplier.post(`/api/v1/visits/${v.id}/response`, { decision: 'propose', reason: 'shutdown', proposedDates: [{ start: '2026-02-23T09:00', end: '2026-02-23T17:00' }] });
    expect(proposed.statusCode).toBe(400);
    expect(proposed.json().error.issues[0]).toMatchObject({ path: 'proposedDates.0.start', code: 'visit_in_past' });
  });

  step('does not let a capacity be observed before the visit, and dates a late write-up inside it', async () => {
    const v = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2026-03-10T09:00', end: '2026-03-10T17:00' });
    expect(v.statusCode, v.body).toBe(201);
    visitId = v.json().id;
    expect((await supplier.post(`/api/v1/visits/${visitId}/response`, { decision: 'confirm' })).statusCode).toBe(200);

    const early = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, count());
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ reason: { code: 'observed_before_visit', params: { start: '2026-03-10', today: '2026-03-02' } } });
    const earlyAnswer = await buyer.request('PUT', `/api/v1/visits/${visitId}/answers/cap.lines`, { clientId: randomUUID(), clientUpdatedAt: '2026-03-02T02:00:00.000Z', value: 2 });
    expect(earlyAnswer.statusCode).toBe(409);
    const claim = (await buyer.get(`/api/v1/organizations/${supplier.organizationId}/claims`)).json().find((c: { id: string }) => c.id === claimId);
    expect(claim.status).toBe('unverified');

    clock.set('2026-03-10T03:00:00Z'); // 11:00 at the plant, on the day
    const onTheDay = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, count());
    expect(onTheDay.statusCode, onTheDay.body).toBe(201);

    clock.set('2026-04-10T03:00:00Z'); // a recount typed up a month later is dated at the visit's end
    const late = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, count());
    expect(late.statusCode, late.body).toBe(201);
    const evidence = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json().filter((e: { attributes: { visitId?: string } }) => e.attributes.visitId === visitId);
    const dated = evidence.map((e: { issuedAt: string }) => e.issuedAt);
    expect(dated).toContain('2026-03-10T09:00:00.000Z'); // 17:00 at the plant
    for (const d of dated) expect(Date.parse(d)).toBeLessThanOrEqual(Date.parse('2026-03-10T09:00:00.000Z'));
  });
});
