import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, testApp } from '../support/http.js';
import { batchCsv, PRODUCT, productionLogCsv, qualityWorld, SPEC_INPUT, upload, type Party, type QualityWorld } from '../fixtures/quality/setup.js';
import { story } from '../support/story.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function uploadPdf(c: Party, name: string): Promise<string> {
  const up = multipart(name, Buffer.concat([PDF, Buffer.from(name)]));
  const res = await c.request('POST', '/api/v1/files', up.payload, up.headers);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const conditions = {
  method: 'CMM per ISO 10360-2; coating thickness ISO 2360',
  location: 'SGS Ningbo, metrology lab 2',
  equipment: [{ name: 'Zeiss Contura G2 CMM', identifier: 'CMM-0417', calibratedAt: '2025-03-12', calibrationDueAt: '2026-03-12' }],
  environment: { temperatureC: 20.1, relativeHumidityPct: 45 },
};

describe.each(TEST_DATABASES)('quality routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let specId: string;
  let base: string;

  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    base = `/api/v1/engagements/${w.engagementId}`;
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  step('the buyer defines a versioned specification; the supplier reads it through the engagement', async () => {
    const created = await w.buyer.post('/api/v1/specifications', SPEC_INPUT);
    expect(created.statusCode).toBe(201);
    const spec = created.json();
    specId = spec.id;
    expect(spec).toMatchObject({ product: PRODUCT, version: 1, currentVersion: 1 });
    expect(spec.characteristics[2]).toMatchObject({ key: 'wall_thickness', lsl: 2.3, usl: null, criticality: 'major' });

    expect((await w.buyer.post('/api/v1/specifications', SPEC_INPUT)).statusCode).toBe(409);
    expect((await w.supplier.post('/api/v1/specifications', { ...SPEC_INPUT, product: 'X-1' })).statusCode).toBe(403);
    const bad = await w.buyer.post('/api/v1/specifications', {
      ...SPEC_INPUT,
      product: 'X-2',
      characteristics: [
        { key: 'a', name: 'A', unit: 'mm', lsl: 2, usl: 1 },
        { key: 'b', name: 'B', unit: 'mm' },
        { key: 'A', name: 'A again', unit: 'mm', usl: 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['characteristics.0.usl', 'characteristics.1.usl', 'characteristics.2.key']);

    // A change writes version 2; a unit cannot change.
    const v2 = await w.buyer.request('PUT', `/api/v1/specifications/${specId}`, {
      characteristics: SPEC_INPUT.characteristics.map((c) => (c.key === 'bore_diameter' ? { ...c, usl: 32.021 } : c)),
      note: 'Tightened bore tolerance after FAI',
    });
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({ version: 2, currentVersion: 2, note: 'Tightened bore tolerance after FAI' });
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const unit = await w.buyer.request('PUT', `/api/v1/specifications/${specId}`, {
      characteristics: SPEC_INPUT.characteristics.map((c) => (c.key === 'anodising_thickness' ? { ...c, unit: 'mm', nominal: 0.015, lsl: 0.012, usl: 0.018 } : c)),
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.issues[0].path).toBe('characteristics.1.unit');
    expect((await w.buyer.get(`/api/v1/specifications/${specId}?version=1`)).json().characteristics[0].usl).toBe(32.025);
    // Back to the original tolerance (version 3) for the rest of the story.
    expect((await w.buyer.request('PUT', `/api/v1/specifications/${specId}`, { characteristics: SPEC_INPUT.characteristics })).json().version).toBe(3);

    expect((await w.supplier.get(`/api/v1/specifications/${specId}`)).statusCode).toBe(404);
    const forSupplier = (await w.supplier.get(`${base}/specifications`)).json();
    expect(forSupplier.map((s: { id: string }) => s.id)).toEqual([specId]);
    expect((await w.stranger.get(`${base}/specifications`)).statusCode).toBe(404);
    expect((await w.stranger.get(`/api/v1/specifications/${specId}`)).statusCode).toBe(404);
    // Another product of the buyer is not the supplier's business.
    expect((await w.buyer.post('/api/v1/specifications', { ...SPEC_INPUT, product: 'NM-9000', title: 'Other part' })).statusCode).toBe(201);
    expect((await w.supplier.get(`${base}/specifications`)).json()).toHaveLength(1);
    expect((await w.buyer.get('/api/v1/specifications')).json()).toHaveLength(2);
  });

  step('sample tests pass or fail per characteristic and become evidence with the provenance of who ran them', async () => {
    const report = await uploadPdf(w.buyer, 'sgs-report.pdf');
    const lab = await w.buyer.post(`${base}/sample-tests`, {
      specificationId: specId,
      runBy: 'third_party_lab',
      lab: { name: 'SGS-CSTC Ningbo', accreditation: 'CNAS L0599', reportNumber: 'NBIN2504417' },
      conditions,
      testedAt: '2025-04-20',
      reportFileId: report,
      samples: [
        { sample: 'S1', values: { bore_diameter: 32.011, anodising_thickness: 15.2, wall_thickness: 2.52 } },
        { sample: 'S2', values: { bore_diameter: 32.014, anodising_thickness: 14.1, wall_thickness: 2.49 } },
        { sample: 'S3', values: { bore_diameter: 32.009, anodising_thickness: 16.3, wall_thickness: 2.55 } },
      ],
    });
    expect(lab.statusCode).toBe(201);
    const t = lab.json();
    expect(t).toMatchObject({ verdict: 'pass', runBy: 'third_party_lab', specification: { id: specId, version: 3 }, evidence: { provenance: 'third_party' }, lab: { name: 'SGS-CSTC Ningbo' } });
    expect(t.results.map((r: { key: string; verdict: string }) => [r.key, r.verdict])).toEqual([
      ['bore_diameter', 'pass'],
      ['anodising_thickness', 'pass'],
      ['wall_thickness', 'pass'],
    ]);
    expect(t.conditions.equipment[0].calibratedAt).toBe('2025-03-12');
    // The supplier sees the evidence and may download the report.
    const ev = (await w.supplier.get(`${base}/evidence`)).json().find((e: { id: string }) => e.id === t.evidence.id);
    expect(ev).toMatchObject({ kind: 'sample_test', provenance: 'third_party', issuer: 'SGS-CSTC Ningbo', attributes: { verdict: 'pass', specification: `${PRODUCT} v3` } });
    expect((await w.supplier.get(`/api/v1/files/${report}/content`)).statusCode).toBe(200);

    const own = await w.buyer.post(`${base}/sample-tests`, {
      specificationId: specId,
      runBy: 'buyer',
      conditions: { ...conditions, location: 'Incoming inspection, Rhein Medtech' },
      testedAt: '2025-05-02T09:30:00Z',
      samples: [{ sample: 'R1', values: { bore_diameter: 32.027 } }],
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ verdict: 'fail', evidence: { provenance: 'observed' } });
    expect(own.json().results[0]).toMatchObject({ verdict: 'fail', failedSamples: ['R1'] });
    expect(own.json().results[1].verdict).toBe('not_tested');

    const supplierReport = await uploadPdf(w.supplier, 'apex-fai.pdf');
    const bySupplier = await w.supplier.post(`${base}/sample-tests`, {
      specificationId: specId,
      runBy: 'supplier',
      conditions,
      testedAt: '2025-04-10',
      reportFileId: supplierReport,
      samples: [{ sample: 'F1', values: { 'Bore Ø 32 H7': 32.012 } }],
    });
    expect(bySupplier.statusCode).toBe(201);
    expect(bySupplier.json().evidence.provenance).toBe('documented');

    const cases: [Party, Record<string, unknown>, string][] = [
      [w.supplier, { runBy: 'buyer' }, 'runBy'],
      [w.buyer, { runBy: 'third_party_lab', lab: { name: 'SGS' } }, 'reportFileId'],
      [w.buyer, { runBy: 'third_party_lab' }, 'lab'],
      [w.buyer, { runBy: 'buyer', samples: [{ sample: 'X', values: { roundness: 1 } }] }, 'samples.0.values.roundness'],
      [w.buyer, { runBy: 'buyer', specificationId: '00000000-0000-4000-8000-000000000000' }, 'specificationId'],
      [w.buyer, { runBy: 'buyer', specificationVersion: 9 }, 'specificationVersion'],
      [w.buyer, { runBy: 'buyer', reportFileId: supplierReport }, 'reportFileId'],
    ];
    for (const [who, patch, path] of cases) {
      const r = await who.post(`${base}/sample-tests`, { specificationId: specId, conditions, testedAt: '2025-05-01', samples: [{ sample: 'S', values: { bore_diameter: 32.01 } }], ...patch });
      expect(r.statusCode, path).toBe(400);
      expect(r.json().error.issues[0].path, JSON.stringify(patch)).toBe(path);
    }
    const list = (await w.supplier.get(`${base}/sample-tests`)).json();
    expect(list.map((x: { verdict: string }) => x.verdict)).toEqual(['fail', 'pass', 'pass']);
    expect((await w.stranger.get(`${base}/sample-tests`)).statusCode).toBe(404);
    expect((await w.stranger.post(`${base}/sample-tests`, { specificationId: specId, runBy: 'buyer', conditions, testedAt: '2025-05-01', samples: [{ sample: 'S', values: {} }] })).statusCode).toBe(404);
  });

  step('AQL plans follow the arrows and inspect the whole lot when n reaches it', async () => {
    const plan = async (q: string) => (await w.buyer.get(`/api/v1/aql/plan?${q}`)).json();
    expect(await plan('lotSize=5000&aql=1.0')).toMatchObject({ codeLetter: 'L', planLetter: 'L', sampleSize: 200, accept: 5, reject: 6, hundredPercent: false });
    // D at AQL 4.0 is an arrow down to E: n = 13, not D's 8.
    const d = await plan('lotSize=40&aql=4.0&level=II');
    expect(d).toMatchObject({ codeLetter: 'D', planLetter: 'E', sampleSize: 13, accept: 1, reject: 2 });
    expect(d.explanation).toContain('arrow');
    expect(await plan('lotSize=10&aql=0.65')).toMatchObject({ codeLetter: 'B', sampleSize: 10, planSampleSize: 20, hundredPercent: true, accept: 0, reject: 1 });
    expect(await plan('lotSize=5000&aql=1.0&severity=tightened')).toMatchObject({ sampleSize: 200, accept: 3, reject: 4 });
    expect(await plan('lotSize=2000&aql=2.5&level=S-3')).toMatchObject({ codeLetter: 'E', planLetter: 'F', sampleSize: 20, accept: 1, reject: 2 });
    const bad = await w.buyer.get('/api/v1/aql/plan?lotSize=5000&aql=0.3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('aql');
    expect((await w.buyer.get('/api/v1/aql/plan?lotSize=1&aql=1.0')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/aql/plan?lotSize=5000&aql=1.0' })).statusCode).toBe(401);
  });

  step('lot inspections accept or reject and switch the severity per product and defect class, with history', async () => {
    const lot = (lotId: string, nonconforming: number, extra: Record<string, unknown> = {}) =>
      w.buyer.post(`${base}/lot-inspections`, { product: PRODUCT, defectClass: 'major', lot: lotId, lotSize: 5000, aql: 1.0, nonconforming, inspectedAt: '2025-05-10', ...extra });
    const l1 = await lot('L-0001', 2);
    expect(l1.statusCode).toBe(201);
    expect(l1.json()).toMatchObject({ seq: 1, severity: 'normal', plan: { codeLetter: 'L', sampleSize: 200, accept: 5, reject: 6 }, decision: 'accepted', statusAfter: 'normal' });
    expect((await lot('L-0002', 6)).json()).toMatchObject({ decision: 'not-accepted', statusAfter: 'normal' });
    const l3 = (await lot('L-0003', 7)).json();
    expect(l3).toMatchObject({ decision: 'not-accepted', severity: 'normal', statusAfter: 'tightened' });
    expect(l3.transitions[0]).toMatchObject({ from: 'normal', to: 'tightened', reason: 'two-of-five-not-accepted' });
    // The next lot is inspected on the tightened plan: same n, Ac 3.
    const l4 = (await lot('L-0004', 4)).json();
    expect(l4).toMatchObject({ severity: 'tightened', plan: { sampleSize: 200, accept: 3, reject: 4 }, decision: 'not-accepted' });
    // Another defect class has its own scheme.
    expect((await lot('L-0004', 0, { defectClass: 'critical', aql: 0.065 })).json()).toMatchObject({ seq: 1, severity: 'normal', decision: 'accepted' });
    expect((await lot('L-0005', 250)).statusCode).toBe(400);
    expect((await w.supplier.post(`${base}/lot-inspections`, { product: PRODUCT, defectClass: 'major', lot: 'X', lotSize: 100, aql: 1.0, nonconforming: 0 })).statusCode).toBe(403);
    expect((await w.stranger.post(`${base}/lot-inspections`, { product: PRODUCT, defectClass: 'major', lot: 'X', lotSize: 100, aql: 1.0, nonconforming: 0 })).statusCode).toBe(404);

    const h = (await w.supplier.get(`${base}/lot-inspections`)).json();
    expect(h.lots).toHaveLength(5);
    const major = h.schemes.find((s: { defectClass: string }) => s.defectClass === 'major');
    expect(major).toMatchObject({ product: PRODUCT, status: 'tightened', lots: 4, lastLot: 'L-0004' });
    expect(major.history).toEqual([expect.objectContaining({ from: 'normal', to: 'tightened', lot: 'L-0003', seq: 3 })]);
    expect((await w.supplier.get(`${base}/lot-inspections?defectClass=critical`)).json().lots).toHaveLength(1);
    expect((await w.stranger.get(`${base}/lot-inspections`)).statusCode).toBe(404);
  });

  step('batch records give control charts with Nelson signals, capability indices and a histogram, and feed readiness', async () => {
    // Line A: 40 steady lots; line B: 30 lots, the last 12 drifting upwards.
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 40, line: 'Line A', prefix: 'A' }))).statusCode).toBe(201);
    expect((await upload(w.supplier, `${base}/imports/batches`, batchCsv({ lots: 30, drift: 12, line: 'Line B', prefix: 'B', startDay: 40 }))).statusCode).toBe(201);

    const steady = (await w.buyer.get(`${base}/spc?product=${PRODUCT}&characteristic=bore_diameter&line=Line%20A`)).json();
    expect(steady).toMatchObject({ n: 200, lots: 40, subgrouping: { size: 5, by: 'lot' }, chart: { type: 'xbar-r', totalPoints: 40, decimated: false } });
    expect(steady.cpk).toBeGreaterThan(1.33);
    expect(steady.chart.points[0]).toMatchObject({ index: 0, lot: 'A-0001', line: 'Line A' });
    expect(steady.histogram).toMatchObject({ lsl: 32, usl: 32.025, nominal: 32, belowLsl: 0, aboveUsl: 0 });
    expect(steady.histogram.bins.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(200);

    const drift = (await w.buyer.get(`${base}/spc?product=${PRODUCT}&characteristic=Bore%20%C3%98%2032%20H7&line=Line%20B`)).json();
    expect(drift.signals.length).toBeGreaterThan(0);
    const rules = drift.signals.map((s: { rule: number }) => s.rule);
    expect(rules).toEqual(expect.arrayContaining([2, 3]));
    for (const s of drift.signals) {
      expect(s.description.length).toBeGreaterThan(10);
      for (const p of s.points) expect(drift.chart.points.find((x: { index: number }) => x.index === p).rules).toContain(s.rule);
    }
    expect(drift.cpk).toBeLessThan(steady.cpk);

    // Individuals chart on request, decimated for display with the signals kept.
    const all = (await w.supplier.get(`${base}/spc?product=${PRODUCT}&characteristic=bore_diameter&subgroupSize=1&maxPoints=100`)).json();
    expect(all).toMatchObject({ n: 350, subgrouping: { size: 1, by: 'none' }, chart: { type: 'individuals', totalPoints: 350, decimated: true } });
    expect(all.chart.points.length).toBeLessThanOrEqual(100);
    expect(all.chart.range.points.every((p: { index: number }) => p.index > 0)).toBe(true);
    // One-sided: wall thickness has only an LSL — no data here, so 422; anodising (µm) has both limits.
    expect((await w.buyer.get(`${base}/spc?product=${PRODUCT}&characteristic=wall_thickness`)).statusCode).toBe(422);
    const anod = (await w.buyer.get(`${base}/spc?product=${PRODUCT}&characteristic=anodising_thickness`)).json();
    expect(anod).toMatchObject({ n: 70, subgrouping: { size: 1 }, characteristic: { unit: 'µm' } });
    expect((await w.buyer.get(`${base}/spc?product=NM-0000&characteristic=bore_diameter`)).statusCode).toBe(404);
    expect((await w.buyer.get(`${base}/spc?product=${PRODUCT}&characteristic=roundness`)).statusCode).toBe(404);
    expect((await w.stranger.get(`${base}/spc?product=${PRODUCT}&characteristic=bore_diameter`)).statusCode).toBe(404);

    const overview = (await w.supplier.get(`${base}/spc/characteristics`)).json();
    expect(overview.map((o: { characteristic: { key: string }; n: number }) => [o.characteristic.key, o.n])).toEqual([
      ['bore_diameter', 350],
      ['anodising_thickness', 70],
      ['wall_thickness', 0],
    ]);
    expect(overview[0].lines).toEqual(['Line A', 'Line B']);
    expect((await w.stranger.get(`${base}/spc/characteristics`)).statusCode).toBe(404);

    const readiness = (await w.buyer.get(`${base}/readiness`)).json();
    const consistency = readiness.behaviouralScore.inputs.find((i: { key: string }) => i.key === 'consistency');
    expect(consistency.available).toBe(true);
    expect(consistency.detail).toContain(`${PRODUCT} Bore Ø 32 H7: Cpk`);
    expect(consistency.evidenceIds.length).toBeGreaterThan(0);
  });

  step('production logs demonstrate capacity per line against the claims: line A supported, line B contradicted', async () => {
    const r = await upload(w.supplier, `${base}/imports/production-logs`, productionLogCsv(6));
    expect(r.statusCode).toBe(201);
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    expect(cap).toMatchObject({ tolerance: 0.8, policy: { key: 'default-cross-border' } });
    const a = cap.lines.find((l: { line: string }) => l.line === 'Line A');
    const b = cap.lines.find((l: { line: string }) => l.line === 'Line B');
    expect(a.claim).toMatchObject({ id: w.lineAClaimId, value: 20000, status: 'supported' });
    expect(a.comparison.status).toBe('supported');
    expect(a.demonstrated.value).toBeGreaterThan(20000);
    expect(b.claim).toMatchObject({ id: w.lineBClaimId, status: 'contradicted' });
    expect(b.comparison.status).toBe('contradicted');
    expect(b.comparison.ratio).toBeLessThan(0.8);
    expect(b.demonstrated.method).toContain('90th percentile');
    expect(b.byMonth.map((m: { period: string }) => m.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(b.byMonth[5]).toMatchObject({ claimed: 16000 });
    expect(b.byMonth[5].demonstrated).toBeGreaterThan(0);
    expect(b.byMonth[5].utilisation).toBeGreaterThan(0.9);

    // The claim status changes through evidence: observed, recorded for the buyer, linked with the observed value.
    const ev = (await w.buyer.get(`${base}/evidence`)).json().find((e: { id: string }) => e.id === b.evidenceId);
    expect(ev).toMatchObject({ kind: 'production_log', provenance: 'observed', organizationId: w.buyer.organizationId, attributes: { derivedFrom: 'production_logs', status: 'contradicted' } });
    expect(ev.links[0]).toMatchObject({ claimId: w.lineBClaimId, effect: 'contradicts' });
    const claims = (await w.buyer.get(`/api/v1/organizations/${w.supplier.organizationId}/claims`)).json();
    expect(claims.find((c: { id: string }) => c.id === w.lineBClaimId).status).toBe('contradicted');
    expect(claims.find((c: { id: string }) => c.id === w.lineAClaimId).status).toBe('supported');
    const readiness = (await w.supplier.get(`${base}/readiness`)).json();
    expect(readiness.contradictedClaims.map((c: { claimId: string }) => c.claimId)).toEqual([w.lineBClaimId]);

    // A further month refreshes it: the earlier derived evidence leaves the engagement, one current item remains.
    const july = productionLogCsv(7).split('\n').filter((l, i) => i === 0 || l.includes('2025-07-'));
    expect((await upload(w.supplier, `${base}/imports/production-logs`, july.join('\n'))).statusCode).toBe(201);
    const derived = (await w.buyer.get(`${base}/evidence`)).json().filter((e: { attributes: { derivedFrom?: string; claimId?: string } }) => e.attributes.derivedFrom && e.attributes.claimId === w.lineBClaimId);
    expect(derived).toHaveLength(1);
    expect(derived[0].id).not.toBe(b.evidenceId);
    expect((await w.stranger.get(`${base}/capacity`)).statusCode).toBe(404);
    expect((await w.strangerSupplier.get(`${base}/capacity`)).statusCode).toBe(404);
  });

  step('a claim per quarter or per year is held against production logs per month (a quarter is 3 months, a year 12)', async () => {
    const own = await qualityWorld(app);
    const at = `/api/v1/engagements/${own.engagementId}`;
    const site = (await own.supplier.get(`/api/v1/organizations/${own.supplier.organizationId}/sites`)).json()[0].id;
    const claim = async (productLine: string, value: number, period: 'quarter' | 'year') => {
      const r = await own.supplier.post(`/api/v1/organizations/${own.supplier.organizationId}/claims`, { type: 'capacity', title: `Housings, ${productLine}`, productLine, siteId: site, value, unit: 'pcs', period });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    // Both lines make ~42 good parts per planned hour, 20 h a day, Monday to Saturday: ≈ 22,000 a month.
    const quarterly = await claim('Line F housings', 60_000, 'quarter'); // 20,000 a month: supported
    const yearly = await claim('Line G housings', 400_000, 'year'); // 33,333 a month: contradicted
    expect((await upload(own.supplier, `${at}/imports/production-logs`, productionLogCsv(3, { 'Line F': 42, 'Line G': 42 }))).statusCode).toBe(201);
    const cap = (await own.buyer.get(`${at}/capacity`)).json();
    const f = cap.lines.find((l: { line: string }) => l.line === 'Line F');
    const g = cap.lines.find((l: { line: string }) => l.line === 'Line G');
    expect(f).toMatchObject({ note: null, noteCode: null, claim: { id: quarterly, period: 'quarter', status: 'supported' } });
    expect(f.demonstrated.period).toBe('month');
    expect(f.comparison.status).toBe('supported');
    expect(f.comparison.explanation).toContain('per month');
    expect(f.byMonth[2].claimed).toBe(20_000);
    expect(g).toMatchObject({ noteCode: null, claim: { id: yearly, period: 'year', status: 'contradicted' } });
    expect(g.comparison.status).toBe('contradicted');
    expect(g.comparison.ratio).toBeGreaterThan(0.5);
    expect(g.comparison.ratio).toBeLessThan(0.8);
    // The evidence carries the demonstrated value on the claim's own period, so readiness agrees.
    const ev = (await own.buyer.get(`${at}/evidence`)).json().find((e: { id: string }) => e.id === g.evidenceId);
    expect(ev.links[0].observedValue).toBeCloseTo(g.demonstrated.value * 12, 0);
    const claims = (await own.buyer.get(`/api/v1/organizations/${own.supplier.organizationId}/claims`)).json();
    expect(claims.find((c: { id: string }) => c.id === yearly).status).toBe('contradicted');
    expect(claims.find((c: { id: string }) => c.id === quarterly).status).toBe('supported');
  });

  step('a claim per week or per day is held against the capacity demonstrated on its own basis', async () => {
    const site = (await w.supplier.get(`/api/v1/organizations/${w.supplier.organizationId}/sites`)).json()[0].id;
    const claim = async (productLine: string, value: number, period: 'week' | 'day') => {
      const r = await w.supplier.post(`/api/v1/organizations/${w.supplier.organizationId}/claims`, { type: 'capacity', title: `Housings, ${productLine}`, productLine, siteId: site, value, unit: 'pcs', period });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    // Line C makes ~42 good parts per planned hour, 2 × 10 h a day, Monday to Saturday: ≈ 5,000 a week, 840 a day.
    const weekly = await claim('Line C housings', 6000, 'week');
    const daily = await claim('Line D housings', 800, 'day');
    expect((await upload(w.supplier, `${base}/imports/production-logs`, productionLogCsv(3, { 'Line C': 42, 'Line D': 42, 'Line E': 30 }))).statusCode).toBe(201);
    const cap = (await w.buyer.get(`${base}/capacity`)).json();
    const c = cap.lines.find((l: { line: string }) => l.line === 'Line C');
    const d = cap.lines.find((l: { line: string }) => l.line === 'Line D');
    expect(c.note).toBeNull();
    expect(c.demonstrated).toMatchObject({ period: 'week', plannedHoursPerPeriod: 120 });
    expect(c.demonstrated.value).toBeGreaterThan(4800);
    expect(c.demonstrated.value).toBeLessThan(42 * 1.06 * 120); // the 90th percentile of a rate with ±5 % noise × 120 h
    expect(c.comparison.status).toBe('supported'); // ≥ 80 % of 6,000
    expect(c.comparison.explanation).toContain('per week');
    expect(c.claim).toMatchObject({ id: weekly, status: 'supported' });
    expect(c.byMonth[2]).toMatchObject({ claimed: 6000 });
    expect(c.byMonth[2].demonstrated).toBeCloseTo(c.demonstrated.value, -2);
    expect(d.demonstrated).toMatchObject({ period: 'day', plannedHoursPerPeriod: 20 });
    expect(d.comparison.status).toBe('supported');
    expect(d.demonstrated.method).toContain('per production day');
    const ev = (await w.buyer.get(`${base}/evidence`)).json().find((e: { id: string }) => e.id === c.evidenceId);
    expect(ev.title).toContain('per week from production logs');
    expect(ev.attributes).toMatchObject({ period: 'week', claimId: weekly });
    expect(daily).toBe(d.claim.id);
    // A line no claim names: demonstrated, not compared, and why as a code the web app words.
    const e = cap.lines.find((l: { line: string }) => l.line === 'Line E');
    expect(e).toMatchObject({ claim: null, comparison: null, noteCode: 'no_claim' });
    expect(e.note).toContain('Line E');
    expect(c.noteCode).toBeNull();
  });
});
