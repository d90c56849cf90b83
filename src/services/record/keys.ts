// Organizations' signing keys: published in the directory with their validity, rotated by an admin (the old key
// gets a revocation record, reason "superseded"), revoked as compromised from a given time.
import type { z } from 'zod';
import type { KeyView, RevokeKeyInput } from '../../contracts/record.js';
import { organizationStream } from '../../domain/record/entry.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findCurrentKey, listKeysOf, revokeKeyRow, type SigningKeyRow } from '../../db/repositories/signing-keys.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalidField, notFound } from '../shared/errors.js';
import { appendWithKey, createOrganizationKey } from './log.js';
import * as clock from '../../clock.js';

export function keyView(k: SigningKeyRow, current: boolean): z.infer<typeof KeyView> {
  return {
    id: k.id,
    organizationId: k.organization_id!,
    keyId: k.key_id,
    did: `did:key:${k.key_id}`,
    validFrom: k.valid_from,
    revokedAt: k.revoked_at,
    revocationReason: k.revocation_reason,
    current,
  };
}

/** The public keys of an organization, newest first (the directory shows them to every signed-in user). */
export async function listOrganizationKeys(ctx: ServiceContext, actor: Actor, organizationId: string) {
  authorize(actor, 'organization.read');
  if (!(await findOrganization(ctx.handle.db, organizationId))) throw notFound('organization');
  const rows = await listKeysOf(ctx.handle.db, [organizationId]);
  const current = await findCurrentKey(ctx.handle.db, organizationId);
  return rows.reverse().map((k) => keyView(k, k.id === current?.id));
}

/** Writes the revocation record of `key`, signed by `by` (the key that stays). */
async function revoke(db: Executor, key: SigningKeyRow, by: SigningKeyRow, at: string, revokedAt: string, reason: string, note?: string) {
  if (!(await revokeKeyRow(db, key.id, revokedAt, reason))) throw conflict('this key is already revoked');
  await appendWithKey(
    db,
    {
      kind: 'key_revocation',
      id: `${key.id}/revocation`,
      stream: organizationStream(key.organization_id!),
      engagementId: null,
      recordedAt: at,
      organizationId: key.organization_id!,
      content: { keyId: key.key_id, revokedAt, reason, ...(note ? { note } : {}) },
    },
    by,
  );
}

/** A new key signs from now on; the old one is retired with a revocation record. */
export async function rotateKey(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'organization.update');
  return ctx.handle.db.transaction().execute(async (trx) => {
    const at = clock.nowIso();
    const old = await findCurrentKey(trx, actor.organizationId);
    const fresh = await createOrganizationKey(trx, actor.organizationId, at);
    if (old) await revoke(trx, old, fresh, at, at, 'superseded');
    await recordAudit(trx, actor, 'key.rotated', 'signing_key', fresh.id, { keyId: fresh.key_id, retired: old?.key_id ?? null });
    return keyView(fresh, true);
  });
}

/**
 * Revokes a key from `effectiveFrom` (default now): entries it signed at or after that time no longer verify.
 * Revoking the current key makes a new one first, which signs the revocation.
 */
export async function revokeKey(ctx: ServiceContext, actor: Actor, keyId: string, input: z.infer<typeof RevokeKeyInput>) {
  authorize(actor, 'organization.update');
  const now = clock.nowIso();
  const from = input.effectiveFrom ? new Date(input.effectiveFrom).toISOString() : now;
  if (from > now) throw invalidField('effectiveFrom', 'a revocation cannot take effect in the future');
  return ctx.handle.db.transaction().execute(async (trx) => {
    const keys = await listKeysOf(trx, [actor.organizationId]);
    const key = keys.find((k) => k.key_id === keyId);
    if (!key) throw notFound('key');
    if (key.revoked_at) throw conflict('this key is already revoked');
    if (from < key.valid_from) throw invalidField('effectiveFrom', 'a key cannot be revoked from before it was valid');
    let by = await findCurrentKey(trx, actor.organizationId);
    if (!by || by.id === key.id) by = await createOrganizationKey(trx, actor.organizationId, now);
    await revoke(trx, key, by, now, from, input.reason, input.note);
    await recordAudit(trx, actor, 'key.revoked', 'signing_key', key.id, { keyId, reason: input.reason, effectiveFrom: from });
    const after = await listKeysOf(trx, [actor.organizationId]);
    return after.reverse().map((k) => keyView(k, k.id === by!.id));
  });
}
