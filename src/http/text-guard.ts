// PostgreSQL cannot store a NUL character in text (SQLite can), so one such byte in an id, a query value or a JSON
// string would make the two databases answer differently: refused here, before any route, with the field named.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidField } from '../services/shared/errors.js';

/**
 * A parsed JSON body is made of plain objects and arrays. Anything else in a body is not text from the client: an
 * import's body is the request stream itself, whose socket, server and parser reach thousands of objects (walking
 * them kept a real server busy for minutes on every import). Params and query are the router's flat maps of strings.
 */
function isParsedJson(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  // for…in over own keys: no entries array per object (params and query of most requests are empty).
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const found = nulPath(k, path, depth + 1) ?? nulPath((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** A hook with a callback rather than a promise: it runs on every request and nearly always finds nothing. */
export function rejectNulCharacters(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  // Below a parsed root, JSON holds only plain objects and arrays: the root decides.
  const body = typeof req.body === 'object' && req.body !== null && !isParsedJson(req.body) ? undefined : req.body;
  const path = nulPath(req.params, 'params') ?? nulPath(req.query, 'query') ?? nulPath(body, '');
  done(path === null ? undefined : invalidField(path || '(body)', 'text may not contain a NUL character'));
}
