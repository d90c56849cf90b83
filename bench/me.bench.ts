// Authenticated GET /api/v1/me of the demo buyer — with an API token (what integrations send) and with the browser's
// session cookie — against a bare Fastify route answering the same JSON to the same header. Target: >= 0.5.
import type { Bench, BenchResult } from './harness.js';
import { demoServer } from './support/demo.js';
import { compareHttp } from './support/http-compare.js';

const bench: Bench = {
  title: 'authenticated GET /api/v1/me (SQLite) against bare Fastify with the same JSON and header',
  async run() {
    const demo = await demoServer();
    try {
      const out: BenchResult[] = [];
      out.push(...(await compareHttp({ name: 'GET /api/v1/me (Bearer token)', product: demo.server, path: '/api/v1/me', headers: demo.bearer, minRatio: 0.5 })));
      out.push(...(await compareHttp({ name: 'GET /api/v1/me (session cookie)', product: demo.server, path: '/api/v1/me', headers: { cookie: demo.session.cookie }, minRatio: 0.5 })));
      return out;
    } finally {
      await demo.server.stop();
    }
  },
};
export default bench;
