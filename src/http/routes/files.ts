import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileView, ShareFileInput } from '../../contracts/accounts.js';
import { IdParams } from '../../contracts/common.js';
import { getFile, listFiles, openFile, shareFileWith, uploadFile } from '../../services/files/files.js';
import { AppError } from '../../services/shared/errors.js';
import { requireActor } from '../auth.js';
import { registerMultipart } from '../multipart.js';
import type { RoutePlugin } from './types.js';

export const fileRoutes: RoutePlugin = (app, ctx) => {
  // The upload in a scope of its own, the only one here that parses multipart bodies (multipart.ts).
  app.register(async (scope) => {
    await registerMultipart(scope, ctx);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/files',
      {
        schema: {
          tags: ['files'],
          summary: 'Upload an evidence file (multipart field "file"); stored by SHA-256 and deduplicated',
          consumes: ['multipart/form-data'],
          response: { 201: FileView, 200: FileView },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        if (!req.isMultipart()) {
          throw new AppError(415, 'unsupported_media_type', 'send the file as multipart/form-data', [{ path: 'file', message: 'multipart/form-data expected' }]);
        }
        const part = await req.file({ limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1 }, throwFileSizeLimit: false });
        if (!part) throw new AppError(400, 'validation_failed', 'no file in the request', [{ path: 'file', message: 'required' }]);
        const view = await uploadFile(ctx, actor, part.file, part.filename);
        return reply.status(view.deduplicated ? 200 : 201).send(view);
      },
    );
  });
  app.get('/api/v1/files', { schema: { tags: ['files'], summary: 'Files owned by or shared with the organization', response: { 200: z.array(FileView) } } }, async (req) =>
    listFiles(ctx, requireActor(req)),
  );
  app.get('/api/v1/files/:id', { schema: { tags: ['files'], summary: 'File metadata', params: IdParams, response: { 200: FileView } } }, async (req) =>
    getFile(ctx, requireActor(req), req.params.id),
  );
  app.get('/api/v1/files/:id/content', { schema: { tags: ['files'], summary: 'Download a file', params: IdParams } }, async (req, reply) => {
    const { view, stream } = await openFile(ctx, requireActor(req), req.params.id);
    reply.header('content-type', view.mediaType);
    reply.header('content-length', String(view.size));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(view.filename)}`);
    reply.header('x-content-sha256', view.sha256);
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(stream);
  });
  app.post('/api/v1/files/:id/shares', { schema: { tags: ['files'], summary: 'Give a file to another organization that asked for files in an engagement you share (requestId of its file request)', params: IdParams, body: ShareFileInput } }, async (req, reply) => {
    await shareFileWith(ctx, requireActor(req), req.params.id, req.body.organizationId, req.body.requestId);
    return reply.status(204).send();
  });
};
