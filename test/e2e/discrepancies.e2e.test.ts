// End-to-end, as a new user would in Chromium, against the real server with the demo workspace, its job runner and
// a real SMTP server in its own process: the buyer raises a critical discrepancy on a delivery its incoming
// inspection rejected; the clock moves past the D0 due time, the job escalates it to level 1 of the ladder and the
// email arrives; the supplier (Chinese UI) sees the bell, works D0–D7 and asks for closure with evidence of
// effectiveness; the buyer accepts, and the behavioural score and the partnership-health portfolio change.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fixedClock, resetClock, setClock } from '../../src/clock.js';
import { seedDemo } from '../../src/demo/seed.js';
import { DEMO_PILOT_ENGAGEMENT } from '../../src/demo/pilot-story.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import { principalForCli } from '../../src/services/accounts/accounts.js';
import { startJobRunner, type JobRunner } from '../../src/services/jobs/runner.js';
import type { MailSettings } from '../../src/services/notifications/settings.js';
import { recordDelivery, recordInspection } from '../../src/services/pilots/orders.js';
import type { ServiceContext } from '../../src/services/shared/context.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { browserAvailability, ensureWebBuild, launchBrowser, logIn, logOut, newContext, screenshot, SCREENSHOT_DIR, watchErrors, WEB_ROOT } from './browser.js';

const env = browserAvailability();
if (!env.available) console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

const HOUR = 3_600_000;

interface Server {
  baseUrl: string;
  ctx: ServiceContext;
  sink: SmtpSink;
  clock: ReturnType<typeof fixedClock>;
  jobs: JobRunner;
  close(): Promise<void>;
}

