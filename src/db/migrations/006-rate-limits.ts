import type { Kysely } from 'kysely';

/**
 * Counters of the log-in and sign-up rate limits, in the database the app servers share: with the counters in
 * process memory, every server behind a load balancer would grant its own allowance (DESIGN.md: app servers are
 * stateless). One row per key (route, address, email) and time window.
 */
export function rateLimitsMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_start').execute();
    },
  };
}
