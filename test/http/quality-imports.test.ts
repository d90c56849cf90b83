import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, testApp } from '../support/http.js';
import { counts, fixture, productionLogCsv, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';
import { story } from '../support/story.js';

/** A multipart body with form fields before the file part, as the web app sends it. */
function multipartWithFields(fields: Record<string, string>, filename: string, content: Buffer) {
  const boundary = '----bonafideTest' + Math.random().toString(16).slice(2);
  const head = Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head + file), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(TEST_DATABASES)('quality imports on $name', ({ name, skipReason }) => {
  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
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

  step('refuses batch records while the buyer has no specification for the products', async () => {
    const r = await upload(w.supplier, batchesUrl, fixture('batches-ok.csv'));
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'import_rejected', line: 1 });
    expect(r.json().error.reason).toContain('no specification');
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
  });

  step('imports a CSV file streamed as the request body, converting units exactly, once', async () => {
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

  step('rejects a broken file with the line and the reason, and stores nothing', async () => {
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

  step('takes multipart uploads, JSON Lines and a column mapping for files from other systems', async () => {
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

  step('only the supplier uploads its data; anyone outside the engagement gets 404', async () => {
    const csv = fixture('batches-ok.csv');
    expect((await upload(w.buyer, batchesUrl, csv)).statusCode).toBe(403);
    expect((await upload(w.stranger, batchesUrl, csv)).statusCode).toBe(404);
    expect((await upload(w.strangerSupplier, batchesUrl, csv)).statusCode).toBe(404);
    expect((await upload(w.strangerSupplier, logsUrl, productionLogCsv(1))).statusCode).toBe(404);
    expect((await w.stranger.get(`/api/v1/engagements/${w.engagementId}/imports`)).statusCode).toBe(404);
    const missing = `/api/v1/engagements/00000000-0000-4000-8000-000000000000/imports/batches`;
    expect((await upload(w.supplier, missing, csv)).statusCode).toBe(404);
  });

  step('imports production logs and checks them row by row', async () => {
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

  step('reads decimal commas with decimalSeparator=",", and points to the option without it', async () => {
    const file = fixture('batches-decimal-comma.csv');
    const before = await counts(ctx);
    const plain = await upload(w.supplier, batchesUrl, file);
    expect(plain.statusCode).toBe(422);
    expect(plain.json().error).toMatchObject({ code: 'import_rejected', line: 2, field: 'value' });
    expect(plain.json().error.reason).toBe('value "32,011" is not a number (use a decimal point and no thousands separator); if the file uses decimal commas, import it with the decimal separator ","');
    expect(plain.json().error.suggestedDecimalSeparator).toBe(',');
    expect(await counts(ctx)).toEqual(before);

    const r = await upload(w.supplier, `${batchesUrl}?decimalSeparator=,&filename=messwerte-komma.csv`, file);
    expect(r.statusCode).toBe(201);
    const view = r.json();
    expect(view).toMatchObject({ format: 'csv', rows: 6, decimalSeparator: ',', summary: { decimalSeparator: ',', lots: 2, convertedUnits: { 'µm → mm': 1, 'mm → µm': 1 } } });
    const values = await ctx.handle.db.selectFrom('batch_measurements').select(['characteristic', 'value']).where('import_id', '=', view.id).orderBy('source_line').execute();
    // "15,3" µm stays 15.3 and "32012,5" µm is exactly 32.0125 mm: the conversion works on the decimal text.
    expect(values.map((v) => Number(v.value))).toEqual([32.011, 32.013, 15.3, 32.0125, 14.8, 2.5]);
    const list = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/imports`)).json() as { id: string; decimalSeparator: string }[];
    expect(list.find((i) => i.id === view.id)?.decimalSeparator).toBe(',');
    expect(new Set(list.filter((i) => i.id !== view.id).map((i) => i.decimalSeparator))).toEqual(new Set(['.']));

    // Idempotency stays by the file's bytes.
    const after = await counts(ctx);
    const again = await upload(w.supplier, `${batchesUrl}?decimalSeparator=%2C`, file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: view.id, duplicate: true, decimalSeparator: ',' });
    expect(await counts(ctx)).toEqual(after);

    // One bad value in comma mode rejects the whole file.
    const bad = await upload(w.supplier, `${batchesUrl}?decimalSeparator=,`, fixture('batches-decimal-comma-thousands.csv'));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'import_rejected', line: 4, field: 'value', reason: 'value "1.002,5" is not a number: thousands separators are not accepted (write 1002,5)' });
    expect(bad.json().error.suggestedDecimalSeparator).toBeNull(); // a mistake in the notation chosen, not the other notation
    expect(await counts(ctx)).toEqual(after);

    for (const query of ['decimalSeparator=x', 'decimalSeparator=%3B', 'decimalSeparator=']) {
      const invalid = await upload(w.supplier, `${batchesUrl}?${query}`, fixture('batches-decimal-comma-thousands.csv'));
      expect(invalid.statusCode, query).toBe(400);
      expect(invalid.json().error.issues.map((i: { path: string }) => i.path), query).toContain('querystring.decimalSeparator');
    }
    expect(await counts(ctx)).toEqual(after);
  });

  step('reads decimal commas in production logs (multipart field) and in JSON Lines strings, not in JSON numbers', async () => {
    const logs = [
      'site;line;period_start;period_end;planned_hours;downtime_hours;good_output;scrap',
      'Plant 1;Line A;2025-07-07T00:00:00+08:00;2025-07-08T00:00:00+08:00;20,5;1,25;812;4',
      'Plant 1;Line B;2025-07-07T00:00:00+08:00;2025-07-08T00:00:00+08:00;20;0,5;431;2,5',
    ].join('\n');
    const before = await counts(ctx);
    const badField = multipartWithFields({ decimalSeparator: 'x' }, 'mes-komma.csv', Buffer.from(logs));
    const refused = await w.supplier.request('POST', logsUrl, badField.payload, badField.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues[0].path).toBe('decimalSeparator');
    expect(await counts(ctx)).toEqual(before);

    const up = multipartWithFields({ decimalSeparator: ',' }, 'mes-komma.csv', Buffer.from(logs));
    const r = await w.supplier.request('POST', logsUrl, up.payload, up.headers);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'production_logs', rows: 2, decimalSeparator: ',', filename: 'mes-komma.csv' });
    const stored = await ctx.handle.db.selectFrom('production_logs').select(['line', 'planned_minutes', 'downtime_minutes', 'good_output', 'scrap']).where('import_id', '=', r.json().id).orderBy('source_line').execute();
    expect(stored.map((x) => [x.line, Number(x.planned_minutes), Number(x.downtime_minutes), Number(x.good_output), Number(x.scrap)])).toEqual([
      ['Line A', 1230, 75, 812, 4],
      ['Line B', 1200, 30, 431, 2.5],
    ]);

    const jsonl = [
      '{"lot":7.5,"product":"NM-4472-A","producedAt":"2025-07-09","characteristic":"bore_diameter","value":32.014,"unit":"mm"}',
      '{"lot":7.5,"product":"NM-4472-A","producedAt":"2025-07-09","characteristic":"bore_diameter","value":"32,015","unit":"mm"}',
      '{"lot":7.5,"product":"NM-4472-A","producedAt":"2025-07-09","characteristic":"anodising_thickness","value":0.0152,"unit":"mm"}',
    ].join('\n');
    const j = await upload(w.supplier, `${batchesUrl}?decimalSeparator=,`, jsonl, 'application/x-ndjson');
    expect(j.statusCode).toBe(201);
    const rows = await ctx.handle.db.selectFrom('batch_measurements').select(['lot', 'value']).where('import_id', '=', j.json().id).orderBy('source_line').execute();
    expect(rows.map((x) => [x.lot, Number(x.value)])).toEqual([
      ['7.5', 32.014],
      ['7.5', 32.015],
      ['7.5', 15.2],
    ]);
    const pointString = await upload(w.supplier, `${batchesUrl}?decimalSeparator=,`, jsonl.replace('"32,015"', '"32.015"'), 'application/x-ndjson');
    expect(pointString.statusCode).toBe(422);
    expect(pointString.json().error).toMatchObject({ line: 2, field: 'value' });
  });

  step('stores text with backslashes, tabs and quotes as written, and values to the last digit', async () => {
    // PostgreSQL takes the rows by COPY in its text format, where a backslash and a tab are reserved characters.
    const csv = ['lot,product,produced_at,characteristic,value,unit,line', 'L\\07,NM-4472-A,2025-07-10,bore_diameter,32.0123456789012,mm,"Line\t""2"" \\N"', 'L\\07,NM-4472-A,2025-07-10,bore_diameter,1e-7,mm,'].join('\n');
    const r = await upload(w.supplier, batchesUrl, csv);
    expect(r.statusCode).toBe(201);
    const rows = await ctx.handle.db.selectFrom('batch_measurements').select(['lot', 'line', 'value']).where('import_id', '=', r.json().id).orderBy('source_line').execute();
    expect(rows.map((x) => [x.lot, x.line, Number(x.value)])).toEqual([
      ['L\\07', 'Line\t"2" \\N', 32.0123456789012],
      ['L\\07', null, 1e-7],
    ]);
  });
});
