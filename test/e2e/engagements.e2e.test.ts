// End-to-end: the engagement capability as a new user meets it, in Chromium against the real server with the
// demo workspace. A new buyer finds the demo supplier by certification, opens an engagement; the supplier
// (Chinese UI) accepts and shares evidence from its library; the buyer sees readiness update with its
// explanation and advances phase 1 → 2 with a recorded override.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { READINESS_MESSAGE_KEYS } from '../../src/domain/readiness/messages.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';
import { browserAvailability, launchBrowser, logIn, logOut, newContext, screenshot as fullScreenshot, SCREENSHOT_DIR, startServer, watchErrors, type TestServer } from './browser.js';

const env = browserAvailability();
if (!env.available) console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

const BROWSER_TEST_TIMEOUT = 90_000;
const PASSWORD = 'correct-horse-battery-9';

describe('readiness explanations in the web app', () => {
  const templates = (m: typeof en) => m.readiness.explain as unknown as Record<string, string | Record<string, string>>;
  const at = (m: typeof en, key: string) => {
    const [head, tail] = key.split('.');
    const v = templates(m)[head];
    return tail === undefined ? v : typeof v === 'object' ? v[tail] : undefined;
  };
  it('has an English and a Chinese template for every message key the domain emits', () => {
    for (const key of READINESS_MESSAGE_KEYS) {
      expect(typeof at(en, key), `en readiness.explain.${key}`).toBe('string');
      expect(typeof at(zhCN, key), `zh-CN readiness.explain.${key}`).toBe('string');
    }
  });
});

/**
 * Full-page screenshots from the top (a scrolled page would repeat the fixed header), without the toasts
 * (fixed, they would float mid-page); with a dialog open, the viewport only (the dialog is fixed too).
 */
