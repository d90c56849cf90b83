// Serving the built web app: files whose names carry a content hash (everything under /assets/) are cached
// for a year and never revalidated; everything else (index.html, favicon) is revalidated on each load, so a
// release is picked up at once. The build writes .br and .gz siblings (web/vite.config.ts): they are sent to
// browsers that accept them, without compressing per request.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from './routes/types.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export function hasWebApp(webRoot: string | undefined): webRoot is string {
  return Boolean(webRoot && existsSync(join(webRoot, 'index.html')));
}

export async function registerWebApp(app: App, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.br|\.gz)?$/.test(path);
      res.setHeader('cache-control', hashed ? IMMUTABLE : REVALIDATE);
    },
  });
}

/** The app shell for a client-side route (e.g. /engagements/123): never cached, it names the current assets. */
export function sendAppShell(reply: FastifyReply) {
  return reply.header('cache-control', REVALIDATE).type('text/html').sendFile('index.html');
}
