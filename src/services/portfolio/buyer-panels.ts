// The buyer's portfolio panels, one function each. Every panel reads with a fixed number of queries over all the
// filtered engagements (no query per engagement), so the home page stays fast with a thousand engagements.
import type { z } from 'zod';
import type { ContradictedClaim, OverdueItem, PhaseCount, PilotAtRisk } from '../../contracts/portfolio.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  countEngagementsByPhase,
  listDueDiscrepancySteps,
  listExpiringEvidence,
  listOverdueEvaluationPoints,
  listClaimsByIds,
  listPortfolioClaimLinks,
  listRunningPilotKpis,
} from '../../db/repositories/portfolio.js';
import { listPoliciesByIds } from '../../db/repositories/kpi-sources.js';
import { claimsInScope, claimStatus, DEFAULT_CAPACITY_TOLERANCE } from '../../domain/claims/status.js';
import type { EngagementPhase, EvidenceEffect, EvidenceKind, Provenance } from '../../domain/model.js';
import { dateOf, evaluateKpis, type PeriodUnit } from '../../domain/pilots/index.js';
import type { ReadinessEvidence } from '../../domain/readiness/types.js';
import { readinessClaim } from '../engagements/evidence-mapping.js';
import { policyDocument } from '../engagements/policies.js';
import { kpiSpecReader } from '../pilots/evaluation.js';
import { loadKpiDataFor } from '../pilots/sources.js';
import { engagementRef, type PortfolioScope } from './scope.js';

const DAY = 86_400_000;
export const EXPIRING_WITHIN_DAYS = 60;
const LIST_LIMIT = 50;

export async function engagementsByPhasePanel(db: Executor, s: PortfolioScope): Promise<z.infer<typeof PhaseCount>[]> {
  const rows = await countEngagementsByPhase(db, s.filter);
  return rows.map((r) => ({ phase: r.phase as EngagementPhase, count: Number(r.n) }));
}

/** Running pilots with a KPI past its at-risk threshold or its target, evaluated on today's records. */
export async function pilotsAtRiskPanel(db: Executor, s: PortfolioScope, now: Date) {
  const rows = await listRunningPilotKpis(db, s.filter);
  const pilots = new Map<string, typeof rows>();
  const engagementIds = new Set<string>();
  let since = '9999-12-31';
  for (const r of rows) {
    const list = pilots.get(r.pilot_id);
    if (list) list.push(r);
    else pilots.set(r.pilot_id, [r]);
    engagementIds.add(r.engagement_id);
    if (r.start_date < since) since = r.start_date;
  }
  const data = await loadKpiDataFor(db, [...engagementIds].map((id) => s.engagements.get(id)!), now, since);
  const today = dateOf(now);
  const spec = kpiSpecReader();
  const kpiStatus = { met: 0, at_risk: 0, missed: 0, no_data: 0 };
  const items: z.infer<typeof PilotAtRisk>[] = [];
  for (const [pilotId, kpis] of pilots) {
    const p = kpis[0]!;
    // Only each KPI's value over the pilot's span is shown: no trend per period.
    const result = evaluateKpis(
      kpis.map(spec),
      data.get(p.engagement_id)!,
      { from: p.start_date, to: p.end_date, asOf: today },
      p.period_unit as PeriodUnit,
      { periods: false },
    );
    for (const k of result.kpis) kpiStatus[k.status]++;
    const risky = result.kpis.filter((k) => k.status === 'at_risk' || k.status === 'missed');
    if (risky.length === 0) continue;
    items.push({
      pilotId,
      title: p.pilot_title,
      engagement: engagementRef(s, p.engagement_id),
      endDate: p.end_date,
      attainment: result.attainment.value,
      kpis: risky.map((k) => ({ key: k.key, label: kpis.find((x) => x.key === k.key)?.label ?? null, unit: k.unit, direction: k.direction, value: k.value, target: k.target, atRisk: k.atRisk, status: k.status })),
    });
  }
  // Missed before at risk, then the most KPIs in trouble.
  items.sort((a, b) => b.kpis.filter((k) => k.status === 'missed').length - a.kpis.filter((k) => k.status === 'missed').length || b.kpis.length - a.kpis.length);
  return { total: items.length, items: items.slice(0, LIST_LIMIT), kpiStatus, running: pilots.size };
}

export async function expiringEvidencePanel(db: Executor, s: PortfolioScope, now: Date, recordedBy?: string) {
  const from = now.toISOString();
  const to = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY).toISOString();
  const { items, total } = await listExpiringEvidence(db, s.filter, from, to, LIST_LIMIT, recordedBy);
  return {
    total,
    items: items.map((r) => ({
      evidenceId: r.id,
      title: r.title,
      kind: r.kind,
      validTo: new Date(r.valid_to!).toISOString(),
      daysLeft: Math.floor((Date.parse(r.valid_to!) - now.getTime()) / DAY),
      engagement: engagementRef(s, r.engagement_id),
    })),
  };
}

/**
 * Claims contradicted in an engagement: each supplier claim in the engagement's scope, decided by the one claim rule
 * (domain/claims/status.ts) on the evidence shared into that engagement, with the policy's capacity tolerance.
 */
