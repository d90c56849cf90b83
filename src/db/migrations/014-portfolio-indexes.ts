import type { Kysely } from 'kysely';

/**
 * Indexes for reading a portfolio of a thousand engagements without visiting each of its evidence items:
 * the engagements an evidence item is shared into (claim links → their engagements), and evidence by end of
 * validity (what expires within the next 60 days).
 */
export function portfolioIndexesMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('engagement_evidence_evidence_idx').on('engagement_evidence').column('evidence_id').execute();
      await db.schema.createIndex('evidence_valid_to_idx').on('evidence').column('valid_to').execute();
    },
  };
}
