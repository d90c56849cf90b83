import { sql, type Kysely } from 'kysely';

/**
 * Imports can be withdrawn by the supplier (a wrong file, a file for the wrong product): the import and its rows
 * stay in the record, marked withdrawn with who, when and why, and reads skip them like any import that is not
 * completed. The same file may then be imported again, so the one-file-once rule now holds among completed
 * imports only (a partial unique index, on both dialects).
 */
export function importWithdrawalsMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('quality_imports').addColumn('withdrawn_at', 'text').execute();
      await db.schema.alterTable('quality_imports').addColumn('withdrawn_by', 'text').execute();
      await db.schema.alterTable('quality_imports').addColumn('withdrawal_reason', 'text').execute();
      await db.schema.dropIndex('quality_imports_file_idx').execute();
      await db.schema
        .createIndex('quality_imports_file_idx')
        .on('quality_imports')
        .columns(['engagement_id', 'kind', 'sha256'])
        .unique()
        .where(sql.ref('status'), '=', 'completed')
        .execute();
    },
  };
}
