import { z } from 'zod';
import type { AuditEntryView, AuditQuery } from '../contracts/accounts.js';
import { appendAudit, listAudit } from '../db/repositories/audit.js';
import type { Executor } from '../db/repositories/executor.js';
import { authorize, type Actor } from './authz.js';
import type { ServiceContext } from './context.js';
import { newId, nowIso } from './ids.js';

export interface AuditWho {
  organizationId: string;
  userId: string | null;
  tokenId?: string | null;
}

/** Every write calls this inside its own transaction, so the log and the change land together or not at all. */
export async function recordAudit(
  db: Executor,
  who: AuditWho | Actor,
  action: string,
  entityType: string,
  entityId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(db, {
    id: newId(),
    at: nowIso(),
    organization_id: who.organizationId,
    actor_user_id: who.userId,
    actor_token_id: who.tokenId ?? null,
    action,
    entity_type: entityType,
    entity_id: entityId,
    details: JSON.stringify(details),
  });
}

export async function listAuditLog(
  ctx: ServiceContext,
  actor: Actor,
  query: z.infer<typeof AuditQuery>,
): Promise<z.infer<typeof AuditEntryView>[]> {
  authorize(actor, 'audit.read');
  const rows = await listAudit(ctx.handle.db, actor.organizationId, query);
  return rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    at: r.at,
    actor: { userId: r.actor_user_id, displayName: r.actor_display_name ?? null, tokenId: r.actor_token_id },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
