// The portfolio (home page) over HTTP on both databases: the buyer's panels and filters, the supplier's buyers and
// obligations, CSV export, who may read it — and that the number of queries does not grow with engagements.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { getPortfolio } from '../../src/services/portfolio/portfolio.js';
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
    const measure = async () => {
      queries = 0;
      await getPortfolio(counted, actor, {});
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
  });
});
