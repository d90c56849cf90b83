// How long one user waits: `n` requests one after another (no concurrency) to the product's route and to a bare
// Fastify route answering the same JSON to the same headers, alternated round by round. The figure is each round's
// p99 (or p50) latency.
import { alternate, result, type BenchResult, tempDir } from '../harness.js';
import { getJson } from './api.js';
import { sequential } from './load.js';
import { startBare, type Server } from './server.js';

export interface LatencyOptions {
  name: string;
  product: Server;
  path: string;
  headers: Record<string, string>;
  /** Requests per round. */
  requests: number;
  /** Which percentile the target is about. */
  percentile: 'p50' | 'p99';
  maxMs: number;
  /** The target as the issue words it, e.g. "p99 < 100 ms". */
  target?: string;
}

export async function compareLatency(o: LatencyOptions): Promise<BenchResult> {
  const body = await getJson(`${o.product.url}${o.path}`, o.headers);
  const size = JSON.stringify(body).length;
  const bare = await startBare(tempDir('bare'), [{ path: o.path.split('?')[0]!, body }]);
  try {
    const runs = await alternate({
      ceiling: () => sequential(`${bare.url}${o.path}`, o.headers, o.requests),
      product: () => sequential(`${o.product.url}${o.path}`, o.headers, o.requests),
    });
    const r = result({
      name: `${o.name} ${o.percentile} latency, one request at a time`,
      unit: 'ms',
      value: runs.product.map((x) => x[o.percentile]),
      ceilingName: 'bare Fastify route answering the same JSON to the same headers',
      ceiling: runs.ceiling.map((x) => x[o.percentile]),
      better: 'lower',
      target: o.target ?? `${o.percentile} < ${o.maxMs} ms`,
      notes: [
        `${o.requests} requests per round, ${size.toLocaleString('en-US')} bytes of JSON; product p50 ${runs.product.map((x) => x.p50.toFixed(1)).join(', ')} ms, p99 ${runs.product.map((x) => x.p99.toFixed(1)).join(', ')} ms, max ${runs.product.map((x) => x.max.toFixed(1)).join(', ')} ms`,
      ],
    });
    r.pass = r.value.median < o.maxMs;
    return r;
  } finally {
    await bare.stop();
  }
}
