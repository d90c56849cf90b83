import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { SHIPPED_CHECKLIST_TEMPLATES } from '../../domain/visits/templates.js';

/**
 * Factory visits and audits: checklist templates (the shipped ones are inserted here, organization_id null),
 * visits, date proposals and open slots, invited auditor organizations, answers (idempotent per client edit),
 * findings, photos, observed-capacity records, the supplier's sincerity assessment and sign-offs.
 */
export function visitsMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('checklist_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('checklist_templates_org_key_idx').on('checklist_templates').columns(['organization_id', 'key', 'version']).unique().execute();

      await db.schema
        .createTable('visits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('planned_start', 'text', (c) => c.notNull())
        .addColumn('planned_end', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('agenda', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('template_id', 'text', (c) => c.notNull().references('checklist_templates.id'))
        .addColumn('sincerity_template_id', 'text', (c) => c.notNull().references('checklist_templates.id'))
        .addColumn('lead_user_id', 'text', (c) => c.references('users.id'))
        .addColumn('initiated_by', 'text', (c) => c.notNull())
        .addColumn('response_note', 'text')
        .addColumn('decline_reason', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('checklist_shared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('outcome', 'text')
        .addColumn('summary', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .addColumn('report_evidence_id', 'text', (c) => c.references('evidence.id').onDelete('set null'))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('visits_engagement_idx').on('visits').columns(['engagement_id', 'planned_start']).execute();

      await db.schema
        .createTable('visit_proposals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
        .addColumn('visit_id', 'text', (c) => c.references('visits.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('visit_proposals_engagement_idx').on('visit_proposals').columns(['engagement_id', 'start_at']).execute();
      await db.schema.createIndex('visit_proposals_visit_idx').on('visit_proposals').column('visit_id').execute();

      await db.schema
        .createTable('visit_participant_orgs')
        .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'text', (c) => c.notNull())
        .addColumn('invited_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addPrimaryKeyConstraint('visit_participant_orgs_pk', ['visit_id', 'organization_id'])
        .execute();
      await db.schema.createIndex('visit_participant_orgs_org_idx').on('visit_participant_orgs').column('organization_id').execute();

      await db.schema
        .createTable('visit_answers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('not_applicable', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('client_updated_at', 'text', (c) => c.notNull())
        .addColumn('answered_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('visit_answers_question_unique', ['visit_id', 'question_id'])
        .execute();

      await db.schema
        .createTable('visit_findings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('question_id', 'text')
        .addColumn('claim_id', 'text', (c) => c.references('claims.id').onDelete('set null'))
        .addColumn('claim_effect', 'text')
        .addColumn('follow_up', 'text')
        .addColumn('evidence_id', 'text', (c) => c.references('evidence.id').onDelete('set null'))
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('visit_findings_client_unique', ['visit_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('visit_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
        .addColumn('question_id', 'text')
        .addColumn('finding_id', 'text', (c) => c.references('visit_findings.id').onDelete('set null'))
        .addColumn('caption', 'text')
        .addColumn('taken_at', 'text')
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .addUniqueConstraint('visit_attachments_client_unique', ['visit_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('visit_capacity_observations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id').onDelete('cascade'))
        .addColumn('inputs', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('formula', 'text', (c) => c.notNull())
        .addColumn('claimed_value', 'double precision', (c) => c.notNull())
        .addColumn('compared_value', 'double precision', (c) => c.notNull())
        .addColumn('tolerance', 'double precision', (c) => c.notNull())
        .addColumn('threshold', 'double precision', (c) => c.notNull())
        .addColumn('ratio', 'double precision', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text', (c) => c.notNull())
        .addColumn('provenance', 'text', (c) => c.notNull())
        .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id'))
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('visit_capacity_client_unique', ['visit_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('visit_sincerity')
        .addColumn('visit_id', 'text', (c) => c.primaryKey().references('visits.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('template_id', 'text', (c) => c.notNull().references('checklist_templates.id'))
        .addColumn('scores', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('assessed_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('visit_sign_offs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('signed_by', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
        .addColumn('statement', 'text')
        .addUniqueConstraint('visit_sign_offs_org_unique', ['visit_id', 'organization_id'])
        .execute();

      // The shipped templates are rows like any other version, so a visit points at an exact one.
      const at = new Date().toISOString();
      for (const t of SHIPPED_CHECKLIST_TEMPLATES) {
        await db
          .insertInto('checklist_templates')
          .values({
            id: randomUUID(),
            organization_id: null,
            key: t.key,
            version: t.version,
            purpose: t.purpose,
            name: JSON.stringify(t.name),
            document: JSON.stringify(t),
            created_by: null,
            created_at: at,
          })
          .execute();
      }
    },
  };
}
