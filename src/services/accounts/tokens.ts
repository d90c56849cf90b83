import { roleAtLeast, authorize, type Actor } from '../shared/authz.js';
import { recordAudit } from '../shared/audit.js';
import type { ServiceContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { newId, newSecret, nowIso, sha256Hex } from '../shared/ids.js';
import { findApiToken, insertApiToken, listApiTokens, revokeApiToken } from '../../db/repositories/sessions.js';

const TOKEN_PREFIX = 'bfd_';

/** The token is returned once; only its SHA-256 is stored. */
export async function createApiToken(ctx: ServiceContext, actor: Actor, name: string) {
  authorize(actor, 'tokens.manage');
  const token = TOKEN_PREFIX + newSecret();
  const row = {
    id: newId(),
    organization_id: actor.organizationId,
    user_id: actor.userId,
    name,
    token_hash: sha256Hex(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    created_at: nowIso(),
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    await insertApiToken(trx, row);
    await recordAudit(trx, actor, 'token.created', 'api_token', row.id, { name });
  });
  return { id: row.id, name, token, prefix: row.prefix, createdAt: row.created_at };
}

/** Admins see every token of the organization; others see their own. */
export async function listTokens(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'tokens.manage');
  const rows = await listApiTokens(ctx.handle.db, actor.organizationId, roleAtLeast(actor.role, 'admin') ? undefined : actor.userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    user: { id: r.user_id, displayName: r.user_display_name },
  }));
}

export async function revokeToken(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tokens.manage');
  const row = await findApiToken(ctx.handle.db, actor.organizationId, id);
  if (!row || (row.user_id !== actor.userId && !roleAtLeast(actor.role, 'admin'))) throw notFound('token');
  await ctx.handle.db.transaction().execute(async (trx) => {
    await revokeApiToken(trx, id, nowIso());
    await recordAudit(trx, actor, 'token.revoked', 'api_token', id, { name: row.name });
  });
}
