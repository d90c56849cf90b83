import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { seedDemo } from '../../demo/seed.js';
import { buildApp } from '../../http/app.js';
import { openRuntime } from '../../runtime.js';
import { addDatabaseOption } from './database-option.js';

/** The built web app sits next to the compiled server: dist/web. */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/src/cli/commands → dist/web
  return resolve(here, '..', '..', '..', 'web');
}

export function registerServeCommand(program: Command) {
  addDatabaseOption(
    program
      .command('serve')
      .description('migrate the database, seed the demo workspace on first start, and serve the API and web app')
      .option('--port <n>', 'port to listen on', process.env.PORT ?? '3000')
      .option('--host <host>', 'address to bind', process.env.HOST ?? '0.0.0.0')
      .option('--no-demo', 'do not seed the demo workspace'),
  ).action(async (opts: { port: string; host: string; database?: string; dataDir?: string; demo: boolean }) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`error: --port must be a port number, got ${opts.port}\n`);
      process.exitCode = 2;
      return;
    }
    const ctx = await openRuntime({ databaseUrl: opts.database, dataDir: opts.dataDir });
    const app = await buildApp(ctx, {
      logger: { level: process.env.LOG_LEVEL ?? 'info' },
      webRoot: process.env.BONAFIDE_WEB_ROOT ?? defaultWebRoot(),
      trustProxy: process.env.TRUST_PROXY === '1',
    });
    let seeded: Awaited<ReturnType<typeof seedDemo>> | null = null;
    if (opts.demo) seeded = await seedDemo(ctx);
    await app.listen({ port, host: opts.host });
    const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
    const lines = [``, `Bonafide is running at ${url}`, `  API docs: ${url}/api/docs`, `  database: ${ctx.handle.dialect}`];
    if (seeded) {
      lines.push(seeded.created ? `  demo workspace seeded; log in as:` : `  demo workspace logins:`);
      for (const l of seeded.logins) lines.push(`    ${l.email.padEnd(34)} ${l.password}   (${l.role}, ${l.organization})`);
    }
    process.stdout.write(lines.join('\n') + '\n\n');
    const stop = async () => {
      await app.close();
      await ctx.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
