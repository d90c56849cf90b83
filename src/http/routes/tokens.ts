import { z } from 'zod';
import { CreatedTokenView, NewTokenInput, TokenView } from '../../contracts/accounts.js';
import { IdParams } from '../../contracts/common.js';
import { createApiToken, listTokens, revokeToken } from '../../services/accounts/tokens.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

export const tokenRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/tokens',
    { schema: { tags: ['tokens'], summary: 'Create an API token (shown once)', body: NewTokenInput, response: { 201: CreatedTokenView } } },
    async (req, reply) => reply.status(201).send(await createApiToken(ctx, requireActor(req), req.body.name)),
  );
  app.get('/api/v1/tokens', { schema: { tags: ['tokens'], summary: 'List API tokens', response: { 200: z.array(TokenView) } } }, async (req) =>
    listTokens(ctx, requireActor(req)),
  );
  app.delete('/api/v1/tokens/:id', { schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParams } }, async (req, reply) => {
    await revokeToken(ctx, requireActor(req), req.params.id);
    return reply.status(204).send();
  });
};
