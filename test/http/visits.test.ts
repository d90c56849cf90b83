import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp, type Client } from '../support/http.js';
import { setClock } from '../../src/clock.js';
import { story } from '../support/story.js';

type Party = Client & { organizationId: string; userId: string; email: string };
const MISSING = '00000000-0000-4000-8000-000000000000';
/** A valid 2×2 PNG (photos from the phone camera are JPEG or PNG). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function uploadPhoto(c: Party, name: string, salt: string): Promise<string> {
  // Same bytes, same file: a salt in a PNG text chunk keeps photos distinct.
  const text = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`c\0${salt}`)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(text.length - 4);
  const crc = Buffer.alloc(4); // PNG readers here do not check ancillary CRCs
  const png = Buffer.concat([PNG.subarray(0, PNG.length - 12), len, text, crc, PNG.subarray(PNG.length - 12)]);
  const up = multipart(name, png);
  const res = await c.request('POST', '/api/v1/files', up.payload, up.headers);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().id;
}

describe.each(TEST_DATABASES)('visit routes on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let buyer: Party;
  let supplier: Party;
  let auditor: Party;
  let otherAuditor: Party;
  let stranger: Party;
  let engagementId: string;
  let siteId: string;
  let claimA: string;
  let claimB: string;
  let qcClaim: string;
  let visitId: string;
  let photoFinding: string;
  // One story (a visit planned, answered, observed, closed): a test run alone first runs the steps before it.
  const step = story(skipReason);

  const put = (c: Party, url: string, body: unknown) => c.request('PUT', url, body);
  const answer = (c: Party, q: string, value: unknown, at: string, clientId = randomUUID(), extra: Record<string, unknown> = {}) =>
    put(c, `/api/v1/visits/${visitId}/answers/${q}`, { clientId, clientUpdatedAt: at, value, ...extra });

  // Visits are requested from today on and observed inside their dates: the story runs on a clock of its own,
  // planned in July, recorded on the visit's days.
  // A running clock (records keep their order, as in real time) that the story moves between days.
  let offset = Date.parse('2026-07-01T06:00:00Z') - Date.now();
  const clock = { nowMs: () => Date.now() + offset, set: (iso: string) => void (offset = Date.parse(iso) - Date.now()) };
  let restoreClock = () => {};

  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(clock);
    ctx = await createTestContext(name);
    ctx.config.sessionTtlHours = 24 * 365; // the story spans months on its clock; its sessions last that long
    app = await testApp(ctx);
    buyer = await signupClient(app, { name: 'Rhein Medtech GmbH', kind: 'buyer', country: 'DE' });
    supplier = await signupClient(app, { name: 'Suzhou Apex Machining', kind: 'supplier', country: 'CN' });
    auditor = await signupClient(app, { name: 'Meridian Assurance Ltd', kind: 'auditor', country: 'GB' });
    otherAuditor = await signupClient(app, { name: 'Other Audits BV', kind: 'auditor', country: 'NL' });
    stranger = await signupClient(app, { name: 'Other Buyer LLC', kind: 'buyer', country: 'US' });
    const org = `/api/v1/organizations/${supplier.organizationId}`;
    siteId = (await supplier.post(`${org}/sites`, { name: 'Plant 1', address: '88 Xinghai Rd, Suzhou', country: 'CN', timeZone: 'Asia/Shanghai' })).json().id;
    const capacity = (productLine: string) => ({ type: 'capacity', title: `Housings, ${productLine}`, productLine, value: 40000, unit: 'pcs', period: 'month', statedLimit: 44000 });
    claimA = (await supplier.post(`${org}/claims`, capacity('line A'))).json().id;
    claimB = (await supplier.post(`${org}/claims`, capacity('line B'))).json().id;
    qcClaim = (await supplier.post(`${org}/claims`, { type: 'qc_process', title: '100 % CMM check of the bore' })).json().id;
    const e = await buyer.post('/api/v1/engagements', {
      supplierOrganizationId: supplier.organizationId,
      title: 'Pump housings 2027',
      scope: { products: ['Housing PH-200'], productLines: ['line A', 'line B'], destinationCountry: 'DE', productMaturity: 'custom' },
    });
    engagementId = e.json().id;
    expect((await supplier.post(`/api/v1/engagements/${engagementId}/response`, { decision: 'accept' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    if (skipReason) return;
    restoreClock();
    await app.close();
    await ctx.cleanup();
  });

  step('a buyer plans a visit in the site’s time zone; the supplier proposes other dates; the buyer accepts one', async () => {
    const planned = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, {
      type: 'buyer_visit',
      siteId,
      start: '2026-09-14T09:00',
      end: '2026-09-15T17:00',
      agenda: [{ date: '2026-09-14', time: '09:00', topic: 'Line walk, capacity count' }],
      participants: [{ side: 'buyer', name: 'Quality engineer', role: 'SQE' }],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const v = planned.json();
    visitId = v.id;
    expect(v).toMatchObject({
      status: 'proposed',
      type: 'buyer_visit',
      timeZone: 'Asia/Shanghai',
      plannedStart: '2026-09-14T01:00:00.000Z',
      plannedEnd: '2026-09-15T09:00:00.000Z',
      plannedStartLocal: '2026-09-14T09:00',
      myRole: 'buyer',
      template: { key: 'bonafide.buyer-visit', version: 1 },
      lead: { id: buyer.userId },
      initiatedBy: 'buyer',
      title: 'Factory visit — Plant 1',
    });
    expect(v.participants[0]).toMatchObject({ side: 'buyer', role: 'Lead' });
    expect(v.templateDocument.sections.map((s: { focus: string }) => s.focus)).toEqual(['capacity', 'qc_practice', 'responsiveness', 'cultural_fit']);
    expect(v.can).toMatchObject({ respond: false, reschedule: true, record: false, inviteAuditor: true });

    const forSupplier = (await supplier.get(`/api/v1/visits/${visitId}`)).json();
    expect(forSupplier.myRole).toBe('supplier');
    expect(forSupplier.can.respond).toBe(true);
    expect((await buyer.post(`/api/v1/visits/${visitId}/response`, { decision: 'confirm' })).statusCode).toBe(403);

    const proposed = await supplier.post(`/api/v1/visits/${visitId}/response`, {
      decision: 'propose',
      reason: 'Annual maintenance shutdown that week',
      proposedDates: [
        { start: '2026-09-21T09:00', end: '2026-09-22T17:00' },
        { start: '2026-09-28T09:00', end: '2026-09-29T17:00' },
      ],
      participants: [{ side: 'supplier', name: 'Wang Fang', role: 'Quality manager' }],
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().status).toBe('rescheduling');
    const proposals = proposed.json().proposals;
    expect(proposals.map((p: { startLocal: string; by: string }) => [p.startLocal, p.by])).toEqual([
      ['2026-09-21T09:00', 'supplier'],
      ['2026-09-28T09:00', 'supplier'],
    ]);
    const accepted = await buyer.post(`/api/v1/visits/${visitId}/reschedule`, { proposalId: proposals[0].id });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', plannedStart: '2026-09-21T01:00:00.000Z' });
    expect(accepted.json().proposals.map((p: { status: string }) => p.status)).toEqual(['accepted', 'superseded']);
    expect(accepted.json().participants.map((p: { name: string }) => p.name)).toContain('Wang Fang');
    // Proposing again is over: the visit is no longer proposed.
    expect((await supplier.post(`/api/v1/visits/${visitId}/response`, { decision: 'confirm' })).statusCode).toBe(409);
  });

  step('the supplier declines with a reason, or invites the buyer through open slots', async () => {
    const second = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'remote_video', siteId, start: '2026-08-03T15:00', end: '2026-08-03T16:30' });
    expect(second.statusCode).toBe(201);
    const noReason = await supplier.post(`/api/v1/visits/${second.json().id}/response`, { decision: 'decline' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.issues[0].path).toBe('reason');
    const declined = await supplier.post(`/api/v1/visits/${second.json().id}/response`, { decision: 'decline', reason: 'No camera crew that day' });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'No camera crew that day' });

    const slots = await supplier.post(`/api/v1/engagements/${engagementId}/visit-slots`, {
      siteId,
      slots: [
        { start: '2026-10-12T09:00', end: '2026-10-12T17:00' },
        { start: '2026-10-19T09:00', end: '2026-10-19T17:00' },
      ],
      note: 'Both lines run two shifts those weeks.',
    });
    expect(slots.statusCode, slots.body).toBe(201);
    expect(slots.json().map((s: { startLocal: string; siteName: string }) => [s.startLocal, s.siteName])).toEqual([
      ['2026-10-12T09:00', 'Plant 1'],
      ['2026-10-19T09:00', 'Plant 1'],
    ]);
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/visit-slots`, { siteId, slots: [{ start: '2026-10-12T09:00', end: '2026-10-12T17:00' }] })).statusCode).toBe(403);
    const listed = (await buyer.get(`/api/v1/engagements/${engagementId}/visit-slots`)).json();
    expect(listed).toHaveLength(2);
    const booked = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'third_party_audit', slotId: listed[1].id });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({ status: 'confirmed', initiatedBy: 'supplier', plannedStartLocal: '2026-10-19T09:00' });
    expect((await buyer.get(`/api/v1/engagements/${engagementId}/visit-slots`)).json()).toHaveLength(1);
    expect((await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'third_party_audit', slotId: listed[1].id })).json().error.issues[0].path).toBe('slotId');
    expect((await supplier.del(`/api/v1/engagements/${engagementId}/visit-slots/${listed[0].id}`)).statusCode).toBe(204);
    expect((await buyer.get(`/api/v1/engagements/${engagementId}/visit-slots`)).json()).toHaveLength(0);
    const cancelled = await supplier.post(`/api/v1/visits/${booked.json().id}/cancel`, { reason: 'Auditor could not travel' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Auditor could not travel' });
    const all = (await buyer.get(`/api/v1/engagements/${engagementId}/visits`)).json();
    expect(all.map((x: { status: string }) => x.status).sort()).toEqual(['cancelled', 'confirmed', 'declined']);
  });

  step('answers saved offline replay without duplicates; the latest typing wins; photos attach once', async () => {
    clock.set('2026-09-21T04:00:00Z'); // the visit's first day at the plant
    const id = randomUUID();
    const first = await answer(buyer, 'cap.lines', 2, '2026-09-21T02:00:00.000Z', id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'created', applied: true, answer: { questionId: 'cap.lines', value: 2, clientId: id } });
    const replay = await answer(buyer, 'cap.lines', 2, '2026-09-21T10:00:00+08:00', id);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ outcome: 'duplicate', applied: false });
    // An edit typed earlier, arriving later (offline queue of a second phone): ignored.
    const stale = await answer(buyer, 'cap.lines', 3, '2026-09-21T01:59:00.000Z');
    expect(stale.json()).toMatchObject({ outcome: 'stale', applied: false, answer: { value: 2 } });
    const newer = await answer(buyer, 'cap.lines', 1, '2026-09-21T02:05:00.000Z');
    expect(newer.json()).toMatchObject({ outcome: 'updated', applied: true, answer: { value: 1 } });
    expect((await answer(buyer, 'qc.calibration', null, '2026-09-21T02:06:00.000Z', randomUUID(), { notApplicable: true, note: 'no gauges in use' })).statusCode).toBe(201);
    expect((await answer(buyer, 'fit.notes', '很好的沟通 — clear answers from the quality team', '2026-09-21T02:07:00.000Z')).statusCode).toBe(201);

    const detail = (await buyer.get(`/api/v1/visits/${visitId}`)).json();
    expect(detail.status).toBe('in_progress');
    expect(detail.answers.filter((a: { questionId: string }) => a.questionId === 'cap.lines')).toHaveLength(1);
    expect(detail.answers.find((a: { questionId: string }) => a.questionId === 'qc.calibration')).toMatchObject({ notApplicable: true, value: null, note: 'no gauges in use' });
    expect(detail.progress.answered).toBe(3);

    // Bad answers name the field; an unknown question is not there.
    const badScore = await answer(buyer, 'qc.practice_score', 7, '2026-09-21T02:08:00.000Z');
    expect(badScore.statusCode).toBe(400);
    expect(badScore.json().error.issues).toEqual([{ path: 'value', message: 'must be from 1 to 5' }]);
    expect((await answer(buyer, 'no.such.question', 1, '2026-09-21T02:08:00.000Z')).statusCode).toBe(404);
    const future = await answer(buyer, 'cap.shifts', 2, '2099-01-01T00:00:00.000Z');
    expect(future.json().error.issues[0].path).toBe('clientUpdatedAt');
    const unknownField = await put(buyer, `/api/v1/visits/${visitId}/answers/cap.shifts`, { clientId: randomUUID(), clientUpdatedAt: '2026-09-21T02:08:00.000Z', value: 2, colour: 'red' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.issues[0].path).toBe('colour');
    // The supplier does not fill in the buyer's checklist.
    expect((await answer(supplier, 'cap.shifts', 2, '2026-09-21T02:08:00.000Z')).statusCode).toBe(403);

    const fileId = await uploadPhoto(buyer, 'line-board.png', 'line board');
    const clientId = randomUUID();
    const attached = await buyer.post(`/api/v1/visits/${visitId}/attachments`, { clientId, fileId, questionId: 'cap.photo', caption: 'Shift board, line A' });
    expect(attached.statusCode, attached.body).toBe(201);
    const again = await buyer.post(`/api/v1/visits/${visitId}/attachments`, { clientId, fileId, questionId: 'cap.photo', caption: 'Shift board, line A' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(attached.json().id);
    expect((await buyer.post(`/api/v1/visits/${visitId}/attachments`, { clientId, fileId: MISSING })).json().error.issues[0].path).toBe('clientId');
    expect((await buyer.post(`/api/v1/visits/${visitId}/attachments`, { clientId: randomUUID(), fileId: MISSING })).json().error.issues[0].path).toBe('fileId');
    const after = (await buyer.get(`/api/v1/visits/${visitId}`)).json();
    expect(after.attachments).toHaveLength(1);
    expect(after.progress.sections[0].answered).toBe(2); // cap.lines and the photo

    // Findings: a major one needs its follow-up; replays do not duplicate.
    expect((await buyer.post(`/api/v1/visits/${visitId}/findings`, { clientId: randomUUID(), severity: 'major', text: 'No CMM record for lot 2231' })).json().error.issues[0].path).toBe('followUp');
    const fClient = randomUUID();
    const finding = {
      clientId: fClient,
      severity: 'minor',
      text: 'Bore checked on every 5th part, not 100 % as the control plan says',
      questionId: 'qc.inspection_as_written',
      claimId: qcClaim,
      followUp: { owner: 'Wang Fang', dueDate: '2026-10-15' },
    };
    const f1 = await buyer.post(`/api/v1/visits/${visitId}/findings`, finding);
    expect(f1.statusCode, f1.body).toBe(201);
    expect(f1.json()).toMatchObject({ severity: 'minor', claimEffect: 'contradicts', followUp: { owner: 'Wang Fang', ownerSide: 'supplier', status: 'open' }, evidenceId: null });
    const f2 = await buyer.post(`/api/v1/visits/${visitId}/findings`, finding);
    expect(f2.statusCode).toBe(200);
    expect(f2.json().id).toBe(f1.json().id);
    photoFinding = f1.json().id;
    const evidencePhoto = await uploadPhoto(buyer, 'cmm.png', 'cmm');
    expect((await buyer.post(`/api/v1/visits/${visitId}/attachments`, { clientId: randomUUID(), fileId: evidencePhoto, findingId: photoFinding, caption: 'CMM log' })).statusCode).toBe(201);
  });

  step('observed capacity turns one claim supported and another contradicted, with the formula', async () => {
    const evidenceBefore = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json().length;
    const clientId = randomUUID();
    const body = {
      clientId,
      claimId: claimA,
      inputs: { lines: 1, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 120, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' },
    };
    const supported = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, body);
    expect(supported.statusCode, supported.body).toBe(201);
    expect(supported.json()).toMatchObject({
      status: 'supported',
      value: 35904,
      comparedValue: 35904,
      tolerance: 0.8,
      threshold: 32000,
      provenance: 'observed',
      claimStatus: 'supported',
      formula: '1 line × 2 shifts × 8 h × 120 units/h × 0.85 availability × 22 days = 35,904 per month',
    });
    expect(supported.json().explanation).toContain('so the claim is supported.');
    const replay = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(supported.json().id);

    const contradicted = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, {
      clientId: randomUUID(),
      claimId: claimB,
      inputs: { lines: 2, shiftsPerDay: 2, hoursPerShift: 10, cycleTimeSeconds: 90, availability: 0.85, workingDaysPerPeriod: 22, period: 'month' },
      note: 'Counted at the deburring station, the bottleneck',
    });
    expect(contradicted.statusCode, contradicted.body).toBe(201);
    expect(contradicted.json()).toMatchObject({ status: 'contradicted', value: 29920, claimStatus: 'contradicted' });
    expect(contradicted.json().ratio).toBeCloseTo(0.748, 6);

    const evidence = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json();
    expect(evidence.length).toBe(evidenceBefore + 2);
    const ev = evidence.find((x: { id: string }) => x.id === contradicted.json().evidenceId);
    expect(ev).toMatchObject({ kind: 'visit_observation', provenance: 'observed', links: [{ claimId: claimB, effect: 'contradicts', observedValue: 29920 }] });
    // The supplier sees the same: its claims as the engagement judges them.
    const claims = (await supplier.get(`/api/v1/visits/${visitId}`)).json().claims;
    expect(claims.find((c: { id: string }) => c.id === claimA)).toMatchObject({ status: 'supported', strongestProvenance: 'observed' });
    expect(claims.find((c: { id: string }) => c.id === claimB)).toMatchObject({ status: 'contradicted' });
    const profile = (await buyer.get(`/api/v1/organizations/${supplier.organizationId}/claims`)).json();
    expect(profile.find((c: { id: string }) => c.id === claimB).status).toBe('contradicted');

    const bad: [unknown, string][] = [
      [{ ...body, clientId: randomUUID(), inputs: { ...body.inputs, availability: 85 } }, 'inputs.availability'],
      [{ ...body, clientId: randomUUID(), inputs: { ...body.inputs, cycleTimeSeconds: 30 } }, 'inputs.unitsPerHour'],
      [{ ...body, clientId: randomUUID(), claimId: qcClaim }, 'claimId'],
      [{ ...body, clientId: randomUUID(), inputs: { ...body.inputs, period: 'week', workingDaysPerPeriod: 5 } }, 'claimWorkingDaysPerPeriod'],
      [{ ...body, clientId: randomUUID(), inputs: { ...body.inputs, lines: 'two' } }, 'inputs.lines'],
    ];
    for (const [input, path] of bad) {
      const res = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, input);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.issues[0].path, path).toBe(path);
    }
    // With the claim's working days the weekly count converts: 1 × 2 × 8 × 120 × 0.85 × 5 = 8,160 a week → 35,904 a month.
    const weekly = await buyer.post(`/api/v1/visits/${visitId}/capacity-observations`, {
      ...body,
      clientId: randomUUID(),
      inputs: { ...body.inputs, period: 'week', workingDaysPerPeriod: 5 },
      claimWorkingDaysPerPeriod: 22,
    });
    expect(weekly.json()).toMatchObject({ value: 8160, comparedValue: 35904, status: 'supported', supersededBy: null });
    // That weekly count was a recount of claim A: the first count steps back. It stays in the visit, marked, and
    // leaves the engagement, so the claim is judged on the latest count only.
    const detail = (await buyer.get(`/api/v1/visits/${visitId}`)).json();
    const obsA = detail.capacityObservations.filter((o: { claimId: string }) => o.claimId === claimA);
    expect(obsA.map((o: { id: string; supersededBy: string | null }) => [o.id, o.supersededBy])).toEqual([
      [supported.json().id, weekly.json().id],
      [weekly.json().id, null],
    ]);
    expect(detail.capacityObservations.find((o: { claimId: string }) => o.claimId === claimB).supersededBy).toBeNull();
    const shared = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json().map((x: { id: string }) => x.id);
    expect(shared).not.toContain(supported.json().evidenceId);
    expect(shared).toContain(weekly.json().evidenceId);
    expect(shared).toContain(contradicted.json().evidenceId);
    expect(shared.length).toBe(evidenceBefore + 2);
  });

  step('an invited auditor sees that visit and nothing else', async () => {
    const other = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2026-11-02T09:00', end: '2026-11-02T17:00' });
    const otherId = other.json().id;
    expect((await buyer.post(`/api/v1/visits/${visitId}/auditors`, { organizationId: stranger.organizationId })).json().error.issues[0].path).toBe('organizationId');
    expect((await supplier.post(`/api/v1/visits/${visitId}/auditors`, { organizationId: auditor.organizationId })).statusCode).toBe(403);
    const invited = await buyer.post(`/api/v1/visits/${visitId}/auditors`, { organizationId: auditor.organizationId });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().auditors.map((a: { name: string }) => a.name)).toEqual(['Meridian Assurance Ltd']);
    expect((await buyer.post(`/api/v1/visits/${visitId}/auditors`, { organizationId: auditor.organizationId })).statusCode).toBe(409);

    expect((await auditor.get('/api/v1/visits')).json().map((v: { id: string }) => v.id)).toEqual([visitId]);
    const seen = (await auditor.get(`/api/v1/visits/${visitId}`)).json();
    expect(seen).toMatchObject({ myRole: 'auditor', answersVisible: true, sincerity: null, buyerSignals: [] });
    expect(seen.can).toMatchObject({ record: true, close: false, inviteAuditor: false, respond: false });
    // The photos taken so far are shared with the auditor.
    expect((await auditor.get(seen.attachments[0].contentUrl)).statusCode).toBe(200);
    for (const url of [`/api/v1/visits/${otherId}`, `/api/v1/visits/${otherId}/report.pdf`]) {
      const theirs = await auditor.get(url);
      const none = await auditor.get(url.replace(otherId, MISSING));
      expect(theirs.statusCode, url).toBe(404);
      expect(theirs.json()).toEqual(none.json());
    }
    for (const suffix of ['', '/visits', '/evidence', '/readiness', '/visit-advice', '/messages', '/gates', '/visit-slots']) {
      const theirs = await auditor.get(`/api/v1/engagements/${engagementId}${suffix}`);
      expect(theirs.statusCode, suffix).toBe(404);
      expect(theirs.json()).toEqual((await auditor.get(`/api/v1/engagements/${MISSING}${suffix}`)).json());
    }
    expect((await auditor.get('/api/v1/engagements')).json()).toEqual([]);
    expect((await auditor.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2026-11-02T09:00', end: '2026-11-02T17:00' })).statusCode).toBe(404);
    // Another auditor organization sees nothing.
    expect((await otherAuditor.get(`/api/v1/visits/${visitId}`)).statusCode).toBe(404);
    expect((await otherAuditor.get('/api/v1/visits')).json()).toEqual([]);

    // The auditor's own record is third-party evidence: it names its issuer and carries the counting sheet.
    const counted = { clientId: randomUUID(), claimId: claimA, inputs: { lines: 1, shiftsPerDay: 2, hoursPerShift: 8, unitsPerHour: 118, availability: 0.86, workingDaysPerPeriod: 22, period: 'month' } };
    const noSheet = await auditor.post(`/api/v1/visits/${visitId}/capacity-observations`, counted);
    expect(noSheet.statusCode).toBe(400);
    expect(noSheet.json().error.issues[0].path).toBe('fileIds');
    const sheet = await uploadPhoto(auditor, 'counting-sheet.png', 'sheet');
    const byAuditor = await auditor.post(`/api/v1/visits/${visitId}/capacity-observations`, { ...counted, fileIds: [sheet] });
    expect(byAuditor.statusCode, byAuditor.body).toBe(201);
    expect(byAuditor.json()).toMatchObject({ provenance: 'third_party', status: 'supported' });
    const ev = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json().find((x: { id: string }) => x.id === byAuditor.json().evidenceId);
    expect(ev).toMatchObject({ provenance: 'third_party', issuer: 'Meridian Assurance Ltd', organizationName: 'Meridian Assurance Ltd' });
    expect((await supplier.get(`/api/v1/files/${sheet}/content`)).statusCode).toBe(200);
    const observation = await auditor.post(`/api/v1/visits/${visitId}/findings`, { clientId: randomUUID(), severity: 'observation', text: 'Calibration labels hand-written but legible' });
    expect(observation.statusCode).toBe(201);
    // Revoked, the auditor loses the visit.
    await buyer.del(`/api/v1/visits/${otherId}/auditors/${auditor.organizationId}`).then((r) => expect(r.statusCode).toBe(404));
  });

  step('bilateral: each side sees the other’s assessment only when it is shared', async () => {
    const bad = await put(supplier, `/api/v1/visits/${visitId}/sincerity`, { scores: { technical_depth: { score: 6 }, price_focus: { score: 2 } }, shared: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['scores.technical_depth.score', 'scores.price_focus']);
    expect((await put(buyer, `/api/v1/visits/${visitId}/sincerity`, { scores: {}, shared: true })).statusCode).toBe(403);
    const scores = { technical_depth: { score: 5 }, preparation: { score: 4, note: 'Sent the drawings ahead' }, specification_clarity: { score: 5 }, operational_understanding: { score: 4 }, beyond_price: { score: 4 } };
    const saved = await put(supplier, `/api/v1/visits/${visitId}/sincerity`, { scores, comment: 'A serious partner', shared: false });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().breakdown).toMatchObject({ index: 85, band: 'high', answered: 5 });

    const forSupplier = (await supplier.get(`/api/v1/visits/${visitId}`)).json();
    expect(forSupplier.sincerity.shared).toBe(false);
    expect(forSupplier.answersVisible).toBe(false);
    expect(forSupplier.answers).toEqual([]);
    // Finding photos are the supplier's business; checklist photos wait for the buyer to share.
    expect(forSupplier.attachments.map((a: { findingId: string | null }) => a.findingId)).toEqual([photoFinding]);
    expect(forSupplier.buyerSignals.map((s: { id: string }) => s.id)).toEqual(['technical_inquiries', 'price_focus', 'willingness_to_visit']);
    expect((await buyer.get(`/api/v1/visits/${visitId}`)).json().sincerity).toBeNull();
    expect((await auditor.get(`/api/v1/visits/${visitId}`)).json().sincerity).toBeNull();

    await put(supplier, `/api/v1/visits/${visitId}/sincerity`, { scores, comment: 'A serious partner', shared: true });
    expect((await buyer.get(`/api/v1/visits/${visitId}`)).json().sincerity).toMatchObject({ shared: true, breakdown: { index: 85 } });
    expect((await auditor.get(`/api/v1/visits/${visitId}`)).json().sincerity).toBeNull();

    expect((await put(supplier, `/api/v1/visits/${visitId}/checklist-sharing`, { shared: true })).statusCode).toBe(403);
    const shared = await put(buyer, `/api/v1/visits/${visitId}/checklist-sharing`, { shared: true });
    expect(shared.json().checklistShared).toBe(true);
    const now = (await supplier.get(`/api/v1/visits/${visitId}`)).json();
    expect(now.answersVisible).toBe(true);
    expect(now.answers.length).toBeGreaterThan(0);
    const checklistPhoto = now.attachments.find((x: { findingId: string | null }) => x.findingId === null);
    const findingPhoto = now.attachments.find((x: { findingId: string | null }) => x.findingId !== null);
    expect((await supplier.get(checklistPhoto.contentUrl)).statusCode).toBe(200);
    expect((await supplier.get(findingPhoto.contentUrl)).statusCode).toBe(200);

    // Hidden again: the checklist photo goes with the checklist (the file itself, not only the visit view);
    // the finding photo stays, and the buyer keeps everything.
    expect((await put(buyer, `/api/v1/visits/${visitId}/checklist-sharing`, { shared: false })).json().checklistShared).toBe(false);
    const hidden = await supplier.get(checklistPhoto.contentUrl);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');
    expect((await supplier.get(checklistPhoto.contentUrl.replace(/\/content$/, ''))).statusCode).toBe(404); // nor its metadata
    expect((await supplier.get(findingPhoto.contentUrl)).statusCode).toBe(200);
    expect((await buyer.get(checklistPhoto.contentUrl)).statusCode).toBe(200);
    expect((await supplier.get(`/api/v1/visits/${visitId}`)).json().attachments.map((x: { id: string }) => x.id)).toEqual([findingPhoto.id]);
    // And shared once more, for the rest of the story.
    await put(buyer, `/api/v1/visits/${visitId}/checklist-sharing`, { shared: true });
    expect((await supplier.get(checklistPhoto.contentUrl)).statusCode).toBe(200);

    // A photo removed again takes its sharing with it: the others lose the file, the one who took it keeps it.
    const blurred = await uploadPhoto(buyer, 'blurred.png', 'blurred');
    const extra = await buyer.post(`/api/v1/visits/${visitId}/attachments`, { clientId: randomUUID(), fileId: blurred, questionId: 'cap.photo', caption: 'Blurred, retaken' });
    expect(extra.statusCode).toBe(201);
    expect((await supplier.get(`/api/v1/files/${blurred}/content`)).statusCode).toBe(200);
    expect((await supplier.del(`/api/v1/visits/${visitId}/attachments/${extra.json().id}`)).statusCode).toBe(403);
    expect((await buyer.del(`/api/v1/visits/${visitId}/attachments/${extra.json().id}`)).statusCode).toBe(204);
    expect((await supplier.get(`/api/v1/files/${blurred}/content`)).statusCode).toBe(404);
    expect((await buyer.get(`/api/v1/files/${blurred}/content`)).statusCode).toBe(200);
  });

  step('the visit closes with an outcome; findings become evidence; the report PDF is signed by hash', async () => {
    await buyer.post(`/api/v1/visits/${visitId}/findings`, {
      clientId: randomUUID(),
      severity: 'major',
      text: 'Line B runs one shift, not two',
      claimId: claimB,
      followUp: { owner: 'Li Na', dueDate: '2026-10-30' },
    });
    const notSatisfactory = await buyer.post(`/api/v1/visits/${visitId}/close`, { outcome: 'satisfactory', summary: 'Fine' });
    expect(notSatisfactory.statusCode).toBe(400);
    expect(notSatisfactory.json().error.issues[0]).toMatchObject({ path: 'outcome' });
    expect((await supplier.post(`/api/v1/visits/${visitId}/close`, { outcome: 'unsatisfactory', summary: 'x' })).statusCode).toBe(403);
    expect((await auditor.post(`/api/v1/visits/${visitId}/close`, { outcome: 'unsatisfactory', summary: 'x' })).statusCode).toBe(403);
    const draft = await supplier.get(`/api/v1/visits/${visitId}/report.pdf`);
    expect(draft.statusCode).toBe(200);

    const closed = await buyer.post(`/api/v1/visits/${visitId}/close`, {
      outcome: 'satisfactory_with_actions',
      summary: 'Line A meets its claim; line B runs one shift and cannot reach 40,000 a month. CMM sampling differs from the control plan.',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const v = closed.json();
    expect(v).toMatchObject({ status: 'closed', outcome: 'satisfactory_with_actions', closedBy: { id: buyer.userId } });
    expect(v.findings.every((f: { evidenceId: string | null }) => f.evidenceId)).toBe(true);
    const evidence = (await supplier.get(`/api/v1/engagements/${engagementId}/evidence`)).json();
    const byFinding = (id: string) => evidence.find((e: { id: string }) => e.id === v.findings.find((f: { id: string }) => f.id === id).evidenceId);
    expect(byFinding(photoFinding)).toMatchObject({ kind: 'visit_observation', provenance: 'observed', links: [{ claimId: qcClaim, effect: 'contradicts' }] });
    expect(byFinding(photoFinding).files.some((f: { mediaType: string }) => f.mediaType === 'application/pdf')).toBe(true);
    const auditorFinding = v.findings.find((f: { severity: string }) => f.severity === 'observation');
    expect(byFinding(auditorFinding.id)).toMatchObject({ provenance: 'third_party', issuer: 'Meridian Assurance Ltd' });
    const report = evidence.find((e: { title: string }) => e.title.startsWith('Factory visit at Plant 1'));
    expect(report).toMatchObject({ kind: 'visit_observation', provenance: 'observed', attributes: { outcome: 'satisfactory_with_actions' } });
    expect(v.claims.find((c: { id: string }) => c.id === qcClaim).status).toBe('contradicted');

    // Closed: the checklist is final.
    expect((await answer(buyer, 'cap.shifts', 2, '2026-09-21T09:00:00.000Z')).statusCode).toBe(409);

    // The follow-up goes on: the supplier reports progress, the buyer verifies.
    const major = v.findings.find((f: { severity: string }) => f.severity === 'major');
    expect((await supplier.patch(`/api/v1/visits/${visitId}/findings/${major.id}`, { followUp: { status: 'verified' } })).statusCode).toBe(403);
    expect((await supplier.patch(`/api/v1/visits/${visitId}/findings/${major.id}`, { followUp: { dueDate: '2027-01-01' } })).statusCode).toBe(403);
    expect((await supplier.patch(`/api/v1/visits/${visitId}/findings/${major.id}`, { text: 'nothing wrong' })).statusCode).toBe(403);
    const done = await supplier.patch(`/api/v1/visits/${visitId}/findings/${major.id}`, { followUp: { status: 'done', note: 'Second shift staffed from 1 Oct' } });
    expect(done.json().followUp).toMatchObject({ status: 'done', note: 'Second shift staffed from 1 Oct', owner: 'Li Na' });
    expect((await buyer.patch(`/api/v1/visits/${visitId}/findings/${major.id}`, { followUp: { status: 'verified' } })).json().followUp.status).toBe('verified');
    expect((await buyer.patch(`/api/v1/visits/${visitId}/findings/${major.id}`, { severity: 'minor' })).statusCode).toBe(409);

    // The report: a real PDF, the same bytes for the same data, its hash in a header.
    const pdf1 = await buyer.get(`/api/v1/visits/${visitId}/report.pdf`);
    expect(pdf1.statusCode).toBe(200);
    expect(pdf1.headers['content-type']).toBe('application/pdf');
    expect(pdf1.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf1.headers['x-content-sha256']).toBe(sha(pdf1.rawPayload));
    expect((pdf1.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
    const pdf2 = await buyer.get(`/api/v1/visits/${visitId}/report.pdf`);
    expect(pdf2.headers['x-content-sha256']).toBe(pdf1.headers['x-content-sha256']);
    // Each side gets its own copy: the supplier's includes its assessment of the buyer.
    expect((await supplier.get(`/api/v1/visits/${visitId}/report.pdf`)).headers['x-content-sha256']).not.toBe(pdf1.headers['x-content-sha256']);

    const stale = await buyer.post(`/api/v1/visits/${visitId}/sign-off`, { reviewedSha256: 'a'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.issues[0].path).toBe('reviewedSha256');
    const signed = await buyer.post(`/api/v1/visits/${visitId}/sign-off`, { reviewedSha256: pdf1.headers['x-content-sha256'], statement: 'Reviewed with the sourcing committee' });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ side: 'buyer', sha256: pdf1.headers['x-content-sha256'], signedBy: { id: buyer.userId }, organizationName: 'Rhein Medtech GmbH' });
    const kept = await buyer.get(`/api/v1/files/${signed.json().fileId}/content`);
    expect(sha(kept.rawPayload)).toBe(signed.json().sha256);
    expect((await buyer.post(`/api/v1/visits/${visitId}/sign-off`, {})).statusCode).toBe(409);
    const bySupplier = await supplier.post(`/api/v1/visits/${visitId}/sign-off`, {});
    expect(bySupplier.statusCode).toBe(201);
    const byAuditor = await auditor.post(`/api/v1/visits/${visitId}/sign-off`, {});
    expect(byAuditor.statusCode).toBe(201);
    // The auditor's report as signed goes to the buyer.
    expect((await buyer.get(`/api/v1/files/${byAuditor.json().fileId}/content`)).statusCode).toBe(200);
    const final = (await buyer.get(`/api/v1/visits/${visitId}`)).json();
    expect(final.signOffs.map((s: { side: string }) => s.side)).toEqual(['buyer', 'supplier', 'auditor']);
    expect(final.can.signOff).toBe(false);
  });

  step('a third-party audit closed and signed by the auditor becomes its signed audit report', async () => {
    const audit = (await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'third_party_audit', siteId, start: '2026-12-07T09:00', end: '2026-12-08T16:00' })).json();
    await supplier.post(`/api/v1/visits/${audit.id}/response`, { decision: 'confirm' });
    await buyer.post(`/api/v1/visits/${audit.id}/auditors`, { organizationId: auditor.organizationId });
    expect((await auditor.get('/api/v1/visits')).json().map((x: { id: string }) => x.id).sort()).toEqual([visitId, audit.id].sort());
    // Still ahead, nothing recorded: not closed (its outcome would become observed evidence of what nobody saw).
    const early = await auditor.post(`/api/v1/visits/${audit.id}/close`, { outcome: 'satisfactory', summary: 'Nothing seen yet' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.issues[0].path).toBe('status');
    expect((await auditor.get(`/api/v1/visits/${audit.id}`)).json().can.close).toBe(false);
    // On the audit's first day, recording starts the visit; then it closes.
    clock.set('2026-12-07T02:00:00Z');
    expect((await auditor.post(`/api/v1/visits/${audit.id}/findings`, { clientId: randomUUID(), severity: 'observation', text: 'Line clearance records complete' })).statusCode).toBe(201);
    expect((await auditor.get(`/api/v1/visits/${audit.id}`)).json().can.close).toBe(true);
    const closed = await auditor.post(`/api/v1/visits/${audit.id}/close`, { outcome: 'satisfactory', summary: 'ISO 13485 processes followed on the lines audited.' });
    expect(closed.statusCode, closed.body).toBe(200);
    const signed = await auditor.post(`/api/v1/visits/${audit.id}/sign-off`, { statement: 'Lead auditor' });
    expect(signed.statusCode).toBe(201);
    const evidence = (await buyer.get(`/api/v1/engagements/${engagementId}/evidence`)).json();
    const report = evidence.find((e: { kind: string }) => e.kind === 'audit_report');
    expect(report).toMatchObject({ provenance: 'third_party', issuer: 'Meridian Assurance Ltd', attributes: { visitId: audit.id } });
    expect(report.files.map((f: { sha256: string }) => f.sha256)).toContain(signed.json().sha256);
  });

  step('another organization gets 404 on every visit route, exactly like a missing visit', async () => {
    const fid = (await buyer.get(`/api/v1/visits/${visitId}`)).json().findings[0].id;
    const aid = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['GET', ''],
      ['GET', '/report.pdf'],
      ['POST', '/response', { decision: 'confirm' }],
      ['POST', '/reschedule', { start: '2026-09-21T09:00', end: '2026-09-21T17:00' }],
      ['POST', '/cancel', { reason: 'x' }],
      ['POST', '/auditors', { organizationId: auditor.organizationId }],
      ['DELETE', `/auditors/${auditor.organizationId}`],
      ['PUT', '/answers/cap.lines', { clientId: randomUUID(), clientUpdatedAt: '2026-09-21T02:00:00.000Z', value: 2 }],
      ['POST', '/attachments', { clientId: randomUUID(), fileId: MISSING }],
      ['DELETE', `/attachments/${aid}`],
      ['POST', '/findings', { clientId: randomUUID(), severity: 'observation', text: 'x' }],
      ['PATCH', `/findings/${fid}`, { followUp: { status: 'done' } }],
      ['POST', '/capacity-observations', { clientId: randomUUID(), claimId: claimA, inputs: { lines: 1, shiftsPerDay: 1, hoursPerShift: 8, unitsPerHour: 1, availability: 1, period: 'day' } }],
      ['PUT', '/checklist-sharing', { shared: false }],
      ['PUT', '/sincerity', { scores: {}, shared: true }],
      ['POST', '/close', { outcome: 'unsatisfactory', summary: 'x' }],
      ['POST', '/sign-off', {}],
    ];
    for (const who of [stranger, otherAuditor]) {
      for (const [method, suffix, body] of routes) {
        const theirs = await who.request(method, `/api/v1/visits/${visitId}${suffix}`, body);
        const none = await who.request(method, `/api/v1/visits/${MISSING}${suffix}`, body);
        expect(theirs.statusCode, `${method} ${suffix}`).toBe(404);
        expect(theirs.json(), `${method} ${suffix}`).toEqual(none.json());
      }
    }
    for (const suffix of ['/visits', '/visit-slots']) {
      const theirs = await stranger.get(`/api/v1/engagements/${engagementId}${suffix}`);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toEqual((await stranger.get(`/api/v1/engagements/${MISSING}${suffix}`)).json());
    }
    expect((await stranger.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'buyer_visit', siteId, start: '2026-09-21T09:00', end: '2026-09-21T17:00' })).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/visits')).json()).toEqual([]);
    // Nothing changed for the parties.
    expect((await buyer.get(`/api/v1/visits/${visitId}`)).json().status).toBe('closed');
  });

  step('bad input is a 4xx naming the field', async () => {
    clock.set('2026-07-01T06:00:00Z');
    const url = `/api/v1/engagements/${engagementId}/visits`;
    const cases: [Party, string, unknown, string[]][] = [
      [buyer, url, { type: 'buyer_visit' }, ['siteId', 'start', 'end']],
      [buyer, url, { type: 'site_tour', siteId, start: '2026-09-21 09:00', end: '2026-09-21T08:00' }, ['type', 'start']],
      [buyer, url, { type: 'buyer_visit', siteId, start: '2026-09-21T09:00', end: '2026-09-21T08:00' }, ['end']],
      [buyer, url, { type: 'buyer_visit', siteId, start: '2026-02-30T09:00', end: '2026-03-01T08:00' }, ['start']],
      [buyer, url, { type: 'buyer_visit', siteId: MISSING, start: '2026-09-21T09:00', end: '2026-09-21T17:00' }, ['siteId']],
      [buyer, url, { type: 'buyer_visit', siteId, start: '2026-09-21T09:00', end: '2026-09-21T17:00', participants: [{ side: 'buyer' }], colour: 1 }, ['participants.0.name', 'colour']],
      [buyer, url, { type: 'buyer_visit', siteId, start: '2026-09-21T09:00', end: '2026-09-21T17:00', leadUserId: supplier.userId }, ['leadUserId']],
      [buyer, url, { type: 'buyer_visit', slotId: MISSING, siteId }, ['siteId']],
      [supplier, `/api/v1/visits/${visitId}/response`, { decision: 'propose' }, ['proposedDates']],
      [buyer, `/api/v1/visits/${visitId}/reschedule`, {}, ['start', 'end']],
      [buyer, `/api/v1/visits/${visitId}/findings`, { clientId: 'not-a-uuid', severity: 'critical', text: '' }, ['clientId', 'severity', 'text']],
      [buyer, `/api/v1/visits/${visitId}/close`, { outcome: 'fine' }, ['outcome', 'summary']],
      [buyer, `/api/v1/visits/${visitId}/sign-off`, { reviewedSha256: 'xyz' }, ['reviewedSha256']],
      [supplier, `/api/v1/engagements/${engagementId}/visit-slots`, { siteId, slots: [{ start: '2026-10-12T09:00', end: '2026-10-12T08:00' }] }, ['slots.0.end']],
    ];
    for (const [who, u, body, paths] of cases) {
      const res = await who.post(u, body);
      expect(res.statusCode, `${u} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, u).toBeLessThan(500);
      expect(res.json().error.issues.map((i: { path: string }) => i.path).sort(), `${u} ${JSON.stringify(body)}`).toEqual(expect.arrayContaining(paths));
    }
    const sincerityTemplate = (await buyer.get('/api/v1/checklist-templates?purpose=buyer_sincerity')).json()[0];
    const wrongTemplate = await buyer.post(url, { type: 'buyer_visit', siteId, start: '2026-09-21T09:00', end: '2026-09-21T17:00', templateId: sincerityTemplate.id });
    expect(wrongTemplate.json().error.issues[0].path).toBe('templateId');
    expect((await supplier.post(url, { type: 'buyer_visit', siteId, start: '2026-09-21T09:00', end: '2026-09-21T17:00' })).statusCode).toBe(403);
    expect((await buyer.get('/api/v1/visits?status=happening')).statusCode).toBe(400);
  });

  step('checklist templates are versioned data with exact error paths', async () => {
    const list = (await buyer.get('/api/v1/checklist-templates')).json();
    expect(list.filter((t: { shipped: boolean }) => t.shipped).map((t: { key: string }) => t.key).sort()).toEqual(['bonafide.buyer-sincerity', 'bonafide.buyer-visit']);
    const doc = structuredClone(list.find((t: { key: string }) => t.key === 'bonafide.buyer-visit').document);
    doc.key = 'rhein.visit';
    doc.sections.push({ id: 'cleanroom', title: { en: 'Clean-room packing', zh: '洁净室包装' }, questions: [{ id: 'cr.gowning', type: 'yes_no', text: { en: 'Gowning followed?', zh: '是否遵守更衣规定？' } }] });
    doc.sections[1].questions[5].scale.anchors[0].value = 0;
    const refused = await buyer.post('/api/v1/checklist-templates', doc);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['sections[1].questions[5].scale.anchors[0].value', 'sections[1].questions[5].scale.anchors']);
    doc.sections[1].questions[5].scale.anchors[0].value = 1;
    const v1 = await buyer.post('/api/v1/checklist-templates', doc);
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({ key: 'rhein.visit', version: 1, shipped: false, purpose: 'visit_checklist' });
    expect((await buyer.post('/api/v1/checklist-templates', doc)).json().version).toBe(2);
    expect((await stranger.get(`/api/v1/checklist-templates/${v1.json().id}`)).statusCode).toBe(404);
    // New visits use the buyer's own newest checklist by default.
    const planned = await buyer.post(`/api/v1/engagements/${engagementId}/visits`, { type: 'remote_video', siteId, start: '2027-01-11T10:00', end: '2027-01-11T11:00' });
    expect(planned.json().template).toMatchObject({ key: 'rhein.visit', version: 2 });
  });

  step('portfolio: engagements with and without a closed visit, compared on the buyer’s own data', async () => {
    const second = await buyer.post('/api/v1/engagements', {
      supplierOrganizationId: supplier.organizationId,
      title: 'Brackets',
      scope: { products: ['Bracket'], destinationCountry: 'DE' },
    });
    await supplier.post(`/api/v1/engagements/${second.json().id}/response`, { decision: 'accept' });
    const res = await buyer.get('/api/v1/portfolio/visit-effect');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.withVisit).toMatchObject({ engagements: 1, engagementIds: [engagementId], reachedPartnership: 0 });
    expect(r.withVisit.discrepancies).toBeGreaterThanOrEqual(3);
    expect(r.withVisit.partnershipDurationDays).toMatchObject({ value: null, reason: expect.stringMatching(/reached partnership/) });
    expect(r.withVisit.pilotKpis.value).toBeNull();
    expect(r.withoutVisit).toMatchObject({ engagements: 1, discrepancies: 0 });
    expect(r.caveats[0]).toMatch(/Fewer than 5/);
    expect((await supplier.get('/api/v1/portfolio/visit-effect')).statusCode).toBe(403);
    expect((await buyer.get('/api/v1/portfolio/visit-effect?includeRemote=maybe')).statusCode).toBe(400);
  });
});
