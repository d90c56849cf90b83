import type { Command } from 'commander';
import { openRuntime } from '../../runtime.js';
import { migrateToLatest } from '../../db/migrate.js';
import { addDatabaseOption } from './database-option.js';

export function registerMigrateCommand(program: Command) {
  addDatabaseOption(program.command('migrate').description('bring the database schema up to date')).action(async (opts: { database?: string; dataDir?: string }) => {
    const ctx = await openRuntime({ databaseUrl: opts.database, dataDir: opts.dataDir, migrate: false });
    try {
      const applied = await migrateToLatest(ctx.handle);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await ctx.close();
    }
  });
}
