import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { ServiceContext } from '../services/context.js';
import { registerAuth } from './auth.js';
import { errorHandler } from './errors.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { auditRoutes } from './routes/audit.js';
import { engagementRoutes } from './routes/engagements.js';
import { profileRoutes } from './routes/profile.js';
import { qualityRoutes } from './routes/quality.js';
import { visitRoutes } from './routes/visits.js';
import { authRoutes } from './routes/auth.js';
import { fileRoutes } from './routes/files.js';
import { memberRoutes } from './routes/members.js';
import { organizationRoutes } from './routes/organizations.js';
import { tokenRoutes } from './routes/tokens.js';
import type { App, RoutePlugin } from './routes/types.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Built web app (index.html and assets); served with a fallback to index.html for client routes. */
  webRoot?: string;
  bodyLimit?: number;
  trustProxy?: boolean;
  /** Attempts per minute; tests raise the sign-up limit, which is per address. */
  rateLimits?: { loginPerMinute?: number; signupPerMinute?: number };
  /** Extra route plugins (later capabilities register theirs here). */
  routes?: RoutePlugin[];
}

export const ROUTES: RoutePlugin[] = [authRoutes, tokenRoutes, organizationRoutes, memberRoutes, auditRoutes, fileRoutes, profileRoutes, engagementRoutes, visitRoutes, qualityRoutes];

export async function buildApp(ctx: ServiceContext, opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 100 ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: false,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    // Counters in the database: every app server over the same database shares them.
    store: databaseRateLimitStore(ctx.handle) as never,
    // After parsing, so the log-in limit can key on the email as well as the address.
    hook: 'preHandler',
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, code: 'rate_limited', message: `too many attempts, retry in ${Math.ceil(c.ttl / 1000)} s` }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1, fields: 10 } });
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
  };
  for (const r of [...ROUTES, ...(opts.routes ?? [])]) r(app, ctx, routeOptions);

  const webRoot = opts.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    // Paths with a file extension (a missing asset after a redeploy) get a real 404, not the app shell.
    const looksLikeFile = /\.[a-z0-9]{1,8}$/i.test(path) || path.startsWith('/assets/');
    if (path.startsWith('/api/') || looksLikeFile || req.method !== 'GET' || !webRoot || !existsSync(join(webRoot, 'index.html'))) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    // Client-side routes of the web app load the app shell.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