export async function contradictedClaimsPanel(db: Executor, s: PortfolioScope, now: Date) {
  // A claim is contradicted only by evidence linked to it (claimStatus), so the claims to decide are those the
  // links name — not every claim of a thousand suppliers.
  const links = await listPortfolioClaimLinks(db, s.filter);
  const claims = await listClaimsByIds(db, [...new Set(links.map((l) => l.claim_id))]);
  const engagementIds = [...new Set(links.map((l) => l.engagement_id))];
  const policies = await listPoliciesByIds(db, [...new Set(engagementIds.map((id) => s.engagements.get(id)!.policy_id))]);
  const tolerance = new Map(policies.map((p) => [p.id, policyDocument(p).claimTolerance?.capacity ?? DEFAULT_CAPACITY_TOLERANCE]));
  const evidenceOf = new Map<string, Map<string, ReadinessEvidence & { links: { claimId: string; effect: EvidenceEffect; observedValue: number | null }[] }>>();
  for (const l of links) {
    let byId = evidenceOf.get(l.engagement_id);
    if (!byId) evidenceOf.set(l.engagement_id, (byId = new Map()));
    let ev = byId.get(l.id);
    if (!ev) {
      ev = {
        id: l.id,
        kind: l.kind as EvidenceKind,
        provenance: l.provenance as Provenance,
        title: l.title,
        validFrom: l.valid_from ? new Date(l.valid_from) : null,
        validTo: l.valid_to ? new Date(l.valid_to) : null,
        sharedAt: new Date(l.shared_at),
        links: [],
      };
      byId.set(l.id, ev);
    }
    ev.links.push({ claimId: l.claim_id, effect: l.effect as EvidenceEffect, observedValue: l.observed_value === null ? null : Number(l.observed_value) });
  }
  const claimsOf = new Map<string, ReturnType<typeof readinessClaim>[]>();
  for (const c of claims) claimsOf.set(c.organization_id, [...(claimsOf.get(c.organization_id) ?? []), readinessClaim(c)]);
  const items: z.infer<typeof ContradictedClaim>[] = [];
  for (const id of engagementIds) {
    const e = s.engagements.get(id)!;
    const scope = JSON.parse(e.scope) as { productLines?: string[] };
    const evidence = [...(evidenceOf.get(id)?.values() ?? [])];
    for (const c of claimsInScope(claimsOf.get(e.supplier_organization_id) ?? [], scope.productLines)) {
      const r = claimStatus(c, evidence, { now, capacityTolerance: tolerance.get(e.policy_id) ?? DEFAULT_CAPACITY_TOLERANCE });
      if (r.status !== 'contradicted') continue;
      items.push({ claimId: c.id, title: c.title, type: c.type, productLine: c.productLine ?? null, engagement: engagementRef(s, id), contradictingEvidenceIds: r.contradictingEvidenceIds });
    }
  }
  return { total: items.length, items: items.slice(0, LIST_LIMIT) };
}

const POINT_LABEL: Record<string, string> = { month_1: 'Month-1 review', mid_point: 'Mid-point review', final: 'Final review' };

/** Evaluation points past their date without a review, and 8D steps past their due date. */
export async function overduePanel(db: Executor, s: PortfolioScope, now: Date) {
  const today = dateOf(now);
  const [points, steps] = await Promise.all([listOverdueEvaluationPoints(db, s.filter, today), listDueDiscrepancySteps(db, s.filter, now.toISOString())]);
  const items: z.infer<typeof OverdueItem>[] = [
    ...points.map((p) => ({
      kind: 'evaluation_point' as const,
      id: p.id,
      label: `${p.kind === 'custom' ? p.label ?? 'Review' : POINT_LABEL[p.kind] ?? p.kind} · ${p.pilot_title}`,
      subject: p.pilot_title,
      ref: p.kind === 'custom' ? p.label : null,
      pointKind: p.kind as 'month_1' | 'mid_point' | 'final' | 'custom',
      openQty: null,
      dueAt: `${p.due_date}T00:00:00.000Z`,
      daysOverdue: Math.floor((now.getTime() - Date.parse(`${p.due_date}T00:00:00.000Z`)) / DAY),
      engagement: engagementRef(s, p.engagement_id),
      pilotId: p.pilot_id,
    })),
    ...steps.map((d) => ({
      kind: 'discrepancy_step' as const,
      id: `${d.discrepancy_id}/${d.step}`,
      label: `NCR-${String(d.number).padStart(3, '0')} ${d.step} · ${d.title}`,
      subject: d.title,
      ref: `NCR-${String(d.number).padStart(3, '0')} ${d.step}`,
      pointKind: null,
      openQty: null,
      dueAt: new Date(d.due_at).toISOString(),
      daysOverdue: Math.floor((now.getTime() - Date.parse(d.due_at)) / DAY),
      engagement: engagementRef(s, d.engagement_id),
      pilotId: null,
    })),
  ].sort((a, b) => b.daysOverdue - a.daysOverdue);
  return { total: items.length, items: items.slice(0, LIST_LIMIT) };
}
