// Pilots, their KPIs, evaluation points, reviews and review comments. Reads name the pilot or the engagement; the
// services reach a pilot through its engagement's parties (loadPilot), so another tenant's pilot is never read.
import type { Selectable } from 'kysely';
import type { PilotEvaluationPointsTable, PilotKpisTable, PilotReviewCommentsTable, PilotReviewsTable, PilotsTable } from '../schema/pilots.js';
import type { Executor } from './executor.js';

export type PilotRow = Selectable<PilotsTable>;
export type PilotKpiRow = Selectable<PilotKpisTable>;
export type EvaluationPointRow = Selectable<PilotEvaluationPointsTable>;
export type PilotReviewRow = Selectable<PilotReviewsTable>;
export type ReviewCommentRow = Selectable<PilotReviewCommentsTable>;

export async function insertPilot(db: Executor, row: PilotRow, kpis: PilotKpiRow[], points: EvaluationPointRow[]) {
  await db.insertInto('pilots').values(row).execute();
  if (kpis.length) await db.insertInto('pilot_kpis').values(kpis).execute();
  if (points.length) await db.insertInto('pilot_evaluation_points').values(points).execute();
}

/** A pilot of an engagement the organization is a party to; anything else does not exist for it. */
export function findPilotFor(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom('pilots')
    .innerJoin('engagements', 'engagements.id', 'pilots.engagement_id')
    .selectAll('pilots')
    .where('pilots.id', '=', id)
    .where((eb) => eb.or([eb('engagements.buyer_organization_id', '=', organizationId), eb('engagements.supplier_organization_id', '=', organizationId)]))
    .executeTakeFirst();
}

export function listPilots(db: Executor, engagementId: string) {
  return db.selectFrom('pilots').selectAll().where('engagement_id', '=', engagementId).orderBy('created_at', 'desc').execute();
}

export function listPilotKpis(db: Executor, pilotIds: string[]) {
  if (!pilotIds.length) return Promise.resolve([] as PilotKpiRow[]);
  return db.selectFrom('pilot_kpis').selectAll().where('pilot_id', 'in', pilotIds).orderBy('pilot_id').orderBy('position').execute();
}
export function listEvaluationPoints(db: Executor, pilotIds: string[]) {
  if (!pilotIds.length) return Promise.resolve([] as EvaluationPointRow[]);
  return db.selectFrom('pilot_evaluation_points').selectAll().where('pilot_id', 'in', pilotIds).orderBy('pilot_id').orderBy('due_date').orderBy('position').execute();
}
export function listReviews(db: Executor, pilotIds: string[]) {
  if (!pilotIds.length) return Promise.resolve([] as (PilotReviewRow & { recorded_by_name: string })[]);
  return db
    .selectFrom('pilot_reviews')
    .innerJoin('users', 'users.id', 'pilot_reviews.recorded_by')
    .selectAll('pilot_reviews')
    .select('users.display_name as recorded_by_name')
    .where('pilot_id', 'in', pilotIds)
    .orderBy('reviewed_at')
    .execute();
}
export function listReviewComments(db: Executor, reviewIds: string[]) {
  if (!reviewIds.length) return Promise.resolve([] as (ReviewCommentRow & { author_name: string })[]);
  return db
    .selectFrom('pilot_review_comments')
    .innerJoin('users', 'users.id', 'pilot_review_comments.author_id')
    .selectAll('pilot_review_comments')
    .select('users.display_name as author_name')
    .where('review_id', 'in', reviewIds)
    .orderBy('created_at')
    .execute();
}

export async function insertReview(db: Executor, row: PilotReviewRow) {
  await db.insertInto('pilot_reviews').values(row).execute();
}
export async function insertReviewComment(db: Executor, row: ReviewCommentRow) {
  await db.insertInto('pilot_review_comments').values(row).execute();
}
export async function updatePilotKpi(db: Executor, pilotId: string, key: string, patch: Partial<PilotKpiRow>) {
  await db.updateTable('pilot_kpis').set(patch).where('pilot_id', '=', pilotId).where('key', '=', key).execute();
}

/** Ends a running pilot; false when it was no longer running (a concurrent final review or stop won). */
export async function endPilot(db: Executor, id: string, status: 'completed' | 'stopped', at: string): Promise<boolean> {
  const r = await db.updateTable('pilots').set({ status, ended_at: at, updated_at: at }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
