// The verifiable record over HTTP on both databases: keys made with each organization, records logged as they are
// made (in one transaction with them), checkpoints and RFC 9162 proofs that verify, dossiers that verify offline,
// key rotation and revocation, ordered appends from concurrent requests and from two servers on one database.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { nodeRecordCrypto as crypto } from '../../src/crypto/node-record-crypto.js';
import { fromHex } from '../../src/domain/record/bytes.js';
import { verifyDossier } from '../../src/domain/record/dossier.js';
import { verifyConsistency, verifyInclusion } from '../../src/domain/record/merkle.js';
import { checkSignedNote, parseCheckpoint, parseVerifierKey } from '../../src/domain/record/note.js';
import type { App } from '../../src/http/routes/types.js';
import { openRuntime } from '../../src/runtime.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp, type Client } from '../support/http.js';
import { story } from '../support/story.js';

type Party = Client & { organizationId: string; userId: string; email: string };
const MISSING = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.4\n% ISO 13485:2016 certificate, Ningbo Hengtai Precision\n%%EOF\n');

describe.each(TEST_DATABASES)('verifiable record routes on $name', ({ name, skipReason }) => {
  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  let ctx: TestContext;
  let app: App;
  let buyer: Party;
  let supplier: Party;
  let stranger: Party;
  let engagementId: string;

  const certificate = (c: Party, title: string, fileIds: string[]) =>
    c.post(`/api/v1/engagements/${engagementId}/evidence`, { kind: 'certificate', provenance: 'documented', title, issuer: 'TÜV SÜD', fileIds, attributes: { standard: 'ISO 13485' } });
  const evidence = (c: Party, title: string) => c.post(`/api/v1/engagements/${engagementId}/evidence`, { kind: 'testimonial', provenance: 'self_declared', title });

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    stranger = await signupClient(app, { name: 'Other Buyer LLC', kind: 'buyer', country: 'US' });
    const e = await buyer.post('/api/v1/engagements', {
      supplierOrganizationId: supplier.organizationId,
      title: 'Pump housings 2027',
      scope: { products: ['Housing PH-200'], destinationCountry: 'DE', productMaturity: 'custom' },
    });
    engagementId = e.json().id;
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  step('every organization gets a signing key when it is made, published in the directory', async () => {
    const keys = (await stranger.get(`/api/v1/organizations/${supplier.organizationId}/keys`)).json();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ organizationId: supplier.organizationId, current: true, revokedAt: null });
    expect(keys[0].did).toBe(`did:key:${keys[0].keyId}`);
    expect((await buyer.get(`/api/v1/organizations/${MISSING}/keys`)).statusCode).toBe(404);
  });

  step('evidence and gate decisions are logged as they are made, in order, with the file’s SHA-256', async () => {
    const up = multipart('iso13485.pdf', PDF);
    const file = (await supplier.request('POST', '/api/v1/files', up.payload, up.headers)).json();
    expect((await certificate(supplier, 'ISO 13485 certificate', [file.id])).statusCode).toBe(201);
    const gate = await buyer.post(`/api/v1/engagements/${engagementId}/gates`, { decision: 'hold', expectedPhase: 'credibility', rationale: 'Waiting for the registry extract.' });
    expect(gate.statusCode, gate.body).toBeLessThan(300);
    const record = (await buyer.get(`/api/v1/engagements/${engagementId}/record`)).json();
    // The supplier's acceptance is the engagement's first gate decision.
    expect(record.entries.map((e: { kind: string }) => e.kind)).toEqual(['gate_decision', 'evidence', 'gate_decision']);
    expect(record.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect(record.entries[1].attachments[0]).toMatchObject({ filename: 'iso13485.pdf', sha256: file.sha256 });
    expect(record.entries[1].organizationName).toBe('Suzhou Apex Machining');
    expect(record.entries[2].content).toMatchObject({ decision: 'hold', rationale: 'Waiting for the registry extract.' });
    expect(record.entries[2].leafIndex).toBeGreaterThan(record.entries[1].leafIndex);
    expect((await stranger.get(`/api/v1/engagements/${engagementId}/record`)).statusCode).toBe(404);
  });

  step('the signed checkpoint, inclusion and consistency proofs verify (anyone may fetch them)', async () => {
    const first = (await app.inject({ method: 'GET', url: '/api/v1/log/checkpoint' })).json();
    const verifier = parseVerifierKey(crypto.sha256, first.verifierKey);
    const note = checkSignedNote(crypto, first.checkpoint, [verifier]);
    expect(note.verifiedBy).toEqual([first.origin]);
    const cp = parseCheckpoint(note.text);
    expect(cp.size).toBe(first.size);
    expect(Buffer.from(cp.root).toString('hex')).toBe(first.rootHash);

    const record = (await buyer.get(`/api/v1/engagements/${engagementId}/record`)).json();
    for (const e of record.entries) {
      const p = (await app.inject({ method: 'GET', url: `/api/v1/log/proofs/inclusion?leafIndex=${e.leafIndex}&treeSize=${first.size}` })).json();
      expect(p.leafHash).toBe(e.leafHash);
      expect(verifyInclusion(crypto.sha256, e.leafIndex, first.size, fromHex(e.leafHash), p.proof.map(fromHex), fromHex(first.rootHash))).toBe(true);
    }
    expect((await evidence(buyer, 'Second certificate')).statusCode).toBe(201);
    const second = (await app.inject({ method: 'GET', url: '/api/v1/log/checkpoint' })).json();
    expect(second.size).toBe(first.size + 1);
    const c = (await app.inject({ method: 'GET', url: `/api/v1/log/proofs/consistency?first=${first.size}&second=${second.size}` })).json();
    expect(verifyConsistency(crypto.sha256, first.size, second.size, c.proof.map(fromHex), fromHex(first.rootHash), fromHex(second.rootHash))).toBe(true);
  });

  step('refuses proofs outside the log with the offending field', async () => {
    const { size } = (await app.inject({ method: 'GET', url: '/api/v1/log/checkpoint' })).json();
    const bad = async (url: string, field: string) => {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      expect(JSON.stringify(r.json().error.issues)).toContain(field);
    };
    await bad(`/api/v1/log/proofs/inclusion?leafIndex=0&treeSize=${size + 1}`, 'treeSize');
    await bad(`/api/v1/log/proofs/inclusion?leafIndex=${size}&treeSize=${size}`, 'leafIndex');
    await bad(`/api/v1/log/proofs/inclusion?leafIndex=-1&treeSize=1`, 'leafIndex');
    await bad(`/api/v1/log/proofs/consistency?first=3&second=2`, 'first');
    await bad(`/api/v1/log/proofs/consistency?first=1&second=${size + 5}`, 'second');
  });

  step('exports a dossier that verifies offline, with the file inside; other tenants get 404', async () => {
    const res = await supplier.get(`/api/v1/engagements/${engagementId}/dossier`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const d = res.json();
    const r = verifyDossier(crypto, d);
    expect(r.errors).toEqual([]);
    expect(r.checked.attachmentsChecked).toBe(1);
    expect(Buffer.from(d.attachments[0].content, 'base64').equals(PDF)).toBe(true);
    expect(r.checked.chainLength).toBe(4);
    expect((await stranger.get(`/api/v1/engagements/${engagementId}/dossier`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/engagements/${MISSING}/dossier`)).statusCode).toBe(404);
  });

  step('rotation retires the old key with a revocation record; what was signed before still verifies', async () => {
    const before = (await supplier.get(`/api/v1/organizations/${supplier.organizationId}/keys`)).json();
    const rotated = await supplier.post('/api/v1/organization/keys/rotate', {});
    expect(rotated.statusCode).toBe(201);
    const keys = (await supplier.get(`/api/v1/organizations/${supplier.organizationId}/keys`)).json();
    expect(keys).toHaveLength(2);
    expect(keys.find((k: { keyId: string }) => k.keyId === before[0].keyId)).toMatchObject({ revocationReason: 'superseded', current: false });
    expect((await evidence(supplier, 'Control plan rev C')).statusCode).toBe(201);
    const d = (await buyer.get(`/api/v1/engagements/${engagementId}/dossier`)).json();
    expect(verifyDossier(crypto, d).errors).toEqual([]);
    expect(d.keys.filter((k: { organizationId: string }) => k.organizationId === supplier.organizationId)).toHaveLength(2);
  });

  step('a key revoked as compromised from an earlier time makes what it signed since then fail verification', async () => {
    const current = (await supplier.get(`/api/v1/organizations/${supplier.organizationId}/keys`)).json().find((k: { current: boolean }) => k.current);
    const record = (await buyer.get(`/api/v1/engagements/${engagementId}/record`)).json();
    const signedWithIt = record.entries.at(-1);
    const future = await supplier.post(`/api/v1/organization/keys/${current.keyId}/revoke`, { reason: 'compromised', effectiveFrom: '2999-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect((await buyer.post(`/api/v1/organization/keys/${current.keyId}/revoke`, { reason: 'compromised' })).statusCode).toBe(404);
    const res = await supplier.post(`/api/v1/organization/keys/${current.keyId}/revoke`, { reason: 'compromised', effectiveFrom: current.validFrom });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().filter((k: { current: boolean }) => k.current)).toHaveLength(1);
    const d = (await buyer.get(`/api/v1/engagements/${engagementId}/dossier`)).json();
    const r = verifyDossier(crypto, d);
    expect(r.valid).toBe(false);
    const at = d.entries.findIndex((e: { leafIndex: number }) => e.leafIndex === signedWithIt.leafIndex);
    expect(r.errors).toEqual([expect.objectContaining({ entry: at, code: 'key_revoked' })]);
    expect((await supplier.post(`/api/v1/organization/keys/${current.keyId}/revoke`, { reason: 'compromised' })).statusCode).toBe(409);
  });

  step('concurrent appends, from one server and from two servers on one database, stay ordered without gaps', async () => {
    const second = await openRuntime({ databaseUrl: ctx.handle.url, dataDir: ctx.dataDir, migrate: false });
    const app2 = await testApp(second);
    try {
      const { size: before } = (await app.inject({ method: 'GET', url: '/api/v1/log/checkpoint' })).json();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? app : app2).inject({
            method: 'POST',
            url: `/api/v1/engagements/${engagementId}/evidence`,
            headers: { cookie: buyer.cookie, 'x-csrf-token': buyer.csrf },
            payload: { kind: 'testimonial', provenance: 'self_declared', title: `Reference call ${i}` },
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
      const { size: after } = (await app2.inject({ method: 'GET', url: '/api/v1/log/checkpoint' })).json();
      expect(after).toBe(before + 12);
      const rows = await ctx.handle.db.selectFrom('log_entries').select(['leaf_index']).orderBy('leaf_index').execute();
      expect(rows.map((r) => Number(r.leaf_index))).toEqual(Array.from({ length: after }, (_, i) => i));
      const d = (await buyer.get(`/api/v1/engagements/${engagementId}/dossier`)).json();
      const r = verifyDossier(crypto, d);
      expect(r.errors.filter((e) => e.code !== 'key_revoked')).toEqual([]);
      expect(r.checked.chainLength).toBe(17);
    } finally {
      await app2.close();
      await second.close();
    }
  });
});
