import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp, type Client } from '../support/http.js';
import { story } from '../support/story.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
type Party = Client & { organizationId: string; userId: string; email: string };

async function uploadPdf(c: Party, name: string): Promise<string> {
  const up = multipart(name, Buffer.concat([PDF, Buffer.from(name)]));
  const res = await c.request('POST', '/api/v1/files', up.payload, up.headers);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe.each(TEST_DATABASES)('engagement routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let buyer: Party;
  let supplier: Party;
  let stranger: Party;
  let engagementId: string;
  let capacityClaimId: string;

  // One ordered story: a test run alone first runs the steps before it.
  const step = story(skipReason);
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    stranger = await signupClient(app, { name: 'Other Buyer LLC', kind: 'buyer', country: 'US' });
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  step('a supplier publishes sites and claims; buyers find it in the directory', async () => {
    const site = await supplier.post(`/api/v1/organizations/${supplier.organizationId}/sites`, {
      name: 'Plant 1',
      address: '88 Xinghai Rd, Suzhou',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      processes: ['5-axis CNC', 'anodising'],
      headcount: 240,
    });
    expect(site.statusCode).toBe(201);
    const claim = await supplier.post(`/api/v1/organizations/${supplier.organizationId}/claims`, {
      type: 'capacity',
      title: 'Housings, line A',
      productLine: 'housings',
      value: 20000,
      unit: 'pcs',
      period: 'month',
      statedLimit: 24000,
    });
    expect(claim.statusCode).toBe(201);
    capacityClaimId = claim.json().id;
    expect(claim.json().status).toBe('unverified');
    const badClaim = await supplier.post(`/api/v1/organizations/${supplier.organizationId}/claims`, { type: 'capacity', title: 'No value' });
    expect(badClaim.statusCode).toBe(400);
    expect(badClaim.json().error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['value', 'period', 'productLine']));
    // Claims are published on the supplier's own profile only.
    expect((await buyer.post(`/api/v1/organizations/${supplier.organizationId}/claims`, { type: 'moq', title: 'x', value: 1 })).statusCode).toBe(404);
    expect((await buyer.get(`/api/v1/organizations/${supplier.organizationId}/claims`)).json()).toHaveLength(1);
    expect((await buyer.get(`/api/v1/organizations/${supplier.organizationId}/sites`)).json()[0].name).toBe('Plant 1');
    // Sites and claims of a buyer do not exist.
    expect((await supplier.get(`/api/v1/organizations/${buyer.organizationId}/claims`)).statusCode).toBe(404);
    const found = (await buyer.get('/api/v1/organizations?kind=supplier&q=apex')).json();
    expect(found.map((o: { id: string }) => o.id)).toEqual([supplier.organizationId]);
  });

  step('a buyer opens an engagement, the supplier accepts, evidence is shared, readiness explains, and the buyer advances with an override', async () => {
    const created = await buyer.post('/api/v1/engagements', {
      supplierOrganizationId: supplier.organizationId,
      title: 'Pump housings 2027',
      scope: { products: ['Housing PH-200'], productLines: ['housings'], destinationCountry: 'DE', productMaturity: 'custom' },
    });
    expect(created.statusCode).toBe(201);
    const e = created.json();
    engagementId = e.id;
    expect(e).toMatchObject({ phase: 'proposed', crossBorder: true, myRole: 'buyer', policy: { key: 'default-cross-border', version: 1 } });
    expect((await supplier.get('/api/v1/engagements')).json().map((x: { id: string }) => x.id)).toEqual([engagementId]);
    // Evidence waits for acceptance.
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/evidence`, { kind: 'certificate', provenance: 'self_declared', title: 'ISO 9001' })).statusCode).toBe(409);
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept', note: 'Glad to.' });
    expect(accepted.json().phase).toBe('credibility');
    expect(accepted.json().myRole).toBe('supplier');

    const certFile = await uploadPdf(supplier, 'iso9001.pdf');
    const cert = await supplier.post(`/api/v1/engagements/${engagementId}/evidence`, {
      kind: 'certificate',
      provenance: 'documented',
      title: 'ISO 9001:2015 certificate',
      issuer: 'TÜV SÜD',
      validFrom: '2025-01-01',
      validTo: '2028-01-01',
      attributes: { standard: 'ISO 9001', scope: 'CNC machining' },
      fileIds: [certFile],
    });
    expect(cert.statusCode).toBe(201);
    // The buyer can now download the attached certificate.
    expect((await buyer.get(`/api/v1/files/${certFile}/content`)).statusCode).toBe(200);
    expect((await stranger.get(`/api/v1/files/${certFile}/content`)).statusCode).toBe(404);
    // A supplier cannot call its own evidence third-party.
    const selfThirdParty = await supplier.post(`/api/v1/engagements/${engagementId}/evidence`, {
      kind: 'audit_report', provenance: 'third_party', title: 'Audit', issuer: 'Us', fileIds: [certFile],
    });
    expect(selfThirdParty.statusCode).toBe(400);
    expect(selfThirdParty.json().error.issues[0].path).toBe('provenance');

    const readiness = (await buyer.get(`/api/v1/engagements/${engagementId}/readiness`)).json();
    expect(readiness.phase).toBe('credibility');
    const qms = readiness.requirements.find((r: { id: string }) => r.id === 'p1.qms_certification');
    expect(qms.state).toBe('met');
    expect(qms.evidenceIds).toEqual([cert.json().id]);
    expect(typeof qms.why).toBe('string');
    expect(readiness.summary.readyToAdvance).toBe(false);
    expect(readiness.formalScore.inputs.length).toBeGreaterThan(0);

    const advice = (await buyer.get(`/api/v1/engagements/${engagementId}/visit-advice`)).json();
    expect(['visit_needed', 'visit_recommended', 'visit_can_be_waived']).toContain(advice.recommendation);
    expect(advice.firedRules.length).toBeGreaterThan(0);

    const refused = await buyer.post(`/api/v1/engagements/${engagementId}/gates`, { decision: 'advance', expectedPhase: 'credibility', rationale: 'Looks fine' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('requirements_unmet');
    const noReason = await buyer.post(`/api/v1/engagements/${engagementId}/gates`, { decision: 'advance', expectedPhase: 'credibility', rationale: 'x', override: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].path).toBe('overrideReason');
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/gates`, { decision: 'advance', expectedPhase: 'credibility', rationale: 'x' })).statusCode).toBe(403);

    const waived = await buyer.post(`/api/v1/engagements/${engagementId}/waivers`, { requirementId: 'p1.references', reason: 'Referred by our sister company' });
    expect(waived.statusCode).toBe(201);
    const after = (await buyer.get(`/api/v1/engagements/${engagementId}/readiness`)).json();
    expect(after.requirements.find((r: { id: string }) => r.id === 'p1.references').state).toBe('waived');
    // Both parties see who waived what; a withdrawn waiver stops counting.
    const waivers = (await supplier.get(`/api/v1/engagements/${engagementId}/waivers`)).json();
    expect(waivers).toMatchObject([{ requirementId: 'p1.references', reason: 'Referred by our sister company', phase: 'credibility' }]);
    expect((await supplier.del(`/api/v1/engagements/${engagementId}/waivers/${waivers[0].id}`)).statusCode).toBe(403);
    expect((await buyer.del(`/api/v1/engagements/${engagementId}/waivers/${waivers[0].id}`)).statusCode).toBe(204);
    expect((await buyer.get(`/api/v1/engagements/${engagementId}/waivers`)).json()).toEqual([]);
    const withdrawn = (await buyer.get(`/api/v1/engagements/${engagementId}/readiness`)).json();
    expect(withdrawn.requirements.find((r: { id: string }) => r.id === 'p1.references').state).not.toBe('waived');
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/waivers`, { requirementId: 'p1.references', reason: 'Referred by our sister company' })).statusCode).toBe(201);

    const advanced = await buyer.post(`/api/v1/engagements/${engagementId}/gates`, {
      decision: 'advance',
      expectedPhase: 'credibility',
      rationale: 'Certificates in order; registration extract follows.',
      evidenceIds: [cert.json().id],
      override: true,
      overrideReason: 'Registry extract requested, due next week',
    });
    expect(advanced.statusCode).toBe(201);
    const adv = advanced.json();
    expect(adv.phase).toBe('capability_validation');
    const gate = adv.timeline.at(-1);
    expect(gate).toMatchObject({ decision: 'advance', fromPhase: 'credibility', toPhase: 'capability_validation', override: true, overrideReason: 'Registry extract requested, due next week' });
    expect(gate.unmetRequirements.length).toBeGreaterThan(0);
    expect(gate.unmetRequirementTitles[0].title.en.length).toBeGreaterThan(3);
    expect(gate.evidenceIds).toEqual([cert.json().id]);
    // The supplier sees the same timeline.
    expect((await supplier.get(`/api/v1/engagements/${engagementId}/gates`)).json().map((g: { decision: string }) => g.decision)).toEqual(['accept', 'advance']);
  });

  step('observed capacity below tolerance contradicts the capacity claim', async () => {
    const obs = await buyer.post(`/api/v1/engagements/${engagementId}/evidence`, {
      kind: 'visit_observation',
      provenance: 'observed',
      title: 'Line A count on site',
      links: [{ claimId: capacityClaimId, effect: 'supports', observedValue: 12000 }],
    });
    expect(obs.statusCode).toBe(201);
    const claims = (await buyer.get(`/api/v1/organizations/${supplier.organizationId}/claims`)).json();
    expect(claims[0]).toMatchObject({ status: 'contradicted', strongestProvenance: 'observed', contradictingEvidenceIds: [obs.json().id] });
    // A stranger does not see that evidence, so for it the claim is unverified.
    expect((await stranger.get(`/api/v1/organizations/${supplier.organizationId}/claims`)).json()[0].status).toBe('unverified');
  });

  step('evidence about an organization, in one list of what the caller may see', async () => {
    const about = (p: Party, orgId: string) => p.get(`/api/v1/organizations/${orgId}/evidence`);
    const titles = async (p: Party, orgId: string) => (await about(p, orgId)).json().map((e: { title: string }) => e.title);
    // Kept in the supplier's library only: the supplier sees it, nobody else does.
    const own = await supplier.post('/api/v1/evidence', { kind: 'certificate', provenance: 'self_declared', title: 'IATF 16949 gap assessment (internal)' });
    expect(own.statusCode).toBe(201);
    expect(await titles(supplier, supplier.organizationId)).toContain('IATF 16949 gap assessment (internal)');
    const forBuyer = await titles(buyer, supplier.organizationId);
    expect(forBuyer).toContain('ISO 9001:2015 certificate');
    expect(forBuyer).not.toContain('IATF 16949 gap assessment (internal)');
    // No engagement with the supplier: nothing, but the organization exists (the directory is public).
    const strangers = await about(stranger, supplier.organizationId);
    expect(strangers.statusCode).toBe(200);
    expect(strangers.json()).toEqual([]);
    const missing = await about(buyer, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    // Shared, then withdrawn from the engagement: gone from the buyer's list.
    const shared = await supplier.post(`/api/v1/engagements/${engagementId}/evidence`, { kind: 'qc_procedure', provenance: 'self_declared', title: 'Control plan PH-200 rev B' });
    expect(shared.statusCode).toBe(201);
    expect(await titles(buyer, supplier.organizationId)).toContain('Control plan PH-200 rev B');
    expect((await supplier.del(`/api/v1/engagements/${engagementId}/evidence/${shared.json().id}`)).statusCode).toBe(204);
    expect(await titles(buyer, supplier.organizationId)).not.toContain('Control plan PH-200 rev B');
  });

  step('measures response times to technical inquiries in the supplier time zone', async () => {
    const q = await buyer.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'technical_inquiry', subject: 'Anodising spec', body: 'Which anodising thickness do you hold?' });
    expect(q.statusCode).toBe(201);
    const bad = await supplier.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'response', body: 'Answer without reference' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('inReplyTo');
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/messages`, { kind: 'response', body: '15 µm ±3', inReplyTo: q.json().id })).statusCode).toBe(201);
    const thread = (await buyer.get(`/api/v1/engagements/${engagementId}/messages`)).json();
    expect(thread.messages).toHaveLength(2);
    expect(thread.messages[0].answeredAt).not.toBeNull();
    expect(thread.stats).toMatchObject({ count: 1, answered: 1, responderTimeZone: 'Asia/Shanghai' });
  });

  step('policies: shipped defaults, a new version with exact error paths, and moving an engagement to it', async () => {
    const list = (await buyer.get('/api/v1/policies')).json();
    const shipped = list.find((p: { key: string }) => p.key === 'default-cross-border');
    expect(shipped.shipped).toBe(true);
    const doc = structuredClone(shipped.document);
    doc.key = 'rhein-cross-border';
    doc.name = 'Rhein cross-border';
    doc.phases.credibility[0].minProvenance = 'notarised';
    const refused = await buyer.post('/api/v1/policies', doc);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues[0].path).toBe('phases.credibility[0].minProvenance');
    doc.phases.credibility[0].minProvenance = 'documented';
    const saved = await buyer.post('/api/v1/policies', doc);
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ key: 'rhein-cross-border', version: 1, shipped: false });
    const v2 = await buyer.post('/api/v1/policies', doc);
    expect(v2.json().version).toBe(2);
    // An edited default continues the default's numbering, and the engagement offers it as the newer version.
    const edited = structuredClone(shipped.document);
    edited.name = 'Rhein edit of the default';
    const editedSaved = await buyer.post('/api/v1/policies', edited);
    expect(editedSaved.json()).toMatchObject({ key: 'default-cross-border', version: 2, shipped: false });
    expect((await buyer.get(`/api/v1/engagements/${engagementId}`)).json().policy).toMatchObject({ version: 1, latestVersion: 2, latestId: editedSaved.json().id });
    // The engagement keeps its version until moved.
    expect((await buyer.get(`/api/v1/engagements/${engagementId}`)).json().policy.key).toBe('default-cross-border');
    const moved = await buyer.post(`/api/v1/engagements/${engagementId}/policy`, { policyId: v2.json().id });
    expect(moved.json().policy).toMatchObject({ key: 'rhein-cross-border', version: 2 });
    expect(moved.json().timeline.at(-1).decision).toBe('policy_change');
    // Another organization's policy does not exist for the supplier or the stranger.
    expect((await stranger.get(`/api/v1/policies/${v2.json().id}`)).statusCode).toBe(404);
    const member = await supplier.post('/api/v1/policies', doc);
    expect(member.statusCode).toBe(201); // the supplier's owner is an admin of its own organization
  });

  step('another organization gets 404 on every engagement route, exactly like a missing engagement', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const gets = ['', '/gates', '/evidence', '/readiness', '/visit-advice', '/messages', '/waivers'];
    for (const suffix of gets) {
      const theirs = await stranger.get(`/api/v1/engagements/${engagementId}${suffix}`);
      const none = await stranger.get(`/api/v1/engagements/${missing}${suffix}`);
      expect(theirs.statusCode, suffix).toBe(404);
      expect(theirs.json()).toEqual(none.json());
    }
    const writes: [string, unknown][] = [
      ['/response', { decision: 'accept' }],
      ['/gates', { decision: 'hold', expectedPhase: 'credibility', rationale: 'x' }],
      ['/waivers', { requirementId: 'p2.sample_test', reason: 'x' }],
      ['/policy', { policyId: missing }],
      ['/close', { action: 'withdraw', rationale: 'x' }],
      ['/messages', { kind: 'progress_update', body: 'hi' }],
      ['/evidence', { kind: 'visit_observation', provenance: 'observed', title: 'x' }],
    ];
    for (const [suffix, body] of writes) {
      const theirs = await stranger.post(`/api/v1/engagements/${engagementId}${suffix}`, body);
      const none = await stranger.post(`/api/v1/engagements/${missing}${suffix}`, body);
      expect(theirs.statusCode, suffix).toBe(404);
      expect(theirs.json()).toEqual(none.json());
    }
    const ev = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json()[0];
    expect((await stranger.del(`/api/v1/engagements/${engagementId}/evidence/${ev.id}`)).statusCode).toBe(404);
    const waiverId = (await buyer.get(`/api/v1/engagements/${engagementId}/waivers`)).json()[0]?.id ?? missing;
    expect((await stranger.del(`/api/v1/engagements/${engagementId}/waivers/${waiverId}`)).json()).toEqual(
      (await stranger.del(`/api/v1/engagements/${missing}/waivers/${waiverId}`)).json(),
    );
    expect((await stranger.get(`/api/v1/evidence/${ev.id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/engagements')).json()).toEqual([]);
    // Nothing changed for the parties.
    expect((await buyer.get(`/api/v1/engagements/${engagementId}`)).json().phase).toBe('capability_validation');
  });

  step('bad input on engagement routes is a 4xx naming the field', async () => {
    const cases: [string, unknown, string[]][] = [
      ['/api/v1/engagements', { supplierOrganizationId: 'nope', title: '', scope: { products: [], destinationCountry: 'ZZ' } }, ['supplierOrganizationId', 'title', 'scope.products', 'scope.destinationCountry']],
      ['/api/v1/engagements', { supplierOrganizationId: stranger.organizationId, title: 'Not a supplier', scope: { products: ['x'], destinationCountry: 'DE' } }, ['supplierOrganizationId']],
      ['/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'x', scope: { products: ['x'], destinationCountry: 'DE' }, extra: 1 }, ['extra']],
      [`/api/v1/engagements/${engagementId}/gates`, { decision: 'maybe', rationale: 5 }, ['decision', 'expectedPhase', 'rationale']],
      [`/api/v1/engagements/${engagementId}/waivers`, { requirementId: 'p9.nothing', reason: 'x' }, ['requirementId']],
      [`/api/v1/engagements/${engagementId}/evidence`, { kind: 'visit_observation', provenance: 'observed', title: 'x', validFrom: '2026-02-01', validTo: '2026-01-01' }, ['validTo']],
      [`/api/v1/engagements/${engagementId}/evidence`, { kind: 'certificate', provenance: 'documented', title: 'x', fileIds: ['00000000-0000-4000-8000-000000000000'] }, ['fileIds.0']],
      [`/api/v1/engagements/${engagementId}/messages`, { kind: 'gossip', body: '' }, ['kind', 'body']],
    ];
    for (const [url, body, paths] of cases) {
      const res = await buyer.post(url, body);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json().error.issues.map((i: { path: string }) => i.path).sort(), url).toEqual(expect.arrayContaining(paths));
    }
    const badQuery = await buyer.get('/api/v1/engagements?phase=limbo');
    expect(badQuery.statusCode).toBe(400);
  });
});
