import type { Kysely } from 'kysely';
import type { Db } from '../connection.js';

/**
 * The supplier's side: sincerity weights, judgements and disclosures; the evidence room (shares with a period and
 * an access mode, their items, and one access log of every look at another organization's evidence and files);
 * file requests (the only way files now enter another organization's list); the public profile and the items
 * chosen for it; invitations to verify.
 */
export function supplierSideMigration(dialect: Db['dialect']) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('sincerity_weights')
        .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
        .addColumn('weights', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sincerity_judgements')
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('buyer_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('signal_key', 'text', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('judged_by', 'text', (c) => c.notNull())
        .addColumn('judged_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sincerity_judgements_pk', ['organization_id', 'buyer_organization_id', 'signal_key'])
        .execute();

      await db.schema
        .createTable('sincerity_disclosures')
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('buyer_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('shared_by', 'text', (c) => c.notNull())
        .addColumn('shared_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sincerity_disclosures_pk', ['organization_id', 'buyer_organization_id'])
        .execute();
      await db.schema.createIndex('sincerity_disclosures_buyer_idx').on('sincerity_disclosures').column('buyer_organization_id').execute();

      await db.schema
        .createTable('evidence_shares')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('grantee_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('engagement_id', 'text', (c) => c.references('engagements.id').onDelete('cascade'))
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema.createIndex('evidence_shares_owner_idx').on('evidence_shares').columns(['organization_id', 'created_at']).execute();
      await db.schema.createIndex('evidence_shares_grantee_idx').on('evidence_shares').columns(['grantee_organization_id', 'revoked_at']).execute();

      await db.schema
        .createTable('evidence_share_items')
        .addColumn('share_id', 'text', (c) => c.notNull().references('evidence_shares.id').onDelete('cascade'))
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('evidence_share_items_pk', ['share_id', 'evidence_id'])
        .execute();
      await db.schema.createIndex('evidence_share_items_evidence_idx').on('evidence_share_items').column('evidence_id').execute();

      await db.schema
        .createTable('file_access_log')
        // Looks in the same millisecond keep the order they happened in.
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('owner_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('viewer_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('viewer_user_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('share_id', 'text', (c) => c.references('evidence_shares.id').onDelete('cascade'))
        .addColumn('evidence_id', 'text')
        .addColumn('file_id', 'text')
        .execute();
      await db.schema.createIndex('file_access_log_owner_idx').on('file_access_log').columns(['owner_organization_id', 'at']).execute();
      await db.schema.createIndex('file_access_log_share_idx').on('file_access_log').columns(['share_id', 'at']).execute();

      await db.schema
        .createTable('file_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('requested_by_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('requested_from_organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('file_requests_engagement_idx').on('file_requests').columns(['engagement_id', 'created_at']).execute();

      await db.schema
        .createTable('file_request_files')
        .addColumn('request_id', 'text', (c) => c.notNull().references('file_requests.id').onDelete('cascade'))
        .addColumn('file_id', 'text', (c) => c.notNull().references('files.id').onDelete('cascade'))
        .addColumn('shared_by', 'text', (c) => c.notNull())
        .addColumn('shared_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('file_request_files_pk', ['request_id', 'file_id'])
        .execute();

      await db.schema
        .createTable('public_profiles')
        .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('headline', 'text')
        .addColumn('published_at', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('public_profile_items')
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('item_type', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('public_profile_items_pk', ['organization_id', 'item_type', 'item_id'])
        .execute();

      await db.schema
        .createTable('verification_invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('result_type', 'text')
        .addColumn('result_id', 'text')
        .execute();
      await db.schema.createIndex('verification_invitations_engagement_idx').on('verification_invitations').columns(['engagement_id', 'created_at']).execute();
    },
  };
}
