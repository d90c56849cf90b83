// Records found by id through their tenant or parent (access in the WHERE, not checked by the caller afterwards):
// a slot of another engagement is as missing as one that never existed, with the same answer, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { engagementWorld, type EngagementWorld } from '../support/factories.js';
import { testApp } from '../support/http.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(TEST_DATABASES)('tenant-scoped finders on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let a: EngagementWorld;
  let b: EngagementWorld;
  let restoreClock: () => void = () => undefined;

  beforeAll(async () => {
    if (skipReason) return;
    restoreClock = setClock(fixedClock('2026-06-01T08:00:00Z'));
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    a = await engagementWorld(app);
    b = await engagementWorld(app);
  });
  afterAll(async () => {
    restoreClock();
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)("another engagement's visit slot answers exactly like a missing one, and stays", async () => {
    const offered = await a.supplier.post(`/api/v1/engagements/${a.engagementId}/visit-slots`, { siteId: a.siteId, slots: [{ start: '2026-09-14T09:00', end: '2026-09-14T16:00' }] });
    expect(offered.statusCode, offered.body).toBe(201);
    const slotId = offered.json()[0].id as string;

    const foreign = await b.supplier.request('DELETE', `/api/v1/engagements/${b.engagementId}/visit-slots/${slotId}`);
    const missing = await b.supplier.request('DELETE', `/api/v1/engagements/${b.engagementId}/visit-slots/${MISSING}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());

    const slots = await a.buyer.get(`/api/v1/engagements/${a.engagementId}/visit-slots`);
    expect(slots.json().map((s: { id: string }) => s.id)).toEqual([slotId]);
    expect((await a.supplier.request('DELETE', `/api/v1/engagements/${a.engagementId}/visit-slots/${slotId}`)).statusCode).toBe(204);
  });
});
