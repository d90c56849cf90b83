// Delivering the email outbox: claim a batch (a lease, so a crash mid-send hands the rows to the next run), send
// each through SMTP, mark it sent, or schedule the next attempt with exponential backoff. Nothing is dropped while
// the mail server is down; after `maxAttempts` an email is marked failed and stays in the table with its error.
import { randomUUID } from 'node:crypto';
import { claimOutbox, markEmailFailed, markEmailSent } from '../../db/repositories/notifications.js';
import { nextAttemptAt } from '../../domain/notifications/backoff.js';
import * as clock from '../../clock.js';
import type { ServiceContext } from '../shared/context.js';
import type { Mailer } from './mailer.js';
import type { MailSettings } from './settings.js';

const LEASE_MS = 5 * 60_000;
const BATCH = 20;

export interface DeliveryResult {
  sent: number;
  failed: number;
}

export async function deliverOutbox(ctx: ServiceContext, mailer: Mailer, settings: MailSettings, owner: string = randomUUID(), maxBatches = 10): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = clock.now();
    const rows = await claimOutbox(ctx.handle.db, ctx.handle.dialect, owner, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      try {
        await mailer.send({ to: row.to_address, subject: row.subject, text: row.body, outboxId: row.id });
        await markEmailSent(ctx.handle.db, row.id, owner, clock.nowIso());
        result.sent++;
      } catch (e) {
        const failedAt = clock.now();
        const retry = row.attempts < settings.maxAttempts ? nextAttemptAt(failedAt, row.attempts).toISOString() : null;
        await markEmailFailed(ctx.handle.db, row.id, owner, e instanceof Error ? e.message : String(e), retry);
        result.failed++;
      }
    }
    // A failing server fails every row alike: wait for the next run rather than burn through the queue.
    if (result.failed > 0) break;
  }
  return result;
}
