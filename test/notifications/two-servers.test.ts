// Several app servers over one PostgreSQL: two `bonafide serve` processes run their job runners against the same
// database and the same SMTP server (a real one, in its own process). Discrepancies raised with overdue steps
// escalate; every notification email — raised, level 1, level 2 — arrives exactly once, whichever server claimed it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock, resetClock, setClock } from '../../src/clock.js';
import type { App } from '../../src/http/routes/types.js';
import { createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { RAISE, discrepancyWorld } from '../fixtures/discrepancies/world.js';

const PG = process.env.BONAFIDE_TEST_PG;
const skipReason = PG ? undefined : 'BONAFIDE_TEST_PG is not set';
if (skipReason) {
  if (process.env.CI === 'true') throw new Error('CI=true but BONAFIDE_TEST_PG is not set: the two-server test must run in CI');
  console.warn(`[tests] skipping the two-server PostgreSQL test: ${skipReason}`);
}
const ROOT = resolve(import.meta.dirname, '../..');

interface Server {
  child: ChildProcess;
  url: string;
  log: string[];
}

function startServe(databaseUrl: string, smtpUrl: string, now: string, dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1', '--no-demo', '--database', databaseUrl, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, SMTP_URL: smtpUrl, BONAFIDE_NOW: now, BONAFIDE_JOB_INTERVAL_MS: '150', BONAFIDE_PG_POOL: '3', LOG_LEVEL: 'warn', BONAFIDE_WEB_ROOT: join(dataDir, 'no-web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${log.join('')}`)), 60_000);
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${log.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      const m = /running at (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        ok({ child, url: m[1], log });
      }
    });
  });
}

function stopServe(s: Server): Promise<void> {
  return new Promise((ok) => {
    if (s.child.exitCode !== null) return ok();
    s.child.once('exit', () => ok());
    s.child.kill('SIGTERM');
  });
}

describe('two servers over one PostgreSQL', () => {
  let ctx: TestContext | null = null;
  let app: App | null = null;
  let sink: SmtpSink | null = null;
  const servers: Server[] = [];
  const dirs: string[] = [];
  afterEach(() => resetClock());
  afterAll(async () => {
    await Promise.all(servers.map(stopServe));
    await sink?.stop();
    await app?.close();
    await ctx?.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.skipIf(skipReason)('send each notification exactly once', { timeout: 180_000 }, async () => {
    ctx = await createTestContext('postgres');
    app = await testApp(ctx);
    setClock(fixedClock('2026-03-02T08:00:00.000Z'));
    // Three engagements, each with a ladder (buyer levels 1 and 2 by email, supplier level 1) and two major
    // discrepancies. Written with SMTP off, so only the servers' runs send.
    const expected = new Map<string, number>();
    for (let k = 0; k < 3; k++) {
      const w = await discrepancyWorld(app);
      const put = await w.buyer.request('PUT', `/api/v1/engagements/${w.engagementId}/escalation`, {
        contacts: [{ level: 1, name: `SQE ${k}`, email: `sqe${k}@buyer.test` }, { level: 2, name: `Head of quality ${k}`, email: `hq${k}@buyer.test` }],
      });
      expect(put.statusCode, put.body).toBe(200);
      expect((await w.supplier.request('PUT', `/api/v1/engagements/${w.engagementId}/escalation`, { contacts: [{ level: 1, name: `QE ${k}`, email: `qe${k}@supplier.test`, locale: 'zh-CN' }] })).statusCode).toBe(200);
      for (const target of [w.rejectedLotId, w.acceptedLotId]) {
        const r = await w.buyer.post(`/api/v1/engagements/${w.engagementId}/discrepancies`, RAISE({ kind: 'lot_inspection', id: target }));
        expect(r.statusCode, r.body).toBe(201);
        // Level 1 and level 2: the buyer's contact of that level and the supplier's level-1 contact each.
        for (const level of [1, 2]) {
          for (const to of [level === 1 ? `sqe${k}@buyer.test` : `hq${k}@buyer.test`, `qe${k}@supplier.test`]) {
            const key = `${to}|${r.json().reference}|${level}`;
            expected.set(key, (expected.get(key) ?? 0) + 1);
          }
        }
      }
    }
    expect(await ctx.handle.db.selectFrom('outbox').selectAll().execute()).toEqual([]);

    sink = await startSmtpSink();
    // Both servers' clocks start four days later: D0–D3 (major: 1–3 days) are overdue for more than 72 h: level 2.
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'bonafide-two-servers-'));
      dirs.push(dir);
      servers.push(await startServe(ctx.handle.url, sink.url, '2026-03-06T09:00:00Z', dir));
    }
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(24);
    await sink.waitFor((m) => m.length >= total, 90_000);
    // Both servers keep running a while longer: nothing else may arrive.
    await new Promise((r) => setTimeout(r, 2000));
    expect(sink.messages).toHaveLength(total);

    const outboxIds = sink.messages.map((m) => m.outboxId);
    expect(new Set(outboxIds).size).toBe(total);
    const seen = new Map<string, number>();
    for (const m of sink.messages) {
      const ref = /NCR-\d{3}/.exec(m.subject)?.[0];
      const level = /(?:level|第) (\d)/.exec(m.subject)?.[1];
      const key = `${m.to[0]}|${ref}|${level}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
    // The supplier's contact reads Chinese.
    expect(sink.messages.find((m) => m.to[0].endsWith('@supplier.test'))!.subject).toMatch(/升级至第 \d 级/);

    const rows = await ctx.handle.db.selectFrom('outbox').select(['status', 'locked_by']).execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const events = await ctx.handle.db.selectFrom('engagement_events').select('dedupe_key').where('kind', '=', 'escalation').execute();
    expect(events).toHaveLength(12);
    console.info(`[two servers] emails sent per server: ${JSON.stringify(Object.fromEntries([...new Set(rows.map((r) => r.locked_by))].map((o) => [o, rows.filter((r) => r.locked_by === o).length])))}`);
  });
});
