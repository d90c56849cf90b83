// The "done when", end to end as a new buyer and supplier would go through it (the web screens come later;
// this drives the same API they will call, and the CLI in-process): define a specification, record a sample test,
// import a batch file from the CLI with its progress bar and another through an upload, see the control chart with
// its signals and the capability indices, import a production log and see the capacity claims held against it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerImportCommand } from '../../src/cli/commands/import.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, testApp } from '../support/http.js';
import { batchCsv, PRODUCT, productionLogCsv, qualityWorld, SPEC_INPUT, type QualityWorld } from '../fixtures/quality/setup.js';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: unknown) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: unknown) => (err.push(String(c)), true));
  try {
    const program = new Command().exitOverride();
    registerImportCommand(program);
    await program.parseAsync(['node', 'bonafide', 'import', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

describe.each(TEST_DATABASES)('quality story end to end on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('spec → sample test → CLI and upload imports → control chart and indices → production logs → capacity verdicts', async () => {
    const base = `/api/v1/engagements/${w.engagementId}`;
    const spec = (await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).json();

    const test = await w.buyer.post(`${base}/sample-tests`, {
      specificationId: spec.id,
      runBy: 'buyer',
      conditions: { method: 'CMM per ISO 10360-2', equipment: [{ name: 'CMM', calibratedAt: '2025-01-15' }] },
      testedAt: '2025-02-01',
      samples: [1, 2, 3].map((i) => ({ sample: `S${i}`, values: { bore_diameter: 32.01 + i / 1000, anodising_thickness: 15 } })),
    });
    expect(test.json()).toMatchObject({ verdict: 'pass', evidence: { provenance: 'observed' } });

    const file = join(ctx.dataDir, 'line-a.csv');
    writeFileSync(file, batchCsv({ lots: 40, line: 'Line A', prefix: 'A' }));
    const r = await cli('batches', file, '--supplier', w.supplier.organizationId, '--as', w.supplier.email, '--database', ctx.handle.url, '--data-dir', ctx.dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('imported 240 rows (40 lots)');
    expect(r.stderr).toMatch(/importing .* 100% \| 240 rows/);

    const up = multipart('line-b.csv', Buffer.from(batchCsv({ lots: 30, drift: 12, line: 'Line B', prefix: 'B', startDay: 40 })));
    const upload = await w.supplier.request('POST', `${base}/imports/batches`, up.payload, up.headers);
    expect(upload.statusCode).toBe(201);

    const chart = (await w.buyer.get(`${base}/spc?product=${PRODUCT}&characteristic=bore_diameter&line=Line%20B`)).json();
    expect(chart.chart.type).toBe('xbar-r');
    expect(chart.signals.length).toBeGreaterThan(0);
    expect(chart.chart.points.some((p: { rules: number[] }) => p.rules.length > 0)).toBe(true);
    for (const k of ['cp', 'cpk', 'pp', 'ppk']) expect(typeof chart[k]).toBe('number');
    expect(chart.histogram.bins.length).toBeGreaterThan(4);

    const logs = await w.supplier.request('POST', `${base}/imports/production-logs`, Buffer.from(productionLogCsv(6)), { 'content-type': 'text/csv' });
    expect(logs.statusCode).toBe(201);
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    expect(Object.fromEntries(cap.lines.map((l: { line: string; claim: { status: string } }) => [l.line, l.claim.status]))).toEqual({ 'Line A': 'supported', 'Line B': 'contradicted' });
  });
});
