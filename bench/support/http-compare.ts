// An HTTP figure against its ceiling: the product's route over a real socket with its authentication, and a bare
// Fastify route answering the same JSON to the same request headers, loaded alternately.
import { join } from 'node:path';
import { alternate, result, type BenchResult, tempDir } from '../harness.js';
import { getJson } from './api.js';
import { CONNECTIONS, DURATION_S, load, type LoadFigures } from './load.js';
import { startBare, type Server } from './server.js';

export interface HttpCompareOptions {
  name: string;
  product: Server;
  path: string;
  headers: Record<string, string>;
  /** Throughput target as a ratio of the ceiling, e.g. 0.5. */
  minRatio?: number;
  /** Absolute targets: requests per second at least, p99 (ms) under. */
  minRps?: number;
  maxP99Ms?: number;
}

export async function compareHttp(o: HttpCompareOptions): Promise<BenchResult[]> {
  const body = await getJson(`${o.product.url}${o.path}`, o.headers);
  const size = JSON.stringify(body).length;
  const bare = await startBare(tempDir('bare'), [{ path: o.path.split('?')[0]!, body }]);
  try {
    const runs = await alternate<LoadFigures>({
      ceiling: () => load(`${bare.url}${o.path}`, o.headers),
      product: () => load(`${o.product.url}${o.path}`, o.headers),
    });
    const common = `${CONNECTIONS} connections, ${DURATION_S} s per round, ${size.toLocaleString('en-US')} bytes of JSON; client and servers share this machine`;
    const rps = result({
      name: `${o.name} throughput`,
      unit: 'req/s',
      value: runs.product.map((r) => r.rps),
      ceilingName: 'bare Fastify route answering the same JSON to the same headers',
      ceiling: runs.ceiling.map((r) => r.rps),
      better: 'higher',
      notes: [common],
    });
    if (o.minRatio !== undefined) {
      rps.target = `ratio >= ${o.minRatio}`;
      rps.pass = rps.ratio >= o.minRatio;
    } else if (o.minRps !== undefined) {
      rps.target = `>= ${o.minRps.toLocaleString('en-US')} req/s`;
      rps.pass = rps.value.median >= o.minRps;
    }
    const p99 = result({
      name: `${o.name} p99 latency under that load`,
      unit: 'ms',
      value: runs.product.map((r) => r.p99),
      ceilingName: 'bare Fastify, same JSON',
      ceiling: runs.ceiling.map((r) => r.p99),
      better: 'lower',
    });
    if (o.maxP99Ms !== undefined) {
      p99.target = `p99 < ${o.maxP99Ms} ms`;
      p99.pass = p99.value.median < o.maxP99Ms;
    }
    return [rps, p99];
  } finally {
    await bare.stop();
  }
}
