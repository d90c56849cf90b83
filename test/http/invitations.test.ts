import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp, type Client } from '../support/http.js';

type Party = Client & { organizationId: string; userId: string; email: string };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(TEST_DATABASES)('invitations to verify and file requests on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let supplier: Party;
  let buyer: Party;
  let stranger: Party;
  let auditor: Party;
  let engagementId: string;
  let siteId: string;
  let specificationId: string;
  const invite = (body: unknown) => supplier.post(`/api/v1/engagements/${engagementId}/verification-invitations`, body);

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    stranger = await signupClient(app, { name: 'Other Buyer LLC', kind: 'buyer', country: 'US' });
    auditor = await signupClient(app, { name: 'Meridian Assurance Ltd', kind: 'auditor', country: 'GB' });
    siteId = (await supplier.post(`/api/v1/organizations/${supplier.organizationId}/sites`, { name: 'Plant 1', address: '88 Xinghai Rd, Suzhou', country: 'CN', timeZone: 'Asia/Shanghai' })).json().id;
    const e = await buyer.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'Pump housings', scope: { products: ['PH-200'], destinationCountry: 'DE' } });
    engagementId = e.json().id;
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(200);
    const spec = await buyer.post('/api/v1/specifications', {
      product: 'PH-200',
      title: 'Pump housing',
      characteristics: [{ key: 'bore', name: 'Bore', unit: 'mm', lsl: 32, usl: 32.025, method: 'CMM' }],
    });
    specificationId = spec.json().id;
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('visit slots: the buyer accepts one and the visit is planned, confirmed, on that slot', async () => {
    const r = await invite({ kind: 'visit', siteId, slots: [{ start: '2026-09-14T09:00', end: '2026-09-14T16:00' }, { start: '2026-09-21T09:00', end: '2026-09-21T16:00' }], note: 'See line 2 running' });
    expect(r.statusCode, r.body).toBe(201);
    const inv = r.json();
    expect(inv).toMatchObject({ kind: 'visit', status: 'proposed', visitType: 'buyer_visit', site: { id: siteId, timeZone: 'Asia/Shanghai' }, result: null });
    expect(inv.slots.map((s: { startLocal: string }) => s.startLocal)).toEqual(['2026-09-14T09:00', '2026-09-21T09:00']);
    expect(inv.slots[0].start).toBe('2026-09-14T01:00:00.000Z');
    expect(inv.can).toMatchObject({ withdraw: true, accept: false });
    const seen = (await buyer.get(`/api/v1/engagements/${engagementId}/verification-invitations`)).json();
    expect(seen[0]).toMatchObject({ id: inv.id, can: { accept: true, decline: true, withdraw: false } });

    expect((await supplier.post(`/api/v1/verification-invitations/${inv.id}/accept`, { slotId: inv.slots[1].id })).statusCode).toBe(403);
    const noSlot = await buyer.post(`/api/v1/verification-invitations/${inv.id}/accept`, {});
    expect(noSlot.statusCode).toBe(400);
    expect(noSlot.json().error.issues[0].path).toBe('slotId');
    expect((await buyer.post(`/api/v1/verification-invitations/${inv.id}/accept`, { slotId: MISSING })).statusCode).toBe(400);

    const accepted = await buyer.post(`/api/v1/verification-invitations/${inv.id}/accept`, { slotId: inv.slots[1].id });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const a = accepted.json();
    expect(a).toMatchObject({ status: 'accepted', decidedBy: { id: buyer.userId }, result: { type: 'visit' } });
    expect(a.slots.map((s: { status: string }) => s.status)).toEqual(['withdrawn', 'booked']);
    const visit = (await buyer.get(`/api/v1/visits/${a.result.id}`)).json();
    expect(visit).toMatchObject({ status: 'confirmed', type: 'buyer_visit', initiatedBy: 'supplier', plannedStartLocal: '2026-09-21T09:00' });
    expect((await buyer.post(`/api/v1/verification-invitations/${inv.id}/decline`, { reason: 'changed my mind' })).statusCode).toBe(409);

    // The accepted invitation shows in the buyer's willingness to verify.
    const sincerity = (await supplier.get(`/api/v1/buyers/${buyer.organizationId}/sincerity`)).json();
    const verify = sincerity.signals.find((s: { key: string }) => s.key === 'willingness_to_verify');
    expect(verify.value).toBe(40);
    expect(verify.records.map((r: { type: string }) => r.type)).toEqual(['visit', 'invitation']);
  });

  it.skipIf(skipReason)('a named auditor: acceptance plans a third-party audit and invites the auditor into it', async () => {
    const bad = await invite({ kind: 'audit', auditorOrganizationId: stranger.organizationId, siteId, scope: 'ISO 13485 process audit', slots: [{ start: '2026-10-05T09:00', end: '2026-10-06T17:00' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('auditorOrganizationId');
    const r = await invite({ kind: 'audit', auditorOrganizationId: auditor.organizationId, siteId, scope: 'ISO 13485 process audit', slots: [{ start: '2026-10-05T09:00', end: '2026-10-06T17:00' }] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'audit', auditor: { id: auditor.organizationId, name: 'Meridian Assurance Ltd' }, visitType: 'third_party_audit', scope: 'ISO 13485 process audit' });
    const a = (await buyer.post(`/api/v1/verification-invitations/${r.json().id}/accept`, {})).json();
    expect(a.result.type).toBe('visit');
    const visit = (await auditor.get(`/api/v1/visits/${a.result.id}`)).json();
    expect(visit).toMatchObject({ type: 'third_party_audit', status: 'confirmed' });
    expect(visit.auditors.map((o: { id: string }) => o.id)).toEqual([auditor.organizationId]);
  });

  it.skipIf(skipReason)('samples under stated conditions: accepted, then the buyer records the test through the sample-test service', async () => {
    const r = await invite({ kind: 'sample', product: 'PH-200', quantity: 30, conditions: { method: 'CMM, ISO 10360-2', lab: 'SGS Ningbo', temperatureC: 20 }, shipBy: '2026-09-01' });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json().sample).toMatchObject({ product: 'PH-200', quantity: 30, conditions: { method: 'CMM, ISO 10360-2', lab: 'SGS Ningbo' } });
    const early = await buyer.post(`/api/v1/verification-invitations/${id}/sample-test`, {});
    expect(early.statusCode).toBe(400);
    const accepted = await buyer.post(`/api/v1/verification-invitations/${id}/accept`, {});
    expect(accepted.json()).toMatchObject({ status: 'accepted', result: null, can: { recordSampleTest: true } });
    const test = {
      specificationId,
      runBy: 'buyer',
      conditions: { method: 'CMM, ISO 10360-2', equipment: [{ name: 'Zeiss Contura', calibratedAt: '2026-01-10' }], environment: { temperatureC: 20 } },
      testedAt: '2026-09-10',
      samples: [{ sample: 'S1', values: { bore: 32.011 } }, { sample: 'S2', values: { bore: 32.013 } }],
    };
    const recorded = await buyer.post(`/api/v1/verification-invitations/${id}/sample-test`, test);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().sampleTest).toMatchObject({ verdict: 'pass', runBy: 'buyer' });
    expect(recorded.json().invitation.result).toEqual({ type: 'sample_test', id: recorded.json().sampleTest.id });
    expect((await buyer.get(`/api/v1/engagements/${engagementId}/sample-tests`)).json().map((t: { id: string }) => t.id)).toContain(recorded.json().sampleTest.id);
    expect((await buyer.post(`/api/v1/verification-invitations/${id}/sample-test`, test)).statusCode).toBe(409);
  });

  it.skipIf(skipReason)('declined with a reason, withdrawn by the supplier; bad input and other tenants answered', async () => {
    const slots = [{ start: '2026-11-02T09:00', end: '2026-11-02T16:00' }];
    const d = (await invite({ kind: 'visit', siteId, visitType: 'remote_video', slots })).json();
    expect((await buyer.post(`/api/v1/verification-invitations/${d.id}/decline`, {})).statusCode).toBe(400);
    const declined = await buyer.post(`/api/v1/verification-invitations/${d.id}/decline`, { reason: 'We will come in person in November' });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionNote: 'We will come in person in November' });
    expect(declined.json().slots[0].status).toBe('withdrawn');

    const w = (await invite({ kind: 'visit', siteId, slots })).json();
    expect((await buyer.post(`/api/v1/verification-invitations/${w.id}/withdraw`)).statusCode).toBe(403);
    const withdrawn = await supplier.post(`/api/v1/verification-invitations/${w.id}/withdraw`);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await buyer.post(`/api/v1/verification-invitations/${w.id}/accept`, {})).statusCode).toBe(409);

    const cases: [unknown, string][] = [
      [{ kind: 'visit', siteId: MISSING, slots }, 'siteId'],
      [{ kind: 'visit', siteId, slots: [] }, 'slots'],
      [{ kind: 'visit', siteId, slots: [{ start: '2026-11-02T16:00', end: '2026-11-02T09:00' }] }, 'slots.0.end'],
      [{ kind: 'sample', product: 'PH-200', quantity: 0, conditions: { method: 'CMM' } }, 'quantity'],
      [{ kind: 'sample', product: 'PH-200', quantity: 5, conditions: {} }, 'conditions.method'],
      [{ kind: 'tour' }, 'kind'],
    ];
    for (const [body, path] of cases) {
      const r = await invite(body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/verification-invitations`, { kind: 'visit', siteId, slots })).statusCode).toBe(403);
    const missing = await stranger.get(`/api/v1/verification-invitations/${MISSING}`);
    expect(missing.statusCode).toBe(404);
    for (const res of [
      await stranger.get(`/api/v1/verification-invitations/${w.id}`),
      await stranger.post(`/api/v1/verification-invitations/${w.id}/accept`, {}),
      await stranger.post(`/api/v1/verification-invitations/${w.id}/decline`, { reason: 'x' }),
      await stranger.get(`/api/v1/engagements/${engagementId}/verification-invitations`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
  });

  it.skipIf(skipReason)('file requests: the supplier places a drawing in the buyer’s list only because the buyer asked', async () => {
    const up = multipart('control-plan.txt', Buffer.from('Control plan CP-7 rev C'));
    const file = (await supplier.request('POST', '/api/v1/files', up.payload, up.headers)).json().id;
    const req = await buyer.post(`/api/v1/engagements/${engagementId}/file-requests`, { title: 'Your control plan for PH-200' });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ requestedBy: { id: buyer.organizationId }, requestedFrom: { id: supplier.organizationId }, status: 'open', files: [] });
    const id = req.json().id;
    // The buyer cannot answer its own request; a stranger cannot see it.
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/file-requests/${id}/files`, { fileId: file })).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/engagements/${engagementId}/file-requests`)).statusCode).toBe(404);
    const answered = await supplier.post(`/api/v1/engagements/${engagementId}/file-requests/${id}/files`, { fileId: file });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().files).toEqual([expect.objectContaining({ id: file, filename: 'control-plan.txt' })]);
    expect((await buyer.get('/api/v1/files')).json().map((f: { id: string }) => f.id)).toContain(file);
    expect((await buyer.get(`/api/v1/files/${file}/content`)).statusCode).toBe(200);
    // The supplier sees that the buyer downloaded it.
    const log = (await supplier.get('/api/v1/access-log')).json();
    expect(log[0]).toMatchObject({ action: 'downloaded_file', via: 'file_share', organization: { id: buyer.organizationId }, file: { id: file } });
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/file-requests/${id}/close`)).statusCode).toBe(403);
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/file-requests/${id}/close`)).json().status).toBe('closed');
    const late = await supplier.post(`/api/v1/files/${file}/shares`, { organizationId: buyer.organizationId, requestId: id });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.issues[0].path).toBe('requestId');
  });
});
