import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/routes/types.js';
import type { ServiceContext } from '../../src/services/shared/context.js';

/** A logged-in browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export interface Client {
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

/** Sign-up links the test servers would have emailed (no SMTP in tests), by address. */
export const signupLinks = new Map<string, string>();

export async function testApp(ctx: ServiceContext): Promise<App> {
  const app = await buildApp(ctx, {
    // Errors only: an unexpected 500 then shows its cause in the test output (a flaky one cannot be reproduced later).
    logger: { level: 'error' },
    rateLimits: { signupPerMinute: 10_000 },
    unsentSignupLink: (email, link) => signupLinks.set(email.toLowerCase(), link),
  });
  await app.ready();
  return app;
}

function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((c) => c.name === 'bonafide_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `bonafide_session=${c.value}`;
}

async function clientFor(app: App, cookie: string): Promise<Client> {
  const csrfRes = await app.inject({ method: 'GET', url: '/api/v1/auth/csrf', headers: { cookie } });
  const csrf = (csrfRes.json() as { token: string }).token;
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    cookie,
    csrf,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    del: (url) => request('DELETE', url),
  };
}

let counter = 0;
export async function signupClient(
  app: App,
  org: { name?: string; kind?: 'buyer' | 'supplier' | 'auditor'; country?: string } = {},
  email = `user${++counter}-${Math.random().toString(36).slice(2, 7)}@example.com`,
): Promise<Client & { email: string; userId: string; organizationId: string }> {
  const requested = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: {
      email,
      password: 'correct horse battery',
      displayName: 'Test User',
      organization: { name: org.name ?? `Org ${counter}`, kind: org.kind ?? 'buyer', country: org.country ?? 'DE' },
    },
  });
  // 201: created at once (no sign-up confirmation); 202: the link the email would carry creates the account.
  if (requested.statusCode !== 201 && requested.statusCode !== 202) throw new Error(`signup failed ${requested.statusCode}: ${requested.body}`);
  const res = requested.statusCode === 201 ? requested : await confirmSignupLink(app, email);
  if (res.statusCode !== 201) throw new Error(`signup confirmation failed ${res.statusCode}: ${res.body}`);
  const body = res.json() as { user: { id: string }; organization: { id: string } };
  const c = await clientFor(app, cookieFrom(res));
  return Object.assign(c, { email, userId: body.user.id, organizationId: body.organization.id });
}

/** Follows the sign-up link sent to `email` (POST /auth/signup/confirm with its token). */
export function confirmSignupLink(app: App, email: string) {
  const link = signupLinks.get(email.toLowerCase());
  if (!link) throw new Error(`no sign-up link was sent to ${email}`);
  const token = new URL(link).searchParams.get('token');
  return app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token } });
}

export async function loginClient(app: App, email: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`);
  return clientFor(app, cookieFrom(res));
}

/** Builds a multipart/form-data body by hand so tests control every byte. */
export function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = '----bonafideTest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