async function shot(page: Page, name: string, opts: { dialog?: boolean } = {}) {
  for (const close of await page.locator('[data-testid^="notification-"] button').all()) await close.click().catch(() => undefined);
  if (opts.dialog) {
    await page.waitForTimeout(250);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    return;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullScreenshot(page, name);
}

const requirement = (page: Page, id: string) => page.locator(`[data-testid="requirement"][data-requirement-id="${id}"]`);

describe.skipIf(!env.available)('engagements in the browser', () => {
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

  it('a new buyer finds the demo supplier, opens an engagement, the supplier accepts and shares evidence, and the buyer advances 1 → 2 with an override', async () => {
    const li = server.logins.find((l) => l.email === 'li.wei@hengtai.example')!;
    const context = await newContext(browser, server.baseUrl, { timezoneId: 'Europe/Stockholm' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const email = `eva-${Date.now()}@fjord-medtech.example`;
    const title = 'FM-2 dialysis pump housings';

    // --- A new buyer signs up. ---------------------------------------------------------------------------
    await page.goto('/signup');
    await page.getByTestId('signup-name').fill('Eva Lindqvist');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill(PASSWORD);
    await page.getByTestId('signup-org-name').fill('Fjord Medtech AB');
    await page.getByTestId('signup-kind').getByText('Buyer', { exact: true }).click();
    await page.getByTestId('signup-country').click();
    await page.getByTestId('signup-country').fill('Sweden');
    await page.getByRole('option', { name: 'Sweden', exact: true }).click();
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('home-welcome').waitFor();

    // --- Directory: filter by certification, open the supplier. -------------------------------------------
    await page.getByTestId('nav-directory').click();
    await page.getByTestId('directory-table').waitFor();
    await page.getByTestId('directory-certification').fill('ISO 13485');
    await expect.poll(() => page.getByTestId('directory-row').count()).toBe(1);
    expect(await page.getByTestId('directory-row').textContent()).toContain('Ningbo Hengtai Precision Co., Ltd.');
    await shot(page, 'eng-01-directory-certification');
    await page.getByRole('link', { name: 'Ningbo Hengtai Precision Co., Ltd.' }).click();
    await page.getByTestId('claims-table').waitFor();
    // The identifier: format and check digit valid offline, and — for this new buyer — no registry extract yet.
    await expect.poll(() => page.getByTestId('identifier-format').first().getAttribute('data-state')).toBe('valid');
    expect(await page.getByTestId('identifier-format').first().textContent()).toBe('Format and check digit valid');
    expect(await page.getByTestId('identifier-registry').first().textContent()).toBe('Not confirmed by a registry extract');
    const iso9001Claim = page.locator('[data-testid="claim-row"][data-claim-type="certification"]').filter({ hasText: 'ISO 9001' });
    expect(await iso9001Claim.getByTestId('claim-status').getAttribute('data-status')).toBe('unverified');
    await shot(page, 'eng-02-supplier-profile');

    // --- Open an engagement for a scope. --------------------------------------------------------------------
    await page.getByTestId('open-engagement').click();
    const form = page.getByTestId('open-engagement-form');
    await form.waitFor();
    await page.getByTestId('open-submit').click();
    await form.getByText('Required', { exact: true }).first().waitFor(); // client-side validation, same schema as the API
    await page.getByTestId('open-title').fill(title);
    await page.getByTestId('open-products').fill('FM-2 housing, front');
    await page.keyboard.press('Enter');
    await page.getByTestId('open-products').fill('FM-2 housing, rear');
    await page.keyboard.press('Enter');
    await page.getByTestId('open-categories').fill('medical devices');
    await page.keyboard.press('Enter');
    await page.getByTestId('open-sector').click();
    await page.getByRole('option', { name: 'Medical devices', exact: true }).click();
    expect(await page.getByTestId('open-destination').inputValue()).toBe('Sweden');
    await shot(page, 'eng-03-open-engagement', { dialog: true });
    await page.getByTestId('open-submit').click();
    await page.getByTestId('engagement-title').waitFor();
    expect(await page.getByTestId('engagement-title').textContent()).toBe(title);
    expect(await page.getByTestId('engagement-header').getByTestId('phase-badge').first().getAttribute('data-phase')).toBe('proposed');
    await page.getByTestId('awaiting-supplier').waitFor();
    const engagementPath = new URL(page.url()).pathname;
    await logOut(page);

    // --- The supplier, in Chinese, accepts and shares evidence from its library. ---------------------------
    await logIn(page, li.email, li.password);
    await page.getByText('欢迎，Li Wei').waitFor();
    // The label is Chinese; beside it, a count of what waits for the supplier (at least the request just made).
    expect(await page.getByTestId('nav-engagements').locator('.mantine-NavLink-label').textContent()).toBe('合作项目');
    expect(Number(await page.getByTestId('nav-count-engagements').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('nav-engagements').click();
    await page.getByTestId('engagements-table').waitFor();
    await page.getByRole('link', { name: title }).click();
    await page.getByTestId('response-banner').waitFor();
    expect(await page.getByTestId('response-banner').textContent()).toContain('Fjord Medtech AB 提出合作项目');
    expect(await page.getByTestId('response-accept').textContent()).toBe('接受');
    expect(await page.getByTestId('response-decline').textContent()).toBe('拒绝');
    await shot(page, 'eng-04-supplier-request-zh');
    await page.getByTestId('response-note').fill('Happy to support the FM-2 programme.');
    await page.getByTestId('response-accept').click();
    await expect.poll(() => page.getByTestId('engagement-header').getByTestId('phase-badge').first().getAttribute('data-phase')).toBe('credibility');
    expect(await page.getByTestId('engagement-header').getByTestId('phase-badge').first().textContent()).toBe('可信度');

    await page.getByTestId('tab-evidence').click();
    expect(await page.getByTestId('tab-evidence').textContent()).toBe('证据');
    await page.getByTestId('evidence-share-open').click();
    expect(await page.getByTestId('evidence-share-open').textContent()).toBe('从证据库共享');
    await page.getByTestId('share-item').first().waitFor();
    await page.locator('[data-testid="share-item"]').filter({ hasText: 'ISO 9001:2015 certificate' }).click();
    await page.locator('[data-testid="share-item"]').filter({ hasText: 'Business licence registry extract' }).click();
    await shot(page, 'eng-05-share-from-library-zh', { dialog: true });
    await page.getByTestId('share-submit').click();
    await expect.poll(() => page.getByTestId('engagement-evidence-row').count()).toBe(2);
    const shared = await page.getByTestId('engagement-evidence-table').textContent();
    expect(shared).toContain('有文件佐证'); // documented, in Chinese
    expect(shared).toContain('证书');
    await shot(page, 'eng-06-shared-evidence-zh');

    // Readiness in Chinese: the registration requirement is met, its explanation translated from {key, params}.
    await page.getByTestId('tab-readiness').click();
    await expect.poll(() => requirement(page, 'p1.registration').getAttribute('data-state')).toBe('met');
    expect(await requirement(page, 'p1.registration').getByTestId('requirement-state').textContent()).toBe('已满足');
    expect(await requirement(page, 'p1.registration').getByTestId('requirement-why').textContent()).toBe('1 份证据达到至少“有文件佐证”的来源等级（需要 1 份）；最强为“有文件佐证”。');
    expect(await requirement(page, 'p1.registration').getByTestId('requirement-title').textContent()).toBe('具有有效识别号的公司注册');
    await shot(page, 'eng-07-readiness-zh');
    await logOut(page);

    // --- The buyer sees readiness updated, with its explanation. -------------------------------------------
    await logIn(page, email, PASSWORD);
    await page.goto(`${engagementPath}?tab=readiness`);
    await requirement(page, 'p1.registration').waitFor();
    expect(await requirement(page, 'p1.registration').getAttribute('data-state')).toBe('met');
    expect(await requirement(page, 'p1.registration').getByTestId('requirement-why').textContent()).toBe(
      '1 piece of evidence of at least documented provenance count (1 needed); the strongest is documented.',
    );
    expect(await requirement(page, 'p1.qms_certification').getAttribute('data-state')).toBe('met');
    expect(await requirement(page, 'p1.iso13485').getAttribute('data-state')).toBe('unmet');
    expect(await requirement(page, 'p1.iso13485').getByTestId('requirement-why').textContent()).toContain('No certificate evidence for ISO 13485 has been shared');
    expect(await requirement(page, 'p1.registration').getByTestId('evidence-chip').textContent()).toContain('Business licence registry extract');
    expect(await page.getByTestId('score-formal-value').textContent()).toBe('35');
    await page.getByTestId('readiness-blocking').waitFor();
    await shot(page, 'eng-08-readiness-buyer');

    // The supplier's page now shows the registry confirmation and the supported certification claim.
    await page.getByTestId('party-supplier').getByRole('link').click();
    await page.getByTestId('claims-table').waitFor();
    await expect.poll(() => page.getByTestId('identifier-registry').first().getAttribute('data-state')).toBe('confirmed');
    expect(await page.getByTestId('identifier-registry').first().textContent()).toContain('Confirmed by registry extract: Business licence registry extract (USCC 91330200MA2H2KGP8X)');
    await expect.poll(() => iso9001Claim.getByTestId('claim-status').getAttribute('data-status')).toBe('supported');
    expect(await iso9001Claim.getByTestId('claim-status').textContent()).toBe('Supported · Documented');
    await iso9001Claim.click();
    expect(await page.getByTestId('claim-details').getByTestId('evidence-chip').textContent()).toContain('ISO 9001:2015 certificate 01 100 2318406');
    await shot(page, 'eng-09-supplier-confirmed');

    // --- A waiver given and withdrawn again: the requirement counts by its evidence once more. ---------------
    await page.goto(`${engagementPath}?tab=readiness`);
    const references = page.locator('[data-testid="requirement"][data-requirement-id="p1.references"]');
    await references.waitFor();
    const referencesState = await references.getAttribute('data-state');
    expect(['unmet', 'partly_met']).toContain(referencesState);
    await references.getByTestId('requirement-waive').click();
    await page.getByTestId('waive-reason').fill('References requested from two German customers; followed up in phase 2.');
    await page.getByTestId('waive-submit').click();
    await expect.poll(() => references.getAttribute('data-state')).toBe('waived');
    await references.getByTestId('requirement-unwaive').click();
    await page.getByTestId('unwaive-waiver').waitFor();
    expect(await page.getByTestId('unwaive-waiver').textContent()).toContain('References requested from two German customers');
    await shot(page, 'eng-10a-unwaive', { dialog: true });
    await page.getByTestId('unwaive-submit').click();
    await expect.poll(() => references.getAttribute('data-state')).toBe(referencesState);
    expect(await references.getByTestId('requirement-waive').count()).toBe(1);

    // --- The gate: blocking requirements listed, advance only with an explicit override and its reason. ---
    await page.goto(engagementPath);
    await page.getByTestId('gate-open').click();
    await page.getByTestId('gate-blocking').waitFor();
    await shot(page, 'eng-10-gate-blocking', { dialog: true });
    const blocking = await page.getByTestId('gate-blocking-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-requirement-id')));
    expect(blocking.sort()).toEqual(['p1.iso13485', 'p1.references', 'p1.response_time']);
    expect(await page.getByTestId('gate-blocking').textContent()).toContain('References from other buyers');
    await page.getByTestId('gate-rationale').fill('Registration and ISO 9001 verified from documents; Hengtai answered our first questions the same day.');
    await page.getByTestId('gate-submit').click();
    await page.getByText('Tick the override to advance with unmet requirements, or waive them first.').waitFor();
    await page.getByTestId('gate-override').check();
    await page.getByTestId('gate-override-reason').fill('Capability samples are urgent; ISO 13485, references and response times are followed up in phase 2.');
    await shot(page, 'eng-11-gate-override', { dialog: true });
    await page.getByTestId('gate-submit').click();
    await page.getByTestId('gate-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('engagement-header').getByTestId('phase-badge').first().getAttribute('data-phase')).toBe('capability_validation');
    expect(await page.getByTestId('phase-step-capability_validation').getAttribute('data-current')).toBe('true');

    // The decision on the timeline, with the override, its reason and the unmet requirements.
    const decision = page.locator('[data-testid="timeline-item"][data-decision="advance"]');
    await decision.waitFor();
    expect(await decision.getAttribute('data-override')).toBe('true');
    const details = await decision.getByTestId('override-details').textContent();
    expect(details).toContain('Capability samples are urgent');
    expect(details).toContain('ISO 13485 certification for medical devices');
    expect(details).toContain('Technical inquiries answered promptly (median response time)');
    expect(await decision.textContent()).toContain('Eva Lindqvist (Fjord Medtech AB)');
    expect(await decision.getByTestId('evidence-chip').count()).toBe(2);
    await shot(page, 'eng-12-advanced-timeline');

    expect(errors).toEqual([]);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);
});
