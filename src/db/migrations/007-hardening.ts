import { sql, type Kysely } from 'kysely';

/**
 * One active waiver per requirement and phase of an engagement. Before, two waivers sent at once could both be
 * stored; of such pairs the earliest stays and the later ones are revoked at the moment they were made.
 */
export function hardeningMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql`
        UPDATE waivers SET revoked_at = waived_at
        WHERE revoked_at IS NULL AND EXISTS (
          SELECT 1 FROM waivers w
          WHERE w.engagement_id = waivers.engagement_id AND w.phase = waivers.phase AND w.requirement_id = waivers.requirement_id
            AND w.revoked_at IS NULL AND (w.waived_at < waivers.waived_at OR (w.waived_at = waivers.waived_at AND w.id < waivers.id))
        )`.execute(db);
      await db.schema
        .createIndex('waivers_one_active_idx')
        .on('waivers')
        .columns(['engagement_id', 'phase', 'requirement_id'])
        .unique()
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();
    },
  };
}
