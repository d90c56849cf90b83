// Readiness of the demo engagement (the buyer's API token, SQLite) under load. Targets: >= 2,000 req/s with p99
// under 20 ms; the ceiling is a bare Fastify route answering the same JSON to the same header.
import type { Bench } from './harness.js';
import { getJson } from './support/api.js';
import { demoServer } from './support/demo.js';
import { compareHttp } from './support/http-compare.js';

const bench: Bench = {
  title: 'GET /api/v1/engagements/{id}/readiness of the demo engagement (SQLite) under load',
  async run() {
    const demo = await demoServer();
    try {
      const list = await getJson<{ id: string; title: string; supplier?: { name?: string } }[]>(`${demo.server.url}/api/v1/engagements`, demo.bearer);
      // The demo's main story: Nordlicht and Ningbo Hengtai's IP-7 housings, the engagement with the most evidence
      // (the buyer has other, smaller ones with Hengtai).
      const e = list.find((x) => x.title.startsWith('IP-7')) ?? list.find((x) => JSON.stringify(x).includes('Hengtai')) ?? list[0]!;
      return await compareHttp({
        name: 'GET /api/v1/engagements/{id}/readiness (demo engagement, Bearer token)',
        product: demo.server,
        path: `/api/v1/engagements/${e.id}/readiness`,
        headers: demo.bearer,
        minRps: 2000,
        maxP99Ms: 20,
      });
    } finally {
      await demo.server.stop();
    }
  },
};
export default bench;
