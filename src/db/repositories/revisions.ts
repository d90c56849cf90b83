// Organization revisions (migration 012): raised with every audit log entry of the organization. A value derived
// from an organization's data stays valid while the revisions it was derived under are unchanged; read them before
// the data (see the migration).
import { sql } from 'kysely';
import type { Executor } from './executor.js';

/** "org:revision" pairs, sorted: equal strings mean no recorded change of these organizations in between. */
function tokenOf(rows: { organization_id: string; revision: number | string }[]): string {
  return rows
    .map((r) => `${r.organization_id}:${String(r.revision)}`)
    .sort()
    .join(',');
}

export async function revisionToken(db: Executor, organizationIds: readonly string[]): Promise<string> {
  if (organizationIds.length === 0) return '';
  const rows = await db.selectFrom('organization_revisions').select(['organization_id', 'revision']).where('organization_id', 'in', [...new Set(organizationIds)]).execute();
  return tokenOf(rows);
}

/**
 * The revisions an engagement's readiness depends on: its buyer and supplier, and every organization that shared
 * evidence into it or owns evidence shared into it (withdrawn shares included: a withdrawal is their change too).
 * One query; the set is read afresh each time, so an organization sharing for the first time changes the token.
 */
export async function engagementRevisionToken(db: Executor, e: { id: string; buyer_organization_id: string; supplier_organization_id: string }): Promise<string> {
  const { rows } = await sql<{ organization_id: string; revision: number | string }>`
    select organization_id, revision from organization_revisions where organization_id in (
      select ${e.buyer_organization_id}
      union select ${e.supplier_organization_id}
      union select shared_by_organization_id from engagement_evidence where engagement_id = ${e.id}
      union select ev.organization_id from engagement_evidence ee join evidence ev on ev.id = ee.evidence_id where ee.engagement_id = ${e.id}
    )`.execute(db);
  return tokenOf(rows);
}
