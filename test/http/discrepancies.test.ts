// Discrepancies with 8D corrective action through the HTTP API, on SQLite and PostgreSQL: raising against records
// of the engagement, due dates by severity, steps in order, escalation following the clock, closure accepted by
// the side that raised it with evidence of effectiveness, notifications, the ladder, and another tenant's 404.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, resetClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { RAISE, discrepancyWorld } from '../fixtures/discrepancies/world.js';

const T0 = '2026-03-02T08:00:00.000Z';
const HOUR = 3_600_000;

describe.each(TEST_DATABASES)('discrepancy routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let clock: ReturnType<typeof fixedClock>;

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
  const startClock = () => {
    clock = fixedClock(T0);
    setClock(clock);
  };
  afterEach(() => resetClock());

  it.skipIf(skipReason)('raises a discrepancy on a rejected lot with 8D due dates from the policy by severity; bad input is a 400 naming the field', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    const url = `/api/v1/engagements/${w.engagementId}/discrepancies`;
    const r = await w.buyer.post(url, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }));
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d).toMatchObject({ reference: 'NCR-001', severity: 'major', status: 'open', escalationLevel: 0, proactive: false, disclosure: 'raised_by_buyer', myRole: 'buyer' });
    expect(d.target.label).toContain('HT-2602-B07');
    expect(d.steps.map((s: { step: string }) => s.step)).toEqual(['D0', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8']);
    const due = Object.fromEntries(d.steps.map((s: { step: string; dueAt: string }) => [s.step, s.dueAt]));
    expect(due.D3).toBe('2026-03-05T08:00:00.000Z'); // major: containment within 3 days
    expect(due.D4).toBe('2026-03-12T08:00:00.000Z'); // root cause within 10 days
    for (const s of d.steps) expect(s).toMatchObject({ doneAt: null, overdue: false });
    expect(d.steps[8].owner.id).toBe(w.buyer.userId);
    expect(d.policy).toMatchObject({ key: 'default-cross-border', version: 1 });

    // A critical one has the tighter plan: containment within 24 h, root cause within 7 days.
    const c = (await w.buyer.post(url, RAISE({ kind: 'lot_inspection', id: w.acceptedLotId }, { severity: 'critical', title: 'Burr in bore' }))).json();
    expect(c.reference).toBe('NCR-002');
    expect(c.steps.find((s: { step: string }) => s.step === 'D3').dueAt).toBe('2026-03-03T08:00:00.000Z');
    expect(c.steps.find((s: { step: string }) => s.step === 'D4').dueAt).toBe('2026-03-09T08:00:00.000Z');

    const refused = async (body: unknown, path: string, status = 400) => {
      const res = await w.buyer.post(url, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    await refused(RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }, { severity: 'blocker' }), 'severity');
    await refused(RAISE({ kind: 'lot_inspection', id: '00000000-0000-4000-8000-000000000000' }), 'target.id');
    await refused(RAISE({ kind: 'batch_record', id: 'NO-SUCH-LOT' }), 'target.id');
    await refused(RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }, { quantityAffected: -1 }), 'quantityAffected');
    await refused(RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }, { title: '' }), 'title');
    await refused({ ...RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }), colour: 'red' }, 'colour');
    await refused(RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }, { fileIds: ['00000000-0000-4000-8000-000000000000'] }), 'fileIds.0');

    // Another tenant: the engagement and the discrepancy do not exist for it, exactly like missing ones.
    const missing = '00000000-0000-4000-8000-000000000001';
    expect((await w.stranger.post(url, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }))).statusCode).toBe(404);
    const other = await w.stranger.get(`/api/v1/discrepancies/${d.id}`);
    const none = await w.stranger.get(`/api/v1/discrepancies/${missing}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(none.json());
    expect((await w.stranger.post(`/api/v1/discrepancies/${d.id}/steps/D0`, { notes: 'x' })).statusCode).toBe(404);
    expect((await w.stranger.post(`/api/v1/discrepancies/${d.id}/close`, {})).statusCode).toBe(404);
    expect((await w.stranger.get('/api/v1/discrepancies')).json()).toEqual([]);
    expect((await w.supplier.get('/api/v1/discrepancies?status=open')).json().map((x: { reference: string }) => x.reference).sort()).toEqual(['NCR-001', 'NCR-002']);
    expect((await w.buyer.get('/api/v1/discrepancies/not-a-uuid')).statusCode).toBe(400);
    expect((await w.buyer.post(`/api/v1/discrepancies/${d.id}/steps/D9`, { notes: 'x' })).statusCode).toBe(400);
  });

  it.skipIf(skipReason)('a supplier reporting a problem before the buyer finds it is credited with a proactive disclosure; after the buyer found it, not', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    const url = `/api/v1/engagements/${w.engagementId}/discrepancies`;
    const batch = await w.supplier.request('POST', `/api/v1/engagements/${w.engagementId}/imports/batches`, Buffer.from('lot,product,produced_at,characteristic,value,unit,line\nHT-2603-A01,NM-4472-A,2026-03-01T06:00:00Z,bore_diameter,32.0124,mm,Line A\n'), { 'content-type': 'text/csv' });
    expect(batch.statusCode, batch.body).toBe(201);
    const own = await w.supplier.post(url, RAISE({ kind: 'batch_record', id: 'HT-2603-A01' }, { severity: 'minor', title: 'Anodising colour shift on lot HT-2603-A01' }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ proactive: true, disclosure: 'supplier_reported_first', raisedBy: { side: 'supplier' } });
    // The buyer rejected this lot at its incoming inspection before the supplier said anything.
    const late = (await w.supplier.post(url, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }))).json();
    expect(late).toMatchObject({ proactive: false, disclosure: 'buyer_found_first' });
    const transparency = ((await w.buyer.get(`/api/v1/engagements/${w.engagementId}/readiness`)).json().behaviouralScore.inputs as { key: string; detail: string }[]).find((i) => i.key === 'transparency')!;
    expect(transparency.detail).toMatch(/^1 proactive disclosure/);
  });

  it.skipIf(skipReason)('raises a discrepancy on a delivery the buyer rejected at incoming inspection', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    const db = ctx.handle.db;
    const deliveryId = '11111111-1111-4111-8111-111111111111';
    await db
      .insertInto('deliveries')
      .values({
        id: deliveryId, engagement_id: w.engagementId, import_id: null, natural_key: 'gr-2603-017', delivery_no: 'GR-2603-017', order_no: 'PO-4500012',
        order_line: '10', item: 'NM-4472-A', received_at: '2026-02-26', received_qty: 3000, rejected_qty: 0, lot: 'HT-2602-B07', unit: 'pcs',
        source_line: null, recorded_by: w.buyer.userId, recorded_by_organization_id: w.buyer.organizationId, created_at: '2026-02-26T10:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('incoming_inspections')
      .values({
        id: '22222222-2222-4222-8222-222222222222', engagement_id: w.engagementId, delivery_id: deliveryId, inspected_at: '2026-02-27', inspected_qty: 200, rejected_qty: 9,
        decision: 'rejected', lot_inspection_id: w.rejectedLotId, note: null, recorded_by: w.buyer.userId, recorded_by_organization_id: w.buyer.organizationId, created_at: '2026-02-27T10:00:00.000Z',
      })
      .execute();
    const url = `/api/v1/engagements/${w.engagementId}/discrepancies`;
    const r = await w.buyer.post(url, RAISE({ kind: 'delivery', id: deliveryId }, { severity: 'critical' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().target).toEqual({
      kind: 'delivery',
      id: deliveryId,
      label: 'Delivery GR-2603-017/10 (NM-4472-A), lot HT-2602-B07, received 2026-02-26: 3000 pcs, 9 pcs rejected',
      // What the label is written from: the web words it in the reader's language.
      labelParams: { number: 'GR-2603-017/10', item: 'NM-4472-A', lot: 'HT-2602-B07', date: '2026-02-26', received: 3000, unit: 'pcs', rejected: 9 },
    });
    // The supplier raising it now is not a proactive disclosure: the buyer's inspection found it first.
    expect((await w.supplier.post(url, RAISE({ kind: 'delivery', id: deliveryId }))).json()).toMatchObject({ proactive: false, disclosure: 'buyer_found_first' });
    expect((await w.stranger.post(url, RAISE({ kind: 'delivery', id: deliveryId }))).statusCode).toBe(404);

    // A problem is decided from the quantities, not from the English label: an item named "…rejected…" with
    // nothing rejected is not one.
    const cleanId = '33333333-3333-4333-8333-333333333333';
    await db
      .insertInto('deliveries')
      .values({
        id: cleanId, engagement_id: w.engagementId, import_id: null, natural_key: 'gr-2603-018', delivery_no: 'GR-2603-018', order_no: 'PO-4500012',
        order_line: '20', item: 'Spacer (rejected-lot rework)', received_at: '2026-02-28', received_qty: 500, rejected_qty: 0, lot: null, unit: 'pcs',
        source_line: null, recorded_by: w.buyer.userId, recorded_by_organization_id: w.buyer.organizationId, created_at: '2026-02-28T10:00:00.000Z',
      })
      .execute();
    const options = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/discrepancy-targets`)).json();
    expect(options.find((o: { id: string }) => o.id === cleanId)).toMatchObject({ kind: 'delivery', problem: false });
    expect(options.find((o: { id: string }) => o.id === deliveryId)).toMatchObject({ kind: 'delivery', problem: true });
  });

  it.skipIf(skipReason)('works the 8D steps in order; D4 needs root cause and escape point; only the raising side moves due dates; overdue steps escalate with the clock', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    const d = (await w.buyer.post(`/api/v1/engagements/${w.engagementId}/discrepancies`, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }, { ownerUserId: w.supplier.userId }))).json();
    const step = (s: string, body: unknown, who = w.supplier) => who.post(`/api/v1/discrepancies/${d.id}/steps/${s}`, body);
    expect(d.steps[0].owner).toMatchObject({ id: w.supplier.userId, organizationId: w.supplier.organizationId });

    const early = await step('D2', { notes: 'Bore above USL on 9 parts', done: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/complete D0, D1 first/);
    expect((await step('D0', { done: true })).json().error.issues[0].path).toBe('notes');
    expect((await step('D0', { notes: 'Stock at Hengtai quarantined; shipment 2603 held', done: true })).statusCode).toBe(200);
    expect((await step('D1', { notes: 'Team named', done: true })).json().error.issues[0].path).toBe('data.team');
    expect((await step('D1', { notes: 'Team named', data: { team: ['Chen Jing (QE)', 'Jonas Richter (SQE)'] }, done: true })).statusCode).toBe(200);
    expect((await step('D2', { data: { rootCause: 'x' } })).json().error.issues[0].path).toBe('data.rootCause');
    expect((await step('D3', { dueAt: '2026-03-20T00:00:00Z' })).statusCode).toBe(403);

    // Three days and a minute later D2 and D3 are overdue (major: D2 due after 2 days, D3 after 3): level 1.
    clock.advance(3 * 24 * HOUR + 60_000);
    let v = (await w.buyer.get(`/api/v1/discrepancies/${d.id}`)).json();
    expect(v.steps.filter((s: { overdue: boolean }) => s.overdue).map((s: { step: string }) => s.step)).toEqual(['D2', 'D3']);
    expect(v.escalationLevel).toBe(1);
    // Major: one level more every 72 h it stays overdue.
    clock.advance(72 * HOUR);
    v = (await w.buyer.get(`/api/v1/discrepancies/${d.id}`)).json();
    expect(v.escalationLevel).toBe(2);
    expect(v.currentStep).toMatchObject({ step: 'D2', overdue: true });

    // The buyer gives more time for D2 and D3: back on track.
    expect((await step('D2', { dueAt: '2026-03-10T08:00:00Z' }, w.buyer)).statusCode).toBe(200);
    v = (await step('D3', { dueAt: '2026-03-10T08:00:00Z' }, w.buyer)).json();
    expect(v.escalationLevel).toBe(0);
    expect(v.events.filter((e: { kind: string }) => e.kind === 'due_moved')).toHaveLength(2);
    expect((await step('D2', { notes: '9/200 bores 32.026–32.031 mm on line B', done: true })).json().steps[2].late).toBe(false);
    expect((await step('D3', { notes: '100 % sort of 2 lots in stock; 41 rejects', done: true })).statusCode).toBe(200);
    const d4 = await step('D4', { notes: 'Worn boring bar', data: { rootCause: 'Boring bar insert worn beyond 800 parts' }, done: true });
    expect(d4.json().error.issues[0].path).toBe('data.escapePoint');
    // The refused request changed nothing: the root cause is given again with the escape point.
    expect((await step('D4', { notes: 'Worn boring bar', data: { rootCause: 'Boring bar insert worn beyond 800 parts', escapePoint: 'CMM sampling 1 in 20 missed the drift' }, done: true })).json().steps[4].data).toEqual({
      rootCause: 'Boring bar insert worn beyond 800 parts',
      escapePoint: 'CMM sampling 1 in 20 missed the drift',
    });
    // Reopening a step with later ones done is refused.
    expect((await step('D3', { done: false })).statusCode).toBe(409);
    expect((await step('D8', { done: true })).json().error.issues[0].path).toBe('done');
    expect((await step('D5', {})).statusCode).toBe(400);
  });

  it.skipIf(skipReason)('closes only with evidence of effectiveness, accepted by the side that raised it; closure becomes corrective-action evidence closed in time', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    const caInput = async () =>
      ((await w.buyer.get(`/api/v1/engagements/${w.engagementId}/readiness`)).json().behaviouralScore.inputs as { key: string; available: boolean; detail: string; points: number }[]).find(
        (i) => i.key === 'corrective_actions',
      )!;
    expect(await caInput()).toMatchObject({ available: false });
    const d = (await w.buyer.post(`/api/v1/engagements/${w.engagementId}/discrepancies`, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }))).json();
    const step = (s: string, body: unknown) => w.supplier.post(`/api/v1/discrepancies/${d.id}/steps/${s}`, body);
    // Open and on track: not measured yet.
    expect(await caInput()).toMatchObject({ available: false });
    expect((await w.buyer.post(`/api/v1/discrepancies/${d.id}/close`, {})).statusCode).toBe(409); // steps open
    for (const [s, extra] of [
      ['D0', {}],
      ['D1', { data: { team: ['Chen Jing'] } }],
      ['D2', {}],
      ['D3', {}],
      ['D4', { data: { rootCause: 'Worn insert', escapePoint: 'Sampling too sparse' } }],
      ['D5', {}],
      ['D6', {}],
      ['D7', {}],
    ] as const) {
      clock.advance(HOUR);
      const r = await step(s, { notes: `${s} done`, done: true, ...extra });
      expect(r.statusCode, r.body).toBe(200);
    }
    // The supplier asks for closure with evidence: the next lots accepted at incoming inspection.
    const proofRes = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/evidence`, {
      kind: 'kpi_measurement', provenance: 'observed', title: 'Incoming inspection: lots B08–B10 accepted', attributes: {}, fileIds: [], links: [],
    });
    expect(proofRes.statusCode, proofRes.body).toBe(201);
    expect((await step('D8', { effectiveness: { method: 'next_lots_accepted', summary: 'x', evidenceIds: [] } })).json().error.issues[0].path).toBe('effectiveness.evidenceIds');
    expect((await step('D8', { effectiveness: { method: 'next_lots_accepted', summary: 'x', evidenceIds: ['00000000-0000-4000-8000-000000000000'] } })).json().error.issues[0].path).toBe('effectiveness.evidenceIds.0');
    const asked = await step('D8', { effectiveness: { method: 'next_lots_accepted', summary: 'Lots B08–B10 accepted at incoming inspection, bore within tolerance.', evidenceIds: [proofRes.json().id] } });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ closureRequested: true, status: 'open', can: { close: false, requestClosure: true } });

    // The other side cannot close it alone.
    const alone = await w.supplier.post(`/api/v1/discrepancies/${d.id}/close`, {});
    expect(alone.statusCode).toBe(403);
    expect(alone.json().error.message).toMatch(/side that raised/);

    const closed = await w.buyer.post(`/api/v1/discrepancies/${d.id}/close`, { note: 'Effective: thank you, team.' });
    expect(closed.statusCode, closed.body).toBe(200);
    const c = closed.json();
    expect(c).toMatchObject({ status: 'closed', closedOnTime: true, escalationLevel: 0, effectiveness: { method: 'next_lots_accepted' } });
    expect(c.steps[8].doneAt).toBe(c.closedAt);
    const ev = (await w.supplier.get(`/api/v1/engagements/${w.engagementId}/evidence`)).json() as { id: string; kind: string; provenance: string; attributes: Record<string, string> }[];
    const ca = ev.find((e) => e.id === c.evidenceId)!;
    expect(ca).toMatchObject({ kind: 'corrective_action', provenance: 'observed', attributes: { closedOnTime: 'yes', discrepancy: 'NCR-001' } });
    expect((await w.buyer.post(`/api/v1/discrepancies/${d.id}/close`, {})).statusCode).toBe(409);
    expect((await step('D5', { notes: 'more' })).statusCode).toBe(409);
    // The behavioural sub-score now measures corrective actions closed in time.
    expect(await caInput()).toMatchObject({ available: true, points: 25, detail: '1 closed on time, 0 closed late, 0 open and overdue' });

    // The partnership health view counts it, on both sides; another tenant sees nothing.
    const health = (await w.buyer.get('/api/v1/partnership-health')).json();
    expect(health).toHaveLength(1);
    expect(health[0]).toMatchObject({ engagementId: w.engagementId, myRole: 'buyer', counterpart: { id: w.supplier.organizationId }, closedDiscrepancies: { onTime: 1, late: 0 }, openDiscrepancies: { total: 0 } });
    expect(health[0].trend.at(-1).behavioural).not.toBeNull();
    expect((await w.supplier.get('/api/v1/partnership-health')).json()[0]).toMatchObject({ myRole: 'supplier', counterpart: { id: w.buyer.organizationId } });
    expect((await w.stranger.get('/api/v1/partnership-health')).json()).toEqual([]);

    // The PDF report, in both languages.
    for (const lang of ['en', 'zh']) {
      const pdf = await w.supplier.get(`/api/v1/discrepancies/${d.id}/report.pdf?lang=${lang}`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await w.stranger.get(`/api/v1/discrepancies/${d.id}/report.pdf`)).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('notifies the other side in the app, with an unread count per user, marked read on request', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    clock.advance(60_000);
    const d = (await w.buyer.post(`/api/v1/engagements/${w.engagementId}/discrepancies`, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }))).json();
    const list = (await w.supplier.get('/api/v1/notifications')).json();
    // The supplier heard of the engagement when it was opened, and now of the discrepancy.
    expect(list.unread).toBe(2);
    expect(list.items.map((n: { kind: string }) => n.kind)).toEqual(['discrepancy_raised', 'engagement_opened']);
    expect(list.items[0]).toMatchObject({ kind: 'discrepancy_raised', link: `/discrepancies/${d.id}`, readAt: null, params: { number: 'NCR-001', severity: 'major' } });
    expect(list.items[0].title).toBe('New major discrepancy NCR-001: Bore oversize on lot HT-2602-B07');
    expect((await w.buyer.get('/api/v1/notifications')).json().unread).toBe(0);
    expect((await w.stranger.get('/api/v1/notifications')).json()).toEqual({ unread: 0, items: [] });
    expect((await w.supplier.post('/api/v1/notifications/read', { ids: [] })).statusCode).toBe(400);
    // Someone else's notification id marks nothing.
    expect((await w.stranger.post('/api/v1/notifications/read', { ids: [list.items[0].id] })).json()).toEqual({ marked: 0, unread: 0 });
    expect((await w.supplier.post('/api/v1/notifications/read', { ids: [list.items[1].id] })).json()).toEqual({ marked: 1, unread: 1 });
    expect((await w.supplier.post('/api/v1/notifications/read', { all: true })).json()).toEqual({ marked: 1, unread: 0 });
    expect((await app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it.skipIf(skipReason)('each side names its own escalation contacts; the cadence is agreed; problems are listed', async () => {
    startClock();
    const w = await discrepancyWorld(app);
    const url = `/api/v1/engagements/${w.engagementId}/escalation`;
    const empty = (await w.buyer.get(url)).json();
    expect(empty).toMatchObject({ named: false, maxLevel: 3, contacts: [], cadence: { agreedAt: null, overdue: false } });
    const b = await w.buyer.request('PUT', url, { contacts: [{ level: 1, name: 'Jonas Richter', userId: w.buyer.userId, title: 'SQE' }, { level: 2, name: 'Head of Quality', email: 'quality.head@example.com' }], progressUpdateEveryDays: 7 });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toMatchObject({ named: false, maxLevel: 2, problems: [{ side: 'supplier', problem: 'no_level_1', level: 1 }], cadence: { everyDays: 7, agreedAt: T0 } });
    expect(b.json().contacts[0]).toMatchObject({ side: 'buyer', level: 1, email: w.buyer.email });
    const s = (await w.supplier.request('PUT', url, { contacts: [{ level: 1, name: 'Chen Jing', email: 'chen@example.com', locale: 'zh-CN' }] })).json();
    expect(s).toMatchObject({ named: true, maxLevel: 2 });
    expect(s.contacts.map((c: { side: string }) => c.side).sort()).toEqual(['buyer', 'buyer', 'supplier']);
    // A user of another organization cannot be named on your side.
    const bad = await w.supplier.request('PUT', url, { contacts: [{ level: 1, name: 'X', userId: w.buyer.userId }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('contacts.0.userId');
    expect((await w.supplier.request('PUT', url, { contacts: [{ level: 6, name: 'X' }] })).json().error.issues[0].path).toBe('contacts.0.level');
    expect((await w.stranger.request('PUT', url, { contacts: [] })).statusCode).toBe(404);
    const events = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/events`)).json();
    expect(events.map((e: { kind: string }) => e.kind).sort()).toEqual(['cadence_agreed', 'ladder_changed', 'ladder_changed']);
  });
});
