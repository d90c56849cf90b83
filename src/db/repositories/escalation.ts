// Escalation ladders, agreed cadences and engagement events. Events are unique by dedupe key: `insertEventOnce`
// answers whether this caller recorded it (and so must notify), which makes the job safe on several servers.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { EngagementCadenceTable, EngagementEventsTable, EscalationContactsTable } from '../schema/discrepancies.js';

export type LadderContactRow = Selectable<EscalationContactsTable>;
export type CadenceRow = Selectable<EngagementCadenceTable>;
export type EngagementEventRow = Selectable<EngagementEventsTable>;

export function listLadder(db: Executor, engagementIds: string[]): Promise<LadderContactRow[]> {
  if (engagementIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('escalation_contacts').selectAll().where('engagement_id', 'in', engagementIds).orderBy('level').orderBy('created_at').orderBy('name').execute();
}

/** Replaces one side's contacts of an engagement. */
export async function replaceLadderSide(db: Executor, engagementId: string, side: string, rows: LadderContactRow[]) {
  await db.deleteFrom('escalation_contacts').where('engagement_id', '=', engagementId).where('side', '=', side).execute();
  if (rows.length) await db.insertInto('escalation_contacts').values(rows).execute();
}

export function findCadence(db: Executor, engagementId: string): Promise<CadenceRow | undefined> {
  return db.selectFrom('engagement_cadence').selectAll().where('engagement_id', '=', engagementId).executeTakeFirst();
}

export function listCadences(db: Executor, engagementIds: string[]): Promise<CadenceRow[]> {
  if (engagementIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('engagement_cadence').selectAll().where('engagement_id', 'in', engagementIds).execute();
}

export async function upsertCadence(db: Executor, row: CadenceRow) {
  await db
    .insertInto('engagement_cadence')
    .values(row)
    .onConflict((oc) =>
      oc.column('engagement_id').doUpdateSet({
        progress_update_every_days: row.progress_update_every_days,
        agreed_by: row.agreed_by,
        agreed_by_organization_id: row.agreed_by_organization_id,
        agreed_at: row.agreed_at,
      }),
    )
    .execute();
}

/** Records the event unless one with the same dedupe key exists; true when this call recorded it. */
export async function insertEventOnce(db: Executor, row: Insertable<EngagementEventsTable>): Promise<boolean> {
  const r = await db
    .insertInto('engagement_events')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function listEngagementEvents(db: Executor, engagementId: string, limit = 200): Promise<EngagementEventRow[]> {
  return db.selectFrom('engagement_events').selectAll().where('engagement_id', '=', engagementId).orderBy('at', 'desc').limit(limit).execute();
}
