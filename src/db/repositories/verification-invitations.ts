// Invitations to verify: the supplier proposes visit slots, samples under stated conditions, or a named auditor in
// an engagement; the buyer accepts or declines.
import type { Selectable } from 'kysely';
import type { VerificationInvitationsTable } from '../schema/suppliers.js';
import type { Executor } from './executor.js';

export type InvitationRow = Selectable<VerificationInvitationsTable>;

export async function insertInvitation(db: Executor, row: InvitationRow) {
  await db.insertInto('verification_invitations').values(row).execute();
}

export function findInvitation(db: Executor, id: string) {
  return db.selectFrom('verification_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listInvitationsOfEngagement(db: Executor, engagementId: string) {
  return db.selectFrom('verification_invitations').selectAll().where('engagement_id', '=', engagementId).orderBy('created_at', 'desc').execute();
}

/** Moves an invitation from one status to the next only if it still has the first; true when it did. */
export async function transitionInvitation(db: Executor, id: string, from: string, patch: Partial<InvitationRow> & { status: string }): Promise<boolean> {
  const r = await db.updateTable('verification_invitations').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function updateInvitation(db: Executor, id: string, patch: Partial<InvitationRow>) {
  await db.updateTable('verification_invitations').set(patch).where('id', '=', id).execute();
}

export function listProposalsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('visit_proposals').selectAll().where('id', 'in', ids).orderBy('start_at').execute();
}

/** Withdraws the slots of an invitation that nobody booked. */
export async function withdrawOpenSlots(db: Executor, ids: string[]) {
  if (!ids.length) return;
  await db.updateTable('visit_proposals').set({ status: 'withdrawn' }).where('id', 'in', ids).where('status', '=', 'open').where('visit_id', 'is', null).execute();
}
