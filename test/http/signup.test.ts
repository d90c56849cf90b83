// Sign-up answers the same whether the email is registered or not; the link sent to the address creates the
// account; the owner of a registered address is told by email that someone tried. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/http/routes/types.js';
import { fixedClock, nowMs, resetClock, setClock } from '../../src/clock.js';
import { mailSettingsFromEnv, type MailSettings } from '../../src/services/notifications/settings.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { confirmSignupLink, signupClient, signupLinks, testApp } from '../support/http.js';

const body = (email: string) => ({
  email,
  password: 'correct horse battery',
  displayName: 'Eva Lindqvist',
  organization: { name: 'Fjord Medtech AB', kind: 'buyer', country: 'SE' },
});
const signup = (app: App, email: string) => app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body(email) });

/** What a caller sees of an answer: status, body, and which headers are set (not their random values). */
function visible(res: LightMyRequestResponse, email: string) {
  return {
    status: res.statusCode,
    body: res.body.replace(email, '<email>'),
    cookie: res.headers['set-cookie'] ?? null,
    headers: Object.keys(res.headers).filter((h) => !['date', 'x-request-id', 'content-length'].includes(h)).sort(),
  };
}

describe.each(TEST_DATABASES)('sign-up on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    // Confirmation by email, as with SMTP_URL set; without a mail server the links are collected (test/support/http.ts).
    (ctx.config as { mail?: MailSettings }).mail = { ...mailSettingsFromEnv({}), signupConfirmation: 'email' };
    app = await testApp(ctx);
  });
  afterAll(async () => {
    if (skipReason) return;
    resetClock();
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('answers a registered and a new address the same, and creates nothing for the registered one', async () => {
    const owner = await signupClient(app);
    const users = async () => Number((await ctx.handle.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await users();
    const fresh = `new-${Date.now()}@example.com`;
    const forNew = await signup(app, fresh);
    const forRegistered = await signup(app, owner.email);
    expect(visible(forRegistered, owner.email)).toEqual(visible(forNew, fresh));
    expect(forNew.statusCode).toBe(202);
    expect(forNew.json()).toEqual({ status: 'confirmation_sent', email: fresh });
    // Nobody is signed in and no account exists before the link is followed.
    expect(forNew.headers['set-cookie']).toBeUndefined();
    expect(await users()).toBe(before);
    expect(signupLinks.has(owner.email)).toBe(true); // from the owner's own sign-up, not from this attempt
    // The owner's login still works; the attempt changed nothing.
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: owner.email, password: 'correct horse battery' } });
    expect(login.statusCode).toBe(200);
  });

  it.skipIf(skipReason)('the link creates the account and its organization once, and signs in', async () => {
    const email = `link-${Date.now()}@example.com`;
    expect((await signup(app, email)).statusCode).toBe(202);
    const confirmed = await confirmSignupLink(app, email);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({ user: { email, displayName: 'Eva Lindqvist' }, organization: { name: 'Fjord Medtech AB', kind: 'buyer', country: 'SE' }, role: 'owner' });
    const cookie = confirmed.cookies.find((c) => c.name === 'bonafide_session')!;
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `bonafide_session=${cookie.value}` } });
    expect(me.json().user.email).toBe(email);
    const again = await confirmSignupLink(app, email);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.issues[0].path).toBe('token');
  });

  it.skipIf(skipReason)('a link expires after 24 hours; an unknown token is refused the same way', async () => {
    const email = `late-${Date.now()}@example.com`;
    expect((await signup(app, email)).statusCode).toBe(202);
    setClock(fixedClock(new Date(nowMs() + 25 * 3_600_000).toISOString()));
    try {
      const late = await confirmSignupLink(app, email);
      expect(late.statusCode).toBe(400);
      expect(late.json().error.issues[0].path).toBe('token');
    } finally {
      resetClock();
    }
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token: 'x'.repeat(43) } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe('token');
  });

  it.skipIf(skipReason)('with a mail server configured, the new address gets the link and a registered one a warning to its owner', async () => {
    const mail: MailSettings = { smtpUrl: 'smtp://127.0.0.1:9', from: 'Bonafide <no-reply@example.com>', publicUrl: 'https://bonafide.example', jobIntervalMs: 60_000, maxAttempts: 3, signupConfirmation: 'email' };
    const mailing = await createTestContext(name);
    (mailing.config as { mail?: typeof mail }).mail = mail;
    const mailApp = await testApp(mailing);
    try {
      const owner = `owner-${Date.now()}@example.com`;
      // The owner's account (the link read from the outbox, as its email would carry it).
      expect((await signup(mailApp, owner)).statusCode).toBe(202);
      const outbox = () => mailing.handle.db.selectFrom('outbox').selectAll().orderBy('created_at').execute();
      const [confirm] = await outbox();
      expect(confirm).toMatchObject({ to_address: owner, notification_kind: 'signup_confirm' });
      const token = /token=([\w-]+)/.exec(confirm.body)![1];
      expect(confirm.body).toContain(`https://bonafide.example/signup/confirm?token=${token}`);
      expect((await mailApp.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token } })).statusCode).toBe(201);
      // Someone tries the registered address: the same 202, and the owner is told.
      const attempt = await signup(mailApp, owner);
      expect(attempt.statusCode).toBe(202);
      const mails = await outbox();
      expect(mails).toHaveLength(2);
      expect(mails[1]).toMatchObject({ to_address: owner, notification_kind: 'signup_attempt' });
      expect(mails[1].body).toContain('log in instead');
    } finally {
      await mailApp.close();
      await mailing.cleanup();
    }
  });

  it.skipIf(skipReason)('an invitation still signs up at once (its link went to the invited address)', async () => {
    const owner = await signupClient(app, { name: 'Inviting Org', kind: 'supplier', country: 'CN' });
    const email = `invited-${Date.now()}@example.com`;
    const inv = await owner.post('/api/v1/invitations', { email, role: 'member' });
    expect(inv.statusCode, inv.body).toBe(201);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password: 'correct horse battery', displayName: 'Joiner', invitationToken: inv.json().token } });
    expect(res.statusCode).toBe(201);
    expect(res.json().organization.name).toBe('Inviting Org');
  });

  it.skipIf(skipReason)('without a mail server (confirmation off) the account is created at once and a registered address is refused', async () => {
    const plain = await createTestContext(name);
    (plain.config as { mail?: MailSettings }).mail = { ...mailSettingsFromEnv({}) };
    expect(plain.config).toMatchObject({ mail: { smtpUrl: null, signupConfirmation: 'off' } });
    const plainApp = await testApp(plain);
    try {
      const email = `direct-${Date.now()}@example.com`;
      const first = await signup(plainApp, email);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['set-cookie']).toBeDefined();
      const dup = await signup(plainApp, email);
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.issues[0].path).toBe('email');
    } finally {
      await plainApp.close();
      await plain.cleanup();
    }
  });

  it('BONAFIDE_SIGNUP_CONFIRMATION follows SMTP_URL unless set, and refuses other values', () => {
    expect(mailSettingsFromEnv({}).signupConfirmation).toBe('off');
    expect(mailSettingsFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).signupConfirmation).toBe('email');
    expect(mailSettingsFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', BONAFIDE_SIGNUP_CONFIRMATION: 'off' }).signupConfirmation).toBe('off');
    expect(mailSettingsFromEnv({ BONAFIDE_SIGNUP_CONFIRMATION: 'email' }).signupConfirmation).toBe('email');
    expect(() => mailSettingsFromEnv({ BONAFIDE_SIGNUP_CONFIRMATION: 'yes' })).toThrow(/BONAFIDE_SIGNUP_CONFIRMATION/);
  });
});
