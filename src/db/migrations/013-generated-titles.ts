import type { Kysely } from 'kysely';

/**
 * Titles the system writes (a batch record per lot, a demonstrated capacity, a visit's outcome) are stored with
 * the code and parameters they were written from, so the web app words them in the reader's language; the
 * English title stays for the API, the CLI and exports.
 */
export function generatedTitlesMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('evidence').addColumn('title_key', 'text').execute();
      await db.schema.alterTable('evidence').addColumn('title_params', 'text').execute();
    },
  };
}
