import type { Selectable } from 'kysely';
import type { SignupRequestsTable } from '../schema.js';
import type { Executor } from './executor.js';

export type SignupRequestRow = Selectable<SignupRequestsTable>;

export async function insertSignupRequest(db: Executor, row: SignupRequestRow) {
  await db.insertInto('signup_requests').values(row).execute();
}

export function findSignupRequestByTokenHash(db: Executor, tokenHash: string): Promise<SignupRequestRow | undefined> {
  return db.selectFrom('signup_requests').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks the request used unless it already was (a link followed twice at once creates one account). */
export async function useSignupRequest(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('signup_requests').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteExpiredSignupRequests(db: Executor, now: string) {
  await db.deleteFrom('signup_requests').where('expires_at', '<', now).execute();
}
