import type { z } from 'zod';
import type { LoginInput, MeView, NewOrganizationInput, SignupInput, UpdateMeInput } from '../../contracts/accounts.js';
import type { OrganizationKind, Role } from '../../domain/model.js';
import type { Executor } from '../../db/repositories/executor.js';
import { consumeInvitation, findInvitationByTokenHash } from '../../db/repositories/invitations.js';
import {
  findMembership,
  findOrganization,
  insertMembership,
  insertOrganization,
  listMembershipsOfUser,
  listMembershipsWithIdentifiers,
  replaceIdentifiers,
} from '../../db/repositories/organizations.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findApiTokenWithActor,
  findLiveSessionWithActor,
  insertSession,
  setSessionOrganization,
  touchApiToken,
} from '../../db/repositories/sessions.js';
import { findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from '../../db/repositories/users.js';
import { recordAudit } from '../shared/audit.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, forbidden, invalidField, notFound, unauthorized } from '../shared/errors.js';
import { newId, newSecret, nowIso, sha256Hex } from '../shared/ids.js';
import { organizationViews, toOrganizationView } from './organizations.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';
import * as clock from '../../clock.js';
import { createOrganizationKey } from '../record/log.js';

export interface SessionHandle {
  /** The cookie value; only its hash is stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: string;
}

/** The calling user; the password hash is not read on every request, and so is not here. */
export type PrincipalUser = Omit<UserRow, 'password_hash'>;

export interface Principal {
  user: PrincipalUser;
  actor: Actor | null; // null when the user belongs to no organization (yet)
  sessionId?: string;
  csrfToken?: string;
}

function userView(u: PrincipalUser) {
  return { id: u.id, email: u.email, displayName: u.display_name, locale: u.locale, timeZone: u.time_zone, createdAt: u.created_at };
}

async function createSession(db: Executor, ctx: ServiceContext, userId: string, organizationId: string | null): Promise<SessionHandle> {
  const cookieValue = newSecret();
  const csrfToken = newSecret();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000).toISOString();
  await insertSession(db, {
    id: sha256Hex(cookieValue),
    user_id: userId,
    current_organization_id: organizationId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { cookieValue, csrfToken, expiresAt };
}

/**
 * Signs up at once: for a sign-up with an invitation (the link came to the invited address) and for the demo and
 * tests. The public sign-up without one confirms the address first (signup.ts), so its answer never tells whether
 * an address is registered.
 */
export async function signup(ctx: ServiceContext, input: z.infer<typeof SignupInput>) {
  const passwordHash = await hashPassword(input.password);
  return ctx.handle.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw conflict('an account with this email already exists', [{ path: 'email', message: 'already registered' }]);
    }
    return createAccount(trx, ctx, { ...input, passwordHash });
  });
}

export interface NewAccount {
  email: string;
  passwordHash: string;
  displayName: string;
  locale?: string;
  timeZone?: string;
  organization?: z.infer<typeof NewOrganizationInput>;
  invitationToken?: string;
}

/** The user, its organization (or the one its invitation names), its membership and a session: in `trx`. */
export async function createAccount(trx: Executor, ctx: ServiceContext, input: NewAccount) {
  const at = nowIso();
  const user: UserRow = {
    id: newId(),
    email: input.email,
    display_name: input.displayName,
    password_hash: input.passwordHash,
    locale: input.locale ?? 'en',
    time_zone: input.timeZone ?? 'UTC',
    created_at: at,
  };
  await insertUser(trx, user);

  let organizationId: string;
  let role: Role;
  if (input.invitationToken) {
    const inv = await findInvitationByTokenHash(trx, sha256Hex(input.invitationToken));
    if (!inv || !(await consumeInvitation(trx, inv.id, user.id, at))) {
      throw invalidField('invitationToken', 'this invitation is unknown, expired, revoked or already used');
    }
    if (inv.email !== input.email) throw invalidField('email', 'this invitation was sent to another email address');
    organizationId = inv.organization_id;
    role = inv.role as Role;
    await recordAudit(trx, { organizationId, userId: user.id }, 'invitation.accepted', 'invitation', inv.id, { email: inv.email, role });
  } else {
    organizationId = await insertNewOrganization(trx, input.organization!, user.id, at);
    role = 'owner';
  }
  await insertMembership(trx, { user_id: user.id, organization_id: organizationId, role, created_at: at });
  await recordAudit(trx, { organizationId, userId: user.id }, 'user.signed_up', 'user', user.id, { email: user.email, role });
  const session = await createSession(trx, ctx, user.id, organizationId);
  const [organization] = await organizationViews(trx, [(await findOrganization(trx, organizationId))!]);
  return { user: userView(user), organization, role, session };
}

