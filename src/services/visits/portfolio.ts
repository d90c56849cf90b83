// "Does visiting pay off?" on the buyer's own data: engagements with and without a closed visit. The numbers are
// decided by the pure domain function; this loads the facts it needs.
import { listGateDecisions } from '../../db/repositories/engagements.js';
import { listFindings, listVisitsOfEngagements } from '../../db/repositories/visits.js';
import { CLOSED_PHASES } from '../../domain/model.js';
import { effectiveEffect } from '../../domain/readiness/index.js';
import { visitEffect, type EffectEngagement } from '../../domain/visits/effect.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { buildReadinessInput } from '../engagements/readiness.js';
import * as clock from '../../clock.js';

export async function visitEffectForBuyer(ctx: ServiceContext, actor: Actor, includeRemote: boolean) {
  authorize(actor, 'portfolio.read');
  const db = ctx.handle.db;
  const now = clock.now();
  const engagements = await db.selectFrom('engagements').selectAll().where('buyer_organization_id', '=', actor.organizationId).orderBy('created_at').execute();
  const ids = engagements.map((e) => e.id);
  const [decisions, visits] = await Promise.all([listGateDecisions(db, ids), listVisitsOfEngagements(db, ids)]);
  const findings = await listFindings(db, visits.map((v) => v.id));
  const facts: EffectEngagement[] = [];
  for (const e of engagements) {
    const steps = decisions.filter((d) => d.engagement_id === e.id);
    const accepted = steps.find((d) => d.decision === 'accept');
    const ended = steps.find((d) => (CLOSED_PHASES as readonly string[]).includes(d.to_phase));
    const partnership = steps.find((d) => d.to_phase === 'partnership');
    const own = visits.filter((v) => v.engagement_id === e.id);
    const ownFindings = findings.filter((f) => own.some((v) => v.id === f.visit_id));
    // Discrepancies: major and minor findings, and evidence contradicting a claim (a finding's evidence counts once).
    const counted = new Set<string>();
    for (const f of ownFindings) if (f.severity !== 'observation') counted.add(f.evidence_id ?? `finding:${f.id}`);
    if (accepted) {
      const input = await buildReadinessInput(db, e, now);
      const claims = new Map(input.claims.map((c) => [c.id, c]));
      for (const ev of input.evidence) {
        const contradicts = (ev.links ?? []).some((l) => {
          const c = claims.get(l.claimId);
          return c !== undefined && effectiveEffect(c, l, input.policy.claimTolerance.capacity) === 'contradicts';
        });
        if (contradicts) counted.add(ev.id);
      }
    }
    facts.push({
      id: e.id,
      acceptedAt: accepted ? new Date(accepted.decided_at) : null,
      endedAt: ended ? new Date(ended.decided_at) : null,
      partnershipStartedAt: partnership ? new Date(partnership.decided_at) : null,
      visits: own.map((v) => ({ type: v.type, status: v.status, closedAt: v.closed_at ? new Date(v.closed_at) : null })),
      discrepancies: counted.size,
      pilotKpiScore: null,
    });
  }
  return { ...visitEffect(facts, now, includeRemote), computedAt: now.toISOString() };
}
