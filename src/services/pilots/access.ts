// Who may see a pilot: the parties of its engagement. Everyone else gets the same 404 as for a pilot that does not
// exist; every pilot use case loads the pilot through here.
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { findEngagementFor } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findPilotFor, type PilotRow } from '../../db/repositories/pilots.js';
import { authorize, type Actor } from '../shared/authz.js';
import { forbidden, notFound } from '../shared/errors.js';

export async function loadPilot(ctx: { handle: { db: Executor } }, actor: Actor, id: string): Promise<{ pilot: PilotRow; engagement: EngagementRow }> {
  authorize(actor, 'pilot.read');
  const pilot = await findPilotFor(ctx.handle.db, actor.organizationId, id);
  if (!pilot) throw notFound('pilot');
  const engagement = (await findEngagementFor(ctx.handle.db, actor.organizationId, pilot.engagement_id))!;
  return { pilot, engagement };
}

export function sideOf(e: EngagementRow, actor: Actor): 'buyer' | 'supplier' {
  return e.buyer_organization_id === actor.organizationId ? 'buyer' : 'supplier';
}

/** The buyer of the engagement, with the permission for it (pilot set-up, reviews, orders and receipts). */
export function requireBuyer(e: EngagementRow, actor: Actor, permission: 'pilot.manage' | 'orders.record', what: string): void {
  authorize(actor, permission);
  if (e.buyer_organization_id !== actor.organizationId) throw forbidden(`${what} is the buyer's`);
}
