// Helpers for end-to-end browser tests: the real server in-process (temp SQLite and file store, demo
// workspace seeded, the built web app served), and Debian's Chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/accounts.js';
import { seedDemo, type DemoLogin } from '../../src/demo/seed.js';
import { buildApp } from '../../src/http/app.js';
import { signupLinks } from '../support/http.js';
import { openRuntime } from '../../src/runtime.js';
import { mailSettingsFromEnv, type MailSettings } from '../../src/services/notifications/settings.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(REPO_ROOT, 'dist/web');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts/screenshots');
export const CHROMIUM_PATH = process.env.BONAFIDE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a printed reason, except in CI
 * (CI=true), where the caller must fail instead: a browser test never passes silently.
 */
export function browserAvailability(): { available: boolean; reason: string; mustFail: boolean } {
  if (existsSync(CHROMIUM_PATH)) return { available: true, reason: '', mustFail: false };
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set BONAFIDE_CHROMIUM)`;
  return { available: false, reason, mustFail: process.env.CI === 'true' };
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/**
 * The tests drive the built app in dist/web (npm test builds it first). When it is missing or older than
 * its sources (web/, src/contracts, src/domain/model.ts), it is built here, once, under a lock directory.
 */
export function ensureWebBuild(): void {
  const index = join(WEB_ROOT, 'index.html');
  const sources = [join(REPO_ROOT, 'web'), join(REPO_ROOT, 'src/contracts'), join(REPO_ROOT, 'src/domain/model.ts')];
  const stale = () => !existsSync(index) || sources.some((s) => existsSync(s) && newestMtime(s) > statSync(index).mtimeMs);
  if (!stale()) return;
  const lock = join(REPO_ROOT, 'dist/.web-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (remove it if no build is running)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (stale()) {
      execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      });
    }
  } finally {
    rmdirSync(lock);
  }
  if (!existsSync(index)) throw new Error(`the web app was not built: ${index} is missing (run npm run build:web)`);
}

export interface TestServer {
  baseUrl: string;
  logins: DemoLogin[];
  close(): Promise<void>;
}

/** The real API and web app on a random local port, over a fresh temp database and file store. */
/** signupConfirmation: sign-up by email link, as with SMTP_URL set (the link is collected instead of sent). */
export async function startServer(opts: { signupConfirmation?: boolean } = {}): Promise<TestServer> {
  ensureWebBuild();
  const tmp = mkdtempSync(join(tmpdir(), 'bonafide-e2e-'));
  const ctx = await openRuntime({ databaseUrl: `sqlite:${join(tmp, 'db.sqlite')}`, dataDir: tmp });
  if (opts.signupConfirmation) (ctx.config as { mail?: MailSettings }).mail = { ...mailSettingsFromEnv({}), signupConfirmation: 'email' };
  const { logins } = await seedDemo(ctx);
  const app = await buildApp(ctx, { webRoot: WEB_ROOT, unsentSignupLink: (email, link) => signupLinks.set(email.toLowerCase(), link) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    logins,
    close: async () => {
      await app.close();
      await ctx.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The path of the sign-up link the server would have emailed to `email` (tests run without SMTP). */
export async function signupLinkPath(email: string): Promise<string> {
  const link = signupLinks.get(email.toLowerCase());
  if (!link) throw new Error(`no sign-up link was sent to ${email}`);
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A fresh browser profile (own cookies) with a desktop viewport, English UI and a fixed time zone. */
export async function newContext(browser: Browser, baseUrl: string, opts: { locale?: string; timezoneId?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 860 },
    locale: opts.locale ?? 'en-US',
    timezoneId: opts.timezoneId ?? 'Europe/Berlin',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Collects uncaught page errors, console errors and failed requests, so a test can assert the app ran cleanly.
 * A 401 from GET /api/v1/me (or the CSRF token) is how the app learns it is logged out, so it is expected;
 * pass `allow` for responses a test provokes on purpose.
 */
export function watchErrors(page: Page, allow: RegExp[] = []): string[] {
  const errors: string[] = [];
  const expected = [/^401 GET \/api\/v1\/(me|auth\/csrf)$/, ...allow];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests are reported (with their URL) by the response listener below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    // A read still in flight when the user logs out is answered 401: the app's business, not an error.
    if (r.status() === 401 && r.request().method() === 'GET' && loggingOut.has(page)) return;
    const line = `${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`;
    if (!expected.some((re) => re.test(line))) errors.push(`response: ${line}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let transitions (menus closing, notifications appearing) settle.
  await page.waitForTimeout(250);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Logs in through the form (the demo password unless given) and waits for the home page. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-welcome').waitFor();
}

/** Pages in the middle of logging out (see watchErrors). */
const loggingOut = new WeakSet<Page>();

/** Logs out through the account menu and waits for the log-in form. */
export async function logOut(page: Page): Promise<void> {
  loggingOut.add(page);
  try {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    // Reads the last action started may still come back (401) just after the form shows.
    await page.waitForTimeout(300);
  } finally {
    loggingOut.delete(page);
  }
  if (new URL(page.url()).pathname !== '/login') throw new Error(`after log-out the page is ${page.url()}, not /login`);
}
