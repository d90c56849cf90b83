// Walking every page of the app as a user, for the checks that hold on every page: no English sentence of the
// product in the Chinese UI, and nothing wider than a phone. The walk starts at the navbar's links and follows the
// app's own links to one page of each kind (ids replaced by :id), opening every tab it finds on the way.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/seed.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import { ensureWebBuild, REPO_ROOT, screenshot, WEB_ROOT } from './browser.js';

/**
 * The real server over a fresh database with the demo, serving a copy of the built web app taken now: the walk
 * takes minutes, and another test rebuilding dist/web meanwhile would swap the hashed chunks under it.
 */
export async function startSnapshotServer() {
  ensureWebBuild();
  const tmp = mkdtempSync(join(tmpdir(), 'bonafide-e2e-walk-'));
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

/**
 * What users typed in the demo (organization, people, engagement, claim and evidence titles, messages, notes,
 * product lines, file names…): the string literals of src/demo, template literals cut at their ${…}. Only these may
 * show as English words in the Chinese UI — everything else the product writes must be worded in Chinese.
 */
export function demoAllowList(): string[] {
  const dir = join(REPO_ROOT, 'src/demo');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const m of src.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
      const text = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
      for (const piece of text.split(/\$\{[^}]*\}/)) {
        for (const line of piece.split('\n')) {
          const s = line.trim();
          // Pieces without a word of three letters cannot hide an English sentence; short glue (" of ") is left out.
          if (s.length >= 4 && /[A-Za-z]{3,}/.test(s)) out.add(s);
        }
      }
    }
  }
  // Names of formats and commands the product's own texts cite, the same in every language.
  for (const name of ['JSON Lines', 'bonafide dossier verify', 'bonafide credential verify']) out.add(name);
  // Longest first, so a title is taken out before a shorter piece of it.
  return [...out].sort((a, b) => b.length - a.length);
}

export const ENGLISH_SENTENCE = /[A-Za-z]{3,}\s+[A-Za-z]{3,}/;

/** Visible text nodes (and placeholders) that still read as English after the allowed demo data is taken out. */
export async function untranslated(page: Page, allowed: string[]): Promise<string[]> {
  return page.evaluate(
    ({ allowed, pattern }) => {
      const re = new RegExp(pattern);
      const found = new Set<string>();
      const check = (raw: string, el: Element) => {
        if (!re.test(raw)) return;
        let s = raw;
        for (const a of allowed) if (s.includes(a)) s = s.split(a).join(' · ');
        if (re.test(s)) found.add(`${raw.trim().slice(0, 140)}  [${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `#${el.getAttribute('data-testid')}` : ''}]`);
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        // Commands and code shown to copy (a CLI line) are the same in every language.
        if (!el || el.closest('script,style,noscript,pre,code')) continue;
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        check(n.textContent ?? '', el);
      }
      for (const el of document.querySelectorAll('[placeholder]')) {
        if (el.checkVisibility()) check(el.getAttribute('placeholder') ?? '', el);
      }
      return [...found];
    },
    { allowed, pattern: ENGLISH_SENTENCE.source },
  );
}

/**
 * Elements that reach past the right edge of the viewport (or start left of it while showing), except inside an
 * element that scrolls sideways (wide tables in their scroll container). Off-canvas elements (the closed phone
 * navbar) are not on screen and do not count. Only the outermost offender of a subtree is named.
 */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const out: string[] = [];
    const docWidth = document.documentElement.scrollWidth;
    if (docWidth > vw) out.push(`document is ${docWidth}px wide on a ${vw}px screen`);
    const flagged: Element[] = [];
    const scrollsSideways = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'auto' || cs.overflowX === 'scroll') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
      if (r.right <= vw + 1 && r.left >= -1) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (flagged.some((f) => f.contains(el))) continue;
      if (scrollsSideways(el)) continue;
      flagged.push(el);
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).find((c) => c.startsWith('mantine-')) : '';
      out.push(`${el.tagName.toLowerCase()}${id ? `#${id}` : ''}${cls ? `.${cls}` : ''} ${Math.round(r.left)}..${Math.round(r.right)}px: "${(el.textContent ?? '').trim().slice(0, 60)}"`);
    }
    return out;
  });
}

