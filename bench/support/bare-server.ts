// The ceiling of an HTTP benchmark: a bare Fastify server (no plugins, no logger, no database) that answers each
// route with the JSON the product answered, serialized per request as any route's object is.
// `node --import tsx bench/support/bare-server.ts <routes.json>` prints {"port": n} once it listens.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

interface BareRoute {
  path: string;
  status: number;
  body: unknown;
}

const routes = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BareRoute[];
const app = Fastify();
for (const r of routes) app.get(r.path, async (_req, reply) => reply.status(r.status).send(r.body));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as { port: number }).port })}\n`);
