import { z } from 'zod';
import { IdParams, Id } from '../../contracts/common.js';
import { FileRequestInput, FileRequestParams, FileRequestView } from '../../contracts/suppliers.js';
import { answerRequestInEngagement, closeFileRequest, listFileRequests, requestFiles } from '../../services/suppliers/file-requests.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['files'];

export const fileRequestRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/engagements/:id/file-requests',
    { schema: { tags, summary: 'Ask the other party of the engagement for files; only then can it place files in your file list', params: IdParams, body: FileRequestInput, response: { 201: FileRequestView } } },
    async (req, reply) => reply.status(201).send(await requestFiles(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get('/api/v1/engagements/:id/file-requests', { schema: { tags, summary: "The engagement's file requests, both ways", params: IdParams, response: { 200: z.array(FileRequestView) } } }, async (req) =>
    listFileRequests(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/engagements/:id/file-requests/:requestId/files',
    { schema: { tags, summary: 'Answer a request addressed to you with one of your files', params: FileRequestParams, body: z.strictObject({ fileId: Id }), response: { 200: FileRequestView } } },
    async (req) => answerRequestInEngagement(ctx, requireActor(req), req.params.id, req.params.requestId, req.body.fileId),
  );
  app.post(
    '/api/v1/engagements/:id/file-requests/:requestId/close',
    { schema: { tags, summary: 'Close your request: no more files can be sent against it', params: FileRequestParams, response: { 200: FileRequestView } } },
    async (req) => closeFileRequest(ctx, requireActor(req), req.params.id, req.params.requestId),
  );
};
