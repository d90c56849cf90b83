import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp, type Client } from '../support/http.js';
import { story } from '../support/story.js';

type Party = Client & { organizationId: string; userId: string; email: string };
const MISSING = '00000000-0000-4000-8000-000000000000';
const START = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const LOG = Buffer.from('site,line,period_start,period_end,planned_minutes,downtime_minutes,good_output,scrap\nBeilun,L1,2026-02-02T07:00+08:00,2026-02-03T07:00+08:00,1200,55,1410,12\n');
const CERT = Buffer.from('ISO 13485 certificate SX 60158732 0001, valid until 2026-12-31\n');

describe.each(TEST_DATABASES)('evidence room routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let supplier: Party;
  let buyer: Party;
  let otherBuyer: Party;
  let engagementId: string;
  let logEvidence: string;
  let logFile: string;
  let certEvidence: string;
  let certFile: string;
  let otherEvidence: string;
  let shareId: string;
  const clock = fixedClock(START);
  let restoreClock: () => void;

  const upload = async (c: Party, filename: string, bytes: Buffer) => {
    const up = multipart(filename, bytes);
    const r = await c.request('POST', '/api/v1/files', up.payload, up.headers);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const evidence = async (c: Party, kind: string, title: string, fileId: string) => {
    const r = await c.post('/api/v1/evidence', { kind, provenance: 'self_declared', title, fileIds: [fileId], links: [] });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const content = (c: Party, share: string, file: string, disposition: 'inline' | 'attachment') => c.get(`/api/v1/shares/${share}/files/${file}/content?disposition=${disposition}`);

  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(clock);
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    supplier = await signupClient(app, { name: 'Ningbo Test Precision', kind: 'supplier', country: 'CN' });
    buyer = await signupClient(app, { name: 'Nordtest Medical', kind: 'buyer', country: 'DE' });
    otherBuyer = await signupClient(app, { name: 'Other Outdoor Inc.', kind: 'buyer', country: 'US' });
    const e = await buyer.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'Housings', scope: { products: ['H-1'], destinationCountry: 'DE' } });
    engagementId = e.json().id;
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(200);
    logFile = await upload(supplier, 'mes-production-log-feb.csv', LOG);
    logEvidence = await evidence(supplier, 'production_log', 'Production log, line 1, February', logFile);
    certFile = await upload(supplier, 'iso13485.txt', CERT);
    certEvidence = await evidence(supplier, 'certificate', 'ISO 13485 certificate', certFile);
    otherEvidence = await evidence(otherBuyer, 'communication', 'Notes of another tenant', await upload(otherBuyer, 'notes.txt', Buffer.from('our notes')));
  });
  afterAll(async () => {
    if (skipReason) return;
    restoreClock();
    await app.close();
    await ctx.cleanup();
  });

  step('shares production logs with one buyer in an engagement for a month, downloadable', async () => {
    const res = await supplier.post('/api/v1/shares', {
      organizationId: buyer.organizationId,
      engagementId,
      evidenceIds: [logEvidence],
      access: 'download',
      validUntil: new Date(Date.parse(START) + 30 * DAY).toISOString(),
      note: 'For the capacity review',
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    shareId = s.id;
    expect(s).toMatchObject({
      owner: { id: supplier.organizationId },
      grantee: { id: buyer.organizationId, name: 'Nordtest Medical' },
      engagement: { id: engagementId, title: 'Housings' },
      access: 'download',
      validFrom: START,
      validUntil: '2026-04-01T09:00:00.000Z',
      status: 'active',
      accessCount: 0,
      myRole: 'owner',
    });
    expect(s.items).toEqual([expect.objectContaining({ evidenceId: logEvidence, kind: 'production_log', files: [expect.objectContaining({ id: logFile, filename: 'mes-production-log-feb.csv' })] })]);
  });

  step('refuses bad input with the offending field', async () => {
    const base = { organizationId: buyer.organizationId, evidenceIds: [logEvidence], access: 'view' };
    const cases: [unknown, string][] = [
      [{ ...base, evidenceIds: [otherEvidence] }, 'evidenceIds.0'],
      [{ ...base, evidenceIds: [MISSING] }, 'evidenceIds.0'],
      [{ ...base, evidenceIds: [] }, 'evidenceIds'],
      [{ ...base, evidenceIds: [logEvidence, logEvidence] }, 'evidenceIds'],
      [{ ...base, organizationId: supplier.organizationId }, 'organizationId'],
      [{ ...base, organizationId: MISSING }, 'organizationId'],
      [{ ...base, organizationId: otherBuyer.organizationId, engagementId }, 'engagementId'],
      [{ ...base, engagementId: MISSING }, 'engagementId'],
      [{ ...base, validFrom: START, validUntil: '2026-03-01T00:00:00.000Z' }, 'validUntil'],
      [{ ...base, validUntil: '2026-03-01T00:00:00.000Z' }, 'validUntil'],
      [{ ...base, access: 'print' }, 'access'],
    ];
    for (const [body, path] of cases) {
      const r = await supplier.post('/api/v1/shares', body);
      expect(r.statusCode, `${JSON.stringify(body)}: ${r.body}`).toBe(400);
      expect(r.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  step('the buyer sees the share and opens its files; every look is logged for the supplier', async () => {
    const received = await buyer.get('/api/v1/shares/received');
    expect(received.json().map((s: { id: string }) => s.id)).toEqual([shareId]);
    expect(received.json()[0]).toMatchObject({ myRole: 'grantee' });
    expect(received.json()[0].accessCount).toBeUndefined();
    expect((await buyer.get(`/api/v1/shares/${shareId}`)).statusCode).toBe(200);
    const dl = await content(buyer, shareId, logFile, 'attachment');
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(LOG)).toBe(true);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''mes-production-log-feb\.csv$/);
    expect(dl.headers['cache-control']).toBe('no-store');
    const view = await content(buyer, shareId, logFile, 'inline');
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-disposition']).toMatch(/^inline;/);
    // A file of the supplier's that is not in the share stays invisible.
    expect((await content(buyer, shareId, certFile, 'inline')).statusCode).toBe(404);

    const log = await supplier.get(`/api/v1/shares/${shareId}/access-log`);
    expect(log.statusCode).toBe(200);
    expect(log.json().map((e: { action: string }) => e.action)).toEqual(['viewed_file', 'downloaded_file', 'viewed_share']);
    expect(log.json()[1]).toMatchObject({
      via: 'evidence_share',
      organization: { id: buyer.organizationId, name: 'Nordtest Medical' },
      user: { id: buyer.userId, displayName: 'Test User' },
      evidence: { id: logEvidence, title: 'Production log, line 1, February' },
      file: { id: logFile, filename: 'mes-production-log-feb.csv' },
      shareId,
    });
    // The supplier's own looks are not "another organization" and are not logged.
    await supplier.get(`/api/v1/shares/${shareId}`);
    await content(supplier, shareId, logFile, 'attachment');
    expect((await supplier.get(`/api/v1/shares/${shareId}/access-log`)).json()).toHaveLength(3);
    const mine = (await supplier.get('/api/v1/shares')).json();
    expect(mine[0]).toMatchObject({ id: shareId, accessCount: 3 });
    expect((await supplier.get('/api/v1/access-log')).json()).toHaveLength(3);
    // The access log is the owner's.
    expect((await buyer.get(`/api/v1/shares/${shareId}/access-log`)).statusCode).toBe(404);
  });

  step('another tenant gets 404 exactly like a missing share', async () => {
    const missing = await otherBuyer.get(`/api/v1/shares/${MISSING}`);
    expect(missing.statusCode).toBe(404);
    for (const r of [
      await otherBuyer.get(`/api/v1/shares/${shareId}`),
      await content(otherBuyer, shareId, logFile, 'attachment'),
      await otherBuyer.get(`/api/v1/shares/${shareId}/access-log`),
      await otherBuyer.del(`/api/v1/shares/${shareId}`),
      await buyer.del(`/api/v1/shares/${shareId}`),
    ]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe(missing.json().error.code);
    }
    expect((await otherBuyer.get('/api/v1/shares/received')).json()).toEqual([]);
    expect((await otherBuyer.get(`/api/v1/files/${logFile}/content`)).statusCode).toBe(404);
  });

  step('a view-only share shows files in the browser and refuses downloads', async () => {
    const r = await supplier.post('/api/v1/shares', { organizationId: buyer.organizationId, evidenceIds: [certEvidence], access: 'view' });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({ engagement: null, validUntil: null });
    expect((await content(buyer, id, certFile, 'inline')).statusCode).toBe(200);
    const refused = await content(buyer, id, certFile, 'attachment');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('view_only');
    expect((await buyer.get(`/api/v1/files/${certFile}/content`)).statusCode).toBe(404);
    expect((await supplier.del(`/api/v1/shares/${id}`)).statusCode).toBe(204);
  });

  step('revoking stops access at once: the share, its files by share and by the plain file route', async () => {
    expect((await buyer.get(`/api/v1/files/${logFile}/content`)).statusCode).toBe(200);
    const revoked = await supplier.del(`/api/v1/shares/${shareId}`);
    expect(revoked.statusCode).toBe(204);
    expect((await buyer.get(`/api/v1/shares/${shareId}`)).statusCode).toBe(404);
    expect((await content(buyer, shareId, logFile, 'attachment')).statusCode).toBe(404);
    expect((await content(buyer, shareId, logFile, 'inline')).statusCode).toBe(404);
    expect((await buyer.get(`/api/v1/files/${logFile}/content`)).statusCode).toBe(404);
    expect((await buyer.get(`/api/v1/files/${logFile}`)).statusCode).toBe(404);
    expect((await buyer.get('/api/v1/shares/received')).json()).toEqual([]);
    const again = await supplier.del(`/api/v1/shares/${shareId}`);
    expect(again.statusCode).toBe(409);
    const s = (await supplier.get(`/api/v1/shares/${shareId}`)).json();
    expect(s).toMatchObject({ status: 'revoked', revokedBy: { id: supplier.userId } });
    // The download through the plain file route was logged too, and stays in the log after revocation.
    const log = (await supplier.get(`/api/v1/shares/${shareId}/access-log`)).json();
    expect(log[0]).toMatchObject({ action: 'downloaded_file', via: 'evidence_share', file: { id: logFile } });
  });

  step('a share opens at validFrom and closes at validUntil', async () => {
    const r = await supplier.post('/api/v1/shares', {
      organizationId: buyer.organizationId,
      evidenceIds: [logEvidence],
      access: 'download',
      validFrom: new Date(clock.nowMs() + HOUR).toISOString(),
      validUntil: new Date(clock.nowMs() + 3 * HOUR).toISOString(),
    });
    const id = r.json().id;
    expect(r.json().status).toBe('scheduled');
    expect((await buyer.get(`/api/v1/shares/${id}`)).statusCode).toBe(404);
    clock.advance(2 * HOUR);
    expect((await buyer.get(`/api/v1/shares/${id}`)).statusCode).toBe(200);
    expect((await content(buyer, id, logFile, 'attachment')).statusCode).toBe(200);
    clock.advance(2 * HOUR);
    expect((await buyer.get(`/api/v1/shares/${id}`)).statusCode).toBe(404);
    expect((await content(buyer, id, logFile, 'attachment')).statusCode).toBe(404);
    expect((await buyer.get(`/api/v1/files/${logFile}/content`)).statusCode).toBe(404);
    expect((await supplier.get(`/api/v1/shares/${id}`)).json().status).toBe('expired');
    expect((await supplier.get('/api/v1/shares?status=expired')).json().map((s: { id: string }) => s.id)).toEqual([id]);
  });
});
