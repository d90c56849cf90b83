// How readiness grows with evidence: the demo's main engagement padded to 1,000 and to 10,000 evidence items
// (bench/support/portfolio-world.ts: copies of its own items, lots renumbered, validity spread around today), on
// SQLite. Each timed GET follows a write (the caller creates an API token), so every answer is evaluated afresh
// as after any change — the reuse of an unchanged answer (services/shared/result-cache.ts) does not count here.
// Targets: 1,000 items < 20 ms, 10,000 items < 150 ms (median of the requests' latencies); the ceiling is a bare
// Fastify route answering the same JSON, timed the same way (after the same write to the product).
import { join } from 'node:path';
import { alternate, result, tempDir, type Bench, type BenchResult } from './harness.js';
import { createToken, DEMO_BUYER, DEMO_PASSWORD, getJson, logIn } from './support/api.js';
import { makeReadinessWorkspace } from './support/portfolio-world.js';
import { startBare, startProduct } from './support/server.js';

const SIZES: [number, number, number][] = [
  // evidence items, target (ms), requests per round
  [1_000, 20, 40],
  [10_000, 150, 15],
];

async function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function measure(items: number, maxMs: number, requests: number): Promise<BenchResult> {
  const dir = tempDir('readiness-growth');
  const database = `sqlite:${join(dir, 'db.sqlite')}`;
  const w = await makeReadinessWorkspace(database, join(dir, 'data'), items);
  const server = await startProduct({ database, dataDir: join(dir, 'data'), logFile: join(dir, 'server.log') });
  try {
    const session = await logIn(server.url, DEMO_BUYER, DEMO_PASSWORD);
    const headers = { authorization: `Bearer ${await createToken(server.url, session)}` };
    const path = `/api/v1/engagements/${w.engagementId}/readiness`;
    const body = await getJson(`${server.url}${path}`, headers);
    const bare = await startBare(tempDir('bare'), [{ path, body }]);
    try {
      const round = async (url: string) => {
        const times: number[] = [];
        for (let i = 0; i < requests; i++) {
          await createToken(server.url, session, `bench-${i}`);
          times.push(await timedGet(url, headers));
        }
        return times;
      };
      const runs = await alternate({ ceiling: () => round(`${bare.url}${path}`), product: () => round(`${server.url}${path}`) });
      const r = result({
        name: `GET readiness, demo engagement with ${w.evidence.toLocaleString('en-US')} evidence items, evaluated afresh (median latency)`,
        unit: 'ms',
        value: runs.product.map(median),
        ceilingName: 'bare Fastify route answering the same JSON, same sequence',
        ceiling: runs.ceiling.map(median),
        better: 'lower',
        target: `< ${maxMs} ms`,
        notes: [
          `${requests} requests per round, each after a write; ${JSON.stringify(body).length.toLocaleString('en-US')} bytes of JSON; product max per round ${runs.product.map((t) => Math.max(...t).toFixed(1)).join(', ')} ms`,
        ],
      });
      r.pass = r.value.median < maxMs;
      return r;
    } finally {
      await bare.stop();
    }
  } finally {
    await server.stop();
  }
}

const bench: Bench = {
  title: 'readiness against evidence count (1,000 and 10,000 items), SQLite, each answer evaluated afresh',
  async run() {
    const out: BenchResult[] = [];
    for (const [items, maxMs, requests] of SIZES) out.push(await measure(items, maxMs, requests));
    return out;
  },
};
export default bench;
