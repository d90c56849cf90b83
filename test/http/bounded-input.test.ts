// Every string a client can send is bounded: each string in a documented request body, query or path parameter has a
// maxLength (or is an enum, a constant, a uuid or a date/time format), so no field stores a megabyte of text. A policy
// name of 1 MB was stored before. The documents are checked by the schema, not the database: SQLite is enough here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VerificationPolicySchema } from '../../src/contracts/policy.js';
import { ChecklistTemplateSchema } from '../../src/contracts/visits.js';
import type { App } from '../../src/http/routes/types.js';
import { createTestContext, type TestContext } from '../support/databases.js';
import { signupClient, testApp } from '../support/http.js';

type Schema = Record<string, unknown>;

const BOUNDED_FORMATS = new Set(['uuid', 'date-time', 'date', 'email', 'time']);

/** Paths (within one schema) of strings without a bound. */
function unbounded(s: unknown, at: string, out: string[], seen = new Set<unknown>()): void {
  if (!s || typeof s !== 'object' || seen.has(s)) return;
  seen.add(s);
  const o = s as Schema;
  const types = Array.isArray(o.type) ? o.type : [o.type];
  if (types.includes('string') && o.maxLength === undefined && o.enum === undefined && o.const === undefined && !BOUNDED_FORMATS.has(String(o.format)) && o.pattern === undefined) {
    out.push(at || '(root)');
  }
  for (const [k, v] of Object.entries(o.properties ?? {})) unbounded(v, at ? `${at}.${k}` : k, out, seen);
  if (o.items) unbounded(o.items, `${at}[]`, out, seen);
  if (o.additionalProperties && typeof o.additionalProperties === 'object') unbounded(o.additionalProperties, `${at}{}`, out, seen);
  for (const [k, v] of Object.entries({ ...((o.$defs as Schema) ?? {}), ...((o.definitions as Schema) ?? {}) })) unbounded(v, `${at}#${k}`, out, seen);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) for (const sub of (o[key] as unknown[]) ?? []) unbounded(sub, at, out, seen);
}

describe('bounded input', () => {
  let ctx: TestContext;
  let app: App;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    app = await testApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('every string of every documented request body, query and path parameter has a maximum length', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: unknown }[]; requestBody?: { content: Record<string, { schema: unknown }> } }>> };
    const found: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const out: string[] = [];
        for (const p of op.parameters ?? []) unbounded(p.schema, `${p.in}.${p.name}`, out);
        const json = op.requestBody?.content?.['application/json']?.schema;
        if (json) unbounded(json, '', out);
        for (const f of out) found.push(`${method.toUpperCase()} ${path} ${f}`);
      }
    }
    expect(found.join('\n')).toBe('');
  });

  it('so is every string of the JSON documents the API takes whole (verification policies, checklist templates)', () => {
    const out: string[] = [];
    unbounded(z.toJSONSchema(VerificationPolicySchema, { io: 'input', unrepresentable: 'any' }), 'policy', out);
    unbounded(z.toJSONSchema(ChecklistTemplateSchema, { io: 'input', unrepresentable: 'any' }), 'template', out);
    expect(out.join('\n')).toBe('');
  });

  it('a policy named with 500 KB of text (1 MB is over the body limit: 413) is refused with 400 naming the field', async () => {
    const admin = await signupClient(app, { kind: 'buyer' });
    const list = await admin.get('/api/v1/policies');
    expect(list.statusCode, list.body).toBe(200);
    const base = list.json()[0];
    const r = await admin.post('/api/v1/policies', { ...base.document, name: 'x'.repeat(500_000) });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(400);
    expect(r.json().error.issues.map((i: { path: string }) => i.path)).toContain('name');
  });
});
