// The buyer's home dashboard (GET /api/v1/portfolio) for the demo buyer grown to 1,000 engagements and 100,000
// evidence items (bench/make-portfolio-workspace.ts), on SQLite and — when BONAFIDE_TEST_PG names one — on
// PostgreSQL. Target: p99 < 100 ms. The ceiling is a bare Fastify route answering the same JSON.
import { join } from 'node:path';
import pg from 'pg';
import { tempDir, type Bench, type BenchResult } from './harness.js';
import { createToken, DEMO_PASSWORD, getJson, logIn, postJson } from './support/api.js';
import { compareLatency } from './support/http-latency.js';
import { makePortfolioWorkspace } from './support/portfolio-world.js';
import { startProduct } from './support/server.js';

const ENGAGEMENTS = Number(process.env.BENCH_PORTFOLIO_ENGAGEMENTS ?? 1000);
const EVIDENCE = Number(process.env.BENCH_PORTFOLIO_EVIDENCE_PER_ENGAGEMENT ?? 100);

async function measure(label: string, database: string): Promise<BenchResult> {
  const dir = tempDir('portfolio');
  const w = await makePortfolioWorkspace(database, join(dir, 'data'), { engagements: ENGAGEMENTS, evidencePerEngagement: EVIDENCE });
  console.log(`${label}: ${w.engagements.toLocaleString('en-US')} engagements, ${w.evidence.toLocaleString('en-US')} evidence items generated in ${(w.ms / 1000).toFixed(1)} s`);
  const server = await startProduct({ database, dataDir: join(dir, 'data'), logFile: join(dir, 'server.log') });
  try {
    const session = await logIn(server.url, w.buyerEmail, DEMO_PASSWORD);
    const token = await createToken(server.url, session);
    const headers = { authorization: `Bearer ${token}` };
    // The panels keep each engagement's figures until it changes (services/portfolio/kept.ts): the first read after
    // start computes them all, a read after a change in one engagement computes that one again.
    const timed = async () => {
      const t = performance.now();
      const body = await getJson<{ engagementsByPhase: unknown[] }>(`${server.url}/api/v1/portfolio`, headers);
      return { ms: performance.now() - t, body };
    };
    const cold = await timed();
    const engagements = await getJson<{ id: string }[]>(`${server.url}/api/v1/engagements?limit=5`, headers);
    const afterChange: number[] = [];
    for (const e of engagements) {
      await postJson(`${server.url}/api/v1/engagements/${e.id}/messages`, headers, { kind: 'technical_inquiry', subject: 'Shipping window', body: 'Please confirm the shipping window for the next lot.' });
      afterChange.push((await timed()).ms);
    }
    const r = await compareLatency({
      name: `GET /api/v1/portfolio, buyer with ${w.engagements.toLocaleString('en-US')} engagements and ${w.evidence.toLocaleString('en-US')} evidence items (${label})`,
      product: server,
      path: '/api/v1/portfolio',
      headers,
      requests: Number(process.env.BENCH_PORTFOLIO_REQUESTS ?? 50),
      percentile: 'p99',
      maxMs: 100,
    });
    r.notes = [...(r.notes ?? []), `first read after start (nothing kept yet) ${cold.ms.toFixed(0)} ms; a read after a question asked in one engagement ${afterChange.map((x) => x.toFixed(0)).join(', ')} ms`];
    return r;
  } finally {
    await server.stop();
  }
}

const bench: Bench = {
  title: `home dashboard of a buyer with ${ENGAGEMENTS.toLocaleString('en-US')} engagements and ${(ENGAGEMENTS * EVIDENCE).toLocaleString('en-US')} evidence items, SQLite and PostgreSQL`,
  async run() {
    const out: BenchResult[] = [await measure('SQLite', `sqlite:${join(tempDir('portfolio-db'), 'db.sqlite')}`)];
    const url = process.env.BONAFIDE_TEST_PG ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
    if (!url) {
      console.log('PostgreSQL skipped: set BONAFIDE_TEST_PG=postgres://… to measure it there too');
      return out;
    }
    const schema = `bench_portfolio_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema ${schema}`);
      const u = new URL(url);
      u.searchParams.set('schema', schema);
      out.push(await measure('PostgreSQL', u.toString()));
    } finally {
      await admin.query(`drop schema if exists ${schema} cascade`).catch(() => {});
      await admin.end();
    }
    return out;
  },
};
export default bench;