/** A page's kind: its path with ids (UUIDs, long hex or digit runs) as :id, and its tab. */
export function pageKind(url: string): string {
  const u = new URL(url, 'http://x');
  const path = u.pathname
    .split('/')
    .map((s) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(s) || /^[0-9a-f]{16,}$/i.test(s) || /^\d+$/.test(s) ? ':id' : s))
    .join('/');
  return path;
}

/** Links the walk does not follow: downloads, the API, server-rendered public pages, logging out. */
const SKIP = [/^\/api\//, /^\/public\//, /\.(pdf|csv|json|zip)$/, /\/content$/, /^\/login/, /^\/signup/, /^\/invite/];

export interface WalkResult {
  /** page kind → what the check found there */
  findings: Map<string, string[]>;
  visited: string[];
}

/** Waits until the page's loaders are gone (twice, 250 ms apart: a loaded panel may start loading the next part). */
export async function settle(page: Page): Promise<void> {
  const loaded = () =>
    page.waitForFunction(() => !document.querySelector('.mantine-Loader-root, [data-testid="loading"], .mantine-Skeleton-root'), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForLoadState('domcontentloaded');
  await page.waitForTimeout(200);
  await loaded();
  await page.waitForTimeout(250);
  await loaded();
}

/**
 * Visits every page kind reachable from the navbar, and every tab of each; `check` runs on each view and
 * returns what it found (empty when all is well). Screenshots are named `${prefix}-${kind}`.
 */
export async function walk(page: Page, prefix: string, check: (page: Page) => Promise<string[]>, opts: { maxPages?: number; shots?: boolean } = {}): Promise<WalkResult> {
  const maxPages = opts.maxPages ?? 60;
  const findings = new Map<string, string[]>();
  const visited: string[] = [];
  const seen = new Set<string>();
  await page.goto('/');
  await settle(page);
  const queue: string[] = ['/', ...(await page.locator('[data-testid="navbar"] a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))];
  while (queue.length && visited.length < maxPages) {
    const href = queue.shift()!;
    const path = href.split('#')[0]!.split('?')[0]!;
    const kind = pageKind(path);
    if (seen.has(kind) || SKIP.some((re) => re.test(path))) continue;
    seen.add(kind);
    await page.goto(path);
    await settle(page);
    if (new URL(page.url()).pathname === '/login') throw new Error(`${path} sent the user to the log-in page`);
    visited.push(path);
    const name = (suffix: string) => `${prefix}${kind.replace(/[/:]+/g, '-').replace(/-$/, '') || '-home'}${suffix}`;
    const record = (label: string, found: string[]) => {
      if (found.length) findings.set(label, [...(findings.get(label) ?? []), ...found]);
    };
    record(kind, await check(page));
    if (opts.shots !== false) await shoot(page, name(''));
    const links = await page.locator('main a[href^="/"], [role="tabpanel"] a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    // Tabs (engagement, quality, visit…): each one opened and checked on the same page.
    const tabs = await page.locator('main [role="tab"]').all();
    for (const [i, tab] of tabs.entries()) {
      if (!(await tab.isVisible()) || (await tab.getAttribute('aria-selected')) === 'true' || (await tab.isDisabled())) continue;
      const value = (await tab.getAttribute('data-testid')) ?? `tab${i}`;
      await tab.click();
      await settle(page);
      record(`${kind} (${value})`, await check(page));
      if (opts.shots !== false) await shoot(page, name(`-${value}`));
      links.push(...(await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))));
    }
    for (const l of links) if (!seen.has(pageKind(l.split('?')[0]!))) queue.push(l);
  }
  return { findings, visited };
}

async function shoot(page: Page, name: string) {
  for (const close of await page.locator('[data-testid^="notification-"] button').all()) await close.click().catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}
