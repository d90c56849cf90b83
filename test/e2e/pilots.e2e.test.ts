// End-to-end, as a new user would, in Chromium against the real server with the demo workspace, once in each
// language (the buyer in English and the supplier in Chinese, then the other way round): the buyer starts the day on
// its portfolio, sets up a pilot with catalogue KPIs and a custom formula (a typo and a division by zero refused where
// they are), sees "no data" before anything is recorded, imports a month of orders and deliveries from CSV (a broken
// file refused with its line first), sees OTD and PPM and the records behind them and the months without data saying
// so, records the month-1 and the final review, advances the gate to partnership and sees the home page reflect it;
// the supplier sees its buyers and obligations, the pilot and the review, and comments on it. Screenshots at desktop
// and 390 px (nothing wider than the phone), both languages.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, addMonths } from '../../src/domain/pilots/periods.js';
import { DEMO_PILOT_TITLE } from '../../src/demo/pilot-story.js';
import { seedDemo } from '../../src/demo/seed.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import { pilotsEn, portfolioEn } from '../../web/src/i18n/pilots.en.js';
import { pilotsZhCN, portfolioZhCN } from '../../web/src/i18n/pilots.zh-CN.js';
import { browserAvailability, ensureWebBuild, launchBrowser, logIn, logOut, newContext, screenshot, watchErrors, WEB_ROOT } from './browser.js';

const env = browserAvailability();
if (!env.available) console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

const TIMEOUT = 240_000;

