// The job runner inside the server process: every interval it (1) takes the "scan" lease and derives what is due
// (escalations, missed updates, reminders — recorded and notified once each, see escalation/scan.ts), and (2)
// delivers the email outbox, claiming rows so that several servers over one PostgreSQL never send one twice. On
// SQLite one process serves, and the same code runs. Runs never overlap within a process; errors are logged and
// the next run tries again.
import { randomUUID } from 'node:crypto';
import { releaseLease, tryLease } from '../../db/repositories/notifications.js';
import * as clock from '../../clock.js';
import { scanDueWork, type ScanResult } from '../escalation/scan.js';
import { createMailer, type Mailer } from '../notifications/mailer.js';
import { deliverOutbox, type DeliveryResult } from '../notifications/outbox.js';
import { mailSettings, type MailSettings } from '../notifications/settings.js';
import type { ServiceContext } from '../shared/context.js';

export interface JobLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  mail?: MailSettings;
  /** Identifies this server in leases (default: a random id per process). */
  owner?: string;
  logger?: JobLogger;
  /** Re-verification (certificates, re-audits) is checked at most this often (default hourly). */
  reverificationEveryMs?: number;
}

export interface TickResult {
  scanned: ScanResult | null;
  delivered: DeliveryResult | null;
}

export interface JobRunner {
  /** One run now (tests call it directly); resolves when it is done. */
  tick(): Promise<TickResult>;
  stop(): Promise<void>;
}

const SCAN_LEASE_MS = 5 * 60_000;

export function createJobRunner(ctx: ServiceContext, opts: JobRunnerOptions = {}): JobRunner {
  const settings = opts.mail ?? mailSettings(ctx);
  const owner = opts.owner ?? `server-${randomUUID()}`;
  const mailer: Mailer | null = createMailer(settings);
  const reverificationEvery = opts.reverificationEveryMs ?? 3_600_000;
  let running: Promise<TickResult> | null = null;
  // Until when this process holds each lease. The scan lease is kept between runs and renewed once half of it has
  // gone, so a run with nothing due writes nothing: any write is a new data version, and the results reused while
  // the database is unchanged (readiness, SPC: services/shared/result-cache.ts) were computed again after every run.
  // The re-verification lease is not renewed by its holder: certificates and re-audits change by the day, so they
  // are checked once per period, by whichever server takes the lease after it ran out (1,000 engagements take seconds).
  const heldUntil = new Map<string, number>();
  const until = (name: string) => heldUntil.get(name) ?? -Infinity;
  const take = async (name: string, now: Date, forMs: number): Promise<boolean> => {
    const taken = await tryLease(ctx.handle.db, name, owner, now.toISOString(), new Date(now.getTime() + forMs).toISOString());
    if (taken) heldUntil.set(name, now.getTime() + forMs);
    else heldUntil.delete(name);
    return taken;
  };

  const run = async (): Promise<TickResult> => {
    const result: TickResult = { scanned: null, delivered: null };
    try {
      const now = clock.now();
      const t = now.getTime();
      if (t < until('scan') - SCAN_LEASE_MS / 2 || (await take('scan', now, SCAN_LEASE_MS))) {
        const reverification = t >= until('reverification') && (await take('reverification', now, reverificationEvery));
        result.scanned = await scanDueWork(ctx, settings, { reverification });
      }
      if (mailer) result.delivered = await deliverOutbox(ctx, mailer, settings, owner);
      const s = result.scanned;
      if ((s && s.escalations + s.missedUpdates + s.reminders > 0) || (result.delivered && result.delivered.sent + result.delivered.failed > 0)) {
        opts.logger?.info({ jobs: result }, 'jobs ran');
      }
    } catch (err) {
      opts.logger?.error({ err }, 'job run failed; the next run tries again');
    }
    return result;
  };

  return {
    tick() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    async stop() {
      await running;
      // The scan lease goes with the process, so another server takes it at its next run instead of after expiry.
      if (heldUntil.has('scan')) {
        await releaseLease(ctx.handle.db, 'scan', owner, clock.nowIso()).catch((err: unknown) => opts.logger?.error({ err }, 'could not release the scan lease; it expires by itself'));
      }
      mailer?.close();
    },
  };
}

/** Runs the job runner every `intervalMs` until stopped. */
export function startJobRunner(ctx: ServiceContext, opts: JobRunnerOptions & { intervalMs?: number } = {}): JobRunner {
  const runner = createJobRunner(ctx, opts);
  const interval = opts.intervalMs ?? (opts.mail ?? mailSettings(ctx)).jobIntervalMs;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const loop = async () => {
    if (stopped) return;
    await runner.tick();
    if (!stopped) timer = setTimeout(loop, interval);
  };
  timer = setTimeout(loop, Math.min(interval, 1000));
  return {
    tick: () => runner.tick(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await runner.stop();
    },
  };
}
