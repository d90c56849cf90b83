import type { Kysely } from 'kysely';

/**
 * What a discrepancy is raised against ("Lot L-2411 (NM-4472-A), incoming inspection …: not accepted") is stored
 * as the English label it was raised with and, from now on, with the parameters it was written from (JSON), so
 * the web words it in the reader's language; the English label stays for the API, the report and the record.
 */
export function discrepancyTargetParamsMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('discrepancies').addColumn('target_label_params', 'text').execute();
    },
  };
}
