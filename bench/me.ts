import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';
import type { BenchResult } from './harness.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 16;

async function rps(url: string, headers: Record<string, string> = {}): Promise<number> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (r.non2xx > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses`);
  return r.requests.average;
}

/** Authenticated GET /api/v1/me (session cookie, SQLite) against a bare Fastify route returning a constant. */
export async function meBench(): Promise<BenchResult[]> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;

  const dir = mkdtempSync(join(tmpdir(), 'bonafide-bench-'));
  const ctx = await openRuntime({ databaseUrl: `sqlite:${join(dir, 'db.sqlite')}`, dataDir: dir });
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const signup = await fetch(`http://127.0.0.1:${port}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 1', displayName: 'Bench', organization: { name: 'Bench GmbH', kind: 'buyer', country: 'DE' } }),
  });
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0];

  try {
    // Warm up both, then alternate so drift on the machine affects both alike.
    await rps(`http://127.0.0.1:${barePort}/bare`);
    await rps(`http://127.0.0.1:${port}/api/v1/me`, { cookie });
    const bareRuns: number[] = [];
    const meRuns: number[] = [];
    for (let i = 0; i < 2; i++) {
      bareRuns.push(await rps(`http://127.0.0.1:${barePort}/bare`));
      meRuns.push(await rps(`http://127.0.0.1:${port}/api/v1/me`, { cookie }));
    }
    const baseline = Math.max(...bareRuns);
    const value = Math.max(...meRuns);
    return [
      {
        name: 'GET /api/v1/me (session, SQLite) throughput',
        unit: 'requests/s',
        value,
        baselineName: 'bare Fastify GET route',
        baseline,
        ratio: value / baseline,
        better: 'higher',
        notes: `${CONNECTIONS} connections, ${DURATION_S} s per run, best of 2; client and servers share this machine`,
      },
    ];
  } finally {
    await app.close();
    await bare.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
