// State changes are checked and written in one transaction with a conditional update: a repeated or concurrent
// request cannot apply a decision twice (a phase skipped, two waivers, an engagement answered twice, a visit
// confirmed and declined). Requests are sent at the same time, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { engagementWorld } from '../support/factories.js';
import { testApp } from '../support/http.js';
import { nowMs } from '../../src/clock.js';

/** A wall-clock time `days` ahead of the clock, as the visit form sends it. */
const ahead = (days: number, hour: number) => new Date(nowMs() + days * 86_400_000).toISOString().slice(0, 11) + `${String(hour).padStart(2, '0')}:00`;

const ADVANCE = { decision: 'advance', expectedPhase: 'credibility', rationale: 'References checked.', override: true, overrideReason: 'Registry extract follows.' };

const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

describe.each(TEST_DATABASES)('concurrent decisions on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('a repeated gate request does not skip a phase: the second finds the phase moved (409 phase_changed)', async () => {
    const w = await engagementWorld(app);
    const first = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/gates`, ADVANCE);
    expect(first.statusCode, first.body).toBe(201);
    const again = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/gates`, ADVANCE);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'phase_changed', issues: [{ path: 'expectedPhase' }] });
    expect((await w.buyer.get(`/api/v1/engagements/${w.engagementId}`)).json().phase).toBe('capability_validation');
  });

  it.skipIf(skipReason)('a gate decision without the phase it decides is refused with the field named', async () => {
    const w = await engagementWorld(app);
    const { expectedPhase: _, ...withoutPhase } = ADVANCE;
    const r = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/gates`, withoutPhase);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['expectedPhase']);
  });

  it.skipIf(skipReason)('five identical gate requests at once: one decision, one phase further', async () => {
    const w = await engagementWorld(app);
    const rs = await Promise.all(Array.from({ length: 5 }, () => w.buyer.post(`/api/v1/engagements/${w.engagementId}/gates`, ADVANCE)));
    expect(statuses(rs)).toEqual([201, 409, 409, 409, 409]);
    const e = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}`)).json();
    expect(e.phase).toBe('capability_validation');
    expect(e.timeline.map((t: { decision: string }) => t.decision)).toEqual(['accept', 'advance']);
  });

  it.skipIf(skipReason)('a hold and an advance at once: one of them, and the timeline agrees with the phase', async () => {
    const w = await engagementWorld(app);
    const rs = await Promise.all([
      w.buyer.post(`/api/v1/engagements/${w.engagementId}/gates`, ADVANCE),
      w.buyer.post(`/api/v1/engagements/${w.engagementId}/gates`, { decision: 'reject', expectedPhase: 'credibility', rationale: 'No.' }),
    ]);
    expect(statuses(rs)).toEqual([201, 409]);
    const e = (await w.buyer.get(`/api/v1/engagements/${w.engagementId}`)).json();
    expect(e.timeline).toHaveLength(2);
    expect(e.phase).toBe(e.timeline[1].toPhase);
  });

  it.skipIf(skipReason)('one active waiver per requirement: five at once store one', async () => {
    const w = await engagementWorld(app);
    const body = { requirementId: 'p1.references', reason: 'Referred by our sister company' };
    const rs = await Promise.all(Array.from({ length: 5 }, () => w.buyer.post(`/api/v1/engagements/${w.engagementId}/waivers`, body)));
    expect(statuses(rs)).toEqual([201, 409, 409, 409, 409]);
    expect(rs.find((r) => r.statusCode === 409)!.json().error.issues[0]).toMatchObject({ path: 'requirementId', code: 'already_waived' });
    expect((await w.buyer.get(`/api/v1/engagements/${w.engagementId}/waivers`)).json()).toHaveLength(1);
  });

  it.skipIf(skipReason)('the database itself refuses a second active waiver (unique index), not only the service', async () => {
    const w = await engagementWorld(app);
    expect((await w.buyer.post(`/api/v1/engagements/${w.engagementId}/waivers`, { requirementId: 'p1.references', reason: 'x' })).statusCode).toBe(201);
    const [existing] = await ctx.handle.db.selectFrom('waivers').selectAll().where('engagement_id', '=', w.engagementId).execute();
    await expect(ctx.handle.db.insertInto('waivers').values({ ...existing, id: crypto.randomUUID() }).execute()).rejects.toThrow();
    // A revoked waiver leaves room for a new one.
    expect((await w.buyer.del(`/api/v1/engagements/${w.engagementId}/waivers/${existing.id}`)).statusCode).toBe(204);
    expect((await w.buyer.post(`/api/v1/engagements/${w.engagementId}/waivers`, { requirementId: 'p1.references', reason: 'again' })).statusCode).toBe(201);
  });

  it.skipIf(skipReason)('the supplier accepting and declining at once: one answer', async () => {
    const w = await engagementWorld(app, { accepted: false });
    const rs = await Promise.all([
      w.supplier.post(`/api/v1/engagements/${w.engagementId}/response`, { decision: 'accept' }),
      w.supplier.post(`/api/v1/engagements/${w.engagementId}/response`, { decision: 'decline' }),
      w.supplier.post(`/api/v1/engagements/${w.engagementId}/response`, { decision: 'accept' }),
    ]);
    expect(statuses(rs)).toEqual([200, 409, 409]);
    expect((await w.buyer.get(`/api/v1/engagements/${w.engagementId}`)).json().timeline).toHaveLength(1);
  });

  it.skipIf(skipReason)('withdrawing twice at once: one withdrawal', async () => {
    const w = await engagementWorld(app);
    const rs = await Promise.all(Array.from({ length: 3 }, () => w.buyer.post(`/api/v1/engagements/${w.engagementId}/close`, { action: 'withdraw', rationale: 'Project cancelled.' })));
    expect(statuses(rs)).toEqual([200, 409, 409]);
    expect((await w.buyer.get(`/api/v1/engagements/${w.engagementId}`)).json().timeline.map((t: { decision: string }) => t.decision)).toEqual(['accept', 'withdraw']);
  });

  it.skipIf(skipReason)('a visit confirmed and declined at once: one answer; cancelled twice at once: one cancellation', async () => {
    const w = await engagementWorld(app);
    const plan = () => w.buyer.post(`/api/v1/engagements/${w.engagementId}/visits`, { type: 'buyer_visit', siteId: w.siteId, start: ahead(30, 9), end: ahead(31, 17) });
    const v = (await plan()).json();
    const rs = await Promise.all([
      w.supplier.post(`/api/v1/visits/${v.id}/response`, { decision: 'confirm' }),
      w.supplier.post(`/api/v1/visits/${v.id}/response`, { decision: 'decline', reason: 'Plant shutdown' }),
    ]);
    expect(statuses(rs)).toEqual([200, 409]);
    const after = (await w.buyer.get(`/api/v1/visits/${v.id}`)).json();
    expect(['confirmed', 'declined']).toContain(after.status);
    const audit = (await w.supplier.get('/api/v1/audit-log')).json() as { items?: { action: string }[] } | { action: string }[];
    const actions = (Array.isArray(audit) ? audit : (audit.items ?? [])).map((a) => a.action).filter((a) => a === 'visit.confirmed' || a === 'visit.declined');
    expect(actions).toHaveLength(1);

    const second = (await plan()).json();
    const cancels = await Promise.all(Array.from({ length: 3 }, () => w.buyer.post(`/api/v1/visits/${second.id}/cancel`, { reason: 'Budget frozen' })));
    expect(statuses(cancels)).toEqual([200, 409, 409]);
  });
});
