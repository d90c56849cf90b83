import type { Kysely, Selectable } from 'kysely';
import { prepared } from '../prepared.js';
import type { Database, MembershipsTable, OrganizationIdentifiersTable, OrganizationsTable } from '../schema.js';
import type { Executor } from './executor.js';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type IdentifierRow = Selectable<OrganizationIdentifiersTable>;
export type MembershipRow = Selectable<MembershipsTable>;

export async function insertOrganization(db: Executor, row: OrganizationRow): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateOrganization(
  db: Executor,
  id: string,
  patch: Partial<Pick<OrganizationRow, 'name' | 'description' | 'website' | 'categories'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

export async function searchOrganizations(
  db: Executor,
  f: { kind?: string; q?: string; country?: string; category?: string; certification?: string; limit: number },
): Promise<OrganizationRow[]> {
  let q = db.selectFrom('organizations').selectAll();
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.country) q = q.where('country', '=', f.country);
  if (f.q) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${f.q!.toLowerCase().replace(/[%_]/g, '')}%`));
  if (f.category) q = q.where('categories', 'like', `%${JSON.stringify(f.category).slice(1, -1).replace(/[%_]/g, '')}%`);
  if (f.certification) {
    const cert = `%${f.certification.toLowerCase().replace(/[%_]/g, '')}%`;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('claims')
          .select('claims.id')
          .whereRef('claims.organization_id', '=', 'organizations.id')
          .where('claims.type', '=', 'certification')
          .where('claims.withdrawn_at', 'is', null)
          .where((ib) => ib(ib.fn('lower', ['claims.attributes']), 'like', cert)),
      ),
    );
  }
  return q.orderBy('name').limit(f.limit).execute();
}

const identifiersOfOne = prepared((db: Kysely<Database>, organizationId: string) =>
  db.selectFrom('organization_identifiers').selectAll().where('organization_id', '=', organizationId).orderBy('created_at'),
);

export function listIdentifiers(db: Executor, organizationIds: string[]): Promise<IdentifierRow[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  // One organization (the caller's own, most of the time): the same SQL every time, compiled once.
  if (organizationIds.length === 1) return identifiersOfOne(db, organizationIds[0]!);
  return db
    .selectFrom('organization_identifiers')
    .selectAll()
    .where('organization_id', 'in', organizationIds)
    .orderBy('created_at')
    .execute();
}

export async function replaceIdentifiers(db: Executor, organizationId: string, rows: IdentifierRow[]): Promise<void> {
  await db.deleteFrom('organization_identifiers').where('organization_id', '=', organizationId).execute();
  if (rows.length) await db.insertInto('organization_identifiers').values(rows).execute();
}

export async function insertMembership(db: Executor, row: MembershipRow): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export function findMembership(db: Executor, userId: string, organizationId: string): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
}

const membershipsOfUser = prepared((db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .selectAll('organizations')
    .select(['memberships.role as role', 'memberships.created_at as member_since'])
    .where('memberships.user_id', '=', userId)
    .orderBy('organizations.name'),
);

/**
 * The user's organizations (by name) with the role there and each organization's identifiers (oldest first), in one
 * query: a row per identifier, or one with a null scheme for an organization without any. What GET /me shows.
 */
const membershipsWithIdentifiers = prepared((db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .leftJoin('organization_identifiers', 'organization_identifiers.organization_id', 'organizations.id')
    .select([
      'organizations.id',
      'organizations.name',
      'organizations.kind',
      'organizations.country',
      'organizations.description',
      'organizations.website',
      'organizations.categories',
      'organizations.created_at',
      'memberships.role',
      'organization_identifiers.scheme',
      'organization_identifiers.value',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('organizations.name')
    .orderBy('organizations.id')
    .orderBy('organization_identifiers.created_at')
    .orderBy('organization_identifiers.scheme')
    .orderBy('organization_identifiers.value'),
);

export type MembershipWithIdentifiers = Pick<OrganizationRow, 'id' | 'name' | 'kind' | 'country' | 'description' | 'website' | 'categories' | 'created_at'> & {
  role: string;
  identifiers: { scheme: string; value: string }[];
};

export async function listMembershipsWithIdentifiers(db: Executor, userId: string): Promise<MembershipWithIdentifiers[]> {
  const byOrganization = new Map<string, MembershipWithIdentifiers>();
  for (const r of await membershipsWithIdentifiers(db, userId)) {
    let m = byOrganization.get(r.id);
    if (!m) {
      // Spelled out: a rest spread of the row was a measurable part of GET /me.
      m = { id: r.id, name: r.name, kind: r.kind, country: r.country, description: r.description, website: r.website, categories: r.categories, created_at: r.created_at, role: r.role, identifiers: [] };
      byOrganization.set(r.id, m);
    }
    if (r.scheme !== null && r.value !== null) m.identifiers.push({ scheme: r.scheme, value: r.value });
  }
  return [...byOrganization.values()];
}

export function listMembershipsOfUser(db: Executor, userId: string) {
  return membershipsOfUser(db, userId);
}

export function listMembersOfOrganization(db: Executor, organizationId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as user_id', 'users.email', 'users.display_name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.organization_id', '=', organizationId)
    .orderBy('users.display_name')
    .execute();
}

export async function updateMembershipRole(db: Executor, userId: string, organizationId: string, role: string) {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .execute();
}

export async function deleteMembership(db: Executor, userId: string, organizationId: string) {
  await db.deleteFrom('memberships').where('user_id', '=', userId).where('organization_id', '=', organizationId).execute();
}

export async function countOwners(db: Executor, organizationId: string): Promise<number> {
  const r = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
