import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { counts, PRODUCT, qualityWorld, SPEC_INPUT, upload, type QualityWorld } from '../fixtures/quality/setup.js';
import { WIDE_MAPPING, wideCsv } from '../fixtures/quality/wide.js';

// Wide batch files (a CMM export, one column per characteristic) through the API; a refused file stores nothing.

describe.each(TEST_DATABASES)('wide batch files (one column per characteristic), on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let url: string;
  const withMapping = (m: object) => `${url}?mapping=${encodeURIComponent(JSON.stringify(m))}&filename=cmm.csv`;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    url = `/api/v1/engagements/${w.engagementId}/imports/batches`;
    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('without a mapping a wide file is refused as before; refused files store nothing', async () => {
    const before = await counts(ctx);
    const plain = await upload(w.supplier, url, wideCsv(12));
    expect(plain.statusCode).toBe(422);
    expect(plain.json().error.reason).toContain('missing column for');

    // A bad value names its line and column.
    const bad = await upload(w.supplier, withMapping(WIDE_MAPPING), wideCsv(12, { row: 6, layer: 'n/a' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0].path).toBe('line:8.Layer');
    expect(bad.json().error.reason).toContain('column "Layer" (anodising_thickness)');

    // A mapped column that is not there, an unknown characteristic, a wide mapping that also maps value.
    const missing = await upload(w.supplier, withMapping({ ...WIDE_MAPPING, 'characteristic:wall_thickness': 'Wall' }), wideCsv(12));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.reason).toContain('no such column');
    const unknown = await upload(w.supplier, withMapping({ lot: 'Part No', producedAt: 'Measured at', 'characteristic:flatness': 'Layer' }), wideCsv(12));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.reason).toContain('unknown characteristic "flatness"');
    const both = await upload(w.supplier, withMapping({ ...WIDE_MAPPING, value: 'Layer' }), wideCsv(12));
    expect(both.statusCode).toBe(400);
    expect(both.json().error.issues[0].path).toBe('mapping.value');
    expect(await counts(ctx)).toEqual(before);
  });

  it.skipIf(skipReason)('a mapped wide file is one measurement per non-empty cell, in the specification unit', async () => {
    const r = await upload(w.supplier, withMapping(WIDE_MAPPING), wideCsv(12));
    expect(r.statusCode, r.body).toBe(201);
    const imp = r.json();
    // 12 bores + 11 layers (part 4 has none).
    expect(imp.rows).toBe(23);
    expect(imp.mapping).toMatchObject(WIDE_MAPPING);
    expect(imp.summary).toMatchObject({ lots: 12, characteristics: { [`${PRODUCT} / bore_diameter`]: 12, [`${PRODUCT} / anodising_thickness`]: 11 } });
    const spc = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}/spc?product=${PRODUCT}&characteristic=anodising_thickness`)).json();
    expect(spc.n).toBe(11);
    expect(spc.mean).toBeGreaterThan(14.5);
    expect(spc.mean).toBeLessThan(15.5);
  });
});
