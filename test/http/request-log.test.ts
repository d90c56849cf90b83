import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/routes/types.js';
import { TEST_DATABASES, createTestContext, type TestContext } from '../support/databases.js';

// The request log: one line per request, when its answer is finished, with the request id, method, URL, status,
// client address and time taken; no "incoming request" line.
// Through pino (any logger), or written straight to the stream pino writes to (`serve`): the same line either way.
describe.each(TEST_DATABASES.flatMap((d) => [{ ...d, direct: false }, { ...d, direct: true }]))('request log on $name (direct: $direct)', ({ name, skipReason, direct }) => {
  let ctx: TestContext;
  let app: App;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    if (skipReason) return;
    ctx = await createTestContext(name);
    const stream = { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) };
    app = await buildApp(ctx, { logger: { level: 'info', stream }, ...(direct ? { requestLogSink: stream } : {}) });
    await app.ready();
  });
  afterAll(async () => {
    if (skipReason) return;
    await app.close();
    await ctx.cleanup();
  });

  const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

  it.skipIf(skipReason)('writes one line per request with its facts, for answers and refusals alike', async () => {
    const ok = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'log-ok' } });
    expect(ok.statusCode).toBe(200);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/me?x=1', headers: { 'x-request-id': 'log-401', authorization: 'Bearer nope' } });
    expect(refused.statusCode).toBe(401);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { 'x-request-id': 'log-404' } });
    expect(missing.statusCode).toBe(404);

    for (const [id, url, status] of [['log-ok', '/healthz', 200], ['log-401', '/api/v1/me?x=1', 401], ['log-404', '/api/v1/nothing', 404]] as const) {
      const mine = linesOf(id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ level: 30, reqId: id, method: 'GET', url, statusCode: status, remoteAddress: '127.0.0.1', msg: 'request completed' });
      expect(typeof mine[0]!.responseTime).toBe('number');
    }
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false);
    // pino's own fields, in its order, as in every other line of the log.
    const [line] = linesOf('log-ok');
    expect(Object.keys(line!)).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'url', 'statusCode', 'remoteAddress', 'responseTime', 'msg']);
    expect(line!.pid).toBe(process.pid);
    expect(typeof line!.time).toBe('number');
  });

  it.skipIf(skipReason)('writes any URL and request id as valid JSON', async () => {
    const id = 'id with "quotes" \\ and ü';
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing?q=%22%0A%5C', headers: { 'x-request-id': id } });
    expect(res.statusCode).toBe(404);
    expect(linesOf(id)).toMatchObject([{ url: '/api/v1/nothing?q=%22%0A%5C', statusCode: 404 }]);
  });

  it.skipIf(skipReason)('writes nothing for requests when the level is above info', async () => {
    app.log.level = 'warn';
    try {
      await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'log-quiet' } });
      expect(linesOf('log-quiet')).toHaveLength(0);
    } finally {
      app.log.level = 'info';
    }
  });
});