async function startServer() {
  ensureWebBuild();
  const tmp = mkdtempSync(join(tmpdir(), 'bonafide-e2e-pilots-'));
  // Served from a copy: another test run rebuilding the shared dist/web while this one runs replaced the hashed
  // chunks an open page still asked for (a route that never rendered, a log-in page that never came).
  const webRoot = join(tmp, 'web');
  cpSync(WEB_ROOT, webRoot, { recursive: true });
  const ctx = await openRuntime({ databaseUrl: `sqlite:${join(tmp, 'db.sqlite')}`, dataDir: tmp });
  await seedDemo(ctx);
  const app = await buildApp(ctx, { webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      await ctx.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function shot(page: Page, name: string) {
  for (const close of await page.locator('[data-testid^="notification-"] button').all()) await close.click().catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** A phone-width screenshot; nothing may be wider than the phone. */
async function phoneShot(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await shot(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1366, height: 860 });
}

/** A JSON request from inside the logged-in page (cookie and CSRF token as the app sends them). */
async function apiCall(page: Page, method: string, path: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = ((await (await fetch('/api/v1/auth/csrf')).json()) as { token: string }).token;
      const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  );
}

/** A month of weekly call-offs (ERPNext names) due in the last five weeks, and their receipts: one late, one lot with rejects. */
function monthOfOrders(today: string, n: number, item: string) {
  const orders = ['parent,idx,item_code,qty,uom,transaction_date,schedule_date,expected_delivery_date'];
  const receipts = ['parent,purchase_order,po_line,item_code,received_qty,rejected_qty,batch_no,posting_date'];
  for (let i = 0; i < 4; i++) {
    const due = addDays(today, -33 + i * 7);
    const po = `PUR-ORD-${n}${String(i + 1).padStart(3, '0')}`;
    orders.push(`${po},1,${item},1000,Nos,${addDays(due, -30)},${due},${due}`);
    const at = i === 1 ? addDays(due, 5) : due;
    receipts.push(`MAT-PRE-${n}${String(i + 1).padStart(3, '0')},${po},1,${item},1000,${i === 2 ? 12 : 0},L-${n}${i + 1},${at}`);
  }
  return { orders: orders.join('\n') + '\n', receipts: receipts.join('\n') + '\n' };
}

describe.skipIf(!env.available)('pilots and the portfolio in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // The whole path once in each language: the buyer in English with the supplier in Chinese, then the buyer in
  // Chinese with the supplier in English (each switches in the language menu when its profile says otherwise).
  const walks = [
    { lang: 'en', supplierLang: 'zh-CN', n: 9, title: 'IP-9 pump housing, front (NM-5120-A)', item: 'NM-5120-A' },
    { lang: 'zh-CN', supplierLang: 'en', n: 8, title: 'IP-9 pump housing, rear (NM-5121-A)', item: 'NM-5121-A' },
  ] as const;
  it.each(walks)(
    'the buyer ($lang) sets up a pilot, imports orders and deliveries, reads its KPIs and records, reviews it, advances to partnership, and the home page follows; the supplier ($supplierLang) reads and comments',
    async ({ lang, supplierLang, n, title, item }) => {
      const d = DICTS[lang];
      const sd = DICTS[supplierLang];
      const tag = short(lang);
      const today = new Date().toISOString().slice(0, 10);
      const context = await newContext(browser, server.baseUrl);
      const page = await context.newPage();
      const errors = watchErrors(page, [/^422 POST \/api\/v1\/engagements\/[^/]+\/imports$/]);
      await logIn(page, 'anna.weber@nordlicht.example');
      // Anna's profile says English.
      if (lang !== 'en') await switchLanguage(page, lang);

      // --- the home page is the portfolio -------------------------------------------------------------------
      const portfolio = page.getByTestId('portfolio');
      await portfolio.waitFor();
      expect(await portfolio.getAttribute('data-role')).toBe('buyer');
      await expect.poll(() => page.getByTestId('panel-pilots-at-risk').textContent()).toContain(d.portfolio.pilotsAtRisk);
      const atRisk = page.getByTestId('pilot-at-risk').filter({ hasText: DEMO_PILOT_TITLE });
      await atRisk.waitFor();
      expect(await atRisk.getByTestId('pilot-at-risk-kpi').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(expect.arrayContaining(['otd', 'defect_ppm', 'lot_acceptance']));
      expect(await page.getByTestId('overdue-item').filter({ hasText: d.pilots.points.kind.mid_point }).count()).toBeGreaterThanOrEqual(1);
      const engagementsBefore = Number(await page.getByTestId('stat-engagements').getByTestId('stat-value').textContent());
      const phasesBefore = JSON.parse((await page.getByTestId('phase-chart').getAttribute('data-counts'))!) as Record<string, number>;
      await shot(page, `pilots-01-home-buyer-${tag}`);
      await phoneShot(page, `pilots-01-home-buyer-${tag}-390`);
      // The filters narrow every panel: Anna's suppliers are all in China.
      const china = new Intl.DisplayNames([lang], { type: 'region' }).of('CN')!;
      await page.getByTestId('filter-country').click();
      await page.getByRole('option', { name: china }).click();
      await expect.poll(() => page.getByTestId('pilot-at-risk').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('portfolio-csv').getAttribute('href')).toBe('/api/v1/portfolio/engagements.csv?country=CN');
      await page.getByTestId('filter-country').click();
      await page.getByRole('option', { name: china }).click();
      await expect.poll(() => page.getByTestId('portfolio-csv').getAttribute('href')).toBe('/api/v1/portfolio/engagements.csv');

      // --- an engagement in phase 3 (opened, accepted and through two gates by the API) ---------------------
      const supplierId = (await apiCall(page, 'GET', '/api/v1/engagements?limit=100')).find((x: any) => x.supplier.name.startsWith('Ningbo Hengtai')).supplier.id;
      const e = await apiCall(page, 'POST', '/api/v1/engagements', {
        supplierOrganizationId: supplierId,
        title,
        scope: { products: [`IP-9 housing (${item})`], categories: ['medical devices'], productLines: ['Line 1 housings'], destinationCountry: 'DE', productMaturity: 'commercialized' },
      });
      const supplierCtx = await newContext(browser, server.baseUrl, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const sp = await supplierCtx.newPage();
      const supplierErrors = watchErrors(sp);
      await logIn(sp, 'li.wei@hengtai.example');
      // Li Wei's profile says Chinese.
      if (supplierLang !== 'zh-CN') await switchLanguage(sp, supplierLang);
      await apiCall(sp, 'POST', `/api/v1/engagements/${e.id}/response`, { decision: 'accept' });
      for (const expectedPhase of ['credibility', 'capability_validation']) {
        await apiCall(page, 'POST', `/api/v1/engagements/${e.id}/gates`, { decision: 'advance', expectedPhase, rationale: 'Same plant and QC team as the IP-5 housings.', override: true, overrideReason: 'Evidence on record in the IP-5 and IP-7 engagements with the same supplier.' });
      }

      // --- set up the pilot -------------------------------------------------------------------------------
      await page.goto(`/engagements/${e.id}`);
      await page.getByTestId('pilot-link').click();
      await page.getByTestId('pilot-setup').waitFor();
      const start = addMonths(today, -4);
      await page.getByTestId('setup-title').fill(`Serial pilot ${item}`);
      await page.getByTestId('setup-start').fill(start);
      await page.getByTestId('setup-end').fill(addMonths(start, 6));
      await expect.poll(() => page.getByTestId('setup-length').textContent()).toContain(tx(d.pilots.setup.lengthOk, { months: 6 }));
      await page.getByTestId('setup-product').fill(item);
      await page.getByTestId('setup-add-custom').click();
      await page.getByTestId('custom-key').fill('accepted_share');
      await page.getByTestId('custom-label').fill(lang === 'en' ? 'Accepted share' : '接收比例');
      // A typo: refused where it is, in the reader's language, before anything is sent.
      await page.getByTestId('custom-formula').fill('accepted_qty / recieved_qty * 100');
      await page.getByTestId('custom-formula-caret').waitFor();
      const caret = (await page.getByTestId('custom-formula-caret').textContent())!;
      expect(caret).toContain(tx(d.pilots.formula.fault, { character: 16, message: tx(d.pilots.formula.codes.unknown_quantity, { name: 'recieved_qty' }) }));
      expect(caret).toContain(`${' '.repeat(15)}^`); // under the 16th character, where the unknown name starts (the API's 0-based position 15)
      await page.getByTestId('custom-target').fill('99');
      await page.getByTestId('custom-at-risk').fill('99.5');
      await shot(page, `pilots-02-setup-formula-fault-${tag}`);
      await phoneShot(page, `pilots-02-setup-formula-fault-${tag}-390`);
      await page.getByTestId('setup-submit').click();
      expect(await page.getByTestId('setup-submit').isVisible()).toBe(true); // refused in the form, nothing sent
      // Division by zero is refused the same way.
      await page.getByTestId('custom-formula').fill('accepted_qty / 0');
      await expect.poll(() => page.getByTestId('custom-formula-caret').textContent()).toContain(d.pilots.formula.codes.division_by_zero);
      await page.getByTestId('custom-formula').fill('accepted_qty / received_qty * 100');
      await page.getByTestId('custom-formula-ok').waitFor();
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('pilot-header').waitFor();
      const pilotPath = new URL(page.url()).pathname;
      expect(pilotPath).toMatch(/^\/pilots\/[0-9a-f-]{36}$/);
      // Nothing recorded yet: no data everywhere, never 0 % or 100 %.
      for (const k of ['otd', 'defect_ppm', 'accepted_share']) expect(await page.getByTestId(`kpi-${k}`).getAttribute('data-status')).toBe('no_data');
      expect(await page.getByTestId('kpi-otd').getByTestId('kpi-value').textContent()).toBe(d.pilots.status.no_data);
      expect(await page.getByTestId('kpi-otd').getByTestId('kpi-no-data').textContent()).toContain(d.pilots.noData.no_records);
      expect(await page.getByTestId('pilot-attainment').textContent()).toBe(d.pilots.kpi.noData);

      // --- import a month of orders and deliveries ---------------------------------------------------------
      const files = monthOfOrders(today, n, item);
      await page.getByTestId('pilot-tab-orders').click();
      await page.getByTestId('orders-import').waitFor();
      const broken = files.orders.replace(`PUR-ORD-${n}003,1,${item},1000`, `PUR-ORD-${n}003,1,${item},1.000,5`);
      await setFile(page, 'po-broken.csv', broken);
      await page.getByTestId('import-submit').click();
      await page.getByTestId('import-rejected').waitFor();
      expect(await page.getByTestId('import-rejected').textContent()).toContain(tx(d.pilots.import.rejectedTitle, { line: 4 }));
      // Why, in the reader's language (the server sends the reason as a code with parameters).
      expect(await page.getByTestId('import-rejected').textContent()).toContain(tx(d.pilots.import.reasons.column_count, { expected: 8, found: 9 }));
      await shot(page, `pilots-03-import-refused-${tag}`);
      expect(await page.getByTestId('order-line-row').count()).toBe(0);
      await setFile(page, 'Purchase Order Item.csv', files.orders);
      await page.getByTestId('import-submit').click();
      await page.getByTestId('import-done').waitFor();
      expect(await page.getByTestId('import-done').textContent()).toContain(tx(d.pilots.import.summary_other, { count: 4, added: 4, unchanged: 0 }));
      await page.getByTestId('import-kind').getByText(d.pilots.import.kind.deliveries).click();
      await setFile(page, 'Purchase Receipt Item.csv', files.receipts);
      await page.getByTestId('import-submit').click();
      await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(4);
      await expect.poll(() => page.getByTestId('order-line-row').count()).toBe(4);
      expect(await page.getByTestId('order-line-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-timing')))).toEqual(['on_time', 'late', 'on_time', 'on_time']);
      await shot(page, `pilots-04-orders-${tag}`);
      await phoneShot(page, `pilots-04-orders-${tag}-390`);

      // --- OTD and PPM, and the records behind them --------------------------------------------------------
      await page.getByTestId('pilot-tab-kpis').click();
      await page.getByTestId('kpi-grid').waitFor();
      await expect.poll(() => page.getByTestId('kpi-otd').getByTestId('kpi-value').textContent()).toBe('75 %');
      expect(await page.getByTestId('kpi-otd').getAttribute('data-status')).toBe('missed');
      expect(await page.getByTestId('kpi-defect_ppm').getByTestId('kpi-value').textContent()).toBe('3,000 PPM');
      expect(await page.getByTestId('kpi-accepted_share').getByTestId('kpi-value').textContent()).toBe('99.7 %');
      // The months of the pilot before the first order say "no data", not 0 %.
      const empty = page.getByTestId('kpi-otd').locator('[data-testid="kpi-period"][data-status="no_data"]');
      expect(await empty.count()).toBeGreaterThanOrEqual(2);
      for (const text of await empty.allTextContents()) expect(text).toContain(d.pilots.kpi.noData);
      await shot(page, `pilots-05-kpis-${tag}`);
      await phoneShot(page, `pilots-05-kpis-${tag}-390`);
      await page.getByTestId('kpi-otd').getByTestId('kpi-records-open').click();
      const drawer = page.getByTestId('records-table');
      await drawer.waitFor();
      expect(await drawer.getByTestId('record-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))).toEqual(['on_time', 'late', 'on_time', 'on_time']);
      expect(await drawer.getByTestId('record-row').nth(1).textContent()).toContain(`PUR-ORD-${n}002 / 1`);
      await shot(page, `pilots-06-otd-records-${tag}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('kpi-defect_ppm').getByTestId('kpi-records-open').click();
      await expect.poll(() => page.getByTestId('records-table').getByTestId('record-row').filter({ hasText: `L-${n}3` }).getAttribute('data-outcome')).toBe('defects');
      await page.keyboard.press('Escape');

      // --- evaluation points: month 1 continues, the final review passes --------------------------------
      await page.getByTestId('pilot-tab-reviews').click();
      const month1 = page.locator('[data-testid="evaluation-point"][data-kind="month_1"]');
      await month1.getByTestId('point-review').click();
      await page.getByTestId('review-comment').fill(lang === 'en' ? 'First month on the new line: one call-off five days late (customs), one lot with 12 rejects. Continue.' : '新产线第一个月：一次交货因清关晚到五天，一批有 12 件拒收。继续。');
      await shot(page, `pilots-07-review-modal-${tag}`);
      await page.getByTestId('review-submit').click();
      await page.getByTestId('review-card').first().waitFor();
      await page.locator('[data-testid="evaluation-point"][data-kind="final"]').getByTestId('point-review').click();
      await page.getByTestId('review-decision-input').getByText(d.pilots.review.decision.pass).click();
      await page.getByTestId('review-comment').fill(lang === 'en' ? 'Pilot passed: the late call-off was a one-off, rejects contained. Move to partnership.' : '试运行通过：延误只是个例，拒收已受控。进入长期合作。');
      await page.getByTestId('review-submit').click();
      await expect.poll(() => page.getByTestId('pilot-status').getAttribute('data-status')).toBe('completed');
      await expect.poll(() => page.getByTestId('review-card').count()).toBe(2);
      // The mid-point review, left out when the final review ended the pilot, is skipped — not overdue.
      const midPoint = page.locator('[data-testid="evaluation-point"][data-kind="mid_point"]');
      expect(await midPoint.getAttribute('data-state')).toBe('skipped');
      expect(await midPoint.getByTestId('point-state').textContent()).toBe(d.pilots.points.state.skipped);
      // The frozen values carry their status, worded (a badge in a cell sized to its content once collapsed).
      const frozen = page.getByTestId('review-card').first().locator('[data-testid="review-kpi"][data-key="otd"]').getByTestId('kpi-status');
      expect(await frozen.textContent()).toBe(d.pilots.status.missed);
      expect((await frozen.boundingBox())!.width).toBeGreaterThan(24);
      await shot(page, `pilots-08-reviews-${tag}`);
      await phoneShot(page, `pilots-08-reviews-${tag}-390`);

      // --- readiness: the pilot requirement is met; the gate to partnership ---------------------------------
      await page.goto(`/engagements/${e.id}?tab=readiness`);
      const pilotReq = page.locator('[data-requirement-id="p3.pilot"]').first();
      await pilotReq.waitFor();
      await page.getByTestId('gate-open').click();
      await page.getByTestId('gate-blocking').waitFor();
      const blocking = await page.getByTestId('gate-blocking-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement-id')));
      expect(blocking).not.toContain('p3.pilot');
      await page.getByTestId('gate-rationale').fill(lang === 'en' ? 'Pilot passed its final review; OTD and PPM recovered after the first month.' : '试运行通过最终评审；第一个月后准时交货率和 PPM 已恢复。');
      await page.getByTestId('gate-override').check();
      await page.getByTestId('gate-override-reason').fill(lang === 'en' ? 'Progress updates ran by weekly calls; from now on they are recorded in the thread.' : '进度更新通过每周电话进行；今后记录在消息中。');
      await page.getByTestId('gate-submit').click();
      await page.getByTestId('gate-form').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('engagement-header').getByTestId('phase-badge').first().getAttribute('data-phase')).toBe('partnership');

      // --- the home page reflects it ------------------------------------------------------------------------
      await page.goto('/');
      await page.getByTestId('portfolio').waitFor();
      await expect.poll(() => page.getByTestId('stat-engagements').getByTestId('stat-value').textContent()).toBe(String(engagementsBefore + 1));
      const phasesAfter = JSON.parse((await page.getByTestId('phase-chart').getAttribute('data-counts'))!) as Record<string, number>;
      expect(phasesAfter.partnership ?? 0).toBe((phasesBefore.partnership ?? 0) + 1);
      expect(await page.getByTestId('pilot-at-risk').filter({ hasText: `Serial pilot ${item}` }).count()).toBe(0);
      await shot(page, `pilots-09-home-after-${tag}`);
      await phoneShot(page, `pilots-09-home-after-${tag}-390`);
      // Back to English for whoever logs in next as Anna.
      if (lang !== 'en') await switchLanguage(page, 'en');
      expect(errors).toEqual([]);
      await logOut(page);

      // --- the supplier, in the other language -----------------------------------------------------------
      const stag = short(supplierLang);
      await sp.goto('/');
      await sp.getByTestId('portfolio').waitFor();
      expect(await sp.getByTestId('portfolio').getAttribute('data-role')).toBe('supplier');
      expect(await sp.getByTestId('panel-buyers').textContent()).toContain('Nordlicht Medical GmbH');
      expect(await sp.getByTestId('panel-buyers').getByRole('link', { name: title }).count()).toBe(1);
      expect(await sp.getByTestId('panel-obligations').textContent()).toContain(sd.portfolio.kinds.delivery_due);
      // The demo's two call-offs confirmed for the coming days, each with what is still to deliver.
      const callOff = sp.locator('[data-testid="obligation"][data-kind="delivery_due"]').first();
      expect(await callOff.textContent()).toContain(tx(sd.portfolio.openQty, { qty: '2,000' }));
      // What the buyer waits for is shown under the engagement it is about: both reviews of this pilot to comment on.
      const waits = sp.getByTestId('buyer-engagement').filter({ hasText: title }).locator('[data-testid="waiting-chip"][data-kind="comment_reviews"]');
      await expect.poll(() => waits.textContent()).toBe(tx(sd.portfolio.waiting.comment_reviews_other, { count: 2 }));
      await shot(sp, `pilots-10-home-supplier-${stag}`);
      await phoneShot(sp, `pilots-10-home-supplier-${stag}-390`);
      await sp.goto(pilotPath);
      await sp.getByTestId('kpi-grid').waitFor();
      expect(await sp.getByTestId('pilot-status').textContent()).toBe(sd.pilots.pilotStatus.completed);
      expect(await sp.getByTestId('kpi-otd').textContent()).toContain(sd.pilots.catalogue.otd.name);
      await shot(sp, `pilots-11-pilot-supplier-${stag}`);
      await phoneShot(sp, `pilots-11-pilot-supplier-${stag}-390`);
      await sp.getByTestId('pilot-tab-reviews').click();
      await sp.getByTestId('comment-input').last().fill(supplierLang === 'en' ? 'Thanks for the review. The second call-off was held at customs; we now ship a week earlier.' : '感谢评审。第二次交货延误是清关所致，我们已提前一周发货。');
      await sp.getByTestId('comment-submit').last().click();
      await expect.poll(() => sp.locator('[data-testid="review-comment-item"][data-side="supplier"]').count()).toBe(1);
      await shot(sp, `pilots-12-reviews-supplier-${stag}`);
      await phoneShot(sp, `pilots-12-reviews-supplier-${stag}-390`);
      // Back to Chinese for whoever logs in next as Li Wei.
      if (supplierLang !== 'zh-CN') await switchLanguage(sp, 'zh-CN');
      expect(supplierErrors).toEqual([]);
      await context.close();
      await supplierCtx.close();
    },
    2 * TIMEOUT,
  );

  it(
    'the demo pilot and the home page in Chinese on a phone',
    async () => {
      const context = await newContext(browser, server.baseUrl, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await logIn(page, 'anna.weber@nordlicht.example');
      // Anna's profile says English: she switches to Chinese in the menu.
      await page.getByTestId('language-switch').click();
      await page.getByTestId('language-zh-CN').click();
      await expect.poll(() => page.getByTestId('panel-pilots-at-risk').textContent()).toContain(portfolioZhCN.pilotsAtRisk);
      await shot(page, 'pilots-13-home-buyer-zh');
      await phoneShot(page, 'pilots-13-home-buyer-zh-390');
      await page.getByTestId('pilot-at-risk-link').filter({ hasText: DEMO_PILOT_TITLE }).click();
      await page.getByTestId('kpi-grid').waitFor();
      await shot(page, 'pilots-14-demo-pilot-zh');
      await phoneShot(page, 'pilots-14-demo-pilot-zh-390');
      expect(await page.getByTestId('pilot-review-due').textContent()).toContain(pilotsZhCN.points.kind.mid_point);
      // Back to English for whoever logs in next as Anna.
      await page.getByTestId('language-switch').click();
      await page.getByTestId('language-en').click();
      await page.getByTestId('kpi-lot_acceptance').getByTestId('kpi-records-open').click();
      await expect.poll(() => page.getByTestId('records-table').getByTestId('record-row').filter({ hasText: 'HT-3310-07' }).getAttribute('data-outcome')).toBe('rejected');
      await shot(page, 'pilots-15-demo-records-zh');
      expect(errors).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );
});

const DICTS = {
  en: { pilots: pilotsEn, portfolio: portfolioEn },
  'zh-CN': { pilots: pilotsZhCN as typeof pilotsEn, portfolio: portfolioZhCN as typeof portfolioEn },
} as const;

const short = (lang: 'en' | 'zh-CN') => (lang === 'en' ? 'en' : 'zh');

/** A message of the dictionaries with its {{placeholders}} filled, as i18next words it. */
function tx(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));
}

/** Switches the UI language in the menu (kept in the user's profile). */
async function switchLanguage(page: Page, lang: 'en' | 'zh-CN') {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${lang}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

async function setFile(page: Page, name: string, text: string) {
  await page.getByTestId('orders-import').locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}
