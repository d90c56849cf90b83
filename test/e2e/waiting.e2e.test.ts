// What waits for the user, in the browser: the home page's panel and the navigation's counts agree with
// GET /api/v1/waiting for the supplier and the buyer of the demo, a link opens where it waits, and the engagement page
// leads to its discrepancies and its escalation ladder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailability, launchBrowser, logIn, newContext, screenshot, watchErrors } from './browser.js';
import { startSnapshotServer as startServer } from './walk.js';

const env = browserAvailability();
if (!env.available) console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

describe.skipIf(!env.available)('what waits for the user', () => {
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

  for (const who of ['li.wei@hengtai.example', 'anna.weber@nordlicht.example']) {
    it(`home and navigation show the counts (${who})`, { timeout: 120_000 }, async () => {
      const context = await newContext(browser, server.baseUrl);
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await logIn(page, who);
      const api = (await page.evaluate(() => fetch('/api/v1/waiting').then((r) => r.json()))) as { total: number; items: { kind: string; count: number; engagements: { id: string }[] }[] };
      const panel = page.getByTestId('waiting-panel');
      await panel.waitFor();
      expect(Number(await panel.getAttribute('data-total'))).toBe(api.total);
      const byNav = { engagements: 0, visits: 0 };
      for (const i of api.items) byNav[i.kind === 'visits' ? 'visits' : 'engagements'] += i.count;
      for (const [nav, n] of Object.entries(byNav)) {
        const badge = page.getByTestId(`nav-count-${nav}`);
        if (n === 0) expect(await badge.count()).toBe(0);
        else expect(Number(await badge.getAttribute('data-count'))).toBe(n);
      }
      await screenshot(page, `waiting-home-${who.split('@')[0]}`);
      const first = api.items.find((i) => i.count > 0 && i.kind !== 'visits');
      if (first) {
        await panel.getByTestId(`waiting-${first.kind}`).getByTestId('waiting-link').first().click();
        await page.waitForURL(new RegExp(`/engagements/${first.engagements[0]!.id}`));
      } else {
        await page.goto('/engagements');
        await page.locator('main a[href^="/engagements/"]').first().click();
      }
      // The engagement page leads to its discrepancies and its escalation ladder.
      await page.getByTestId('escalation-link').click();
      await page.waitForURL(/\/engagements\/[^/]+\/escalation$/);
      await page.goBack();
      await page.getByTestId('discrepancies-link').click();
      await page.waitForURL(/\/discrepancies\?engagementId=/);
      await context.close();
      expect(errors).toEqual([]);
    });
  }
});
