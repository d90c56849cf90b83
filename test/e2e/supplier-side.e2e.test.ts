// End-to-end: the supplier's side as a new user meets it, in Chromium against the real server with the demo
// workspace. Ningbo Hengtai (Li Wei, Chinese UI, then English) sees its two buyers ranked with every signal
// explained; shares its production logs with Nordlicht for a month and revokes the share; Nordlicht's access stops
// at once — the share page and the direct file downloads — and Hengtai sees who looked in the access log. The
// public profile opens in a fresh browser context without logging in and shows only what Hengtai published.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PRODUCTION_LOG_TITLE, DEMO_PUBLIC_SLUG } from '../../src/demo/supplier-side-story.js';
import { suppliersEn } from '../../web/src/i18n/suppliers.en.js';
import { suppliersZhCN } from '../../web/src/i18n/suppliers.zh-CN.js';
import { browserAvailability, launchBrowser, logIn, newContext, screenshot as fullScreenshot, SCREENSHOT_DIR, startServer, watchErrors, type TestServer } from './browser.js';

const env = browserAvailability();
if (!env.available) console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

const BROWSER_TEST_TIMEOUT = 180_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 860 };

/** Full-page screenshots from the top without toasts; with a dialog open, the viewport only. */
async function shot(page: Page, name: string, opts: { dialog?: boolean } = {}) {
  for (const close of await page.locator('[data-testid^="notification-"] button').all()) await close.click().catch(() => undefined);
  if (opts.dialog) {
    await page.waitForTimeout(300);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    return;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullScreenshot(page, name);
}

async function onPhone(page: Page, name: string) {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  await shot(page, name);
  await page.setViewportSize(DESKTOP);
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function switchLanguage(page: Page, lang: 'en' | 'zh-CN') {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${lang}`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe.skipIf(!env.available)('the supplier’s side in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'buyers ranked with reasons; production logs shared for a month and revoked, access stopping at once; the access log; the public profile without an account',
    async () => {
      const supplierCtx = await newContext(browser, server.baseUrl, { timezoneId: 'Asia/Shanghai' });
      const page = await supplierCtx.newPage();
      const errors = watchErrors(page);
      await logIn(page, 'li.wei@hengtai.example');

      // --- Buyers ranked by sincerity, in Chinese (Li Wei's language). ----------------------------------------------
      expect(await page.getByTestId('nav-buyers').textContent()).toBe(suppliersZhCN.nav.buyers);
      await page.getByTestId('nav-buyers').click();
      await page.getByTestId('buyers-ranked').waitFor();
      const cards = page.getByTestId('buyer-card');
      expect(await cards.count()).toBe(2);
      expect(await cards.nth(0).getAttribute('data-buyer')).toBe('Nordlicht Medical GmbH');
      expect(await cards.nth(1).getAttribute('data-buyer')).toBe('Lakeshore Outdoor Inc.');
      const nordlichtScore = Number(await cards.nth(0).getByTestId('buyer-score').textContent());
      const lakeshoreScore = Number(await cards.nth(1).getByTestId('buyer-score').textContent());
      expect(nordlichtScore).toBeGreaterThanOrEqual(70);
      expect(lakeshoreScore).toBeLessThan(20);
      expect(await cards.nth(0).getByTestId('buyer-band').textContent()).toBe(suppliersZhCN.sincerity.band.high);
      expect(await cards.nth(1).getByTestId('buyer-band').textContent()).toBe(suppliersZhCN.sincerity.band.low);
      // Lakeshore's technical depth: both inquiries about price only, each shown as a record.
      const lakeDepth = cards.nth(1).locator('[data-testid="signal"][data-signal="technical_depth"]');
      expect(await lakeDepth.getByTestId('signal-value').textContent()).toBe('0');
      expect(await lakeDepth.getByTestId('signal-explanation').textContent()).toContain('2 条询问中 0 条是技术性的，2 条只问价格');
      await lakeDepth.getByTestId('signal-records-toggle').click();
      await expect.poll(() => lakeDepth.getByTestId('signal-record').count()).toBe(2);
      expect(await lakeDepth.getByTestId('signal-records').textContent()).toContain(suppliersZhCN.sincerity.tag.price);
      // Lakeshore did not book the offered slots; Hengtai's own judgement of its specifications shows with its note.
      const lakeVerify = cards.nth(1).locator('[data-testid="signal"][data-signal="willingness_to_verify"]');
      expect(await lakeVerify.getByTestId('signal-explanation').textContent()).toContain('2 个提供的访问时段未预订');
      expect(await cards.nth(1).locator('[data-signal="specification_clarity"]').getByTestId('signal-judgement').textContent()).toContain('We asked twice for the BH-2 drawing');
      const nordDepth = cards.nth(0).locator('[data-testid="signal"][data-signal="technical_depth"]');
      // Nordlicht's inquiries are technical but for one about packing (the pilot's call-offs): well above Lakeshore's 0.
      expect(Number(await nordDepth.getByTestId('signal-value').textContent())).toBeGreaterThanOrEqual(80);
      expect(await nordDepth.getByTestId('signal-explanation').textContent()).toMatch(/\d+ 条询问中 \d+ 条是技术性的，0 条只问价格/);
      await shot(page, 'sup-01-buyers-zh');
      await onPhone(page, 'sup-02-buyers-phone-zh');

      // --- The same in English. ------------------------------------------------------------------------------------
      await switchLanguage(page, 'en');
      expect(await page.getByTestId('nav-buyers').textContent()).toBe(suppliersEn.nav.buyers);
      expect(await lakeDepth.getByTestId('signal-explanation').textContent()).toBe(
        '0 of 2 inquiries technical, 2 about price only; 0 of 3 technical topics (process, materials, tolerances) asked about.',
      );
      await shot(page, 'sup-03-buyers-en');
      await onPhone(page, 'sup-04-buyers-phone-en');

      // --- Share the production logs with Nordlicht, in its engagement, downloadable, for a month. ---------------------
      await page.getByTestId('nav-evidence-room').click();
      await page.getByTestId('shares-table').waitFor();
      await page.getByTestId('share-new').click();
      await pick(page, 'share-organization', 'Nordlicht Medical GmbH');
      await pick(page, 'share-engagement', 'IP-7 infusion pump housings, 2027 supply');
      await pick(page, 'share-items', DEMO_PRODUCTION_LOG_TITLE);
      await page.keyboard.press('Escape');
      const until = await page.getByTestId('share-until').inputValue();
      const days = (Date.parse(`${until}T12:00:00Z`) - Date.parse(`${await page.getByTestId('share-from').inputValue()}T12:00:00Z`)) / 86_400_000;
      expect(days).toBe(30);
      await shot(page, 'sup-05-share-dialog-en', { dialog: true });
      await page.getByTestId('share-submit').click();
      const row = page.locator('[data-testid="share-row"]').filter({ hasText: DEMO_PRODUCTION_LOG_TITLE });
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('active');
      expect(await row.textContent()).toContain(suppliersEn.room.access.download);
      await shot(page, 'sup-06-room-en');

      // --- Nordlicht opens it and downloads the file, through the share and directly. --------------------------------
      const buyerCtx = await newContext(browser, server.baseUrl);
      const buyer = await buyerCtx.newPage();
      const buyerErrors = watchErrors(buyer, [/^404 GET \/api\/v1\/shares\/[0-9a-f-]+$/]);
      await logIn(buyer, 'anna.weber@nordlicht.example');
      await buyer.getByTestId('nav-shared').click();
      const received = buyer.locator('[data-testid="received-share"]').filter({ hasText: DEMO_PRODUCTION_LOG_TITLE });
      await received.getByTestId('received-share-open').click();
      await buyer.getByTestId('shared-evidence').waitFor();
      const sharePath = new URL(buyer.url()).pathname;
      const href = (await buyer.getByTestId('shared-file-download').getAttribute('href'))!;
      const fileId = /\/files\/([0-9a-f-]+)\/content/.exec(href)![1];
      const viaShare = await buyer.request.get(href);
      expect(viaShare.status()).toBe(200);
      expect(await viaShare.text()).toMatch(/^month,line,planned_hours/);
      expect((await buyer.request.get(`/api/v1/files/${fileId}/content`)).status()).toBe(200);
      await shot(buyer, 'sup-07-shared-with-buyer-en');

      // --- Hengtai revokes: the page and every download stop at once. -------------------------------------------------
      await row.getByTestId('share-revoke').click();
      await page.getByTestId('confirm-button').click();
      await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
      await buyer.reload();
      await buyer.getByTestId('share-gone').waitFor();
      expect(await buyer.getByTestId('share-gone').textContent()).toBe(suppliersEn.shared.notFound);
      expect((await buyer.request.get(href)).status()).toBe(404);
      expect((await buyer.request.get(`/api/v1/files/${fileId}/content`)).status()).toBe(404);
      expect((await buyer.request.get(href.replace('attachment', 'inline'))).status()).toBe(404);
      await buyer.goto('/shared');
      await buyer.getByRole('heading', { name: suppliersEn.shared.title }).waitFor();
      expect(await buyer.locator('[data-testid="received-share"]').filter({ hasText: DEMO_PRODUCTION_LOG_TITLE }).count()).toBe(0);
      await buyer.goto(sharePath);
      await buyer.getByTestId('share-gone').waitFor();
      await shot(buyer, 'sup-08-share-gone-en');

      // --- Hengtai sees who looked at what, and when. -------------------------------------------------------------------
      await row.getByTestId('share-log').click();
      await page.getByTestId('share-access-log').waitFor();
      const entries = page.getByTestId('share-access-log').getByTestId('access-entry');
      const actions = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      expect(actions).toEqual(['downloaded_file', 'downloaded_file', 'viewed_share']);
      expect(await page.getByTestId('share-access-log').textContent()).toContain('Anna Weber (Nordlicht Medical GmbH) downloaded hengtai-mes-monthly-totals.csv');
      await shot(page, 'sup-09-access-log-en', { dialog: true });
      await page.keyboard.press('Escape');
      // The demo's share with its earlier looks, and the recent looks of the whole organization.
      expect(await page.getByTestId('recent-access-log').getByTestId('access-entry').count()).toBeGreaterThanOrEqual(7);
      await switchLanguage(page, 'zh-CN');
      expect(await row.getByTestId('share-status').textContent()).toBe(suppliersZhCN.room.status.revoked);
      await shot(page, 'sup-10-room-zh');
      await onPhone(page, 'sup-11-room-phone-zh');

      // --- The public profile, in a fresh browser context, without logging in. -------------------------------------------
      const publicCtx = await newContext(browser, server.baseUrl);
      const visitor = await publicCtx.newPage();
      const visitorErrors = watchErrors(visitor);
      const res = await visitor.goto(`/public/suppliers/${DEMO_PUBLIC_SLUG}`);
      expect(res!.status()).toBe(200);
      expect(res!.headers()['content-type']).toMatch(/^text\/html/);
      expect(await publicCtx.cookies()).toEqual([]);
      expect(await visitor.getByTestId('public-name').textContent()).toBe('Ningbo Hengtai Precision Co., Ltd.');
      const claimsText = (await visitor.getByTestId('public-claims').textContent())!;
      expect(claimsText).toContain('ISO 13485:2016 certified');
      expect(claimsText).toContain('Certificate documented, valid until');
      expect(claimsText).toContain('Machined aluminium housings, line 1');
      const body = (await visitor.locator('body').textContent())!;
      // What Hengtai kept private stays private: the process-capability claim and the control plan document.
      expect(body).not.toContain('Cpk');
      expect(body).not.toContain('Control plan CP-IP7 and procedure QP-08');
      expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      expect(await visitor.getByTestId('public-limitations').textContent()).toContain('Anodising is subcontracted');
      // The track-record credential Nordlicht issued, shown because it verifies now.
      expect(await visitor.getByTestId('public-credentials').textContent()).toContain('Nordlicht Medical GmbH');
      // Nothing unverified shows as verified: each claim's badge is its standing, the lead time has no evidence.
      const leadTime = visitor.locator('[data-testid="public-claims"] li').filter({ hasText: 'Lead time from PO to FOB Ningbo' });
      expect(await leadTime.getAttribute('data-standing')).toBe('unverified');
      const json = await visitor.request.get(`/public/suppliers/${DEMO_PUBLIC_SLUG}.json`);
      expect(json.status()).toBe(200);
      const profile = (await json.json()) as { claims: { title: string; verified: boolean; status: string }[] };
      expect((await visitor.locator('[data-standing="verified"]').count())).toBe(profile.claims.filter((c) => c.verified).length);
      expect(profile.claims.every((c) => !c.verified || c.status === 'supported')).toBe(true);
      await shot(visitor, 'sup-12-public-en');
      await onPhone(visitor, 'sup-13-public-phone-en');
      await visitor.goto(`/public/suppliers/${DEMO_PUBLIC_SLUG}?lang=zh-CN`);
      expect(await visitor.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await visitor.getByTestId('public-claims').textContent()).toContain('已核实');
      await shot(visitor, 'sup-14-public-zh');
      await onPhone(visitor, 'sup-15-public-phone-zh');

      // --- Where Hengtai chooses what is public, and invites Lakeshore to verify. ----------------------------------------
      await switchLanguage(page, 'en');
      await page.getByTestId('nav-public-profile').click();
      await page.getByTestId('public-claims-choice').waitFor();
      expect(await page.getByTestId('public-slug').inputValue()).toBe(DEMO_PUBLIC_SLUG);
      expect(await page.locator('[data-testid="public-claim"][data-title^="Bore Ø 32 H7"]').isChecked()).toBe(false);
      await shot(page, 'sup-16-public-settings-en');
      // From its profile, Hengtai invites Lakeshore to visit on a proposed slot.
      await page.getByTestId('nav-profile').click();
      await page.getByTestId('profile-invite').click();
      await pick(page, 'profile-invite-engagement', 'Lakeshore Outdoor Inc. — Stove burner housings, quote');
      await page.getByTestId('invitation-slot-start').fill('2027-03-15T09:00');
      await page.getByTestId('invitation-slot-end').fill('2027-03-15T16:00');
      await shot(page, 'sup-17-invite-from-profile-en', { dialog: true });
      await page.getByTestId('invitation-submit').click();
      await page.getByTestId('invitation-form').waitFor({ state: 'detached' });
      // Inbound requests and engagements sort by the buyer's sincerity.
      await page.getByTestId('nav-engagements').click();
      await page.getByTestId('engagements-table').waitFor();
      await expect.poll(async () => (await page.getByTestId('engagement-sincerity').allTextContents()).filter((x) => x !== '—').length).toBeGreaterThanOrEqual(2);
      const bands = await page.getByTestId('engagement-sincerity').allTextContents();
      expect(bands[0]).toContain(suppliersEn.sincerity.band.high);
      expect(bands[bands.length - 1]).toContain(suppliersEn.sincerity.band.low);
      expect(await page.getByTestId('engagement-row').last().textContent()).toContain('Lakeshore Outdoor Inc.');
      await page.getByRole('link', { name: 'Stove burner housings, quote' }).click();
      await page.getByTestId('tab-visit').click();
      await page.getByTestId('invitations-panel').getByTestId('invitation').first().waitFor();
      const kinds = await page.getByTestId('invitations-panel').getByTestId('invitation').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      expect(kinds).toEqual(['visit', 'sample']);
      expect(await page.getByTestId('invitations-panel').getByTestId('invitation').first().textContent()).toContain('2027-03-15 09:00 – 2027-03-15 16:00');
      await shot(page, 'sup-18-invitations-en');
      await onPhone(page, 'sup-19-invitations-phone-en');

      expect(errors).toEqual([]);
      expect(buyerErrors).toEqual([]);
      expect(visitorErrors).toEqual([]);
      await publicCtx.close();
      await buyerCtx.close();
      await supplierCtx.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
