import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';
import { foundationMigration } from './migrations/001-foundation.js';
import { engagementsMigration } from './migrations/002-engagements.js';
import { qualityMigration } from './migrations/003-quality.js';
import { visitsMigration } from './migrations/004-visits.js';
import { importWithdrawalsMigration } from './migrations/005-import-withdrawals.js';
import { rateLimitsMigration } from './migrations/006-rate-limits.js';
import { hardeningMigration } from './migrations/007-hardening.js';
import { signupRequestsMigration } from './migrations/007b-signup-requests.js';
import { pilotsMigration } from './migrations/008-pilots.js';
import { discrepanciesMigration } from './migrations/009-discrepancies.js';
import { verifiableRecordMigration } from './migrations/010-verifiable-record.js';
import { supplierSideMigration } from './migrations/011-supplier-side.js';
import { revisionsMigration } from './migrations/012-revisions.js';
import { generatedTitlesMigration } from './migrations/013-generated-titles.js';
import { portfolioIndexesMigration } from './migrations/014-portfolio-indexes.js';
import { discrepancyTargetParamsMigration } from './migrations/015-discrepancy-target-params.js';
import { portfolioRevisionsMigration } from './migrations/016-portfolio-revisions.js';

/** Migrations are code in the bundle (not files found at run time), so `dist/` alone can migrate. */
function migrationsFor(dialect: Db['dialect']): Record<string, Migration> {
  return {
    '001-foundation': foundationMigration(dialect),
    '002-engagements': engagementsMigration(),
    '003-quality': qualityMigration(dialect),
    '004-visits': visitsMigration(),
    '005-import-withdrawals': importWithdrawalsMigration(),
    '006-rate-limits': rateLimitsMigration(),
    '007-hardening': hardeningMigration(),
    '007b-signup-requests': signupRequestsMigration(),
    '008-pilots': pilotsMigration(),
    '009-discrepancies': discrepanciesMigration(),
    '010-verifiable-record': verifiableRecordMigration(dialect),
    '011-supplier-side': supplierSideMigration(dialect),
    '012-revisions': revisionsMigration(dialect),
    '013-generated-titles': generatedTitlesMigration(),
    '014-portfolio-indexes': portfolioIndexesMigration(),
    '015-discrepancy-target-params': discrepancyTargetParamsMigration(),
    '016-portfolio-revisions': portfolioRevisionsMigration(dialect),
  };
}

export async function migrateToLatest(handle: Db): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(handle.dialect) };
  // Kysely looks for its bookkeeping tables across schemas unless told which one: with several databases in
  // one PostgreSQL (tests, or tenants of a host) it would otherwise find another schema's tables.
  // Migration numbers are reserved per issue and land in any order, so a database may already hold later ones.
  const migrator = new Migrator({ db: handle.db, provider, allowUnorderedMigrations: true, ...(handle.schema ? { migrationTableSchema: handle.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