/** A new organization with its registration identifiers, recorded in its own audit log as created by `userId`. */
async function insertNewOrganization(trx: Executor, org: z.infer<typeof NewOrganizationInput>, userId: string, at: string): Promise<string> {
  const organizationId = newId();
  await insertOrganization(trx, {
    id: organizationId,
    name: org.name,
    kind: org.kind,
    country: org.country,
    description: null,
    website: null,
    categories: '[]',
    created_at: at,
  });
  if (org.identifiers?.length) {
    await replaceIdentifiers(
      trx,
      organizationId,
      org.identifiers.map((i) => ({ id: newId(), organization_id: organizationId, scheme: i.scheme, value: i.value, created_at: at })),
    );
  }
  // Its Ed25519 signing key, published in the log: every record it makes from now on is signed with it.
  await createOrganizationKey(trx, organizationId, at);
  await recordAudit(trx, { organizationId, userId }, 'organization.created', 'organization', organizationId, { name: org.name, kind: org.kind, country: org.country });
  return organizationId;
}

/** Memberships one account may hold: enough for a group of plants, a brake on scripted sign-ups. */
export const MAX_MEMBERSHIPS = 25;

/**
 * An existing user opens another organization (a second plant of a group, a consultancy next to a buyer) and owns
 * it; a session moves to it, as after sign-up. API tokens act for their one organization and cannot.
 */
export async function createOrganizationForUser(ctx: ServiceContext, p: Principal, input: z.infer<typeof NewOrganizationInput>) {
  if (!p.sessionId) throw forbidden('an API token acts for one organization and cannot open another');
  return ctx.handle.db.transaction().execute(async (trx) => {
    if ((await listMembershipsOfUser(trx, p.user.id)).length >= MAX_MEMBERSHIPS) {
      throw conflict(`an account belongs to at most ${MAX_MEMBERSHIPS} organizations`);
    }
    const at = nowIso();
    const organizationId = await insertNewOrganization(trx, input, p.user.id, at);
    await insertMembership(trx, { user_id: p.user.id, organization_id: organizationId, role: 'owner', created_at: at });
    await setSessionOrganization(trx, p.sessionId!, organizationId);
    const [organization] = await organizationViews(trx, [(await findOrganization(trx, organizationId))!]);
    return organization!;
  });
}

export async function login(ctx: ServiceContext, input: z.infer<typeof LoginInput>) {
  const user = await findUserByEmail(ctx.handle.db, input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) throw new AppError(401, 'invalid_credentials', 'email or password is wrong');
  const memberships = await listMembershipsOfUser(ctx.handle.db, user.id);
  const current = memberships[0]?.id ?? null;
  const session = await createSession(ctx.handle.db, ctx, user.id, current);
  // Expired sessions are swept at log-in time: no scheduler is needed, and the table stays small.
  await deleteExpiredSessions(ctx.handle.db, nowIso());
  if (current) await recordAudit(ctx.handle.db, { organizationId: current, userId: user.id }, 'user.logged_in', 'user', user.id);
  return { user: userView(user), session };
}

export async function logout(ctx: ServiceContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.handle.db, sessionId);
}

async function actorFor(db: Executor, userId: string, organizationId: string | null, via: Actor['via'], tokenId?: string): Promise<Actor | null> {
  if (!organizationId) return null;
  const m = await findMembership(db, userId, organizationId);
  if (!m) return null;
  const org = await findOrganization(db, organizationId);
  if (!org) return null;
  return { userId, organizationId, organizationKind: org.kind as OrganizationKind, role: m.role as Role, via, ...(tokenId ? { tokenId } : {}) };
}

export async function principalFromSession(ctx: ServiceContext, cookieValue: string): Promise<Principal | null> {
  const db = ctx.handle.db;
  // One query for the common case: a live session, its user, and the role in its current organization.
  const row = await findLiveSessionWithActor(db, sha256Hex(cookieValue), nowIso());
  if (!row) return null;
  const { session, user } = row;
  let actor: Actor | null = row.role && row.organizationKind && session.current_organization_id
    ? { userId: user.id, organizationId: session.current_organization_id, organizationKind: row.organizationKind as OrganizationKind, role: row.role as Role, via: 'session' }
    : null;
  if (!actor) {
    // The current organization went away (membership removed): fall back to another one the user has.
    const ms = await listMembershipsOfUser(db, user.id);
    if (ms[0]) {
      await setSessionOrganization(db, session.id, ms[0].id);
      actor = await actorFor(db, user.id, ms[0].id, 'session');
    }
  }
  return { user, actor, sessionId: session.id, csrfToken: session.csrf_token };
}

