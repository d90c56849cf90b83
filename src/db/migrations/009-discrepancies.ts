import type { Kysely } from 'kysely';

/**
 * Discrepancies (non-conformances) and their 8D steps, files and history; escalation ladders and the agreed
 * progress-update cadence per engagement; engagement events (escalations, missed updates, reminders; unique by
 * dedupe key so each is recorded and notified once); in-app notifications; the email outbox; job leases.
 */
export function discrepanciesMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('discrepancies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('raised_by_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('raised_by_side', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity_affected', 'double precision')
        .addColumn('quantity_unit', 'text')
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('target_label', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('proactive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disclosure_reason', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('closure_requested_at', 'text')
        .addColumn('closure_requested_by', 'text')
        .addColumn('effectiveness', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .addColumn('closed_on_time', 'integer')
        .addColumn('evidence_id', 'text', (c) => c.references('evidence.id').onDelete('set null'))
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('discrepancies_number_unique', ['engagement_id', 'number'])
        .execute();
      await db.schema.createIndex('discrepancies_status_idx').on('discrepancies').columns(['status', 'engagement_id']).execute();

      await db.schema
        .createTable('discrepancy_steps')
        .addColumn('discrepancy_id', 'text', (c) => c.notNull().references('discrepancies.id').onDelete('cascade'))
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('done_by', 'text')
        .addColumn('notes', 'text')
        .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('discrepancy_steps_pk', ['discrepancy_id', 'step'])
        .execute();

      await db.schema
        .createTable('discrepancy_files')
        .addColumn('discrepancy_id', 'text', (c) => c.notNull().references('discrepancies.id').onDelete('cascade'))
        .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
        .addColumn('step', 'text')
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('discrepancy_files_pk', ['discrepancy_id', 'file_id'])
        .execute();

      await db.schema
        .createTable('discrepancy_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('discrepancy_id', 'text', (c) => c.notNull().references('discrepancies.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('step', 'text')
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_organization_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('discrepancy_events_idx').on('discrepancy_events').columns(['discrepancy_id', 'at']).execute();

      await db.schema
        .createTable('escalation_contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('title', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('escalation_contacts_engagement_idx').on('escalation_contacts').columns(['engagement_id', 'side', 'level']).execute();

      await db.schema
        .createTable('engagement_cadence')
        .addColumn('engagement_id', 'text', (c) => c.primaryKey().references('engagements.id').onDelete('cascade'))
        .addColumn('progress_update_every_days', 'integer', (c) => c.notNull())
        .addColumn('agreed_by', 'text', (c) => c.notNull())
        .addColumn('agreed_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('agreed_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('engagement_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('level', 'integer')
        .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('engagement_events_engagement_idx').on('engagement_events').columns(['engagement_id', 'at']).execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('link', 'text')
        .addColumn('engagement_id', 'text', (c) => c.references('engagements.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'organization_id', 'created_at']).execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('notification_kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('locked_by', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

      await db.schema
        .createTable('job_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text')
        .addColumn('locked_until', 'text', (c) => c.notNull())
        .addColumn('last_run_at', 'text')
        .execute();
    },
  };
}
