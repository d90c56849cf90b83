import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { ServiceContext } from '../services/shared/context.js';
import { registerAuth } from './auth.js';
import { compiledSerializerCompiler } from './compiled-schemas.js';
import { errorHandler, frameworkErrorHandler } from './errors.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { RequestLog, type LineSink } from './request-log.js';
import { rejectNulCharacters } from './text-guard.js';
import { hasWebApp, registerWebApp, sendAppShell } from './web-app.js';
import { auditRoutes } from './routes/audit.js';
import { discrepancyRoutes } from './routes/discrepancies.js';
import { engagementRoutes } from './routes/engagements.js';
import { profileRoutes } from './routes/profile.js';
import { qualityRoutes } from './routes/quality.js';
import { visitRoutes } from './routes/visits.js';
import { authRoutes } from './routes/auth.js';
import { fileRoutes } from './routes/files.js';
import { memberRoutes } from './routes/members.js';
import { organizationRoutes } from './routes/organizations.js';
import { tokenRoutes } from './routes/tokens.js';
import { supplierSideRoutes } from './routes/supplier-side.js';
import { recordRoutes } from './routes/record.js';
import { credentialRoutes } from './routes/credentials.js';
import { pilotRoutes } from './routes/pilots.js';
import { portfolioRoutes } from './routes/portfolio.js';
import type { App, RoutePlugin } from './routes/types.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** The stream the logger writes to in pino's default format: request lines are written to it directly (request-log.ts). */
  requestLogSink?: LineSink;
  /** Built web app (index.html and assets); served with a fallback to index.html for client routes. */
  webRoot?: string;
  bodyLimit?: number;
  trustProxy?: boolean;
  /** Attempts per minute; tests raise the sign-up limit, which is per address. */
  rateLimits?: { loginPerMinute?: number; signupPerMinute?: number };
  /** Extra route plugins (later capabilities register theirs here). */
  routes?: RoutePlugin[];
  /** Where a sign-up link goes when SMTP_URL is unset (default: the server log); tests collect them. */
  unsentSignupLink?: (email: string, link: string) => void;
}

export const ROUTES: RoutePlugin[] = [authRoutes, tokenRoutes, organizationRoutes, memberRoutes, auditRoutes, fileRoutes, profileRoutes, engagementRoutes, visitRoutes, qualityRoutes, supplierSideRoutes, discrepancyRoutes, recordRoutes, credentialRoutes, pilotRoutes, portfolioRoutes];

export async function buildApp(ctx: ServiceContext, opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 100 ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: false,
    // One line per request, when it is finished (request-log.ts).
    logController: new RequestLog(opts.requestLogSink),
    frameworkErrors: frameworkErrorHandler,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler);
  app.setErrorHandler(errorHandler);
  // First of all hooks, so that every answer carries it, whatever fails after (Fastify keeps a reply's headers
  // through its error handlers); the router's own refusals set it in frameworkErrorHandler.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('preValidation', rejectNulCharacters);

  // Cookies are parsed where the session is read (sessionCookieOf), not for every request.
  await app.register(fastifyCookie, { hook: false });
  await app.register(fastifyRateLimit, {
    global: false,
    // Counters in the database: every app server over the same database shares them.
    store: databaseRateLimitStore(ctx.handle) as never,
    // After parsing, so the log-in limit can key on the email as well as the address.
    hook: 'preHandler',
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, code: 'rate_limited', message: `too many attempts, retry in ${Math.ceil(c.ttl / 1000)} s` }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bonafide API',
        version: '1.0.0',
        description: 'Evidence-based verification of cross-border supplier partnerships. Authenticate with a session cookie (browser) or `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'bonafide_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, ctx);

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.handle.db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const routeOptions = {
    rateLimits: { loginPerMinute: opts.rateLimits?.loginPerMinute ?? 10, signupPerMinute: opts.rateLimits?.signupPerMinute ?? 20 },
    ...(opts.unsentSignupLink ? { unsentSignupLink: opts.unsentSignupLink } : {}),
  };
  for (const r of [...ROUTES, ...(opts.routes ?? [])]) r(app, ctx, routeOptions);

  const webRoot = opts.webRoot;
  if (hasWebApp(webRoot)) await registerWebApp(app, webRoot);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    // Paths with a file extension (a missing asset after a redeploy) get a real 404, not the app shell.
    const looksLikeFile = /\.[a-z0-9]{1,8}$/i.test(path) || path.startsWith('/assets/');
    if (path.startsWith('/api/') || looksLikeFile || req.method !== 'GET' || !hasWebApp(webRoot)) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    // Client-side routes of the web app load the app shell.
    return sendAppShell(reply);
  });
  return app;
}
