// An import sent to a listening server over a real socket, as browsers, the CLI's users and integrations send it.
// The injected requests of the other route tests carry a small stand-in for the request stream; over a socket the
// body of an import route is the stream itself, whose socket and server reach thousands of objects. The NUL-character
// guard once walked all of them on every import: the server stayed busy for minutes, the import never answered and
// /healthz did not either. Here the import must answer, and /healthz with it.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/routes/types.js';
import { productionLogCsv, qualityWorld, type QualityWorld } from '../fixtures/quality/setup.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';
import { testApp } from '../support/http.js';

describe.each(TEST_DATABASES)('an import over a real socket on $name', ({ name, skipReason }) => {
  let ctx: TestContext;
  let app: App;
  let w: QualityWorld;
  let base: string;

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    app = await testApp(ctx);
    w = await qualityWorld(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  it.skipIf(skipReason)('answers the import, and /healthz while it runs', async () => {
    const csv = productionLogCsv();
    const headers = { cookie: w.supplier.cookie, 'x-csrf-token': w.supplier.csrf, 'content-type': 'text/csv' };
    // A request that never answers fails here with its name, not as the test's timeout.
    const signal = AbortSignal.timeout(15_000);
    const [imported, health] = await Promise.all([
      fetch(`${base}/api/v1/engagements/${w.engagementId}/imports/production-logs`, { method: 'POST', headers, body: csv, signal }),
      fetch(`${base}/healthz`, { signal }),
    ]);
    expect(health.status).toBe(200);
    expect(imported.status).toBe(201);
    const view = (await imported.json()) as { kind: string; rows: number; status: string };
    expect(view).toMatchObject({ kind: 'production_logs', status: 'completed' });
    expect(view.rows).toBe(csv.trim().split('\n').length - 1);
    // A JSON body over the same socket is still checked for NUL characters, with the field named.
    const nul = await fetch(`${base}/api/v1/engagements/${w.engagementId}/messages`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'technical', body: 'tolerance\u0000' }),
      signal,
    });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe('body');
  });
});
