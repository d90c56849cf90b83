// What waits for the actor's organization (the counts in the navigation and on the home page). An auditor's
// organization is party to no engagement: nothing waits for it here (its visits come by invitation).
import { WAITING_KINDS, type WaitingViewT } from '../../contracts/waiting.js';
import { waitingCounts, type WaitingRow } from '../../db/repositories/waiting.js';
import { can, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';

function merge(rows: WaitingRow[]) {
  const by = new Map<string, { id: string; title: string; count: number }>();
  for (const r of rows) {
    const e = by.get(r.engagement_id) ?? { id: r.engagement_id, title: r.title, count: 0 };
    e.count += Number(r.n);
    by.set(r.engagement_id, e);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
}

export async function getWaiting(ctx: ServiceContext, actor: Actor): Promise<WaitingViewT> {
  // Whoever may not read engagements is shown nothing waiting in them (not refused: the navigation asks for everyone).
  const counts = can(actor, 'engagement.read') ? await waitingCounts(ctx.handle.db, actor.organizationId) : { requests: [], visits: [], messages: [], evidence: [] };
  const items = WAITING_KINDS.map((kind) => {
    const engagements = merge(counts[kind]);
    return { kind, count: engagements.reduce((n, e) => n + e.count, 0), engagements: engagements.slice(0, 20) };
  });
  return { total: items.reduce((n, i) => n + i.count, 0), items };
}
