import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * Specifications (versioned), sample tests, lot inspections with their switching history, imports, batch
 * measurements and production logs.
 *
 * The two bulk tables (batch_measurements, production_logs) have an integer row id and no foreign key to
 * quality_imports: they are only ever written by the import transaction that writes the import row, and a
 * per-row foreign-key check would cost the bulk path for nothing. Reads go through the import (and its
 * engagement), so a row is never visible without its import.
 */
export function qualityMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('specifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('product_key', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('archived_at', 'text')
        .execute();
      // One active specification per buyer and product.
      await db.schema
        .createIndex('specifications_org_product_idx')
        .on('specifications')
        .columns(['organization_id', 'product_key'])
        .unique()
        .where(sql<boolean>`archived_at is null`)
        .execute();

      await db.schema
        .createTable('specification_versions')
        .addColumn('specification_id', 'text', (c) => c.notNull().references('specifications.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('characteristics', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('specification_versions_pk', ['specification_id', 'version'])
        .execute();

      await db.schema
        .createTable('sample_tests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('specification_id', 'text', (c) => c.notNull().references('specifications.id'))
        .addColumn('specification_version', 'integer', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('recorded_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('run_by', 'text', (c) => c.notNull())
        .addColumn('lab_name', 'text')
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('tested_at', 'text', (c) => c.notNull())
        .addColumn('samples', 'text', (c) => c.notNull())
        .addColumn('results', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
        .addColumn('report_file_id', 'text', (c) => c.references('files.id'))
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sample_tests_engagement_idx').on('sample_tests').columns(['engagement_id', 'tested_at']).execute();

      await db.schema
        .createTable('lot_inspections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('supplier_organization_id', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('product_key', 'text', (c) => c.notNull())
        .addColumn('defect_class', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('lot', 'text', (c) => c.notNull())
        .addColumn('lot_size', 'integer', (c) => c.notNull())
        .addColumn('inspection_level', 'text', (c) => c.notNull())
        .addColumn('aql', 'double precision', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('code_letter', 'text')
        .addColumn('plan_letter', 'text')
        .addColumn('sample_size', 'integer')
        .addColumn('accept_number', 'integer', (c) => c.notNull())
        .addColumn('reject_number', 'integer', (c) => c.notNull())
        .addColumn('hundred_percent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('nonconforming', 'integer', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('resubmitted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('switching_score', 'integer', (c) => c.notNull())
        .addColumn('state_after', 'text', (c) => c.notNull())
        .addColumn('transitions', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('inspected_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // The lots of one scheme (engagement × product × defect class) in order; the unique index serialises writers.
      await db.schema
        .createIndex('lot_inspections_scheme_idx')
        .on('lot_inspections')
        .columns(['engagement_id', 'product_key', 'defect_class', 'seq'])
        .unique()
        .execute();

      await db.schema
        .createTable('quality_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('supplier_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('filename', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text')
        .addColumn('spec_versions', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema.createIndex('quality_imports_file_idx').on('quality_imports').columns(['engagement_id', 'kind', 'sha256']).unique().execute();

      const rowId = (t: ReturnType<typeof db.schema.createTable>) =>
        dialect === 'postgres'
          ? t.addColumn('id', 'bigint', (c) => c.generatedByDefaultAsIdentity().primaryKey())
          : t.addColumn('id', 'integer', (c) => c.primaryKey());

      await rowId(db.schema.createTable('batch_measurements'))
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('supplier_organization_id', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('lot', 'text', (c) => c.notNull())
        .addColumn('line', 'text')
        .addColumn('produced_at', 'text', (c) => c.notNull())
        .addColumn('characteristic', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .execute();
      // Per-characteristic reads in production order.
      await db.schema
        .createIndex('batch_measurements_characteristic_idx')
        .on('batch_measurements')
        .columns(['supplier_organization_id', 'product', 'characteristic', 'produced_at'])
        .execute();

      await rowId(db.schema.createTable('production_logs'))
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('supplier_organization_id', 'text', (c) => c.notNull())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('planned_minutes', 'double precision', (c) => c.notNull())
        .addColumn('downtime_minutes', 'double precision', (c) => c.notNull())
        .addColumn('good_output', 'double precision', (c) => c.notNull())
        .addColumn('scrap', 'double precision', (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('production_logs_import_idx').on('production_logs').columns(['import_id', 'period_start']).execute();
    },
  };
}
