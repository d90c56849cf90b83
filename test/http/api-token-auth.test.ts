import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { loginClient, signupClient, testApp } from '../support/http.js';

// A Bearer request is authenticated by one query (token, user, membership role): the token acts with its
// creator's current role, and for no one once the creator has left the organization.
describe.each(TEST_DATABASES)('API token authentication on $name', ({ name, skipReason }) => {
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

  it.skipIf(skipReason)("acts with the creator's current role, and for no one once the creator has left", async () => {
    const owner = await signupClient(app, { name: 'Token GmbH', kind: 'buyer', country: 'DE' });
    const inv = (await owner.post('/api/v1/invitations', { email: 'token.member@example.com', role: 'admin' })).json();
    const joined = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'token.member@example.com', password: 'a long enough password', displayName: 'Token Member', invitationToken: inv.token },
    });
    expect(joined.statusCode).toBe(201);
    const member = await loginClient(app, 'token.member@example.com', 'a long enough password');
    const { token } = (await member.post('/api/v1/tokens', { name: 'integration' })).json();
    const bearer = { authorization: `Bearer ${token}` };

    const asAdmin = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json()).toMatchObject({ role: 'admin', via: 'token', currentOrganization: { id: owner.organizationId } });

    const memberId = asAdmin.json().user.id as string;
    expect((await owner.patch(`/api/v1/members/${memberId}`, { role: 'viewer' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).json().role).toBe('viewer');

    expect((await owner.del(`/api/v1/members/${memberId}`)).statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('invalid_token');
  });

  it.skipIf(skipReason)('refuses an unknown token and a malformed header', async () => {
    for (const authorization of ['Bearer bfd_unknown', 'Bearer', 'Basic abc']) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect(r.statusCode).toBe(401);
    }
  });
});
