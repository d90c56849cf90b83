import type { Kysely, Selectable } from 'kysely';
import { prepared } from '../prepared.js';
import type { ApiTokensTable, Database, SessionsTable } from '../schema.js';
import type { Executor } from './executor.js';

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

const liveSessionWithActor = prepared((db: Kysely<Database>, id: string, nowIso: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('memberships', (j) =>
      j.onRef('memberships.user_id', '=', 'sessions.user_id').onRef('memberships.organization_id', '=', 'sessions.current_organization_id'),
    )
    .leftJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select([
      'sessions.id as s_id',
      'sessions.user_id as s_user_id',
      'sessions.current_organization_id as s_org',
      'sessions.csrf_token as s_csrf',
      'users.id as u_id',
      'users.email as u_email',
      'users.display_name as u_name',
      'users.locale as u_locale',
      'users.time_zone as u_tz',
      'users.created_at as u_created',
      'memberships.role as role',
      'organizations.kind as kind',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowIso),
);

/**
 * A live session with its user and the role in its current organization, in one query (every cookie request): only
 * the columns a request uses (not the password hash, nor the session's own times).
 */
export async function findLiveSessionWithActor(db: Executor, id: string, nowIso: string) {
  const [r] = await liveSessionWithActor(db, id, nowIso);
  if (!r) return undefined;
  return {
    session: { id: r.s_id, user_id: r.s_user_id, current_organization_id: r.s_org, csrf_token: r.s_csrf },
    user: { id: r.u_id, email: r.u_email, display_name: r.u_name, locale: r.u_locale, time_zone: r.u_tz, created_at: r.u_created },
    role: r.role,
    organizationKind: r.kind,
  };
}

/**
 * A live (unrevoked) API token with its user and the user's role in the token's organization, in one query — the
 * lookup every Bearer request makes. No row when the token is unknown or revoked; role null when its creator has
 * left the organization.
 */
const tokenWithActor = prepared((db: Kysely<Database>, hash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('memberships', (j) => j.onRef('memberships.user_id', '=', 'api_tokens.user_id').onRef('memberships.organization_id', '=', 'api_tokens.organization_id'))
    .leftJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select([
      'api_tokens.id as t_id',
      'api_tokens.organization_id as t_org',
      'api_tokens.last_used_at as t_last_used',
      'users.id as u_id',
      'users.email as u_email',
      'users.display_name as u_name',
      'users.locale as u_locale',
      'users.time_zone as u_tz',
      'users.created_at as u_created',
      'memberships.role as role',
      'organizations.kind as kind',
    ])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null),
);

export async function findApiTokenWithActor(db: Executor, hash: string) {
  const [r] = await tokenWithActor(db, hash);
  if (!r) return undefined;
  return {
    token: { id: r.t_id, organization_id: r.t_org, last_used_at: r.t_last_used },
    user: { id: r.u_id, email: r.u_email, display_name: r.u_name, locale: r.u_locale, time_zone: r.u_tz, created_at: r.u_created },
    role: r.role,
    organizationKind: r.kind,
  };
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function setSessionOrganization(db: Executor, id: string, organizationId: string | null): Promise<void> {
  await db.updateTable('sessions').set({ current_organization_id: organizationId }).where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Executor, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}

export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function touchApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function listApiTokens(db: Executor, organizationId: string, userId?: string) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.display_name as user_display_name')
    .where('api_tokens.organization_id', '=', organizationId);
  if (userId) q = q.where('api_tokens.user_id', '=', userId);
  return q.orderBy('api_tokens.created_at', 'desc').execute();
}

export function findApiToken(db: Executor, organizationId: string, id: string): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeApiToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
