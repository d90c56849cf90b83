// End-to-end: the public sign-up confirms the address before it creates anything, in English and Chinese, on a
// desktop and a 390 px phone; a used link says why it no longer works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailability, launchBrowser, newContext, screenshot, signupLinkPath, startServer, watchErrors, type TestServer } from './browser.js';

const env = browserAvailability();
if (!env.available) console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

const PASSWORD = 'correct-horse-battery-9';

describe.skipIf(!env.available)('sign-up by email link in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ signupConfirmation: true });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    { lang: 'en', locale: 'en-US', width: 1366, sent: 'Check your email', failed: 'This sign-up link does not work', country: 'China' },
    { lang: 'en', locale: 'en-US', width: 390, sent: 'Check your email', failed: 'This sign-up link does not work', country: 'China' },
    { lang: 'zh', locale: 'zh-CN', width: 1366, sent: '请查收邮件', failed: '此注册链接无效', country: '中国' },
    { lang: 'zh', locale: 'zh-CN', width: 390, sent: '请查收邮件', failed: '此注册链接无效', country: '中国' },
  ])('a new supplier gets the link, follows it, and a second use is refused ($lang, $width px)', async ({ lang, locale, width, sent, failed, country }) => {
    const context = await newContext(browser, server.baseUrl, { locale });
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 860 });
    const errors = watchErrors(page, [/^400 POST \/api\/v1\/auth\/signup\/confirm$/]); // the second use below
    const email = `signup-${lang}-${Date.now()}@hengli-castings.example`;
    await page.goto('/signup');
    await page.getByTestId('signup-name').fill('Zhou Min');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill(PASSWORD);
    await page.getByTestId('signup-org-name').fill('Hengli Castings Co., Ltd.');
    await page.getByTestId('signup-kind').locator('label').first().click();
    await page.getByTestId('signup-country').click();
    await page.getByTestId('signup-country').fill(country);
    await page.getByRole('option', { name: country, exact: true }).click();
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('signup-sent').waitFor();
    expect(await page.getByTestId('signup-sent').textContent()).toContain(sent);
    expect(await page.getByTestId('signup-sent').textContent()).toContain(email);
    await screenshot(page, `signup-sent-${lang}-${width}`);

    const link = await signupLinkPath(email);
    await page.goto(link);
    await page.getByTestId('home-welcome').waitFor();
    expect(await page.getByTestId('org-card-name').textContent()).toBe('Hengli Castings Co., Ltd.');

    // The link works once: opened again (here in a fresh profile), it says why not.
    const other = await (await newContext(browser, server.baseUrl, { locale })).newPage();
    await other.setViewportSize({ width, height: 860 });
    await other.goto(link);
    await other.getByTestId('signup-confirm-error').waitFor();
    expect(await other.getByTestId('signup-confirm-error').textContent()).toContain(failed);
    await screenshot(other, `signup-link-used-${lang}-${width}`);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
