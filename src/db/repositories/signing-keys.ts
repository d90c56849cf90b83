// Organizations' Ed25519 keys (and the log's own, organization_id null).
import type { Selectable } from 'kysely';
import type { SigningKeysTable } from '../schema/record.js';
import type { Executor } from './executor.js';

export type SigningKeyRow = Selectable<SigningKeysTable>;

export async function insertSigningKey(db: Executor, row: SigningKeyRow): Promise<void> {
  await db.insertInto('signing_keys').values(row).execute();
}

/** The key an organization signs with now: its newest unrevoked one. */
export function findCurrentKey(db: Executor, organizationId: string | null): Promise<SigningKeyRow | undefined> {
  let q = db.selectFrom('signing_keys').selectAll().where('revoked_at', 'is', null);
  q = organizationId === null ? q.where('organization_id', 'is', null) : q.where('organization_id', '=', organizationId);
  return q.orderBy('valid_from', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

export function listKeysOf(db: Executor, organizationIds: string[]): Promise<SigningKeyRow[]> {
  if (organizationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('signing_keys').selectAll().where('organization_id', 'in', organizationIds).orderBy('valid_from').execute();
}

export function findKeyByKeyId(db: Executor, keyId: string): Promise<SigningKeyRow | undefined> {
  return db.selectFrom('signing_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
}

export async function revokeKeyRow(db: Executor, id: string, at: string, reason: string): Promise<boolean> {
  const r = await db.updateTable('signing_keys').set({ revoked_at: at, revocation_reason: reason }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
