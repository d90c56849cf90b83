import { sql, type Kysely } from 'kysely';

/**
 * Phase 3 (operational compatibility): purchase-order lines, deliveries (goods receipts), incoming inspections and
 * the imports they came from; pilots with KPIs, evaluation points, reviews and the comments of both sides.
 *
 * Order lines and deliveries carry a natural key (order number and line; receipt, line and lot) unique per
 * engagement, so the same line imported twice is one row. Indexes serve the reads of one engagement (KPIs by
 * date) and of a portfolio (pilots, their KPIs and evaluation points across engagements, one query per panel).
 */
export function pilotsMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('order_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('filename', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text')
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema
        .createIndex('order_imports_file_idx')
        .on('order_imports')
        .columns(['engagement_id', 'kind', 'sha256'])
        .unique()
        .where(sql.ref('status'), '=', 'completed')
        .execute();

      await db.schema
        .createTable('purchase_order_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('import_id', 'text', (c) => c.references('order_imports.id'))
        .addColumn('natural_key', 'text', (c) => c.notNull())
        .addColumn('order_no', 'text', (c) => c.notNull())
        .addColumn('line_no', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('ordered_qty', 'double precision', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('ordered_at', 'text')
        .addColumn('requested_date', 'text', (c) => c.notNull())
        .addColumn('confirmed_date', 'text')
        .addColumn('source_line', 'integer')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('purchase_order_lines_key_idx').on('purchase_order_lines').columns(['engagement_id', 'natural_key']).unique().execute();
      await db.schema.createIndex('purchase_order_lines_due_idx').on('purchase_order_lines').columns(['engagement_id', 'requested_date']).execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('import_id', 'text', (c) => c.references('order_imports.id'))
        .addColumn('natural_key', 'text', (c) => c.notNull())
        .addColumn('delivery_no', 'text')
        .addColumn('order_no', 'text', (c) => c.notNull())
        .addColumn('order_line', 'text')
        .addColumn('item', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('received_qty', 'double precision', (c) => c.notNull())
        .addColumn('rejected_qty', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('lot', 'text')
        .addColumn('unit', 'text')
        .addColumn('source_line', 'integer')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deliveries_key_idx').on('deliveries').columns(['engagement_id', 'natural_key']).unique().execute();
      await db.schema.createIndex('deliveries_received_idx').on('deliveries').columns(['engagement_id', 'received_at']).execute();

      await db.schema
        .createTable('incoming_inspections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
        .addColumn('inspected_at', 'text', (c) => c.notNull())
        .addColumn('inspected_qty', 'double precision', (c) => c.notNull())
        .addColumn('rejected_qty', 'double precision', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('lot_inspection_id', 'text', (c) => c.references('lot_inspections.id'))
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incoming_inspections_delivery_idx').on('incoming_inspections').columns(['delivery_id']).execute();
      await db.schema.createIndex('incoming_inspections_engagement_idx').on('incoming_inspections').columns(['engagement_id', 'inspected_at']).execute();

      await db.schema
        .createTable('pilots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('duration_reason', 'text')
        .addColumn('products', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('period_unit', 'text', (c) => c.notNull().defaultTo('month'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pilots_engagement_idx').on('pilots').columns(['engagement_id', 'created_at']).execute();
      // At most one running pilot per engagement.
      await db.schema.createIndex('pilots_running_idx').on('pilots').columns(['engagement_id']).unique().where(sql.ref('status'), '=', 'running').execute();

      await db.schema
        .createTable('pilot_kpis')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pilot_id', 'text', (c) => c.notNull().references('pilots.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('formula', 'text')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('target', 'double precision', (c) => c.notNull())
        .addColumn('at_risk', 'double precision', (c) => c.notNull())
        .addColumn('weight', 'double precision', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pilot_kpis_key_idx').on('pilot_kpis').columns(['pilot_id', 'key']).unique().execute();

      await db.schema
        .createTable('pilot_evaluation_points')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pilot_id', 'text', (c) => c.notNull().references('pilots.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('due_date', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pilot_evaluation_points_pilot_idx').on('pilot_evaluation_points').columns(['pilot_id', 'due_date']).execute();

      await db.schema
        .createTable('pilot_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pilot_id', 'text', (c) => c.notNull().references('pilots.id').onDelete('cascade'))
        .addColumn('evaluation_point_id', 'text', (c) => c.notNull().references('pilot_evaluation_points.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('reviewed_at', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('evidence_id', 'text', (c) => c.references('evidence.id'))
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_organization_id', 'text', (c) => c.notNull())
        .execute();
      // One review closes one evaluation point: a second (a double click, a retry) is refused by the database.
      await db.schema.createIndex('pilot_reviews_point_idx').on('pilot_reviews').columns(['evaluation_point_id']).unique().execute();
      await db.schema.createIndex('pilot_reviews_pilot_idx').on('pilot_reviews').columns(['pilot_id', 'reviewed_at']).execute();

      await db.schema
        .createTable('pilot_review_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('review_id', 'text', (c) => c.notNull().references('pilot_reviews.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pilot_review_comments_review_idx').on('pilot_review_comments').columns(['review_id', 'created_at']).execute();
    },
  };
}
