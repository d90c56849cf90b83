import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { seedDemo } from '../../demo/seed.js';
import { buildApp } from '../../http/app.js';
import { openRuntime } from '../../runtime.js';
import { startJobRunner } from '../../services/jobs/runner.js';
import { mailSettings } from '../../services/notifications/settings.js';
import { appConfig } from '../../config.js';
import { addDatabaseOption } from './database-option.js';
import { logStream } from '../log-stream.js';

/** The SMTP URL without its password, for the start-up banner. */
function redactSmtp(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

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
      .option('--port <n>', 'port to listen on (default: $PORT or 3000)')
      .option('--host <host>', 'address to bind (default: $HOST or 0.0.0.0)')
      .option('--no-demo', 'do not seed the demo workspace'),
  ).action(async (opts: { port?: string; host?: string; database?: string; dataDir?: string; demo: boolean }) => {
    // The environment is checked here, before anything opens: a bad variable stops serve, naming it.
    const config = appConfig();
    const port = opts.port === undefined ? config.port : Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`error: --port must be a port number, got ${opts.port}\n`);
      process.exitCode = 2;
      return;
    }
    const ctx = await openRuntime({ databaseUrl: opts.database, dataDir: opts.dataDir });
    const log = logStream();
    const app = await buildApp(ctx, {
      logger: { level: config.logLevel, stream: log },
      requestLogSink: log,
      webRoot: config.webRoot ?? defaultWebRoot(),
      trustProxy: config.trustProxy,
      // Without a mail server the sign-up link can only reach whoever runs the server: printed here.
      unsentSignupLink: (email, link) => process.stdout.write(`sign-up link for ${email} (SMTP_URL is not set, so no email): ${link}\n`),
    });
    let seeded: Awaited<ReturnType<typeof seedDemo>> | null = null;
    if (opts.demo) seeded = await seedDemo(ctx);
    await app.listen({ port, host: opts.host ?? config.host });
    // Escalations, reminders and the email outbox run in the server process (safe with several servers).
    const jobs = startJobRunner(ctx, { logger: app.log });
    const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
    const lines = [``, `Bonafide is running at ${url}`, `  API docs: ${url}/api/docs`, `  database: ${ctx.handle.dialect}`];
    lines.push(`  email: ${mailSettings(ctx).smtpUrl ? `through ${redactSmtp(mailSettings(ctx).smtpUrl!)}` : 'off (set SMTP_URL to send notifications by email)'}`);
    if (seeded) {
      lines.push(seeded.created ? `  demo workspace seeded; log in as:` : `  demo workspace logins:`);
      for (const l of seeded.logins) lines.push(`    ${l.email.padEnd(34)} ${l.password}   (${l.role}, ${l.organization})`);
    }
    process.stdout.write(lines.join('\n') + '\n\n');
    const stop = async () => {
      await jobs.stop();
      await app.close();
      await ctx.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
