import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, testApp } from '../support/http.js';
import { counts, fixture, productionLogCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';

describe.each(TEST_DATABASES)('quality imports on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let batchesUrl: string;
  let logsUrl: string;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    batchesUrl = `/api/v1/engagements/${w.engagementId}/imports/batches`;
    logsUrl = `/api/v1/engagements/${w.engagementId}/imports/production-logs`;
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('refuses batch records while the buyer has no specification for the products', async () => {
    const r = await upload(w.supplier, batchesUrl, fixture('batches-ok.csv'));
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'import_rejected', line: 1 });
    expect(r.json().error.reason).toContain('no specification');
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
  });

  it.skipIf(skipReason)('imports a CSV file streamed as the request body, converting units exactly, once', async () => {
    const before = await counts(ctx);
    const r = await upload(w.supplier, `${batchesUrl}?filename=batches-ok.csv`, fixture('batches-ok.csv'));
    expect(r.statusCode).toBe(201);
    const view = r.json();
    expect(view).toMatchObject({ kind: 'batches', format: 'csv', filename: 'batches-ok.csv', rows: 9, status: 'completed', duplicate: false, specificationVersions: { 'NM-4472-A': 1 } });
    expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.summary).toMatchObject({ lots: 3, convertedUnits: { 'µm → mm': 1, 'mm → µm': 1 } });
    const after = await counts(ctx);
    expect(after.measurements - before.measurements).toBe(9);
    // One batch test record per lot, shared into the engagement.
    expect(after.evidence - before.evidence).toBe(3);
    const values = await ctx.handle.db.selectFrom('batch_measurements').select(['lot', 'characteristic', 'value']).orderBy('id').execute();
    expect(values.map((v) => Number(v.value))).toEqual([32.011, 32.013, 15.2, 32.012, 32.01, 14.8, 32.014, 32.012, 15.6]);
    const evidence = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/evidence`)).json();
    const lot = evidence.find((e: { attributes: { lot?: string } }) => e.attributes.lot === 'L-0602');
    expect(lot).toMatchObject({ kind: 'batch_test_record', provenance: 'self_declared', attributes: { product: 'NM-4472-A', measurements: '3' } });

    // The same bytes again add nothing and answer with the earlier import.
    const again = await upload(w.supplier, batchesUrl, fixture('batches-ok.csv'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: view.id, duplicate: true, rows: 9 });
    expect(await counts(ctx)).toEqual(after);
    const list = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/imports`)).json();
    expect(list.map((i: { id: string }) => i.id)).toEqual([view.id]);
  });

  it.skipIf(skipReason)('rejects a broken file with the line and the reason, and stores nothing', async () => {
    const cases: [string, number, string | null, RegExp][] = [
      ['batches-bad-number.csv', 5, 'value', /value "32\.0x2" is not a number/],
      ['batches-unknown-characteristic.csv', 5, 'characteristic', /unknown characteristic "roundness"/],
      ['batches-wrong-unit.csv', 5, 'unit', /unit "in" is not the specification's unit "mm" and cannot be converted/],
      ['batches-truncated.csv', 5, null, /expected 7 columns, found 4: the line is truncated/],
      ['batches-unterminated-quote.csv', 5, null, /unterminated quoted field/],
    ];
    for (const [file, line, field, reason] of cases) {
      const before = await counts(ctx);
      const r = await upload(w.supplier, batchesUrl, fixture(file));
      expect(r.statusCode, file).toBe(422);
      const err = r.json().error;
      expect(err, file).toMatchObject({ code: 'import_rejected', line, field });
      expect(err.reason, file).toMatch(reason);
      expect(err.message).toBe(`line ${line}: ${err.reason}`);
      expect(err.issues[0].path).toBe(`line:${line}${field ? `.${field}` : ''}`);
      expect(await counts(ctx), file).toEqual(before);
    }
    // A bad row far into a large file rolls back every batch written before it.
    const big = ['lot,product,produced_at,characteristic,value,unit'];
    for (let i = 0; i < 12_000; i++) big.push(`BIG-${Math.floor(i / 10)},NM-4472-A,2025-03-01,bore_diameter,32.01${i % 10},mm`);
    big.push('BIG-X,NM-4472-A,2025-03-01,bore_diameter,,mm');
    const before = await counts(ctx);
    const r = await upload(w.supplier, batchesUrl, big.join('\n'));
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ line: 12_002, field: 'value', reason: 'value is empty' });
    expect(await counts(ctx)).toEqual(before);
  });

  it.skipIf(skipReason)('takes multipart uploads, JSON Lines and a column mapping for files from other systems', async () => {
    const mapping = { lot: 'Batch No', product: 'Artikel', producedAt: 'Datum', characteristic: 'Merkmal', value: 'Messwert', unit: 'Einheit' };
    // Without the mapping the German headers are not understood.
    const unmapped = await upload(w.supplier, batchesUrl, fixture('batches-mapped.csv'));
    expect(unmapped.statusCode).toBe(422);
    expect(unmapped.json().error).toMatchObject({ line: 1, field: 'product' });
    expect(unmapped.json().error.reason).toContain('or map it with mapping.product');
    const up = multipart('messwerte.csv', fixture('batches-mapped.csv'));
    const r = await w.supplier.request('POST', `${batchesUrl}?mapping=${encodeURIComponent(JSON.stringify(mapping))}`, up.payload, up.headers);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ rows: 3, filename: 'messwerte.csv', format: 'csv', mapping });
    const firstAt = (await ctx.handle.db.selectFrom('batch_measurements').select('produced_at').where('lot', '=', 'B-7001').executeTakeFirstOrThrow()).produced_at;
    expect(firstAt).toBe('2025-06-04T22:00:00.000Z');

    const j = await upload(w.supplier, batchesUrl, fixture('batches.jsonl'), 'application/x-ndjson');
    expect(j.statusCode).toBe(201);
    expect(j.json()).toMatchObject({ format: 'jsonl', rows: 3, summary: { convertedUnits: { 'mm → µm': 1 } } });
    const bad = await upload(w.supplier, batchesUrl, '{"lot":"J-9","product":"NM-4472-A","producedAt":"2025-06-09","characteristic":"bore_diameter","value":32.01,"unit":"mm"}\n{"lot":"J-9","prod', 'application/x-ndjson');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ line: 2 });
    expect(bad.json().error.reason).toContain('not a complete JSON value');

    const badMapping = await upload(w.supplier, `${batchesUrl}?mapping=${encodeURIComponent('{"colour":"Farbe"}')}`, fixture('batches-ok.csv'));
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().error.issues[0].path).toBe('mapping.colour');
    expect((await upload(w.supplier, `${batchesUrl}?mapping=nope`, fixture('batches-ok.csv'))).statusCode).toBe(400);
    const json = await w.supplier.post(batchesUrl, { lot: 'x' });
    expect(json.statusCode).toBe(415);
  });

  it.skipIf(skipReason)('only the supplier uploads its data; anyone outside the engagement gets 404', async () => {
    const csv = fixture('batches-ok.csv');
    expect((await upload(w.buyer, batchesUrl, csv)).statusCode).toBe(403);
    expect((await upload(w.stranger, batchesUrl, csv)).statusCode).toBe(404);
    expect((await upload(w.strangerSupplier, batchesUrl, csv)).statusCode).toBe(404);
    expect((await upload(w.strangerSupplier, logsUrl, productionLogCsv(1))).statusCode).toBe(404);
    expect((await w.stranger.get(`/api/v1/engagements/${w.engagementId}/imports`)).statusCode).toBe(404);
    const missing = `/api/v1/engagements/00000000-0000-4000-8000-000000000000/imports/batches`;
    expect((await upload(w.supplier, missing, csv)).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('imports production logs and checks them row by row', async () => {
    const before = await counts(ctx);
    const broken = productionLogCsv(1).replace(/\n(Plant 1,Line B,[^,]*,[^,]*,1200,)(\d+)/, (_m, head) => `\n${head}1300`);
    const r = await upload(w.supplier, logsUrl, broken);
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ line: 3, field: 'downtimeMinutes' });
    expect(await counts(ctx)).toEqual(before);

    const ok = await upload(w.supplier, `${logsUrl}?filename=logs-h1.csv`, productionLogCsv(6));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'production_logs', summary: { lines: ['Plant 1 / Line A', 'Plant 1 / Line B'] } });
    expect(ok.json().summary.capacity).toHaveLength(2);
  });
});
