// GET /api/v1/engagements of the demo buyer (API token) against a bare Fastify route answering the same JSON to the
// same header. Target: >= 0.3.
import type { Bench } from './harness.js';
import { demoServer } from './support/demo.js';
import { compareHttp } from './support/http-compare.js';

const bench: Bench = {
  title: 'GET /api/v1/engagements (demo buyer, SQLite) against bare Fastify with the same JSON and header',
  async run() {
    const demo = await demoServer();
    try {
      return await compareHttp({ name: 'GET /api/v1/engagements (Bearer token)', product: demo.server, path: '/api/v1/engagements', headers: demo.bearer, minRatio: 0.3 });
    } finally {
      await demo.server.stop();
    }
  },
};
export default bench;
