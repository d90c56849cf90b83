import type { Selectable } from 'kysely';
import type { ClaimsTable, SitesTable } from '../schema.js';
import type { Executor } from './executor.js';

export type SiteRow = Selectable<SitesTable>;
export type ClaimRow = Selectable<ClaimsTable>;

export async function insertSite(db: Executor, row: SiteRow) {
  await db.insertInto('sites').values(row).execute();
}
export function listSites(db: Executor, organizationId: string): Promise<SiteRow[]> {
  return db.selectFrom('sites').selectAll().where('organization_id', '=', organizationId).orderBy('name').execute();
}
export function findSite(db: Executor, organizationId: string, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export async function insertClaim(db: Executor, row: ClaimRow) {
  await db.insertInto('claims').values(row).execute();
}
export function listClaims(db: Executor, organizationId: string, includeWithdrawn = false): Promise<ClaimRow[]> {
  let q = db.selectFrom('claims').selectAll().where('organization_id', '=', organizationId);
  if (!includeWithdrawn) q = q.where('withdrawn_at', 'is', null);
  return q.orderBy('type').orderBy('created_at').execute();
}
export function findClaim(db: Executor, organizationId: string, id: string): Promise<ClaimRow | undefined> {
  return db.selectFrom('claims').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}
export function findClaimsByIds(db: Executor, ids: string[]): Promise<ClaimRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('claims').selectAll().where('id', 'in', ids).execute();
}
export async function updateClaim(db: Executor, id: string, patch: Partial<ClaimRow>) {
  await db.updateTable('claims').set(patch).where('id', '=', id).execute();
}
