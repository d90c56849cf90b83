import type { Command } from 'commander';
import { seedDemo } from '../../demo/seed.js';
import { openRuntime } from '../../runtime.js';
import { addDatabaseOption } from './database-option.js';

export function registerDemoCommand(program: Command) {
  addDatabaseOption(program.command('demo').description('seed the demo workspace (does nothing if it exists) and print its logins'))
    .option('--json', 'print the logins as JSON')
    .action(async (opts: { database?: string; dataDir?: string; json?: boolean }) => {
      const ctx = await openRuntime({ databaseUrl: opts.database, dataDir: opts.dataDir });
      try {
        const r = await seedDemo(ctx);
        if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
        else {
          process.stdout.write(r.created ? 'demo workspace seeded\n' : 'demo workspace already present\n');
          for (const l of r.logins) process.stdout.write(`  ${l.email.padEnd(34)} ${l.password}   (${l.role}, ${l.organization})\n`);
        }
      } finally {
        await ctx.close();
      }
    });
}
