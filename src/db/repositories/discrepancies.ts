// Discrepancies, their 8D steps, files and history. Every finder takes the viewing organization and answers only
// for a party of the discrepancy's engagement (access in the WHERE); the job's finders take none and say so.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type {
  DiscrepanciesTable,
  DiscrepancyEventsTable,
  DiscrepancyFilesTable,
  DiscrepancyStepsTable,
} from '../schema/discrepancies.js';

export type DiscrepancyRow = Selectable<DiscrepanciesTable>;
export type DiscrepancyStepRow = Selectable<DiscrepancyStepsTable>;
export type DiscrepancyFileRow = Selectable<DiscrepancyFilesTable>;
export type DiscrepancyEventRow = Selectable<DiscrepancyEventsTable>;

export async function insertDiscrepancy(db: Executor, row: DiscrepancyRow, steps: DiscrepancyStepRow[]) {
  await db.insertInto('discrepancies').values(row).execute();
  await db.insertInto('discrepancy_steps').values(steps).execute();
}

/** The next number in the engagement (NCR-001, NCR-002 …); the unique constraint guards a race. */
export async function nextDiscrepancyNumber(db: Executor, engagementId: string): Promise<number> {
  const r = await db.selectFrom('discrepancies').select((eb) => eb.fn.max('number').as('n')).where('engagement_id', '=', engagementId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** A discrepancy of an engagement the organization is a party to; anything else does not exist for it. */
export function findDiscrepancyFor(db: Executor, organizationId: string, id: string): Promise<DiscrepancyRow | undefined> {
  return db
    .selectFrom('discrepancies')
    .innerJoin('engagements', 'engagements.id', 'discrepancies.engagement_id')
    .selectAll('discrepancies')
    .where('discrepancies.id', '=', id)
    .where((eb) => eb.or([eb('engagements.buyer_organization_id', '=', organizationId), eb('engagements.supplier_organization_id', '=', organizationId)]))
    .executeTakeFirst();
}

export function listDiscrepanciesFor(db: Executor, organizationId: string, f: { status?: string; engagementId?: string } = {}): Promise<DiscrepancyRow[]> {
  let q = db
    .selectFrom('discrepancies')
    .innerJoin('engagements', 'engagements.id', 'discrepancies.engagement_id')
    .selectAll('discrepancies')
    .where((eb) => eb.or([eb('engagements.buyer_organization_id', '=', organizationId), eb('engagements.supplier_organization_id', '=', organizationId)]));
  if (f.status) q = q.where('discrepancies.status', '=', f.status);
  if (f.engagementId) q = q.where('discrepancies.engagement_id', '=', f.engagementId);
  return q.orderBy('discrepancies.raised_at', 'desc').limit(500).execute();
}

/** The job's view: every open discrepancy, across tenants. */
export function listOpenDiscrepancies(db: Executor): Promise<DiscrepancyRow[]> {
  return db.selectFrom('discrepancies').selectAll().where('status', '=', 'open').orderBy('raised_at').execute();
}

export function listDiscrepanciesOfEngagements(db: Executor, engagementIds: string[]): Promise<DiscrepancyRow[]> {
  if (engagementIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('discrepancies').selectAll().where('engagement_id', 'in', engagementIds).orderBy('raised_at').execute();
}

export function listSteps(db: Executor, discrepancyIds: string[]): Promise<DiscrepancyStepRow[]> {
  if (discrepancyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('discrepancy_steps').selectAll().where('discrepancy_id', 'in', discrepancyIds).orderBy('step').execute();
}

export async function updateStep(db: Executor, discrepancyId: string, step: string, patch: Partial<DiscrepancyStepRow>) {
  await db.updateTable('discrepancy_steps').set(patch).where('discrepancy_id', '=', discrepancyId).where('step', '=', step).execute();
}

/**
 * Changes an open discrepancy only at the revision the caller read, and moves it to the next revision: two
 * concurrent closures or step changes cannot both win. Returns false when it changed (or closed) meanwhile.
 */
export async function updateDiscrepancyAt(db: Executor, id: string, revision: number, patch: Partial<DiscrepancyRow>): Promise<boolean> {
  const r = await db
    .updateTable('discrepancies')
    .set({ ...patch, revision: revision + 1 })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertDiscrepancyFiles(db: Executor, rows: DiscrepancyFileRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('discrepancy_files')
    .values(rows)
    .onConflict((oc) => oc.columns(['discrepancy_id', 'file_id']).doNothing())
    .execute();
}

export function listDiscrepancyFiles(db: Executor, discrepancyId: string) {
  return db
    .selectFrom('discrepancy_files')
    .innerJoin('files', 'files.id', 'discrepancy_files.file_id')
    .select(['files.id', 'files.filename', 'files.media_type', 'files.size', 'files.organization_id', 'discrepancy_files.step', 'discrepancy_files.added_at'])
    .where('discrepancy_files.discrepancy_id', '=', discrepancyId)
    .orderBy('discrepancy_files.added_at')
    .execute();
}

export async function insertDiscrepancyEvent(db: Executor, row: Insertable<DiscrepancyEventsTable>) {
  await db.insertInto('discrepancy_events').values(row).execute();
}

export function listDiscrepancyEvents(db: Executor, discrepancyIds: string[]) {
  if (discrepancyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('discrepancy_events')
    .leftJoin('users', 'users.id', 'discrepancy_events.actor_user_id')
    .selectAll('discrepancy_events')
    .select('users.display_name as actor_name')
    .where('discrepancy_id', 'in', discrepancyIds)
    .orderBy('at')
    .execute();
}