export async function principalFromToken(ctx: ServiceContext, token: string): Promise<Principal | null> {
  const db = ctx.handle.db;
  // One query for token, user and role: every Bearer request makes it.
  const row = await findApiTokenWithActor(db, sha256Hex(token));
  // A token whose creator has left the organization acts for no one.
  if (!row || !row.role || !row.organizationKind) return null;
  const { token: t, user } = row;
  const actor: Actor = { userId: user.id, organizationId: t.organization_id, organizationKind: row.organizationKind as OrganizationKind, role: row.role as Role, via: 'token', tokenId: t.id };
  // Last use is kept to the minute, so a busy integration does not write on every request.
  if (!t.last_used_at || clock.nowMs() - Date.parse(t.last_used_at) > 60_000) await touchApiToken(db, t.id, nowIso());
  return { user, actor };
}

/** The CLI acts as a named user in one of their organizations, through the same authorization as HTTP. */
export async function principalForCli(ctx: ServiceContext, email: string, organizationId?: string): Promise<Actor> {
  const db = ctx.handle.db;
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound('user');
  const ms = await listMembershipsOfUser(db, user.id);
  const orgId = organizationId ?? ms[0]?.id;
  const actor = orgId ? await actorFor(db, user.id, orgId, 'cli') : null;
  if (!actor) throw notFound('membership');
  return actor;
}

export async function me(ctx: ServiceContext, p: Principal): Promise<z.infer<typeof MeView>> {
  // One query for the organizations and their identifiers.
  const rows = await listMembershipsWithIdentifiers(ctx.handle.db, p.user.id);
  const memberships = rows.map((r) => ({ organization: toOrganizationView(r, r.identifiers), role: r.role as Role }));
  const current = p.actor ? memberships.find((m) => m.organization.id === p.actor!.organizationId) ?? null : null;
  return {
    user: userView(p.user),
    memberships,
    currentOrganization: current?.organization ?? null,
    role: current?.role ?? null,
    via: p.actor?.via === 'token' ? 'token' : 'session',
  };
}

export async function updateMe(ctx: ServiceContext, p: Principal, input: z.infer<typeof UpdateMeInput>) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    await updateUser(trx, p.user.id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    });
    if (p.actor) await recordAudit(trx, p.actor, 'user.updated', 'user', p.user.id, { fields: Object.keys(input) });
    const user = await findUserById(trx, p.user.id);
    return userView(user!);
  });
}

export async function switchOrganization(ctx: ServiceContext, p: Principal, organizationId: string) {
  if (!p.sessionId) throw invalidField('organizationId', 'an API token acts for one organization and cannot switch');
  const m = await findMembership(ctx.handle.db, p.user.id, organizationId);
  // Not a member: answer as if the organization did not exist.
  if (!m) throw notFound('organization');
  await setSessionOrganization(ctx.handle.db, p.sessionId, organizationId);
}

/** `bonafide user create`: an account with its own new organization, or added to an existing one. */
export async function createUserFromCli(
  ctx: ServiceContext,
  input: {
    email: string;
    password: string;
    displayName: string;
    organizationId?: string;
    role?: Role;
    locale?: string;
    timeZone?: string;
    organization?: { name: string; kind: OrganizationKind; country: string };
  },
) {
  if (input.organizationId) {
    const passwordHash = await hashPassword(input.password);
    return ctx.handle.db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, input.email)) throw conflict('an account with this email already exists', [{ path: 'email', message: 'already registered' }]);
      const org = await findOrganization(trx, input.organizationId!);
      if (!org) throw notFound('organization');
      const at = nowIso();
      const user: UserRow = {
        id: newId(),
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        locale: input.locale ?? 'en',
        time_zone: input.timeZone ?? 'UTC',
        created_at: at,
      };
      await insertUser(trx, user);
      await insertMembership(trx, { user_id: user.id, organization_id: org.id, role: input.role ?? 'member', created_at: at });
      await recordAudit(trx, { organizationId: org.id, userId: null }, 'user.created_by_cli', 'user', user.id, { email: user.email, role: input.role ?? 'member' });
      return { user: userView(user), organizationId: org.id };
    });
  }
  if (!input.organization) throw unauthorized('organization or organizationId is required');
  const r = await signup(ctx, { email: input.email, password: input.password, displayName: input.displayName, organization: input.organization });
  return { user: r.user, organizationId: r.organization.id };
}
