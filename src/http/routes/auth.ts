import { z } from 'zod';
import {
  LoginInput,
  MeView,
  OrganizationView,
  SignupConfirmInput,
  SignupInput,
  SignupRequestedView,
  SwitchOrganizationInput,
  UpdateMeInput,
  UserView,
} from '../../contracts/accounts.js';
import { Role } from '../../contracts/common.js';
import { login, logout, me, principalFromSession, signup, switchOrganization, updateMe } from '../../services/accounts/accounts.js';
import { confirmSignup, requestSignup } from '../../services/accounts/signup.js';
import { mailSettings } from '../../services/notifications/settings.js';
import { AppError } from '../../services/shared/errors.js';
import { clearSessionCookie, requirePrincipal, sessionCookieOf, setSessionCookie } from '../auth.js';
import type { RoutePlugin } from './types.js';

export const authRoutes: RoutePlugin = (app, ctx, opts) => {
  app.post(
    '/api/v1/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign up. With an invitation token, or when sign-up confirmation is off (no SMTP_URL): the account is created at once (201, signed in; ' +
          'a registered address is 409). With confirmation by email (SMTP_URL set, or BONAFIDE_SIGNUP_CONFIRMATION=email): 202 whether or not ' +
          'the address is registered; the link sent to it creates the account (POST /auth/signup/confirm), and a registered address\'s owner is told by email',
        body: SignupInput,
        response: { 201: z.object({ user: UserView, organization: OrganizationView, role: Role }), 202: SignupRequestedView },
      },
      config: { rateLimit: { max: opts.rateLimits.signupPerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (req.body.invitationToken || (mailSettings(ctx).signupConfirmation ?? 'off') === 'off') {
        const r = await signup(ctx, req.body);
        setSessionCookie(reply, req, r.session);
        return reply.status(201).send({ user: r.user, organization: r.organization, role: r.role });
      }
      const { unsentLink } = await requestSignup(ctx, req.body);
      if (unsentLink) {
        if (opts.unsentSignupLink) opts.unsentSignupLink(req.body.email, unsentLink);
        else req.log.warn({ email: req.body.email, link: unsentLink }, 'SMTP_URL is not set: the sign-up link is in this log instead of an email');
      }
      return reply.status(202).send({ status: 'confirmation_sent' as const, email: req.body.email });
    },
  );

  app.post(
    '/api/v1/auth/signup/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Follow the sign-up link: creates the account and its organization, and signs in',
        body: SignupConfirmInput,
        response: { 201: z.object({ user: UserView, organization: OrganizationView, role: Role }) },
      },
      config: { rateLimit: { max: opts.rateLimits.signupPerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const r = await confirmSignup(ctx, req.body.token);
      setSessionCookie(reply, req, r.session);
      return reply.status(201).send({ user: r.user, organization: r.organization, role: r.role });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in with email and password', body: LoginInput, response: { 200: z.object({ user: UserView }) } },
      // Per address and email, so one attacker cannot lock everyone out and one account cannot be sprayed.
      config: {
        rateLimit: {
          max: opts.rateLimits.loginPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      const r = await login(ctx, req.body);
      setSessionCookie(reply, req, r.session);
      return { user: r.user };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End the session' } }, async (req, reply) => {
    if (req.principal?.sessionId) await logout(ctx, req.principal.sessionId);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/auth/csrf',
    { schema: { tags: ['auth'], summary: 'The CSRF token to send as x-csrf-token on cookie-authenticated writes', response: { 200: z.object({ token: z.string() }) } } },
    async (req) => {
      const p = requirePrincipal(req);
      if (!p.csrfToken) throw new AppError(400, 'not_a_session', 'API-token requests need no CSRF token');
      return { token: p.csrfToken };
    },
  );

  app.get('/api/v1/me', { schema: { tags: ['auth'], summary: 'The user, memberships and current organization', response: { 200: MeView } } }, async (req) =>
    me(ctx, requirePrincipal(req)),
  );

  app.patch('/api/v1/me', { schema: { tags: ['auth'], summary: 'Update name, language or time zone', body: UpdateMeInput, response: { 200: UserView } } }, async (req) =>
    updateMe(ctx, requirePrincipal(req), req.body),
  );

  app.post(
    '/api/v1/me/current-organization',
    { schema: { tags: ['auth'], summary: 'Switch the session to another organization of the user', body: SwitchOrganizationInput, response: { 200: MeView } } },
    async (req) => {
      const p = requirePrincipal(req);
      await switchOrganization(ctx, p, req.body.organizationId);
      const fresh = await principalFromSession(ctx, sessionCookieOf(req)!);
      return me(ctx, fresh ?? p);
    },
  );
};
