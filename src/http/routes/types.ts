import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export interface RouteOptions {
  rateLimits: { loginPerMinute: number; signupPerMinute: number };
}
export type RoutePlugin = (app: App, ctx: ServiceContext, opts: RouteOptions) => void;
