import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/shared/context.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export interface RouteOptions {
  rateLimits: { loginPerMinute: number; signupPerMinute: number };
  /** Where a sign-up link goes when no mail server is configured (default: the server log). */
  unsentSignupLink?: (email: string, link: string) => void;
}
export type RoutePlugin = (app: App, ctx: ServiceContext, opts: RouteOptions) => void;
