// End-to-end: the foundation screens in a real browser against the real server (see browser.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailability, launchBrowser, logIn, logOut, newContext, screenshot, startServer, watchErrors, type TestServer } from './browser.js';

const env = browserAvailability();
if (!env.available) {
  console.warn(`[e2e] ${env.mustFail ? 'FAILING' : 'skipping'} browser tests: ${env.reason}`);
}

// Defined only where it must fail, so a machine with Chromium reports no skipped test for it.
if (env.mustFail) {
  describe('browser prerequisites (CI)', () => {
    it('has Chromium', () => {
      throw new Error(`browser tests cannot run in CI: ${env.reason}`);
    });
  });
}

const PASSWORD = 'correct-horse-battery-9';
/** Each test drives a real browser through several screens: generous for a loaded CI machine. */
const BROWSER_TEST_TIMEOUT = 90_000;

describe.skipIf(!env.available)('foundation screens in the browser', () => {
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

  it('a supplier signs up, logs out and in, works in Chinese, creates an API token, uploads a file and reads the audit log', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const errors = watchErrors(page, [/^401 POST \/api\/v1\/auth\/login$/]); // the wrong password below
    const email = `qm-${Date.now()}@zhejiang-castings.example`;

    // Not logged in: the app sends us to the login page.
    await page.goto('/');
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, '01-login');

    // Sign up a supplier: the organization, its kind and its country.
    await page.getByTestId('signup-link').click();
    await page.getByTestId('signup-form').waitFor();
    // Client-side validation with the shared Zod schema, shown next to the fields.
    await page.getByTestId('signup-submit').click();
    await page.getByText('Required', { exact: true }).first().waitFor();
    expect(await page.getByText('Required', { exact: true }).count()).toBe(4);
    expect(await page.getByText('Choose a country', { exact: true }).count()).toBe(1);
    await page.getByTestId('signup-name').fill('Zhou Min');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill('too-short');
    await page.getByTestId('signup-submit').click();
    await page.getByText('At least 10 characters', { exact: true }).waitFor();
    await page.getByTestId('signup-password').fill(PASSWORD);
    expect(await page.getByText('At least 10 characters', { exact: true }).count()).toBe(0);
    await page.getByTestId('signup-org-name').fill('Zhejiang Test Castings Co., Ltd.');
    await page.getByTestId('signup-kind').getByText('Supplier', { exact: true }).click();
    await page.getByTestId('signup-country').click();
    await page.getByTestId('signup-country').fill('China');
    await page.getByRole('option', { name: 'China', exact: true }).click();
    expect(await page.getByTestId('signup-country').inputValue()).toBe('China');
    await screenshot(page, '02-signup');
    await page.getByTestId('signup-submit').click();

    // Lands in the app, in the new organization.
    await page.getByTestId('home-welcome').waitFor();
    expect(await page.getByTestId('home-welcome').textContent()).toContain('Welcome, Zhou Min');
    expect(await page.getByTestId('org-card-name').textContent()).toBe('Zhejiang Test Castings Co., Ltd.');
    expect(await page.getByTestId('org-card').textContent()).toContain('Supplier');
    expect(await page.getByTestId('org-card').textContent()).toContain('China (CN)');
    await screenshot(page, '03-supplier-home');

    // Log out, then log in again (a wrong password first).
    await logOut(page);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('Email or password is wrong');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-welcome').waitFor();

    // Switch to Chinese: the UI changes at once and the choice is saved to the profile (survives a reload).
    await page.getByTestId('language-switch').click();
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH');
    await page.getByTestId('language-zh-CN').click();
    expect((await saved).status()).toBe(200);
    await page.getByText('欢迎，Zhou Min').waitFor();
    expect(await page.getByTestId('nav-home').textContent()).toContain('首页');
    expect(await page.getByTestId('org-card').textContent()).toContain('供应商');
    expect(await page.getByTestId('org-card').textContent()).toContain('中国');
    await page.reload();
    await page.getByText('欢迎，Zhou Min').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, '04-supplier-home-zh');

    // Create an API token: shown once, with a copy button, then listed by its prefix.
    await page.getByTestId('nav-settings-tokens').click();
    await page.getByTestId('token-form').waitFor();
    expect(await page.getByTestId('page-title').textContent()).toBe('API 令牌');
    await page.getByTestId('token-name').fill('ERP export');
    await page.getByTestId('token-create').click();
    await page.getByTestId('token-created').waitFor();
    const token = (await page.getByTestId('token-value').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await page.getByTestId('token-row').first().waitFor();
    expect(await page.getByTestId('token-row').count()).toBe(1);
    expect(await page.getByTestId('token-row').first().textContent()).toContain('ERP export');
    expect(await page.getByTestId('token-row').first().textContent()).toContain('有效');
    await screenshot(page, '05-tokens-zh');

    // The token works against the API (and is not the session).
    const viaToken = await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.status()).toBe(200);
    expect(((await viaToken.json()) as { via: string }).via).toBe('token');

    // Upload an evidence file: listed with its shortened SHA-256.
    await page.getByTestId('nav-files').click();
    await page.getByTestId('upload-form').waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'iso9001-certificate.txt', mimeType: 'text/plain', buffer: Buffer.from('ISO 9001:2015 certificate no. 12345\n') });
    await page.getByTestId('file-upload').click();
    await page.getByTestId('file-row').first().waitFor();
    expect(await page.getByTestId('file-row').first().textContent()).toContain('iso9001-certificate.txt');
    expect((await page.getByTestId('file-sha256').first().textContent())?.replace('…', '')).toMatch(/^[0-9a-f]{12}$/);
    await screenshot(page, '06-files-zh');

    // The audit log shows what happened, newest first, with Chinese labels.
    await page.getByTestId('nav-settings-audit-log').click();
    await page.getByTestId('audit-table').waitFor();
    const audit = await page.getByTestId('audit-table').textContent();
    for (const action of ['token.created', 'file.uploaded', 'user.signed_up', 'organization.created', 'user.logged_in']) expect(audit).toContain(action);
    expect(audit).toContain('创建 API 令牌');
    expect(await page.getByTestId('audit-row').first().textContent()).toContain('file.uploaded');
    expect(await page.getByTestId('audit-end').isVisible()).toBe(true);
    await screenshot(page, '07-audit-log-zh');

    // Back to English for the next visit.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await page.getByTestId('page-title').getByText('Audit log').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);

  it('the demo buyer sees its organization, the directory, and invites a colleague who joins by link', async () => {
    const anna = server.logins.find((l) => l.email === 'anna.weber@nordlicht.example')!;
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    const errors = watchErrors(page);

    await logIn(page, anna.email, anna.password);
    expect(await page.getByTestId('home-welcome').textContent()).toContain('Anna Weber');
    const card = await page.getByTestId('org-card').textContent();
    expect(card).toContain('Nordlicht Medical GmbH');
    expect(card).toContain('Buyer');
    expect(card).toContain('Germany');
    expect(card).toContain('DE136695976');
    await screenshot(page, '08-buyer-home');

    // Directory: search suppliers, open one.
    await page.getByTestId('nav-directory').click();
    await page.getByTestId('directory-table').waitFor();
    expect(await page.getByTestId('directory-row').count()).toBeGreaterThanOrEqual(4);
    await page.getByTestId('directory-kind').click();
    await page.getByRole('option', { name: 'Supplier', exact: true }).click();
    await page.getByTestId('directory-search').fill('hengtai');
    await expect.poll(() => page.getByTestId('directory-row').count()).toBe(1);
    expect(await page.getByTestId('directory-row').first().textContent()).toContain('Ningbo Hengtai Precision Co., Ltd.');
    await screenshot(page, '09-directory');
    await page.getByRole('link', { name: 'Ningbo Hengtai Precision Co., Ltd.' }).click();
    await page.getByTestId('organization-name').waitFor();
    expect(await page.getByTestId('organization-name').textContent()).toBe('Ningbo Hengtai Precision Co., Ltd.');

    // Organization settings: members, then an invitation whose link is shown to copy.
    await page.getByTestId('nav-settings-organization').click();
    await page.getByTestId('profile-form').waitFor();
    await page.getByTestId('tab-members').click();
    await page.getByTestId('members-table').waitFor();
    expect(await page.getByTestId('member-row').count()).toBe(2);
    await page.getByTestId('tab-invitations').click();
    await page.getByTestId('invitation-email').fill('petra.schmidt@nordlicht.example');
    await page.getByTestId('invitation-submit').click();
    await page.getByTestId('invitation-created').waitFor();
    const link = (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/invite/\\S+$`));
    await page.getByTestId('invitation-row').first().waitFor();
    expect(await page.getByTestId('invitation-row').first().textContent()).toContain('Pending');
    await screenshot(page, '10-invitations');

    // The invitee opens the link in their own browser and signs up into Nordlicht.
    const inviteeContext = await newContext(browser, server.baseUrl, { timezoneId: 'Europe/Berlin' });
    const invitee = await inviteeContext.newPage();
    const inviteeErrors = watchErrors(invitee);
    await invitee.goto(link);
    await invitee.getByTestId('invite-title').waitFor();
    expect(await invitee.getByTestId('invite-title').textContent()).toContain('Nordlicht Medical GmbH');
    expect(await invitee.getByTestId('signup-email').inputValue()).toBe('petra.schmidt@nordlicht.example');
    await invitee.getByTestId('signup-name').fill('Petra Schmidt');
    await invitee.getByTestId('signup-password').fill(PASSWORD);
    await screenshot(invitee, '11-invite-signup');
    await invitee.getByTestId('signup-submit').click();
    await invitee.getByTestId('home-welcome').waitFor();
    expect(await invitee.getByTestId('org-card-name').textContent()).toBe('Nordlicht Medical GmbH');
    // A member does not see the audit log in the navbar, and the page itself says why.
    expect(await invitee.getByTestId('nav-settings-audit-log').count()).toBe(0);
    await invitee.goto('/settings/audit-log');
    await invitee.getByTestId('forbidden').waitFor();
    expect(inviteeErrors).toEqual([]);
    await inviteeContext.close();

    // Back with Anna: the invitation is accepted and Petra is a member.
    await page.reload();
    await page.getByTestId('invitation-row').first().waitFor();
    expect(await page.getByTestId('invitation-row').first().textContent()).toContain('Accepted');
    await page.getByTestId('tab-members').click();
    await expect.poll(() => page.getByTestId('member-row').count()).toBe(3);

    expect(errors).toEqual([]);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);

  it('an auditor accepts an invitation while logged in and switches between organizations', async () => {
    const anna = server.logins.find((l) => l.email === 'anna.weber@nordlicht.example')!;
    const sarah = server.logins.find((l) => l.email === 'sarah.hughes@meridian.example')!;

    // Anna invites Sarah (who already has an account at Meridian) as a viewer.
    const annaContext = await newContext(browser, server.baseUrl);
    const annaPage = await annaContext.newPage();
    await logIn(annaPage, anna.email, anna.password);
    await annaPage.goto('/settings/organization?tab=invitations');
    await annaPage.getByTestId('invitation-email').fill(sarah.email);
    await annaPage.getByTestId('invitation-role').click();
    await annaPage.getByRole('option', { name: 'Viewer', exact: true }).click();
    await annaPage.getByTestId('invitation-submit').click();
    await annaPage.getByTestId('invitation-created').waitFor();
    const link = (await annaPage.getByTestId('invitation-link').textContent())?.trim() ?? '';
    await annaContext.close();

    // Sarah is logged in at Meridian, opens the link and accepts.
    const context = await newContext(browser, server.baseUrl, { timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, sarah.email, sarah.password);
    expect(await page.getByTestId('org-card-name').textContent()).toBe('Meridian Assurance Ltd');
    await page.goto(link);
    await page.getByTestId('invite-accept').click();
    await page.getByTestId('home-welcome').waitFor();
    await expect.poll(() => page.getByTestId('org-card-name').textContent()).toBe('Nordlicht Medical GmbH');
    expect(await page.getByTestId('home-welcome').textContent()).toContain('Sarah Hughes');
    // A viewer: no tokens, no audit log in the navbar.
    expect(await page.getByTestId('nav-settings-tokens').count()).toBe(0);
    expect(await page.getByTestId('nav-settings-audit-log').count()).toBe(0);

    // The organization switcher now lists both; switching changes the whole workspace.
    expect(await page.getByTestId('org-switcher').inputValue()).toBe('Nordlicht Medical GmbH');
    await page.getByTestId('org-switcher').click();
    await screenshot(page, '13-organization-switcher');
    await page.getByRole('option', { name: 'Meridian Assurance Ltd' }).click();
    await expect.poll(() => page.getByTestId('org-card-name').textContent()).toBe('Meridian Assurance Ltd');
    expect(await page.getByTestId('nav-settings-audit-log').count()).toBe(1);
    await page.getByTestId('nav-settings-organization').click();
    await page.getByTestId('tab-members').click();
    await page.getByTestId('members-table').waitFor();
    expect(await page.getByTestId('members-table').textContent()).toContain('Sarah Hughes');
    expect(await page.getByTestId('members-table').textContent()).not.toContain('Anna Weber');
    await screenshot(page, '14-members');

    // Sarah opens a third organization of her own (Meridian's Shanghai office): she owns it and works in it.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('new-org-open').click();
    await page.getByTestId('new-org-submit').click(); // empty: refused on the spot
    await page.getByTestId('new-org-modal').getByText('Required', { exact: true }).first().waitFor();
    await page.getByTestId('new-org-name').fill('Meridian Assurance (Shanghai) Co., Ltd.');
    await page.getByTestId('new-org-kind').getByText('Auditor', { exact: true }).click();
    await page.getByTestId('new-org-country').click();
    await page.getByTestId('new-org-country').fill('China');
    await page.getByRole('option', { name: 'China', exact: true }).click();
    await screenshot(page, '15-new-organization');
    await page.getByTestId('new-org-submit').click();
    await expect.poll(() => page.getByTestId('org-card-name').textContent()).toBe('Meridian Assurance (Shanghai) Co., Ltd.');
    expect(await page.getByTestId('org-switcher').inputValue()).toBe('Meridian Assurance (Shanghai) Co., Ltd.');
    await page.getByTestId('org-switcher').click();
    expect(await page.getByRole('option').count()).toBe(3);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('nav-settings-audit-log').count()).toBe(1); // the owner

    expect(errors).toEqual([]);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);

  it('a user whose profile is in Chinese gets the Chinese UI after logging in', async () => {
    const li = server.logins.find((l) => l.email === 'li.wei@hengtai.example')!;
    const context = await newContext(browser, server.baseUrl, { timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await logIn(page, li.email, li.password);
    await page.getByText('欢迎，Li Wei').waitFor();
    expect(await page.getByTestId('org-card').textContent()).toContain('cn-uscc');
    await screenshot(page, '12-supplier-demo-zh');
    await context.close();
  }, BROWSER_TEST_TIMEOUT);
});
