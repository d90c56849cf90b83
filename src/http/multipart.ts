// Multipart bodies are parsed by the routes that take files (uploads and imports) and registered in their scopes
// only. @fastify/multipart adds an async onResponse hook (it deletes files saved by saveRequestFiles, which we do
// not use) to every route of the context it is registered in: at the root, a hook and a promise on every request.
// Any other route answers a multipart body 415, as it does any other body type it does not take.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../services/shared/context.js';

export async function registerMultipart(scope: FastifyInstance, ctx: ServiceContext): Promise<void> {
  await scope.register(fastifyMultipart, { limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1, fields: 10 } });
}
