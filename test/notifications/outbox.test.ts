// The email outbox against a real SMTP server in its own process: while the server is down every attempt fails and
// is retried with exponential backoff (the clock is moved, not waited for); when it is back, each email is sent
// once and nothing is lost. On SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, resetClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { createJobRunner } from '../../src/services/jobs/runner.js';
import type { MailSettings } from '../../src/services/notifications/settings.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { freePort, startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { RAISE, discrepancyWorld } from '../fixtures/discrepancies/world.js';

describe.each(TEST_DATABASES)('email outbox on $name', ({ name, skipReason }) => {
  let base: TestContext;
  let app: App;
  let mail: MailSettings;
  let sink: SmtpSink | null = null;

  beforeAll(async () => {
    if (skipReason) return;
    base = await createTestContext(name);
    // A port nothing listens on: the mail server is down.
    mail = { smtpUrl: `smtp://127.0.0.1:${await freePort()}?connectionTimeout=2000`, from: 'Bonafide <no-reply@bonafide.test>', publicUrl: 'https://bonafide.test', jobIntervalMs: 1000, maxAttempts: 20 };
    app = await testApp({ ...base, config: { ...base.config, mail } as typeof base.config });
  });
  afterAll(async () => {
    if (skipReason) return;
    await sink?.stop();
    await app.close();
    await base.cleanup();
  });
  afterEach(() => resetClock());

  it.skipIf(skipReason)('retries with backoff while the SMTP server is down and sends each email once when it is back', async () => {
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    setClock(clock);
    const w = await discrepancyWorld(app);
    // Setting up the world already queued "engagement opened" for the supplier; this test follows one email.
    await base.handle.db.deleteFrom('outbox').execute();
    const d = (await w.buyer.post(`/api/v1/engagements/${w.engagementId}/discrepancies`, RAISE({ kind: 'lot_inspection', id: w.rejectedLotId }))).json();
    const outbox = () => base.handle.db.selectFrom('outbox').selectAll().orderBy('created_at').execute();
    const queued = await outbox();
    expect(queued.map((r) => [r.to_address, r.status])).toEqual([[w.supplier.email, 'pending']]);
    expect(queued[0].subject).toBe('[Bonafide] New major discrepancy NCR-001: Bore oversize on lot HT-2602-B07');
    expect(queued[0].body).toContain(`https://bonafide.test/discrepancies/${d.id}`);

    const runner = createJobRunner({ ...base, config: { ...base.config, mail } as typeof base.config }, { mail, owner: 'test-runner' });
    try {
      expect((await runner.tick()).delivered).toEqual({ sent: 0, failed: 1 });
      let row = (await outbox())[0];
      expect(row).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: '2026-03-02T08:01:00.000Z', locked_until: null });
      expect(row.last_error).toBeTruthy();
      // Not due yet: nothing is tried.
      expect((await runner.tick()).delivered).toEqual({ sent: 0, failed: 0 });
      clock.advance(61_000);
      expect((await runner.tick()).delivered).toEqual({ sent: 0, failed: 1 });
      row = (await outbox())[0];
      expect(row).toMatchObject({ attempts: 2, next_attempt_at: '2026-03-02T08:03:01.000Z' });

      // The mail server comes back on the same port.
      const port = Number(new URL(mail.smtpUrl!).port);
      const received: ReceivedMail[] = [];
      sink = await startSmtpSink(port, received);
      clock.advance(60_000);
      expect((await runner.tick()).delivered).toEqual({ sent: 0, failed: 0 });
      clock.advance(61_000);
      expect((await runner.tick()).delivered).toEqual({ sent: 1, failed: 0 });
      await sink.waitFor((m) => m.length >= 1);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ to: [w.supplier.email], subject: queued[0].subject, outboxId: queued[0].id });
      expect(received[0].text).toContain('NCR-001');
      row = (await outbox())[0];
      expect(row).toMatchObject({ status: 'sent', attempts: 3, sent_at: '2026-03-02T08:03:02.000Z' });
      // Sent is sent: later runs send nothing again.
      clock.advance(3_600_000);
      expect((await runner.tick()).delivered).toEqual({ sent: 0, failed: 0 });
      await new Promise((r) => setTimeout(r, 300));
      expect(received).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  });
});
