// Who may see an engagement: its buyer and its supplier. Everyone else (an auditor included) gets the same 404 as
// for an engagement that does not exist; every engagement use case loads the engagement through here.
import type { Executor } from '../../db/repositories/executor.js';
import { findEngagementFor, type EngagementRow } from '../../db/repositories/engagements.js';
import { OPEN_PHASES, type OpenPhase } from '../../domain/model.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';

export async function loadEngagement(ctx: ServiceContext | { handle: { db: Executor } }, actor: Actor, id: string): Promise<EngagementRow> {
  authorize(actor, 'engagement.read');
  const row = await findEngagementFor(ctx.handle.db, actor.organizationId, id);
  // Not a party: the engagement does not exist for this organization.
  if (!row) throw notFound('engagement');
  return row;
}

export function isOpen(phase: string): phase is OpenPhase {
  return (OPEN_PHASES as readonly string[]).includes(phase);
}
