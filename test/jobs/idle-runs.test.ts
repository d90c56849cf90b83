// A job run with nothing due writes nothing: the scan leases are kept between runs and renewed once half of their
// time has gone. Every write is a new data version, and readiness and SPC answers are reused only while the
// version stands (services/shared/result-cache.ts), so a write per idle run threw them away every 30 s. On SQLite,
// where the version exists; the lease itself is checked on both databases.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, resetClock, setClock } from '../../src/clock.js';
import { createJobRunner } from '../../src/services/jobs/runner.js';
import type { MailSettings } from '../../src/services/notifications/settings.js';
import { dataVersion } from '../../src/services/shared/result-cache.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';

const MAIL: MailSettings = { smtpUrl: null, from: 'Bonafide <no-reply@bonafide.test>', publicUrl: 'https://bonafide.test', jobIntervalMs: 1000, maxAttempts: 3 };

describe.each(TEST_DATABASES)('idle job runs on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
  });
  afterAll(async () => {
    if (skipReason) return;
    await ctx.cleanup();
  });
  afterEach(() => resetClock());

  const lease = async (n: string) => ctx.handle.db.selectFrom('job_leases').selectAll().where('name', '=', n).executeTakeFirst();

  it.skipIf(skipReason)('hold the scan lease between runs, renew it at half time, and release it when stopped', async () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    setClock(clock);
    const runner = createJobRunner(ctx, { mail: MAIL, owner: 'idle-test' });
    expect((await runner.tick()).scanned).toEqual({ escalations: 0, missedUpdates: 0, reminders: 0 });
    const first = await lease('scan');
    expect(first).toMatchObject({ owner: 'idle-test', locked_until: '2026-03-02T08:05:00.000Z' });

    const version = await dataVersion(ctx.handle);
    clock.advance(30_000);
    // Still scans (the lease is held), and writes nothing.
    expect((await runner.tick()).scanned).toEqual({ escalations: 0, missedUpdates: 0, reminders: 0 });
    expect(await dataVersion(ctx.handle)).toBe(version);
    expect((await lease('scan'))?.locked_until).toBe(first!.locked_until);

    // Past half of the lease: renewed from now.
    clock.advance(150_000);
    await runner.tick();
    expect((await lease('scan'))?.locked_until).toBe('2026-03-02T08:08:00.000Z');

    // Another server cannot take it meanwhile; after stop() it can at once.
    const other = createJobRunner(ctx, { mail: MAIL, owner: 'other-server' });
    expect((await other.tick()).scanned).toBeNull();
    await runner.stop();
    clock.advance(1);
    expect((await other.tick()).scanned).not.toBeNull();
    expect((await lease('scan'))?.owner).toBe('other-server');
    await other.stop();
  });

  it.skipIf(skipReason)('check certificates and re-audits once per period, not at every run', async () => {
    const clock = fixedClock('2026-04-01T08:00:00.000Z');
    setClock(clock);
    const runner = createJobRunner(ctx, { mail: MAIL, owner: 'period-test', reverificationEveryMs: 3_600_000 });
    await runner.tick();
    expect(await lease('reverification')).toMatchObject({ owner: 'period-test', locked_until: '2026-04-01T09:00:00.000Z' });
    // Runs within the hour leave the lease as it is (the holder does not renew it).
    for (const minutes of [1, 30, 59]) {
      clock.set(new Date(Date.parse('2026-04-01T08:00:00.000Z') + minutes * 60_000).toISOString());
      await runner.tick();
      expect((await lease('reverification'))?.locked_until).toBe('2026-04-01T09:00:00.000Z');
    }
    // The period is over: the next run checks again, for another period.
    clock.set('2026-04-01T09:00:30.000Z');
    await runner.tick();
    expect((await lease('reverification'))?.locked_until).toBe('2026-04-01T10:00:30.000Z');
    await runner.stop();
  });
});
