import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalFromSession, principalFromToken, type Principal, type SessionHandle } from '../services/accounts/accounts.js';
import type { Actor } from '../services/shared/authz.js';
import type { ServiceContext } from '../services/shared/context.js';
import { AppError, unauthorized } from '../services/shared/errors.js';
import { sameSecret } from './same-secret.js';

export const SESSION_COOKIE = 'bonafide_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session cookie of a request. Cookies are parsed here, where the session is needed, rather than for every
 * request by @fastify/cookie's hook (registered with `hook: false`): a parse and a Map per request for nothing on
 * Bearer, static and health requests.
 */
export function sessionCookieOf(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  return header ? req.server.parseCookie(header)[SESSION_COOKIE] : undefined;
}

/**
 * Resolves who is calling (Bearer token or session cookie) for every /api request and enforces CSRF on
 * cookie-authenticated writes. Bearer requests carry no ambient credentials, so they need no CSRF token.
 */
export function registerAuth(app: FastifyInstance, ctx: ServiceContext) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const p = m ? await principalFromToken(ctx, m[1]) : null;
      if (!p) throw new AppError(401, 'invalid_token', 'the API token is unknown or revoked');
      req.principal = p;
      return;
    }
    const cookie = sessionCookieOf(req);
    if (!cookie) return;
    const p = await principalFromSession(ctx, cookie);
    if (!p) return;
    req.principal = p;
    if (!SAFE_METHODS.has(req.method) && !sameSecret(req.headers['x-csrf-token'], p.csrfToken)) {
      throw new AppError(403, 'csrf_failed', 'missing or wrong x-csrf-token header (GET /api/v1/auth/csrf gives it)');
    }
  });
}

export function setSessionCookie(reply: FastifyReply, req: FastifyRequest, s: SessionHandle) {
  reply.setCookie(SESSION_COOKIE, s.cookieValue, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    expires: new Date(s.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}

/** The acting organization member; someone in no organization may only manage their own account. */
export function requireActor(req: FastifyRequest): Actor {
  const p = requirePrincipal(req);
  if (!p.actor) throw new AppError(403, 'no_organization', 'you are not a member of any organization');
  return p.actor;
}
