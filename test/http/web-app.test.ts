// The web app is served compressed (the build's .br/.gz siblings) with a year's immutable caching for hashed
// assets and revalidation for the app shell, so a first load transfers little and a second one nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/routes/types.js';
import { IMMUTABLE, REVALIDATE } from '../../src/http/web-app.js';
import { createTestContext, type TestContext } from '../support/databases.js';

describe('serving the built web app', () => {
  let ctx: TestContext;
  let app: App;
  let root: string;
  const script = `console.log(${JSON.stringify('bonafide '.repeat(400))});`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bonafide-web-'));
    mkdirSync(join(root, 'assets'));
    const index = `<!doctype html><html><head><script type="module" src="/assets/index-AbC1_x-9.js"></script></head><body>${'<!-- app -->'.repeat(200)}</body></html>`;
    writeFileSync(join(root, 'index.html'), index);
    writeFileSync(join(root, 'index.html.br'), brotliCompressSync(index));
    writeFileSync(join(root, 'assets/index-AbC1_x-9.js'), script);
    writeFileSync(join(root, 'assets/index-AbC1_x-9.js.br'), brotliCompressSync(script));
    writeFileSync(join(root, 'assets/index-AbC1_x-9.js.gz'), gzipSync(script));
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    ctx = await createTestContext('sqlite');
    app = await buildApp(ctx, { webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-AbC1_x-9.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await app.inject({ method: 'GET', url: '/assets/index-AbC1_x-9.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);
    const plain = await app.inject({ method: 'GET', url: '/assets/index-AbC1_x-9.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('has the app shell revalidated, at / and at a client route', async () => {
    for (const url of ['/', '/engagements/123']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
  });

  it('does not cache unhashed files forever, and answers a missing asset 404', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe(REVALIDATE);
    const missing = await app.inject({ method: 'GET', url: '/assets/index-Zz9Zz9Zz.js' });
    expect(missing.statusCode).toBe(404);
  });
});
