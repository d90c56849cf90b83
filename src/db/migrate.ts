import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';
import { foundationMigration } from './migrations/001-foundation.js';
import { engagementsMigration } from './migrations/002-engagements.js';
import { qualityMigration } from './migrations/003-quality.js';
import { visitsMigration } from './migrations/004-visits.js';
import { importWithdrawalsMigration } from './migrations/005-import-withdrawals.js';
import { rateLimitsMigration } from './migrations/006-rate-limits.js';

/** Migrations are code in the bundle (not files found at run time), so `dist/` alone can migrate. */
function migrationsFor(dialect: Db['dialect']): Record<string, Migration> {
  return {
    '001-foundation': foundationMigration(dialect),
    '002-engagements': engagementsMigration(),
    '003-quality': qualityMigration(dialect),
    '004-visits': visitsMigration(),
    '005-import-withdrawals': importWithdrawalsMigration(),
    '006-rate-limits': rateLimitsMigration(),
  };
}

export async function migrateToLatest(handle: Db): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(handle.dialect) };
  // Kysely looks for its bookkeeping tables across schemas unless told which one: with several databases in
  // one PostgreSQL (tests, or tenants of a host) it would otherwise find another schema's tables.
  const migrator = new Migrator({ db: handle.db, provider, ...(handle.schema ? { migrationTableSchema: handle.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
