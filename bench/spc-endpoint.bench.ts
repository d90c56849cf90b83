// The SPC endpoint after a real import of 1,000,000 values of one characteristic (`bonafide import batches`, one
// series of bore diameters with shifts for the Nelson rules): GET /api/v1/engagements/{id}/spc as the buyer, the
// chart the web app asks for (maxPoints 1,000). Target: < 50 ms (median latency, one request at a time); the
// ceiling is a bare Fastify route answering the same JSON. The first answer after the import (the analysis itself)
// is reported beside it, and the chart is checked: at most maxPoints points, the series' lowest and highest value
// among them, and which signalled points are drawn.
import { join } from 'node:path';
import { alternate, result, tempDir, type Bench, type BenchResult } from './harness.js';
import { logIn } from './support/api.js';
import { runCli } from './support/cli.js';
import { sequential } from './support/load.js';
import { batchCsv, batchRow, makeQualityWorld, PRODUCT } from './support/quality-world.js';
import { startBare, startProduct } from './support/server.js';

const N = Number(process.env.BENCH_SPC_ENDPOINT_N ?? 1_000_000);
const MAX_POINTS = 1000;
/** The password quality-world.ts signs its users up with. */
const PASSWORD = 'bench password 1';

interface SpcAnswer {
  n: number;
  chart: { totalPoints: number; points: { index: number; value: number; rules: number[] }[] };
  /** `points` lists at most the first 1,000; `count` and `ranges` (runs [first, last]) describe every signalled point. */
  signals: { rule: number; points: number[]; count: number; ranges: [number, number][]; rangeCount: number; truncated: boolean }[];
}

/** Distinct points of runs that may overlap between rules (each rule's runs ascending and disjoint). */
function coveredPoints(runs: [number, number][]): number {
  const sorted = [...runs].sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = -1;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    covered += b - Math.max(a, end + 1) + 1;
    end = b;
  }
  return covered;
}

const bench: Bench = {
  title: `GET /api/v1/engagements/{id}/spc over ${N.toLocaleString('en-US')} imported values (SQLite)`,
  async run(): Promise<BenchResult[]> {
    const dir = tempDir('spc-endpoint');
    const database = `sqlite:${join(dir, 'db.sqlite')}`;
    const world = await makeQualityWorld(database, join(dir, 'data'));
    const csv = join(dir, 'series.csv');
    await batchCsv(csv, N, false);
    await runCli(['import', 'batches', csv, '--supplier', world.supplierId, '--as', world.supplierEmail, '--no-progress', '--database', database, '--data-dir', join(dir, 'data')]);
    const server = await startProduct({ database, dataDir: join(dir, 'data'), logFile: join(dir, 'server.log') });
    try {
      const session = await logIn(server.url, world.buyerEmail, PASSWORD);
      const headers = { cookie: session.cookie };
      const path = `/api/v1/engagements/${world.engagementId}/spc?product=${encodeURIComponent(PRODUCT)}&characteristic=bore_diameter&maxPoints=${MAX_POINTS}`;
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${server.url}${path}`, { headers });
      const body = (await res.json()) as SpcAnswer;
      const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (!res.ok) throw new Error(`GET spc: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      // The chart: the series is known (batchRow), so its extremes are too.
      let lo = 0;
      let hi = 0;
      const values = new Float64Array(N);
      for (let i = 0; i < N; i++) values[i] = Number(batchRow(i, false).value);
      for (let i = 1; i < N; i++) {
        if (values[i]! < values[lo]!) lo = i;
        if (values[i]! > values[hi]!) hi = i;
      }
      const drawn = new Set(body.chart.points.map((p) => p.index));
      // Signalled points from each signal's runs (every point when no list is cut short; else a lower bound).
      const runsComplete = body.signals.every((s) => s.ranges.length === s.rangeCount);
      const signalled = Math.max(coveredPoints(body.signals.flatMap((s) => s.ranges)), ...body.signals.map((s) => s.count));
      const signalledDrawn = body.chart.points.filter((p) => p.rules.length > 0).length;
      const countsAgree = body.signals.every((s) => s.ranges.reduce((k, [a, b]) => k + b - a + 1, 0) === s.count || !runsComplete);
      const rulesDrawn = new Set(body.chart.points.flatMap((p) => p.rules));
      const rulesFired = body.signals.filter((s) => s.count > 0).map((s) => s.rule);
      const answerBytes = Buffer.byteLength(JSON.stringify(body));
      const chartOk = body.chart.points.length <= MAX_POINTS && drawn.has(lo) && drawn.has(hi) && rulesFired.every((r) => rulesDrawn.has(r)) && countsAgree;
      const bare = await startBare(tempDir('bare'), [{ path: path.split('?')[0]!, body }]);
      try {
        const runs = await alternate({
          ceiling: () => sequential(`${bare.url}${path}`, headers, 30),
          product: () => sequential(`${server.url}${path}`, headers, 30),
        });
        const r = result({
          name: `GET spc, ${body.n.toLocaleString('en-US')} values, chart of at most ${MAX_POINTS} points (median latency)`,
          unit: 'ms',
          value: runs.product.map((x) => x.p50),
          ceilingName: 'bare Fastify route answering the same JSON',
          ceiling: runs.ceiling.map((x) => x.p50),
          better: 'lower',
          target: '< 50 ms, and the chart keeps the extremes and every rule that fired',
          notes: [
            `first answer after the import (reads and analyses the series): ${firstMs.toFixed(0)} ms; later answers reuse it until the next write to the database`,
            `chart: ${body.chart.points.length} of ${body.chart.totalPoints.toLocaleString('en-US')} points; lowest (#${lo}) ${drawn.has(lo) ? 'kept' : 'LOST'}, highest (#${hi}) ${drawn.has(hi) ? 'kept' : 'LOST'}; rules fired ${rulesFired.join(',') || 'none'}, drawn ${[...rulesDrawn].sort().join(',') || 'none'}; ${signalledDrawn.toLocaleString('en-US')} of ${runsComplete ? '' : 'at least '}${signalled.toLocaleString('en-US')} signalled points drawn`,
            `answer: ${(answerBytes / 1024).toFixed(0)} KiB; signals ${body.signals.map((s) => `rule ${s.rule}: ${s.count.toLocaleString('en-US')} points in ${s.rangeCount.toLocaleString('en-US')} runs${s.truncated ? ' (lists cut at 1,000)' : ''}`).join('; ')}${countsAgree ? '' : ' — COUNTS DISAGREE WITH THE RUNS'}`,
            `product p99 ${runs.product.map((x) => x.p99.toFixed(1)).join(', ')} ms`,
          ],
        });
        r.pass = r.value.median < 50 && chartOk;
        return [r];
      } finally {
        await bare.stop();
      }
    } finally {
      await server.stop();
    }
  },
};
export default bench;
