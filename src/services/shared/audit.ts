import { z } from 'zod';
import type { AuditEntryView, AuditQuery } from '../../contracts/accounts.js';
import { appendAudits, listAudit } from '../../db/repositories/audit.js';
import { findGeneratedTitles } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { generatedTitle } from '../engagements/evidence-mapping.js';
import { authorize, type Actor } from './authz.js';
import type { ServiceContext } from './context.js';
import { newId, nowIso } from './ids.js';

export interface AuditWho {
  organizationId: string;
  userId: string | null;
  tokenId?: string | null;
}

/**
 * Every write calls this inside its own transaction, so the log and the change land together or not at all. An
 * action taken from the command line (an actor `via: 'cli'`) says so in its details (`via: 'cli'`).
 */
export async function recordAudit(
  db: Executor,
  who: AuditWho | Actor,
  action: string,
  entityType: string,
  entityId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudits(db, who, [{ action, entityType, entityId, details }]);
}

/** Several entries by one actor, in order, in a few INSERTs (an import's thousand lots). */
export async function recordAudits(
  db: Executor,
  who: AuditWho | Actor,
  entries: readonly { action: string; entityType: string; entityId: string | null; details?: Record<string, unknown> }[],
): Promise<void> {
  const at = nowIso();
  const viaCli = 'via' in who && who.via === 'cli';
  await appendAudits(
    db,
    entries.map((e) => ({
      id: newId(),
      at,
      organization_id: who.organizationId,
      actor_user_id: who.userId,
      actor_token_id: who.tokenId ?? null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      details: JSON.stringify(viaCli ? { ...e.details, via: 'cli' } : (e.details ?? {})),
    })),
  );
}

export async function listAuditLog(
  ctx: ServiceContext,
  actor: Actor,
  query: z.infer<typeof AuditQuery>,
): Promise<z.infer<typeof AuditEntryView>[]> {
  authorize(actor, 'audit.read');
  const rows = await listAudit(ctx.handle.db, actor.organizationId, query);
  const parsed = rows.map((r) => ({ r, details: JSON.parse(r.details) as Record<string, unknown> }));
  // Evidence entries keep the English title the system wrote; where that evidence carries the title's code, the
  // entry gets it too, so the reader sees the title in their language (old entries included: it is read now).
  const evidenceIds = [...new Set(parsed.filter(({ r, details }) => r.entity_type === 'evidence' && r.entity_id && typeof details.title === 'string').map(({ r }) => r.entity_id!))];
  const titled = await findGeneratedTitles(ctx.handle.db, evidenceIds, [actor.organizationId]);
  const byId = new Map(titled.map((e) => [e.id, e]));
  return parsed.map(({ r, details }) => {
    const ev = r.entity_type === 'evidence' && r.entity_id ? byId.get(r.entity_id) : undefined;
    return {
      id: r.id,
      seq: Number(r.seq),
      at: r.at,
      actor: { userId: r.actor_user_id, displayName: r.actor_display_name ?? null, tokenId: r.actor_token_id },
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      details,
      generatedTitle: ev && ev.title === details.title ? generatedTitle(ev) : null,
    };
  });
}
