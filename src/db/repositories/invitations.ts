import type { Selectable } from 'kysely';
import type { InvitationsTable } from '../schema.js';
import type { Executor } from './executor.js';

export type InvitationRow = Selectable<InvitationsTable>;

export async function insertInvitation(db: Executor, row: InvitationRow): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export function listInvitations(db: Executor, organizationId: string): Promise<InvitationRow[]> {
  return db.selectFrom('invitations').selectAll().where('organization_id', '=', organizationId).orderBy('created_at', 'desc').execute();
}

export function findInvitation(db: Executor, organizationId: string, id: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findInvitationByTokenHash(db: Executor, hash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Marks the invitation used; returns false when another request already used or revoked it. */
export async function consumeInvitation(db: Executor, id: string, userId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ accepted_at: at, accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function revokeInvitation(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
