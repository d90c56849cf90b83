import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { batchCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';

// How the SPC answer lists each Nelson signal's points: `count` always exact, the runs of consecutive points
// (`ranges`), and the points themselves — whole for a small series (as before), the first 1,000 of each list for a
// long one unless `signalPoints=all` asks for every one.

interface Signal {
  rule: number;
  description: string;
  points: number[];
  count: number;
  ranges: [number, number][];
  rangeCount: number;
  truncated: boolean;
}

const expand = (ranges: [number, number][]) => ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));

describe.each(TEST_DATABASES)('SPC signal lists, on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;
  const spc = (query: string) => w.buyer.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter&${query}`);

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    base = `/api/v1/engagements/${w.engagementId}`;
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
    // Line B: 30 lots, the last 12 drifting upwards (a few signals). Line C: 700 lots of 5, the last 600 drifting —
    // 3,500 individuals of which thousands are signalled.
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 30, drift: 12, line: 'Line B', prefix: 'B' }))).statusCode).toBe(201);
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 700, drift: 600, line: 'Line C', prefix: 'C', startDay: 40 }))).statusCode).toBe(201);
  }, 120_000);
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('a small series lists every signalled point, with its count and runs', async () => {
    const r = await spc('line=Line%20B');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = r.json();
    expect(body.signals.length).toBeGreaterThan(0);
    for (const s of body.signals as Signal[]) {
      expect(s.truncated).toBe(false);
      expect(s.count).toBe(s.points.length);
      expect(s.rangeCount).toBe(s.ranges.length);
      expect(expand(s.ranges)).toEqual(s.points);
      // Runs are maximal: a run ends where the next starts more than one point later.
      for (let i = 1; i < s.ranges.length; i++) expect(s.ranges[i]![0]).toBeGreaterThan(s.ranges[i - 1]![1] + 1);
      for (const p of s.points) expect(body.chart.points.find((x: { index: number }) => x.index === p).rules).toContain(s.rule);
    }
    // Asking for every point changes nothing for a series this small.
    expect((await spc('line=Line%20B&signalPoints=all')).json().signals).toEqual(body.signals);
  });

  it.skipIf(skipReason)('a long series lists the first 1,000 points and runs of a signal, its exact count, and every point on request', async () => {
    const capped = (await spc('line=Line%20C&subgroupSize=1&maxPoints=200')).json();
    expect(capped).toMatchObject({ n: 3500, chart: { type: 'individuals', totalPoints: 3500, decimated: true } });
    expect(capped.chart.points.length).toBeLessThanOrEqual(200);
    const all = (await spc('line=Line%20C&subgroupSize=1&maxPoints=200&signalPoints=all')).json();
    expect(all.chart).toEqual(capped.chart);
    expect(all.signals.map((s: Signal) => s.rule)).toEqual(capped.signals.map((s: Signal) => s.rule));
    const long = (capped.signals as Signal[]).filter((s) => s.count > 1000);
    expect(long.length).toBeGreaterThan(0);
    for (const [i, s] of (capped.signals as Signal[]).entries()) {
      const every = all.signals[i] as Signal;
      // Every list whole with signalPoints=all, and the same count either way.
      expect(every).toMatchObject({ truncated: false, count: s.count, rangeCount: s.rangeCount });
      expect(every.points).toHaveLength(every.count);
      expect(every.ranges).toHaveLength(every.rangeCount);
      expect(expand(every.ranges)).toEqual(every.points);
      // Capped: the first 1,000 of each list.
      expect(s.points).toEqual(every.points.slice(0, 1000));
      expect(s.ranges).toEqual(every.ranges.slice(0, 1000));
      expect(s.truncated).toBe(s.count > 1000 || s.rangeCount > 1000);
      // Each rule that fired is drawn.
      expect(capped.chart.points.some((p: { rules: number[] }) => p.rules.includes(s.rule))).toBe(true);
    }
    // The explanation counts every point, not the listed ones.
    for (const s of long) expect(capped.explanation).toContain(`rule ${s.rule} (${s.count})`);
  });

  it.skipIf(skipReason)('bad query values are refused naming the field; the other side and strangers as before', async () => {
    for (const [query, field] of [
      ['signalPoints=every', 'signalPoints'],
      ['signalPoints=', 'signalPoints'],
      ['maxPoints=abc', 'maxPoints'],
      ['maxPoints=10', 'maxPoints'],
      ['maxPoints=1e9', 'maxPoints'],
      ['subgroupSize=0', 'subgroupSize'],
    ] as const) {
      const r = await spc(query);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().error.issues.map((i: { path: string }) => i.path)).toContain(`querystring.${field}`);
    }
    expect((await w.supplier.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter&line=Line%20B`)).json().signals).toEqual((await spc('line=Line%20B')).json().signals);
    expect((await w.stranger.get(`${base}/spc?product=NM-4472-A&characteristic=bore_diameter&line=Line%20B`)).statusCode).toBe(404);
  });
});
