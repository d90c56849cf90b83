// Measures from outside what issue 9 reported ("during a 500,000-row import another tenant's GET /engagements waited
// 13.5 s and /healthz did not answer"): a demo server (`bonafide serve`, SQLite unless DATABASE_URL is given) on
// which the demo supplier imports N production-log rows over HTTP while another tenant reads its engagement list and
// /healthz one request after another. Prints read latencies (p50 / p99 / max) before and during the import.
//   npx tsx scripts/reads-during-import.ts [rows=500000]
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createToken, logIn, DEMO_PASSWORD } from '../bench/support/api.js';
import { ensureBuild } from '../bench/support/build.js';
import { startProduct } from '../bench/support/server.js';
import { tempDir } from '../bench/harness.js';

const N = Number(process.argv[2] ?? 500_000);
await ensureBuild();
const dir = tempDir('reads-during-import');
const server = await startProduct({
  database: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'db.sqlite')}`,
  dataDir: join(dir, 'data'),
  demo: true,
  logFile: join(dir, 'server.log'),
});
try {
  const bearer = async (email: string) => ({ authorization: `Bearer ${await createToken(server.url, await logIn(server.url, email, DEMO_PASSWORD))}` });
  const supplier = await bearer('li.wei@hengtai.example');
  const otherTenant = await bearer('mike.carlson@lakeshore.example');
  const engagements = (await (await fetch(`${server.url}/api/v1/engagements`, { headers: supplier })).json()) as { id: string; buyer?: { name?: string }; phase?: string }[];
  const engagement = engagements.find((e) => e.buyer?.name?.startsWith('Nordlicht')) ?? engagements[0]!;

  // One shift per row on ten lines of a plant, hour after hour from 2019 on: no row repeats another.
  const file = join(dir, 'production-logs.csv');
  const lines = ['site,line,period_start,period_end,planned_minutes,downtime_minutes,good_output,scrap'];
  for (let i = 0; i < N; i++) {
    const start = Date.UTC(2019, 0, 1) + Math.floor(i / 10) * 3_600_000;
    lines.push(`Plant 9,Line ${i % 10},${new Date(start).toISOString()},${new Date(start + 3_600_000).toISOString()},60,${i % 7},${40 + (i % 13)},${i % 3}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');

  async function readLoop(stop: () => boolean): Promise<{ engagements: number[]; healthz: number[]; errors: number }> {
    const out = { engagements: [] as number[], healthz: [] as number[], errors: 0 };
    while (!stop()) {
      for (const [path, into, headers] of [['/api/v1/engagements', out.engagements, otherTenant], ['/healthz', out.healthz, {}]] as const) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}${path}`, { headers, signal: AbortSignal.timeout(120_000) });
          await res.arrayBuffer();
          if (!res.ok) out.errors++;
        } catch (e) {
          out.errors++;
          console.log(`  ${path} failed after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${(e as Error).message}`);
        }
        into.push(performance.now() - t0);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
  const show = (label: string, xs: number[]) =>
    console.log(`  ${label.padEnd(36)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`);

  const idleUntil = Date.now() + 5_000;
  const idle = await readLoop(() => Date.now() > idleUntil);

  let done = false;
  console.log(`importing ${N.toLocaleString('en-US')} rows into engagement ${engagement.id}…`);
  const t0 = performance.now();
  const importing = fetch(`${server.url}/api/v1/engagements/${engagement.id}/imports/production-logs`, {
    method: 'POST',
    headers: { ...supplier, 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit).then(async (res) => {
    const body = await res.text();
    done = true;
    return { status: res.status, body, ms: performance.now() - t0 };
  });
  const during = await readLoop(() => done);
  const imported = await importing;
  console.log(`import of ${N.toLocaleString('en-US')} production-log rows over HTTP: ${imported.status} in ${(imported.ms / 1000).toFixed(1)} s${imported.status >= 300 ? `: ${imported.body.slice(0, 300)}` : ''}`);
  console.log(`another tenant's reads, one at a time (errors before ${idle.errors}, during ${during.errors}):`);
  show('GET /api/v1/engagements, idle', idle.engagements);
  show('GET /api/v1/engagements, during import', during.engagements);
  show('GET /healthz, idle', idle.healthz);
  show('GET /healthz, during import', during.healthz);
} finally {
  await server.stop();
}
process.exit(0);
