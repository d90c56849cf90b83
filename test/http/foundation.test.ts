import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { loginClient, multipart, signupClient, testApp } from '../support/http.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(TEST_DATABASES)('foundation routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name, { maxUploadBytes: 64 * 1024 });
    app = await testApp(ctx);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('answers /healthz once the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it.skipIf(skipReason)('signs up, logs out, logs in and reports /me', async () => {
    const a = await signupClient(app, { name: 'Acme Buyer', kind: 'buyer', country: 'de' });
    const me = (await a.get('/api/v1/me')).json();
    expect(me.user.email).toBe(a.email);
    expect(me.currentOrganization).toMatchObject({ name: 'Acme Buyer', kind: 'buyer', country: 'DE' });
    expect(me.role).toBe('owner');
    const set = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: 'correct horse battery' } })).headers['set-cookie'];
    expect(String(set)).toMatch(/HttpOnly/i);
    expect(String(set)).toMatch(/SameSite=Lax/i);
    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(401);
    const again = await loginClient(app, a.email, 'correct horse battery');
    expect((await again.get('/api/v1/me')).statusCode).toBe(200);
  });

  it.skipIf(skipReason)('refuses wrong passwords and unknown emails alike', async () => {
    const a = await signupClient(app);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: 'nope nope nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.com', password: 'nope nope nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
  });

  it.skipIf(skipReason)('rate-limits log-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'spray@example.com', password: 'wrong password' } });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it.skipIf(skipReason)('two app servers over one database share the log-in allowance (no per-process counters)', async () => {
    const second = await testApp(ctx);
    try {
      const attempt = (a: App) => a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'shared@example.com', password: 'wrong password' } });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await attempt(i % 2 ? second : app)).statusCode);
      expect(statuses.every((s) => s === 401)).toBe(true);
      // The eleventh attempt, on either server, is over the limit of 10 a minute.
      const eleventh = await attempt(second);
      expect(eleventh.statusCode).toBe(429);
      expect(eleventh.json().error.code).toBe('rate_limited');
      expect((await attempt(app)).statusCode).toBe(429);
      // Another email from the same address has its own allowance.
      expect((await second.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'other@example.com', password: 'wrong password' } })).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  it.skipIf(skipReason)('requires the CSRF token on cookie-authenticated writes but not on Bearer requests', async () => {
    const a = await signupClient(app);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: a.cookie }, payload: { name: 'ci' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const created = await a.post('/api/v1/tokens', { name: 'ci' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^bfd_/);
    const viaBearer = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` }, payload: { name: 'second' } });
    expect(viaBearer.statusCode).toBe(201);
    const list = (await a.get('/api/v1/tokens')).json();
    expect(list.map((t: { name: string }) => t.name).sort()).toEqual(['ci', 'second']);
    expect(JSON.stringify(list)).not.toContain(token);
    expect(list.find((t: { id: string }) => t.id === id).lastUsedAt).not.toBeNull();
    expect((await a.del(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
  });

  it.skipIf(skipReason)('a Bearer token acts for the organization that created it', async () => {
    const a = await signupClient(app, { name: 'Token Org' });
    const { token } = (await a.post('/api/v1/tokens', { name: 'integration' })).json();
    const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json();
    expect(me.currentOrganization.name).toBe('Token Org');
    expect(me.via).toBe('token');
  });

  it.skipIf(skipReason)('lists the directory with public fields and filters by kind and name', async () => {
    const a = await signupClient(app, { name: 'Directory Buyer', kind: 'buyer' });
    await signupClient(app, { name: 'Zhejiang Directory Casting', kind: 'supplier', country: 'CN' });
    const res = await a.get('/api/v1/organizations?kind=supplier&q=directory');
    expect(res.statusCode).toBe(200);
    const rows = res.json();
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['Zhejiang Directory Casting']);
    expect(Object.keys(rows[0]).sort()).toEqual(['categories', 'country', 'createdAt', 'description', 'id', 'identifiers', 'kind', 'name', 'website']);
    const one = await a.get(`/api/v1/organizations/${rows[0].id}`);
    expect(one.json().name).toBe('Zhejiang Directory Casting');
    expect((await a.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('invites a member by email with a single-use, expiring token', async () => {
    const owner = await signupClient(app, { name: 'Inviting Org', kind: 'supplier', country: 'CN' });
    const inv = await owner.post('/api/v1/invitations', { email: 'new.colleague@example.com', role: 'member' });
    expect(inv.statusCode).toBe(201);
    const { token, acceptPath } = inv.json();
    expect(acceptPath).toBe(`/invite/${token}`);
    const preview = await app.inject({ method: 'GET', url: `/api/v1/invitations/by-token/${token}` });
    expect(preview.json()).toMatchObject({ email: 'new.colleague@example.com', role: 'member', organization: { name: 'Inviting Org' } });
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'new.colleague@example.com', password: 'another good password', displayName: 'New Colleague', invitationToken: token },
    });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().organization.name).toBe('Inviting Org');
    const reuse = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'other@example.com', password: 'another good password', displayName: 'X', invitationToken: token },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.issues[0].path).toBe('invitationToken');
    const members = (await owner.get('/api/v1/members')).json();
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toContainEqual(['new.colleague@example.com', 'member']);
    const colleague = await loginClient(app, 'new.colleague@example.com', 'another good password');
    expect((await colleague.get('/api/v1/audit-log')).statusCode).toBe(403);
  });

  it.skipIf(skipReason)('keeps an append-only audit log of every write, readable by admins', async () => {
    const a = await signupClient(app);
    await a.post('/api/v1/tokens', { name: 'audited' });
    await a.patch('/api/v1/organization', { description: 'We machine things.' });
    const log = (await a.get('/api/v1/audit-log')).json();
    const actions = log.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organization.created', 'user.signed_up', 'token.created', 'organization.updated']));
    expect(log[0].actor.userId).toBe(a.userId);
    await expect(ctx.handle.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(ctx.handle.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it.skipIf(skipReason)('switches the session between organizations of the user', async () => {
    const owner = await signupClient(app, { name: 'First Org' });
    const second = await signupClient(app, { name: 'Second Org', kind: 'auditor', country: 'GB' });
    const { token } = (await second.post('/api/v1/invitations', { email: owner.email, role: 'admin' })).json();
    expect((await owner.post('/api/v1/invitations/accept', { token })).statusCode).toBe(200);
    expect((await owner.get('/api/v1/me')).json().currentOrganization.name).toBe('Second Org');
    await owner.post('/api/v1/me/current-organization', { organizationId: owner.organizationId });
    expect((await owner.get('/api/v1/me')).json().currentOrganization.name).toBe('First Org');
    const switched = await owner.post('/api/v1/me/current-organization', { organizationId: second.organizationId });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().currentOrganization.name).toBe('Second Org');
    expect(switched.json().role).toBe('admin');
    const stranger = await signupClient(app, { name: 'Stranger Org' });
    const notMine = await owner.post('/api/v1/me/current-organization', { organizationId: stranger.organizationId });
    expect(notMine.statusCode).toBe(404);
  });

  it.skipIf(skipReason)('a signed-in user opens another organization, owns it, and the session moves to it', async () => {
    const user = await signupClient(app, { name: 'Suzhou Plant Co.', kind: 'supplier', country: 'CN' });
    const r = await user.post('/api/v1/organizations', { name: 'Vietnam Plant Co.', kind: 'supplier', country: 'VN' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ name: 'Vietnam Plant Co.', kind: 'supplier', country: 'VN' });
    const me = (await user.get('/api/v1/me')).json();
    expect(me.currentOrganization.id).toBe(r.json().id);
    expect(me.role).toBe('owner');
    expect(me.memberships.map((m: { organization: { name: string } }) => m.organization.name).sort()).toEqual(['Suzhou Plant Co.', 'Vietnam Plant Co.']);
    // Its audit log starts with its creation, by this user.
    const audit = (await user.get('/api/v1/audit-log')).json();
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['organization.created']);
    expect(audit[0].actor.userId).toBe(user.userId);
    // Back to the first one works as for any membership.
    expect((await user.post('/api/v1/me/current-organization', { organizationId: user.organizationId })).statusCode).toBe(200);

    const bad = await user.post('/api/v1/organizations', { name: 'X', kind: 'factory', country: 'ZZ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['country', 'kind', 'name']);
    const { token } = (await user.post('/api/v1/tokens', { name: 'integration' })).json();
    const viaToken = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { name: 'Token Plant', kind: 'supplier', country: 'CN' } });
    expect(viaToken.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { 'content-type': 'application/json' }, payload: { name: 'Nobody Inc.', kind: 'buyer', country: 'DE' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it.skipIf(skipReason)('stores uploads by SHA-256, deduplicates, sniffs the type from content, and enforces the size limit', async () => {
    const a = await signupClient(app);
    const up = multipart('certificate.pdf', PDF);
    const first = await a.request('POST', '/api/v1/files', up.payload, up.headers);
    expect(first.statusCode).toBe(201);
    const f = first.json();
    expect(f.mediaType).toBe('application/pdf');
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(ctx.dataDir, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256))).toBe(true);
    const again = await a.request('POST', '/api/v1/files', up.payload, up.headers);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: f.id, deduplicated: true });
    const dl = await a.get(`/api/v1/files/${f.id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    // A PNG named .pdf is stored as a PNG: the name does not decide the type.
    const png = multipart('looks-like.pdf', PNG);
    expect((await a.request('POST', '/api/v1/files', png.payload, png.headers)).json().mediaType).toBe('image/png');
    // An executable is refused whatever its name.
    const elf = multipart('report.pdf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]));
    const refused = await a.request('POST', '/api/v1/files', elf.payload, elf.headers);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.issues[0].path).toBe('file');
    const big = multipart('big.txt', Buffer.alloc(70 * 1024, 'a'));
    const tooBig = await a.request('POST', '/api/v1/files', big.payload, big.headers);
    expect(tooBig.statusCode).toBe(413);
    expect(readdirSync(join(ctx.dataDir, 'files', 'tmp'))).toEqual([]);
    const rows = await ctx.handle.db.selectFrom('files').select('filename').where('organization_id', '=', a.organizationId).execute();
    expect(rows.map((r) => r.filename).sort()).toEqual(['certificate.pdf', 'looks-like.pdf']);
  });

  describe('another organization sees nothing and changes nothing', () => {
    it.skipIf(skipReason)('answers 404 for files, tokens, invitations and members of another organization', async () => {
      const a = await signupClient(app, { name: 'Tenant A' });
      const b = await signupClient(app, { name: 'Tenant B' });
      const up = multipart('secret.pdf', PDF);
      const file = (await a.request('POST', '/api/v1/files', up.payload, up.headers)).json();
      const token = (await a.post('/api/v1/tokens', { name: 'a-token' })).json();
      const inv = (await a.post('/api/v1/invitations', { email: 'x@example.com', role: 'viewer' })).json();
      const missing = '00000000-0000-4000-8000-000000000000';

      for (const url of [`/api/v1/files/${file.id}`, `/api/v1/files/${file.id}/content`]) {
        const theirs = await b.get(url);
        const none = await b.get(url.replace(file.id, missing));
        expect(theirs.statusCode).toBe(404);
        expect(theirs.json()).toEqual(none.json());
      }
      expect((await b.get('/api/v1/files')).json()).toEqual([]);
      expect((await b.post(`/api/v1/files/${file.id}/shares`, { organizationId: b.organizationId })).statusCode).toBe(404);
      expect((await b.del(`/api/v1/tokens/${token.id}`)).statusCode).toBe(404);
      expect((await b.get('/api/v1/tokens')).json()).toEqual([]);
      expect((await b.del(`/api/v1/invitations/${inv.id}`)).statusCode).toBe(404);
      expect((await b.get('/api/v1/invitations')).json()).toEqual([]);
      expect((await b.patch(`/api/v1/members/${a.userId}`, { role: 'viewer' })).statusCode).toBe(404);
      expect((await b.del(`/api/v1/members/${a.userId}`)).statusCode).toBe(404);
      expect((await b.get('/api/v1/members')).json().map((m: { userId: string }) => m.userId)).toEqual([b.userId]);
      const bLog = (await b.get('/api/v1/audit-log')).json();
      expect(bLog.every((e: { actor: { userId: string } }) => e.actor.userId === b.userId)).toBe(true);
      // A's token still works: B's attempts changed nothing.
      const stillThere = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token.token}` } });
      expect(stillThere.statusCode).toBe(200);
    });

    it.skipIf(skipReason)('lets a file be downloaded by an organization that asked for it, and only that one', async () => {
      const a = await signupClient(app, { name: 'Sharer', kind: 'supplier', country: 'CN' });
      const b = await signupClient(app, { name: 'Share Target' });
      const c = await signupClient(app, { name: 'Bystander' });
      const up = multipart('iso9001.pdf', PDF);
      const file = (await a.request('POST', '/api/v1/files', up.payload, up.headers)).json();
      // Unasked, a file cannot be placed in another organization's list.
      const unasked = await a.post(`/api/v1/files/${file.id}/shares`, { organizationId: b.organizationId });
      expect(unasked.statusCode).toBe(400);
      expect(unasked.json().error.issues[0].path).toBe('requestId');
      expect((await b.get('/api/v1/files')).json()).toEqual([]);
      const e = (await b.post('/api/v1/engagements', { supplierOrganizationId: a.organizationId, title: 'Certificates', scope: { products: ['P-1'], destinationCountry: 'DE' } })).json();
      const request = (await b.post(`/api/v1/engagements/${e.id}/file-requests`, { title: 'Your ISO 9001 certificate' })).json();
      expect((await a.post(`/api/v1/files/${file.id}/shares`, { organizationId: c.organizationId, requestId: request.id })).statusCode).toBe(400);
      expect((await a.post(`/api/v1/files/${file.id}/shares`, { organizationId: b.organizationId, requestId: request.id })).statusCode).toBe(204);
      expect((await b.get(`/api/v1/files/${file.id}/content`)).statusCode).toBe(200);
      expect((await b.get(`/api/v1/files/${file.id}`)).json().owned).toBe(false);
      expect((await c.get(`/api/v1/files/${file.id}/content`)).statusCode).toBe(404);
      // The recipient cannot pass it on.
      expect((await b.post(`/api/v1/files/${file.id}/shares`, { organizationId: c.organizationId })).statusCode).toBe(404);
    });
  });

  describe('bad input gets a 4xx naming the field', () => {
    it.skipIf(skipReason)('malformed JSON, wrong types, unknown fields, bad country, oversized bodies', async () => {
      const malformed = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe('malformed_json');

      const wrongTypes = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: 42, password: 'short', displayName: 'X', organization: { name: 'Y', kind: 'pirate', country: 'XX' } },
      });
      expect(wrongTypes.statusCode).toBe(400);
      const paths = wrongTypes.json().error.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'organization.name', 'organization.kind', 'organization.country']));

      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@example.com', password: 'x', admin: true },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.issues).toEqual([{ path: 'admin', message: 'unknown field', code: 'unknown_field' }]);
      expect(wrongTypes.json().error.issues.find((i: { path: string }) => i.path === 'password').code).toBe('too_small');

      const huge = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(huge.statusCode).toBe(413);

      const a = await signupClient(app);
      const badQuery = await a.get('/api/v1/organizations?kind=pirate&limit=abc');
      expect(badQuery.statusCode).toBe(400);
      expect(badQuery.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['querystring.kind', 'querystring.limit']);
      const badId = await a.get('/api/v1/files/not-a-uuid');
      expect(badId.statusCode).toBe(400);
      const dup = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: a.email, password: 'correct horse battery', displayName: 'Dup', organization: { name: 'Dup Org', kind: 'buyer', country: 'DE' } },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.issues[0].path).toBe('email');
      const notMultipart = await a.post('/api/v1/files', { file: 'abc' });
      expect(notMultipart.statusCode).toBe(415);
      const unknownRoute = await a.get('/api/v1/nothing-here');
      expect(unknownRoute.statusCode).toBe(404);
      expect(unknownRoute.json().error.code).toBe('not_found');
    });

    it.skipIf(skipReason)('a viewer cannot write', async () => {
      const owner = await signupClient(app);
      const { token } = (await owner.post('/api/v1/invitations', { email: 'viewer@example.org', role: 'viewer' })).json();
      await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'viewer@example.org', password: 'viewer password 1', displayName: 'V', invitationToken: token } });
      const viewer = await loginClient(app, 'viewer@example.org', 'viewer password 1');
      expect((await viewer.post('/api/v1/tokens', { name: 'nope' })).statusCode).toBe(403);
      const up = multipart('a.pdf', PDF);
      expect((await viewer.request('POST', '/api/v1/files', up.payload, up.headers)).statusCode).toBe(403);
      expect((await viewer.patch('/api/v1/organization', { description: 'x' })).statusCode).toBe(403);
    });
  });
});
