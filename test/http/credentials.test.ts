// Track-record credentials end to end over HTTP on both databases: the buyer attests after a passing pilot review,
// the supplier presents the credential to a second buyer whose visit advisor then cites it, the issuer revokes it
// and every verifier says so; UNTP conformity credentials; refusals and other tenants' 404s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import { nodeRecordCrypto as crypto } from '../../src/crypto/node-record-crypto.js';
import { revocationFromList, verifyCredential } from '../../src/domain/record/credential.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, testApp } from '../support/http.js';
import { NOW, pilotIn, pilotWorld, type PilotWorld } from '../fixtures/pilots/setup.js';
import { story } from '../support/story.js';

const uuid = (urn: string) => urn.replace(/^urn:uuid:/, '');

describe.each(TEST_DATABASES)('credential routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: PilotWorld;
  let restoreClock: () => void;
  let engagementId: string;
  let reviewId: string;
  let credential: any;
  let secondEngagement: string;

  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(fixedClock(NOW));
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await pilotWorld(app);
    const p = await pilotIn(app, ctx, w);
    engagementId = p.engagementId;
    const points = (await w.buyer.get(`/api/v1/pilots/${p.pilotId}`)).json().evaluationPoints;
    const review = await w.buyer.post(`/api/v1/pilots/${p.pilotId}/reviews`, { evaluationPointId: points[0].id, decision: 'continue', comment: 'Month 1 on plan.' });
    expect(review.statusCode, review.body).toBe(201);
    reviewId = review.json().id;
    // A second buyer opens an engagement with the same supplier.
    const e = await w.stranger.post('/api/v1/engagements', {
      supplierOrganizationId: w.supplier.organizationId,
      title: 'Pump housings for Other Buyer',
      scope: { products: ['Housing'], destinationCountry: 'US', productMaturity: 'commercialized' },
    });
    secondEngagement = e.json().id;
    expect((await w.supplier.post(`/api/v1/engagements/${secondEngagement}/response`, { decision: 'accept' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
    restoreClock();
  });

  step('the buyer attests the track record after the review; the credential verifies offline', async () => {
    expect((await w.supplier.post(`/api/v1/engagements/${engagementId}/credentials`, { source: { kind: 'pilot_review', id: reviewId } })).statusCode).toBe(403);
    const bad = await w.buyer.post(`/api/v1/engagements/${engagementId}/credentials`, { source: { kind: 'pilot_review', id: '00000000-0000-4000-8000-000000000000' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.issues)).toContain('source.id');
    const res = await w.buyer.post(`/api/v1/engagements/${engagementId}/credentials`, { source: { kind: 'pilot_review', id: reviewId } });
    expect(res.statusCode, res.body).toBe(201);
    credential = res.json();
    expect(credential).toMatchObject({ kind: 'track_record', issuer: { organizationId: w.buyer.organizationId }, subject: { organizationId: w.supplier.organizationId }, revokedAt: null });
    const doc = credential.document;
    expect(doc.type).toEqual(['VerifiableCredential', 'TrackRecordCredential']);
    expect(doc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod' });
    expect(doc.issuer.id).toMatch(/^did:key:z6Mk/);
    expect(doc.credentialSubject.trackRecord.review).toMatchObject({ kind: 'pilot_review', decision: 'continue' });
    expect(doc.credentialSubject.trackRecord.kpis.length).toBeGreaterThan(0);
    expect(doc.credentialSubject.trackRecord.discrepancies).toMatchObject({ raised: 0, closed: 0 });
    expect(verifyCredential(crypto, doc, new Date(NOW)).errors).toEqual([]);
    // The supplier holds it; a stranger cannot read it.
    expect((await w.supplier.get('/api/v1/credentials')).json().map((c: any) => c.id)).toContain(credential.id);
    expect((await w.stranger.get(`/api/v1/credentials/${uuid(credential.id)}`)).statusCode).toBe(404);
    const record = (await w.buyer.get(`/api/v1/engagements/${engagementId}/record`)).json();
    expect(record.entries.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['pilot_review', 'credential']));
  });

  step('presented to a second buyer, it verifies and the visit advisor cites it as a verifiable track record', async () => {
    const before = (await w.stranger.get(`/api/v1/engagements/${secondEngagement}/visit-advice`)).json();
    expect(before.firedRules.map((r: any) => r.id)).not.toContain('waive.verified_track_record');
    // Only the supplier presents; the issuing buyer's own engagement is not another buyer; a changed byte fails.
    expect((await w.stranger.post(`/api/v1/engagements/${secondEngagement}/credentials/presented`, { credential: credential.document })).statusCode).toBe(403);
    const same = await w.supplier.post(`/api/v1/engagements/${engagementId}/credentials/presented`, { credential: credential.document });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.issues.map((i: any) => i.code)).toContain('same_buyer');
    const forged = { ...credential.document, credentialSubject: { ...credential.document.credentialSubject, name: 'Someone Else' } };
    const f = await w.supplier.post(`/api/v1/engagements/${secondEngagement}/credentials/presented`, { credential: forged });
    expect(f.statusCode).toBe(422);
    expect(f.json().error.issues.map((i: any) => i.code)).toContain('signature_invalid');

    const res = await w.supplier.post(`/api/v1/engagements/${secondEngagement}/credentials/presented`, { credential: credential.document });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().check).toMatchObject({ valid: true, issuerName: 'Rhein Medtech GmbH' });
    expect((await w.supplier.post(`/api/v1/engagements/${secondEngagement}/credentials/presented`, { credential: credential.document })).statusCode).toBe(409);
    const evidence = (await w.stranger.get(`/api/v1/engagements/${secondEngagement}/evidence`)).json().find((e: any) => e.id === res.json().evidenceId);
    expect(evidence).toMatchObject({ kind: 'attestation', provenance: 'third_party', issuer: 'Rhein Medtech GmbH', description: null });
    // The title is written from a code, so a Chinese reader sees it in Chinese.
    expect(evidence.generatedTitle).toMatchObject({ key: 'track_record_credential', params: { issuer: 'Rhein Medtech GmbH' } });
    expect(evidence.generatedTitle.params.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(evidence.title).toContain('Track-record credential from Rhein Medtech GmbH');
    const advice = (await w.stranger.get(`/api/v1/engagements/${secondEngagement}/visit-advice`)).json();
    const rule = advice.firedRules.find((r: any) => r.id === 'waive.verified_track_record');
    expect(rule).toMatchObject({ effect: 'waive', evidenceIds: [res.json().evidenceId] });
  });

  step('revoked by the issuer, verification says so everywhere and the advisor stops citing it', async () => {
    expect((await w.supplier.post(`/api/v1/credentials/${uuid(credential.id)}/revoke`, { reason: 'KPI data corrected' })).statusCode).toBe(403);
    expect((await w.buyer.post(`/api/v1/credentials/${uuid(credential.id)}/revoke`, { reason: 'x' })).statusCode).toBe(400);
    const res = await w.buyer.post(`/api/v1/credentials/${uuid(credential.id)}/revoke`, { reason: 'KPI data corrected after an ERP re-import' });
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).toBe(NOW);
    expect((await w.buyer.post(`/api/v1/credentials/${uuid(credential.id)}/revoke`, { reason: 'again please' })).statusCode).toBe(409);
    const presented = (await w.stranger.get(`/api/v1/engagements/${secondEngagement}/credentials/presented`)).json();
    expect(presented[0].check.valid).toBe(false);
    expect(presented[0].check.errors.map((e: any) => e.code)).toEqual(['revoked']);
    const verify = (await w.stranger.post('/api/v1/credentials/verify', { credential: credential.document })).json();
    expect(verify.errors.map((e: any) => e.code)).toEqual(['revoked']);
    const advice = (await w.stranger.get(`/api/v1/engagements/${secondEngagement}/visit-advice`)).json();
    expect(advice.firedRules.map((r: any) => r.id)).not.toContain('waive.verified_track_record');
    // Offline: the issuer's signed revocation list says it too.
    const list = await app.inject({ method: 'GET', url: `/api/v1/credentials/revocations?issuer=${encodeURIComponent(credential.document.issuer.id)}` });
    expect(list.statusCode).toBe(200);
    const status = revocationFromList(crypto, list.json(), credential.document, new Date(NOW));
    expect(status.status).toMatchObject({ checked: true, revoked: true, reason: 'KPI data corrected after an ERP re-import' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/credentials/revocations?issuer=https://x.example' })).statusCode).toBe(400);
    const record = (await w.buyer.get(`/api/v1/engagements/${engagementId}/record`)).json();
    expect(record.entries.at(-1)).toMatchObject({ kind: 'credential_revocation', content: { credentialId: credential.id } });
  });

  step('exports conformity evidence as a UNTP Digital Conformity Credential', async () => {
    const up = multipart('iso13485.pdf', Buffer.from('%PDF-1.4\n% ISO 13485 certificate\n%%EOF\n'));
    const file = (await w.supplier.request('POST', '/api/v1/files', up.payload, up.headers)).json();
    const ev = await w.supplier.post('/api/v1/evidence', { kind: 'certificate', provenance: 'documented', title: 'ISO 13485:2016 certificate', issuer: 'TÜV SÜD', validTo: '2027-12-31', fileIds: [file.id], attributes: { standard: 'ISO 13485', scope: 'Machining of aluminium housings' } });
    expect(ev.statusCode, ev.body).toBe(201);
    const res = await w.supplier.post('/api/v1/conformity-credentials', { evidenceId: ev.json().id });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().document;
    expect(doc.type).toEqual(['DigitalConformityCredential', 'VerifiableCredential']);
    expect(doc['@context'][1]).toContain('untp/dcc');
    expect(doc.credentialSubject.assessment[0]).toMatchObject({ referenceStandard: { name: 'ISO 13485' }, conformance: true });
    expect(doc.credentialSubject.conformityCertificate).toMatchObject({ hashDigest: file.sha256, hashMethod: 'SHA-256' });
    expect(verifyCredential(crypto, doc, new Date(NOW)).errors).toEqual([]);
    expect((await w.stranger.post('/api/v1/conformity-credentials', { evidenceId: ev.json().id })).statusCode).toBe(404);
  });
});