async function startServer(): Promise<Server> {
  ensureWebBuild();
  const tmp = mkdtempSync(join(tmpdir(), 'bonafide-e2e-ncr-'));
  const sink = await startSmtpSink();
  const base = await openRuntime({ databaseUrl: `sqlite:${join(tmp, 'db.sqlite')}`, dataDir: tmp });
  const mail: MailSettings = { smtpUrl: sink.url, from: 'Bonafide <no-reply@bonafide.test>', publicUrl: 'http://bonafide.test', jobIntervalMs: 250, maxAttempts: 5 };
  const ctx = { ...base, config: { ...base.config, mail } as typeof base.config };
  await seedDemo(ctx);
  // From here on the server's clock stands still until the test moves it.
  const clock = fixedClock(new Date().toISOString());
  setClock(clock);
  const app = await buildApp(ctx, { webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const jobs = startJobRunner(ctx, { mail, intervalMs: 250 });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    ctx,
    sink,
    clock,
    jobs,
    close: async () => {
      await jobs.stop();
      await app.close();
      await base.close();
      await sink.stop();
      resetClock();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function shot(page: Page, name: string) {
  for (const close of await page.locator('[data-testid^="notification-"] button').all()) await close.click().catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function phoneShot(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await shot(page, name);
  // Nothing may be wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1366, height: 860 });
}

async function choose(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe.skipIf(!env.available)('discrepancies in the browser', () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('raise on a rejected delivery, escalate by the clock with an email, close through 8D with evidence, see the scores change', { timeout: 400_000 }, async () => {
    const { ctx, clock, sink } = server;
    // Nordlicht's incoming inspection rejects a new delivery of the pilot (recorded as issue 10's screens would).
    const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
    const e = await ctx.handle.db.selectFrom('engagements').select(['id']).where('title', '=', DEMO_PILOT_ENGAGEMENT).executeTakeFirstOrThrow();
    const today = new Date(clock.nowMs()).toISOString().slice(0, 10);
    const delivery = await recordDelivery(ctx, anna, e.id, { deliveryNo: 'MAT-PRE-2026-00499', orderNo: 'PUR-ORD-2026-00230', line: '1', item: 'NM-3310-B', receivedAt: today, receivedQty: 2000, rejectedQty: 0, lot: 'HT-3310-12', unit: 'pcs' });
    await recordInspection(ctx, anna, delivery.id, { inspectedAt: today, inspectedQty: 80, rejectedQty: 4, decision: 'rejected', note: 'Bore Ø 28 H7 oversize on 4 of 80.' });

    // --- the buyer raises it ----------------------------------------------------------------------------------
    const buyerContext = await newContext(browser, server.baseUrl);
    const page = await buyerContext.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'anna.weber@nordlicht.example');
    await page.goto('/partnership-health');
    const card = page.locator(`[data-testid="health-card"][data-engagement="${e.id}"]`);
    await card.waitFor();
    const behaviouralBefore = (await card.getByTestId('health-behavioural').textContent())!.trim();
    const closedBefore = (await card.getByTestId('health-closed').textContent())!.trim();
    expect(closedBefore).toContain('Closed in time: 1');
    await shot(page, 'discrepancies-health-before-en');

    await page.getByTestId('nav-discrepancies').click();
    await page.getByTestId('discrepancy-row').first().waitFor();
    await shot(page, 'discrepancies-list-en');
    await page.getByTestId('raise-open').click();
    await choose(page, 'raise-engagement', new RegExp(DEMO_PILOT_ENGAGEMENT));
    await choose(page, 'raise-target', /HT-3310-12/);
    await choose(page, 'raise-severity', 'Critical');
    await page.getByTestId('raise-title').fill('Bore Ø 28 H7 oversize on lot HT-3310-12');
    await page.getByTestId('raise-description').fill('4 of 80 sampled housings measure the bore 28.024–28.031 mm (H7: 28.000–28.021). Lot rejected at incoming inspection; pump assembly stopped for this part.');
    await page.getByTestId('raise-quantity').fill('2000');
    await page.getByTestId('raise-submit').click();
    await page.getByTestId('discrepancy-header').waitFor();
    const reference = (await page.getByTestId('discrepancy-reference').textContent())!.trim();
    expect(reference).toBe('NCR-004');
    const discrepancyUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('escalation-level').getAttribute('data-level')).toBe('0');
    await shot(page, 'discrepancy-raised-en');

    // --- five hours later D0 (due within 4 h for a critical one) is overdue: level 1, and the email -------------
    clock.advance(5 * HOUR);
    const isEscalation = (x: { subject: string }) => x.subject.includes(reference) && /level 1|第 1 级/.test(x.subject);
    await sink.waitFor((m) => m.filter(isEscalation).length >= 2, 30_000);
    // Later runs send nothing twice.
    await new Promise((r) => setTimeout(r, 1000));
    const escalationMails = sink.messages.filter(isEscalation);
    // Level 1 of the ladder: Jonas Richter (Nordlicht, English) and Chen Jing (Hengtai, Chinese), once each.
    expect(escalationMails.map((m) => m.to[0]).sort()).toEqual(['chen.jing@hengtai.example', 'jonas.richter@nordlicht.example']);
    expect(escalationMails.find((m) => m.to[0] === 'chen.jing@hengtai.example')!.subject).toContain('升级至第 1 级');
    expect(escalationMails.find((m) => m.to[0] === 'jonas.richter@nordlicht.example')!.text).toContain(`http://bonafide.test${discrepancyUrl}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('escalation-level').getAttribute('data-level')).toBe('1');
    await page.getByTestId('escalation-text').waitFor();
    await shot(page, 'discrepancy-escalated-en');
    await phoneShot(page, 'discrepancy-escalated-en-390');
    await page.getByTestId('ladder-link').click();
    await page.getByTestId('ladder-mine').waitFor();
    // The escalation is recorded on the engagement's timeline.
    await page.locator('[data-testid="engagement-event"][data-kind="escalation"]', { hasText: `${reference} D0` }).first().waitFor();
    await shot(page, 'discrepancy-ladder-en');
    await logOut(page);

    // --- the supplier works it, in Chinese ------------------------------------------------------------------
    await logIn(page, 'chen.jing@hengtai.example');
    await expect.poll(async () => Number(await page.getByTestId('bell-count').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.getByTestId('bell').click();
    const item = page.locator('[data-testid="bell-item"]', { hasText: reference }).first();
    await item.waitFor();
    await page.waitForTimeout(200);
    await screenshot(page, 'discrepancy-bell-zh');
    await item.click();
    await page.getByTestId('discrepancy-header').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('Bore Ø 28 H7 oversize on lot HT-3310-12');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');

    const steps: [string, Record<string, string>][] = [
      ['D0', { 'step-notes-D0': '在库 1,200 件已隔离；下一批暂停发货。' }],
      ['D1', { 'step-team': '陈静 Chen Jing (QE)\n王芳 Wang Fang (1 号线)', 'step-notes-D1': '小组已成立。' }],
      ['D2', { 'step-notes-D2': '1 号线第 3 夹具，镗孔超差 4/80。' }],
      ['D3', { 'step-notes-D3': '所有库存 100% 三坐标复检。' }],
      ['D4', { 'step-root-cause': '镗刀补偿参数在换刀后未更新。', 'step-escape-point': '首件检验只测了 1 号夹具。', 'step-notes-D4': '根本原因已验证。' }],
      ['D5', { 'step-notes-D5': '换刀后自动测量并补偿。' }],
      ['D6', { 'step-notes-D6': '已在 12 个工位实施。' }],
      ['D7', { 'step-notes-D7': '控制计划 CP-IP5 修订版 E；IP-7 同步更新。' }],
    ];
    for (const [step, fields] of steps) {
      const body = page.getByTestId(`step-body-${step}`);
      if (!(await body.isVisible())) await page.getByTestId(`step-${step}`).locator('button').first().click();
      await body.waitFor();
      for (const [testId, value] of Object.entries(fields)) await body.getByTestId(testId).fill(value);
      await body.getByTestId(`step-done-${step}`).click();
      await expect.poll(() => page.getByTestId(`step-${step}`).getAttribute('data-done')).toBe('true');
    }
    await page.getByTestId('update-body').fill('纠正措施已完成，接下来三批将 100% 检验。');
    await page.getByTestId('update-post').click();
    await page.locator('[data-testid="history-item"][data-kind="progress_update"]').first().waitFor();
    await choose(page, 'closure-method', '后续批次均被接收');
    await page.getByTestId('closure-summary').fill('第 13–15 批在买方来料检验中全部接收，镗孔均在公差内。');
    await page.getByTestId('closure-evidence').click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('closure-request').click();
    await page.getByTestId('closure-effectiveness').waitFor();
    await shot(page, 'discrepancy-closure-asked-zh');
    await phoneShot(page, 'discrepancy-closure-asked-zh-390');
    await page.goto('/discrepancies');
    await page.getByTestId('discrepancy-row').first().waitFor();
    await phoneShot(page, 'discrepancies-list-zh-390');
    await page.goto('/partnership-health');
    await page.getByTestId('health-card').first().waitFor();
    await shot(page, 'discrepancies-health-zh');
    await logOut(page);

    // --- the buyer accepts the closure: closed in time, the scores move -------------------------------------
    await logIn(page, 'anna.weber@nordlicht.example');
    await page.goto(discrepancyUrl);
    await page.getByTestId('closure-accept').click();
    await page.getByTestId('closed-banner').waitFor();
    expect(await page.getByTestId('status-badge').getAttribute('data-status')).toBe('closed');
    await shot(page, 'discrepancy-closed-en');
    await page.goto('/partnership-health');
    await card.waitFor();
    await expect.poll(async () => (await card.getByTestId('health-closed').textContent())!.trim()).toContain('Closed in time: 2');
    const behaviouralAfter = (await card.getByTestId('health-behavioural').textContent())!.trim();
    expect(Number(behaviouralAfter)).toBeGreaterThan(Number(behaviouralBefore));
    await shot(page, 'discrepancies-health-after-en');
    await phoneShot(page, 'discrepancies-health-after-en-390');
    // The engagement's readiness shows the measured corrective actions.
    const readiness = await page.evaluate(async (id) => (await fetch(`/api/v1/engagements/${id}/readiness`)).json(), e.id);
    const ca = readiness.behaviouralScore.inputs.find((i: { key: string }) => i.key === 'corrective_actions');
    expect(ca).toMatchObject({ available: true });
    expect(ca.detail).toMatch(/^2 closed on time/);
    expect(errors).toEqual([]);
    await buyerContext.close();
  });
});
