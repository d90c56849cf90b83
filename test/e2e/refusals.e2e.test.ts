// Nothing fails silently: a form shows a limit before the user meets it, and the refusal next to the field it names.
// The two cases a new user met: a claim whose note is over 500 characters (the form did nothing: no request, no
// message) and an evidence upload refused as not a document (415: the dialog stayed open without a word).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const TEXT = {
  en: { limit: '600 of 500 characters', tooLong: 'At most 500 characters', notAccepted: '“tool.exe” is not accepted: attach a document, image, spreadsheet or text file' },
  'zh-CN': { limit: '600 / 500 个字符', tooLong: '最多 500 个字符', notAccepted: '不接受“tool.exe”：请附上文档、图片、电子表格或文本文件' },
} as const;

async function useLanguage(page: Page, lang: 'en' | 'zh-CN') {
  if ((await page.getAttribute('html', 'lang')) === lang) return;
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${lang}`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe.skipIf(!env.available)('refusals are shown where the user is', () => {
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

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`a claim's note over its limit, and a file that is not a document (${lang})`, { timeout: 120_000 }, async () => {
      const context = await newContext(browser, server.baseUrl);
      // A shared two-core machine: the first log-in of a run may take longer than the default 15 s.
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      const errors = watchErrors(page, [/^415 POST \/api\/v1\/files$/]);
      await logIn(page, 'li.wei@hengtai.example');
      await useLanguage(page, lang);

      // --- the claim: the limit shows while typing, the refusal beside the note, and nothing is sent -------------
      await page.goto('/profile');
      await page.getByTestId('claim-add').click();
      const claim = page.getByTestId('claim-form');
      await page.getByTestId('claim-title').fill('Bracket machining capacity');
      await page.getByTestId('claim-product-line').fill('SB-210 brackets');
      await page.getByTestId('claim-value').fill('20000');
      await page.getByTestId('claim-attr-note').fill('x'.repeat(600));
      await expect.poll(() => claim.getByTestId('length-hint').textContent()).toBe(TEXT[lang].limit);
      expect(await claim.getByTestId('length-hint').getAttribute('data-over')).toBe('true');
      const posts: string[] = [];
      page.on('request', (r) => r.method() === 'POST' && r.url().includes('/claims') && posts.push(r.url()));
      await page.getByTestId('claim-submit').click();
      // The note's own error line (Mantine links it to the field by aria-describedby).
      const noteError = page.locator('#' + (await page.getByTestId('claim-attr-note').getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!);
      await expect.poll(() => noteError.textContent()).toBe(TEXT[lang].tooLong);
      expect(posts).toEqual([]);
      await screenshot(page, `refusals-claim-note-${lang}`);
      await page.keyboard.press('Escape');

      // --- the evidence: a file that is not a document is refused by the server; the form says so -------------
      await page.goto('/evidence');
      await page.getByTestId('library-record').click();
      const form = page.getByTestId('evidence-form');
      await page.getByTestId('evidence-title').fill('Machine list');
      await form.locator('input[type="file"]').setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff, 0x00, 0x00, 0xb8, 0x00, 0x01, 0x02, 0x03, 0x04]) });
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/files') && r.request().method() === 'POST');
      await page.getByTestId('evidence-submit').click();
      expect((await refused).status()).toBe(415);
      await expect.poll(() => form.textContent()).toContain(TEXT[lang].notAccepted);
      expect(await form.isVisible()).toBe(true);
      await screenshot(page, `refusals-evidence-file-${lang}`);

      await context.close();
      expect(errors).toEqual([]);
    });
  }
});
