import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessView, VisitAdviceView } from '../../src/contracts/readiness.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { productionLogCsv, qualityWorld, upload, type QualityWorld } from '../fixtures/quality/setup.js';

type OpenApiSchema = { properties?: Record<string, OpenApiSchema>; items?: OpenApiSchema; required?: string[] };

/** The 200 schema of a GET route in the OpenAPI document. */
function responseSchema(doc: { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: OpenApiSchema }> }> }>> }, path: string): OpenApiSchema {
  return doc.paths[path]!.get!.responses['200']!.content['application/json']!.schema;
}

// The product's central answers have real response schemas: the answer validates against them, the OpenAPI
// document describes their fields, and the JSON is what the domain computed (names and values unchanged).
describe.each(TEST_DATABASES)('readiness and visit advice are described, on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    base = `/api/v1/engagements/${w.engagementId}`;
    // Production logs that contradict one capacity claim: contradicted claims, computed evidence and score rows.
    expect((await upload(w.supplier, `${base}/imports/production-logs`, productionLogCsv(6))).statusCode).toBe(201);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('readiness validates against its schema, with every field the domain sends', async () => {
    const r = await w.buyer.get(`${base}/readiness`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(ReadinessView.parse(body)).toEqual(body);
    expect(body).toMatchObject({ engagementId: w.engagementId, phase: 'credibility', policy: { key: expect.any(String), version: expect.any(Number) } });
    expect(Object.keys(body).sort()).toEqual(
      ['behaviouralScore', 'claims', 'contradictedClaims', 'engagementId', 'evaluatedAt', 'evidenceAlerts', 'formalScore', 'notApplicable', 'phase', 'policy', 'requirements', 'summary', 'visitAdvice'].sort(),
    );
    expect(body.contradictedClaims.map((c: { claimId: string; status: string }) => [c.claimId, c.status])).toContainEqual([w.lineBClaimId, 'contradicted']);
    expect(body.requirements.length).toBeGreaterThan(0);
    expect(Object.keys(body.requirements[0]).sort()).toEqual(
      ['claimIds', 'considered', 'evidenceIds', 'explanation', 'id', 'messageIds', 'required', 'state', 'title', 'type', 'waivable', 'why'].sort(),
    );
    // The supplier sees the same answer for its engagement; another organization gets 404 as for a missing one.
    expect((await w.supplier.get(`${base}/readiness`)).statusCode).toBe(200);
    expect((await w.stranger.get(`${base}/readiness`)).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('visit advice validates against its schema', async () => {
    const r = await w.buyer.get(`${base}/visit-advice`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(VisitAdviceView.parse(body)).toEqual(body);
    expect(Object.keys(body).sort()).toEqual(['baseScore', 'firedRules', 'recommendation', 'score', 'thresholds', 'why']);
    expect(['visit_needed', 'visit_recommended', 'visit_can_be_waived']).toContain(body.recommendation);
    const readiness = (await w.buyer.get(`${base}/readiness`)).json();
    expect(body).toEqual(readiness.visitAdvice);
    expect((await w.stranger.get(`${base}/visit-advice`)).statusCode).toBe(404);
  });

  it.skipIf(skipReason)('openapi.json describes both answers field by field', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    const readiness = responseSchema(doc, '/api/v1/engagements/{id}/readiness');
    expect(Object.keys(readiness.properties ?? {})).toEqual(expect.arrayContaining(['requirements', 'summary', 'formalScore', 'behaviouralScore', 'contradictedClaims', 'visitAdvice']));
    expect(Object.keys(readiness.properties!.requirements!.items!.properties ?? {})).toEqual(expect.arrayContaining(['id', 'state', 'evidenceIds', 'why', 'explanation']));
    expect(Object.keys(readiness.properties!.visitAdvice!.properties ?? {})).toEqual(expect.arrayContaining(['recommendation', 'firedRules']));
    const advice = responseSchema(doc, '/api/v1/engagements/{id}/visit-advice');
    expect(Object.keys(advice.properties ?? {})).toEqual(expect.arrayContaining(['recommendation', 'score', 'baseScore', 'thresholds', 'firedRules', 'why']));
    expect(advice.required).toEqual(expect.arrayContaining(['recommendation', 'firedRules']));
  });
});
