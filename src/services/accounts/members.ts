import type { z } from 'zod';
import type { NewInvitationInput } from '../../contracts/accounts.js';
import type { Role } from '../../domain/model.js';
import { notifyInvitation } from '../notifications/events.js';
import {
  consumeInvitation,
  findInvitation,
  findInvitationByTokenHash,
  insertInvitation,
  listInvitations,
  revokeInvitation,
  type InvitationRow,
} from '../../db/repositories/invitations.js';
import {
  countOwners,
  deleteMembership,
  findMembership,
  findOrganization,
  insertMembership,
  listMembersOfOrganization,
  updateMembershipRole,
} from '../../db/repositories/organizations.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { newId, newSecret, nowIso, sha256Hex } from '../shared/ids.js';
import type { Principal } from './accounts.js';
import * as clock from '../../clock.js';

export async function listMembers(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'members.read');
  const rows = await listMembersOfOrganization(ctx.handle.db, actor.organizationId);
  return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, role: r.role as Role, since: r.created_at }));
}

/** Only an owner makes or unmakes owners, and the last owner stays. */
export async function changeMemberRole(ctx: ServiceContext, actor: Actor, userId: string, role: Role) {
  authorize(actor, 'members.manage');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const m = await findMembership(trx, userId, actor.organizationId);
    if (!m) throw notFound('member');
    if ((m.role === 'owner' || role === 'owner') && actor.role !== 'owner') throw forbidden('only an owner can grant or remove the owner role');
    if (m.role === 'owner' && role !== 'owner' && (await countOwners(trx, actor.organizationId)) <= 1) {
      throw conflict('the organization needs at least one owner', [{ path: 'role', message: 'last owner' }]);
    }
    await updateMembershipRole(trx, userId, actor.organizationId, role);
    await recordAudit(trx, actor, 'member.role_changed', 'membership', userId, { from: m.role, to: role });
  });
}

export async function removeMember(ctx: ServiceContext, actor: Actor, userId: string) {
  authorize(actor, 'members.manage');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const m = await findMembership(trx, userId, actor.organizationId);
    if (!m) throw notFound('member');
    if (m.role === 'owner' && actor.role !== 'owner') throw forbidden('only an owner can remove an owner');
    if (m.role === 'owner' && (await countOwners(trx, actor.organizationId)) <= 1) {
      throw conflict('the organization needs at least one owner', [{ path: 'userId', message: 'last owner' }]);
    }
    await deleteMembership(trx, userId, actor.organizationId);
    await recordAudit(trx, actor, 'member.removed', 'membership', userId, { role: m.role });
  });
}

function invitationStatus(r: InvitationRow, now = nowIso()) {
  if (r.revoked_at) return 'revoked' as const;
  if (r.accepted_at) return 'accepted' as const;
  if (r.expires_at <= now) return 'expired' as const;
  return 'pending' as const;
}

function invitationView(r: InvitationRow) {
  return {
    id: r.id,
    email: r.email,
    role: r.role as Role,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    revokedAt: r.revoked_at,
    status: invitationStatus(r),
  };
}

/**
 * Invitations are single-use links that expire. There is no mail server in the embedded setup, so the link is
 * returned to the inviting admin to pass on; only the token's hash is stored.
 */
export async function createInvitation(ctx: ServiceContext, actor: Actor, input: z.infer<typeof NewInvitationInput>) {
  authorize(actor, 'invitations.manage');
  if (input.role === 'owner' && actor.role !== 'owner') throw forbidden('only an owner can invite an owner');
  const token = newSecret();
  const now = clock.now();
  const row: InvitationRow = {
    id: newId(),
    organization_id: actor.organizationId,
    email: input.email,
    role: input.role,
    token_hash: sha256Hex(token),
    invited_by: actor.userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * 86400_000).toISOString(),
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, row);
    await recordAudit(trx, actor, 'invitation.created', 'invitation', row.id, { email: row.email, role: row.role });
    // With SMTP configured the invitee gets the link by email too, not only the inviting admin.
    await notifyInvitation(trx, ctx, { email: row.email, organizationId: row.organization_id, invitedBy: actor.userId, role: row.role, expiresAt: row.expires_at, acceptPath: `/invite/${token}` });
  });
  return { ...invitationView(row), token, acceptPath: `/invite/${token}` };
}

export async function listOrganizationInvitations(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'invitations.manage');
  return (await listInvitations(ctx.handle.db, actor.organizationId)).map(invitationView);
}

export async function revokeOrganizationInvitation(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'invitations.manage');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const row = await findInvitation(trx, actor.organizationId, id);
    if (!row) throw notFound('invitation');
    await revokeInvitation(trx, id, nowIso());
    await recordAudit(trx, actor, 'invitation.revoked', 'invitation', id, { email: row.email });
  });
}

/** What the invitation page shows before someone accepts: which organization, which role. */
export async function previewInvitation(ctx: ServiceContext, token: string) {
  const row = await findInvitationByTokenHash(ctx.handle.db, sha256Hex(token));
  if (!row || invitationStatus(row) !== 'pending') throw notFound('invitation');
  const org = await findOrganization(ctx.handle.db, row.organization_id);
  if (!org) throw notFound('invitation');
  return {
    organization: { id: org.id, name: org.name, kind: org.kind as 'buyer' | 'supplier' | 'auditor', country: org.country },
    email: row.email,
    role: row.role as Role,
    expiresAt: row.expires_at,
  };
}

export async function acceptInvitation(ctx: ServiceContext, p: Principal, token: string) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const row = await findInvitationByTokenHash(trx, sha256Hex(token));
    if (!row) throw invalidField('token', 'this invitation is unknown, expired, revoked or already used');
    if (row.email !== p.user.email) throw invalidField('token', 'this invitation was sent to another email address');
    if (await findMembership(trx, p.user.id, row.organization_id)) throw conflict('you are already a member of this organization');
    const at = nowIso();
    if (!(await consumeInvitation(trx, row.id, p.user.id, at))) {
      throw invalidField('token', 'this invitation is unknown, expired, revoked or already used');
    }
    await insertMembership(trx, { user_id: p.user.id, organization_id: row.organization_id, role: row.role, created_at: at });
    await recordAudit(trx, { organizationId: row.organization_id, userId: p.user.id }, 'invitation.accepted', 'invitation', row.id, {
      email: row.email,
      role: row.role,
    });
    return { organizationId: row.organization_id, role: row.role as Role };
  });
}

