import type { Kysely } from 'kysely';

/** Supplier profile (sites, claims), evidence with provenance, engagements, gates, policies, messages. */
export function engagementsMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('processes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('headcount', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sites_org_idx').on('sites').column('organization_id').execute();

      await db.schema
        .createTable('claims')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('product_line', 'text')
        .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null'))
        .addColumn('value', 'double precision')
        .addColumn('unit', 'text')
        .addColumn('period', 'text')
        .addColumn('stated_limit', 'double precision')
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('document_file_id', 'text', (c) => c.references('files.id'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .execute();
      await db.schema.createIndex('claims_org_idx').on('claims').column('organization_id').execute();

      await db.schema
        .createTable('evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('subject_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('provenance', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('issuer', 'text')
        .addColumn('issued_at', 'text')
        .addColumn('valid_from', 'text')
        .addColumn('valid_to', 'text')
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('evidence_org_idx').on('evidence').column('organization_id').execute();
      await db.schema.createIndex('evidence_subject_idx').on('evidence').column('subject_organization_id').execute();

      await db.schema
        .createTable('evidence_files')
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
        .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
        .addPrimaryKeyConstraint('evidence_files_pk', ['evidence_id', 'file_id'])
        .execute();

      await db.schema
        .createTable('evidence_claim_links')
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
        .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id').onDelete('cascade'))
        .addColumn('effect', 'text', (c) => c.notNull())
        .addColumn('observed_value', 'double precision')
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('evidence_claim_links_pk', ['evidence_id', 'claim_id'])
        .execute();
      await db.schema.createIndex('evidence_claim_links_claim_idx').on('evidence_claim_links').column('claim_id').execute();

      await db.schema
        .createTable('policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('policies_org_key_idx').on('policies').columns(['organization_id', 'key', 'version']).unique().execute();

      await db.schema
        .createTable('engagements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('buyer_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('supplier_organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('cross_border', 'integer', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
        .addColumn('phase_started_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('responded_at', 'text')
        .addColumn('response_note', 'text')
        .execute();
      await db.schema.createIndex('engagements_buyer_idx').on('engagements').column('buyer_organization_id').execute();
      await db.schema.createIndex('engagements_supplier_idx').on('engagements').column('supplier_organization_id').execute();

      await db.schema
        .createTable('engagement_evidence')
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
        .addColumn('shared_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('shared_by', 'text', (c) => c.notNull())
        .addColumn('shared_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addPrimaryKeyConstraint('engagement_evidence_pk', ['engagement_id', 'evidence_id'])
        .execute();

      await db.schema
        .createTable('gate_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('from_phase', 'text', (c) => c.notNull())
        .addColumn('to_phase', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('rationale', 'text', (c) => c.notNull())
        .addColumn('evidence_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('override_reason', 'text')
        .addColumn('unmet_requirements', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('readiness_summary', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_by_organization_id', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('gate_decisions_engagement_idx').on('gate_decisions').column('engagement_id').execute();

      await db.schema
        .createTable('waivers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('requirement_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('waived_by', 'text', (c) => c.notNull())
        .addColumn('waived_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('in_reply_to', 'text')
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_engagement_idx').on('messages').columns(['engagement_id', 'sent_at']).execute();
    },
  };
}
