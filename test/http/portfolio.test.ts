// The portfolio (home page) over HTTP on both databases: the buyer's panels and filters, the supplier's buyers and
// obligations, CSV export, who may read it — and that the number of queries does not grow with engagements.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { overduePanel } from '../../src/services/portfolio/buyer-panels.js';
import { getPortfolio } from '../../src/services/portfolio/portfolio.js';
import { loadScope } from '../../src/services/portfolio/scope.js';
import type { Actor } from '../../src/services/shared/authz.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { signupClient, testApp } from '../support/http.js';
import { DELIVERIES_CSV, NOW, ORDERS_CSV, pilotIn, pilotWorld, upload, type PilotWorld } from '../fixtures/pilots/setup.js';

describe.each(TEST_DATABASES)('portfolio on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: PilotWorld;
  let restoreClock: () => void;
  let pilot: { engagementId: string; pilotId: string };
  let claimId: string;

  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(fixedClock(NOW));
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await pilotWorld(app);
    // A running pilot whose imported deliveries miss OTD and PPM; its month-1 and mid-point reviews are overdue.
    pilot = await pilotIn(app, ctx, w);
    expect((await upload(w.buyer, `/api/v1/engagements/${pilot.engagementId}/imports?kind=orders`, ORDERS_CSV)).statusCode).toBe(201);
    expect((await upload(w.buyer, `/api/v1/engagements/${pilot.engagementId}/imports?kind=deliveries`, DELIVERIES_CSV)).statusCode).toBe(201);
    // A capacity claim contradicted by what the buyer observed, and evidence that expires in 30 days.
    const claim = await w.supplier.post(`/api/v1/organizations/${w.supplier.organizationId}/claims`, { type: 'capacity', title: 'Housings, Line A', productLine: 'Line A housings', value: 20000, unit: 'pcs', period: 'month', statedLimit: 22000 });
    expect(claim.statusCode).toBe(201);
    claimId = claim.json().id;
    const observed = await w.buyer.post(`/api/v1/engagements/${pilot.engagementId}/evidence`, {
      kind: 'visit_observation',
      provenance: 'observed',
      title: 'Line A counted at 11,000 a month',
      subjectOrganizationId: w.supplier.organizationId,
      links: [{ claimId, effect: 'contradicts', observedValue: 11000 }],
    });
    expect(observed.statusCode, observed.body).toBe(201);
    const expiring = await w.buyer.post(`/api/v1/engagements/${pilot.engagementId}/evidence`, {
      kind: 'kpi_measurement',
      provenance: 'observed',
      title: 'Incoming inspection summary Q1',
      subjectOrganizationId: w.supplier.organizationId,
      validFrom: '2026-04-01',
      validTo: '2026-07-15',
    });
    expect(expiring.statusCode, expiring.body).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
    restoreClock();
  });

  it.skipIf(skipReason)('shows the buyer its engagements by phase, pilots at risk, expiring evidence, contradicted claims and overdue items', async () => {
    const r = await w.buyer.get('/api/v1/portfolio');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.role).toBe('buyer');
    expect(p.engagementsByPhase).toEqual([{ phase: 'operational_compatibility', count: 1 }]);
    expect(p.pilotsAtRisk).toMatchObject({ total: 1, running: 1, kpiStatus: { met: 0, at_risk: 0, missed: 4, no_data: 0 } });
    expect(p.pilotsAtRisk.items[0]).toMatchObject({ pilotId: pilot.pilotId, engagement: { id: pilot.engagementId, counterpart: { name: 'Suzhou Apex Machining', country: 'CN' } } });
    expect(p.pilotsAtRisk.items[0].kpis.map((k: any) => [k.key, k.value, k.status])).toEqual([
      ['otd', 80, 'missed'],
      ['defect_ppm', 210526, 'missed'],
      ['lot_acceptance', 80, 'missed'],
      ['acceptance_rate', 78.95, 'missed'],
    ]);
    expect(p.expiringEvidence).toMatchObject({ total: 1, items: [{ title: 'Incoming inspection summary Q1', daysLeft: 29 }] });
    expect(p.contradictedClaims).toMatchObject({ total: 1, items: [{ claimId, title: 'Housings, Line A', engagement: { id: pilot.engagementId } }] });
    expect(p.overdue.items.map((i: any) => [i.kind, i.daysOverdue])).toEqual([
      ['evaluation_point', 75],
      ['evaluation_point', 15],
    ]);
    expect(p.filters).toMatchObject({ countries: ['CN'], owners: [{ id: w.buyer.userId }] });
  });

  it.skipIf(skipReason)('filters by country and owner, in every panel', async () => {
    const other = (await w.buyer.get('/api/v1/portfolio?country=VN')).json();
    expect(other.engagementsByPhase).toEqual([]);
    expect(other.pilotsAtRisk.total).toBe(0);
    expect(other.expiringEvidence.total).toBe(0);
    expect(other.contradictedClaims.total).toBe(0);
    expect(other.overdue.total).toBe(0);
    expect(other.filters.countries).toEqual(['CN']);
    const mine = (await w.buyer.get(`/api/v1/portfolio?country=cn&owner=${w.buyer.userId}`)).json();
    expect(mine.pilotsAtRisk.total).toBe(1);
    expect((await w.buyer.get('/api/v1/portfolio?country=XX')).statusCode).toBe(400);
  });

  it.skipIf(skipReason)('shows the supplier its buyers, what each waits for, and its obligations with due dates', async () => {
    const r = await w.supplier.get('/api/v1/portfolio');
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.role).toBe('supplier');
    expect(p.buyers).toHaveLength(1);
    expect(p.buyers[0].buyer).toMatchObject({ id: w.buyer.organizationId, name: 'Rhein Medtech GmbH' });
    expect(p.obligations.items.map((o: any) => [o.kind, o.overdue])).toEqual([
      ['evaluation_point', true],
      ['evaluation_point', true],
    ]);
    // A message the buyer asked and nobody answered is what the buyer waits for.
    const ask = await w.buyer.post(`/api/v1/engagements/${pilot.engagementId}/messages`, { kind: 'technical_inquiry', subject: 'Bore tolerance', body: 'Which gauge do you use for the bore?' });
    expect(ask.statusCode, ask.body).toBe(201);
    const after = (await w.supplier.get('/api/v1/portfolio')).json();
    expect(after.buyers[0].waitingFor).toContainEqual({ kind: 'answer_inquiries', count: 1, engagementId: pilot.engagementId });
  });

  it.skipIf(skipReason)('lists the first items of a panel most overdue first, and counts them all', async () => {
    const actor: Actor = { userId: w.buyer.userId, organizationId: w.buyer.organizationId, organizationKind: 'buyer', role: 'owner', via: 'session' };
    const s = await loadScope(ctx.handle.db, actor, {});
    const one = await overduePanel(ctx.handle.db, s, new Date(NOW), 1);
    expect(one.total).toBe(2);
    expect(one.items.map((i) => i.daysOverdue)).toEqual([75]);
    expect((await overduePanel(ctx.handle.db, s, new Date(NOW), Infinity)).items).toHaveLength(2);
  });

  it.skipIf(skipReason)('exports the filtered engagements as CSV with the panels’ numbers', async () => {
    const r = await w.buyer.get('/api/v1/portfolio/engagements.csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row, ...rest] = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('engagement,title,supplier,country,phase,categories,opened_by,kpis_at_risk_or_missed,evidence_expiring_60_days,contradicted_claims,overdue_items');
    expect(row).toMatch(new RegExp(`^${pilot.engagementId},Pump housings \\w+,Suzhou Apex Machining,CN,operational_compatibility,,Test User,4,1,1,2$`));
    expect(rest).toEqual([]);
    expect((await w.buyer.get('/api/v1/portfolio/engagements.csv?country=VN')).body.trim().split('\r\n')).toHaveLength(1);
  });

  it.skipIf(skipReason)('another buyer sees none of it; an auditor has no portfolio', async () => {
    const p = (await w.stranger.get('/api/v1/portfolio')).json();
    expect(p.engagementsByPhase).toEqual([]);
    expect(p.pilotsAtRisk.total + p.expiringEvidence.total + p.contradictedClaims.total + p.overdue.total).toBe(0);
    const auditor = await signupClient(app, { name: 'Audit Co', kind: 'auditor', country: 'GB' });
    expect((await auditor.get('/api/v1/portfolio')).statusCode).toBe(403);
  });

  it.skipIf(skipReason)('reads with the same number of queries for one engagement or six', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (a) => {
        queries++;
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const counted = { ...ctx, handle: { ...ctx.handle, db: ctx.handle.db.withPlugin(counter) } };
    const actor: Actor = { userId: w.buyer.userId, organizationId: w.buyer.organizationId, organizationKind: 'buyer', role: 'owner', via: 'session' };
    // Each measure reads afresh (a new handle keeps nothing yet): the most queries a read makes.
    const measure = async () => {
      queries = 0;
      await getPortfolio({ ...counted, handle: { ...counted.handle, db: ctx.handle.db.withPlugin(counter) } }, actor, {});
      return queries;
    };
    const one = await measure();
    for (let i = 0; i < 5; i++) {
      const more = await pilotIn(app, ctx, w);
      await upload(w.buyer, `/api/v1/engagements/${more.engagementId}/imports?kind=orders`, ORDERS_CSV);
    }
    const six = await measure();
    expect(six).toBe(one);
    const p = await getPortfolio(counted, actor, {});
    expect(p.role === 'buyer' && p.pilotsAtRisk.running).toBe(6);
    // Read again on the same handle: what was kept is not read again.
    queries = 0;
    await getPortfolio(counted, actor, {});
    expect(queries).toBeLessThan(six);
  });

  // The panels keep each engagement's figures between reads (services/portfolio/kept.ts): a write to what they are
  // computed from, a new day, or a piece of evidence running out must each show at the next read.
  it.skipIf(skipReason)('keeps figures between reads only while their inputs and the clock leave them unchanged', async () => {
    const p = await pilotIn(app, ctx, w);
    expect((await upload(w.buyer, `/api/v1/engagements/${p.engagementId}/imports?kind=orders`, ORDERS_CSV)).statusCode).toBe(201);
    expect((await upload(w.buyer, `/api/v1/engagements/${p.engagementId}/imports?kind=deliveries`, DELIVERIES_CSV)).statusCode).toBe(201);
    // Bearer tokens: the clock moves on by weeks, past a session's idle timeout.
    const bearer = async (c: typeof w.buyer) => {
      const { token } = (await c.post('/api/v1/tokens', { name: 'kept figures' })).json();
      return (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    };
    const buyer = await bearer(w.buyer);
    const supplier = await bearer(w.supplier);
    const portfolio = async () => {
      const r = await buyer('GET', '/api/v1/portfolio');
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    /** The pilot's KPI values on the portfolio, checked against its own page (which keeps nothing). */
    const otd = async () => {
      const item = (await portfolio()).pilotsAtRisk.items.find((i: any) => i.pilotId === p.pilotId);
      const page = (await buyer('GET', `/api/v1/pilots/${p.pilotId}`)).json();
      for (const k of item.kpis) expect([k.key, k.value, k.status]).toEqual([k.key, ...page.kpis.filter((x: any) => x.key === k.key).map((x: any) => [x.value, x.status])[0]]);
      return item.kpis.find((k: any) => k.key === 'otd').value;
    };
    expect(await otd()).toBe(80);
    expect(await otd()).toBe(80);
    // A line due tomorrow, not delivered: not yet counted today, late two weeks on.
    const extra = 'parent,idx,item_code,qty,uom,transaction_date,schedule_date,expected_delivery_date\nPO-2026-0031,1,NM-4472-A,1000,Nos,2026-06-01,2026-06-16,2026-06-16\n';
    expect((await upload(w.buyer, `/api/v1/engagements/${p.engagementId}/imports?kind=orders`, extra)).statusCode).toBe(201);
    expect(await otd()).toBe(80);
    setClock(fixedClock('2026-06-30T10:00:00.000Z'));
    const later = await otd();
    expect(later).toBeLessThan(80);

    // A claim contradicted by evidence valid until 1 July stops being contradicted once the evidence runs out.
    const claim = await supplier('POST', `/api/v1/organizations/${w.supplier.organizationId}/claims`, { type: 'capacity', title: 'Housings, Line A night shift', productLine: 'Line A housings', value: 5000, unit: 'pcs', period: 'month' });
    expect(claim.statusCode, claim.body).toBe(201);
    const contradicted = async () => (await portfolio()).contradictedClaims.items.filter((c: any) => c.engagement.id === p.engagementId).map((c: any) => c.title);
    expect(await contradicted()).toEqual([]);
    const seen = await buyer('POST', `/api/v1/engagements/${p.engagementId}/evidence`, {
      kind: 'visit_observation',
      provenance: 'observed',
      title: 'Night shift counted at 2,000 a month',
      subjectOrganizationId: w.supplier.organizationId,
      validTo: '2026-07-01',
      links: [{ claimId: claim.json().id, effect: 'contradicts', observedValue: 2000 }],
    });
    expect(seen.statusCode, seen.body).toBe(201);
    expect(await contradicted()).toEqual(['Housings, Line A night shift']);
    expect(await contradicted()).toEqual(['Housings, Line A night shift']);
    setClock(fixedClock('2026-07-02T10:00:00.000Z'));
    expect(await contradicted()).toEqual([]);
    setClock(fixedClock('2026-06-30T12:00:00.000Z'));
    expect(await contradicted()).toEqual(['Housings, Line A night shift']);
    // The supplier withdrawing the claim (a change of the supplier, not of the engagement) removes it too.
    expect((await supplier('PATCH', `/api/v1/organizations/${w.supplier.organizationId}/claims/${claim.json().id}`, { withdrawn: true })).statusCode).toBe(200);
    expect(await contradicted()).toEqual([]);
    setClock(fixedClock(NOW));
  });
});
