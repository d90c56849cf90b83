import { z } from 'zod';
import { AccessLogEntryView, AccessLogQuery, ShareFileParams, ShareFileQuery, ShareInput, ShareListQuery, ShareParams, ShareView } from '../../contracts/suppliers.js';
import { Id } from '../../contracts/common.js';
import {
  createShare,
  getShare,
  listReceivedShares,
  listShares,
  openSharedFile,
  organizationAccessLog,
  revokeShare,
  shareAccessLog,
} from '../../services/suppliers/shares.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['evidence room'];

export const shareRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/shares',
    {
      schema: {
        tags,
        summary: 'Share evidence with another organization (optionally inside one engagement) from validFrom until validUntil; access download or view (in the browser only)',
        body: ShareInput,
        response: { 201: ShareView },
      },
    },
    async (req, reply) => reply.status(201).send(await createShare(ctx, requireActor(req), req.body)),
  );
  app.get('/api/v1/shares', { schema: { tags, summary: 'The shares your organization made', querystring: ShareListQuery, response: { 200: z.array(ShareView) } } }, async (req) =>
    listShares(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/shares/received',
    { schema: { tags, summary: 'What other organizations share with yours right now', querystring: z.strictObject({ engagementId: Id.optional() }), response: { 200: z.array(ShareView) } } },
    async (req) => listReceivedShares(ctx, requireActor(req), req.query),
  );
  app.get('/api/v1/shares/:id', { schema: { tags, summary: 'One share (its owner: always; the other side: while active, and the look is logged)', params: ShareParams, response: { 200: ShareView } } }, async (req) =>
    getShare(ctx, requireActor(req), req.params.id),
  );
  app.delete('/api/v1/shares/:id', { schema: { tags, summary: 'Revoke a share: the other side loses access at once, files included', params: ShareParams } }, async (req, reply) => {
    await revokeShare(ctx, requireActor(req), req.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/v1/shares/:id/access-log',
    { schema: { tags, summary: 'Who of the other organization looked at what of this share, and when (owner only)', params: ShareParams, querystring: AccessLogQuery, response: { 200: z.array(AccessLogEntryView) } } },
    async (req) => shareAccessLog(ctx, requireActor(req), req.params.id, req.query.limit),
  );
  app.get(
    '/api/v1/shares/:id/files/:fileId/content',
    { schema: { tags, summary: 'A file of a share: inline (view in the browser) on any active share, attachment (download) on a download share', params: ShareFileParams, querystring: ShareFileQuery } },
    async (req, reply) => {
      const { file, stream } = await openSharedFile(ctx, requireActor(req), req.params.id, req.params.fileId, req.query.disposition);
      reply.header('content-type', file.mediaType.startsWith('text/') ? `${file.mediaType}; charset=utf-8` : file.mediaType);
      reply.header('content-length', String(file.size));
      reply.header('content-disposition', `${req.query.disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      reply.header('x-content-sha256', file.sha256);
      reply.header('x-content-type-options', 'nosniff');
      // Access is decided on every request: nothing may be served again from a cache after a revocation.
      reply.header('cache-control', 'no-store');
      reply.header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
      return reply.send(stream);
    },
  );
  app.get(
    '/api/v1/access-log',
    { schema: { tags, summary: "Every look by another organization at your organization's evidence and files", querystring: AccessLogQuery, response: { 200: z.array(AccessLogEntryView) } } },
    async (req) => organizationAccessLog(ctx, requireActor(req), req.query.limit),
  );
};
