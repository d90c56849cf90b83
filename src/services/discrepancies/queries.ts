import type { z } from 'zod';
import type { DiscrepancyListQuery } from '../../contracts/discrepancies.js';
import { listDiscrepanciesFor } from '../../db/repositories/discrepancies.js';
import { loadEngagement } from '../engagements/access.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { loadDiscrepancy } from './access.js';
import { fullView, summaries } from './views.js';
import { listTargetOptions } from './targets.js';

export async function getDiscrepancy(ctx: ServiceContext, actor: Actor, id: string) {
  const { d, e } = await loadDiscrepancy(ctx.handle.db, actor, id);
  return fullView(ctx.handle.db, actor, d, e);
}

/** Discrepancies of every engagement the organization is a party to (both sides see the same list). */
export async function listDiscrepancies(ctx: ServiceContext, actor: Actor, q: z.infer<typeof DiscrepancyListQuery>) {
  authorize(actor, 'engagement.read');
  if (q.engagementId) await loadEngagement(ctx, actor, q.engagementId);
  return summaries(ctx.handle.db, actor.organizationId, await listDiscrepanciesFor(ctx.handle.db, actor.organizationId, q));
}

export async function listEngagementDiscrepancies(ctx: ServiceContext, actor: Actor, engagementId: string) {
  await loadEngagement(ctx, actor, engagementId);
  return summaries(ctx.handle.db, actor.organizationId, await listDiscrepanciesFor(ctx.handle.db, actor.organizationId, { engagementId }));
}

export async function discrepancyTargets(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  return listTargetOptions(ctx.handle.db, e);
}
