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
  listKpisOfPilots,
  listRunningPilots,
} from '../../db/repositories/portfolio.js';
import { listPoliciesByIds } from '../../db/repositories/kpi-sources.js';
import { claimsInScope, claimStatus, DEFAULT_CAPACITY_TOLERANCE } from '../../domain/claims/status.js';
import { ENGAGEMENT_PHASES, type EvidenceEffect, type EvidenceKind, type Provenance } from '../../domain/model.js';
import { dateOf, evaluateKpis, type PeriodUnit } from '../../domain/pilots/index.js';
import type { ReadinessEvidence } from '../../domain/readiness/types.js';
import { readinessClaim } from '../engagements/evidence-mapping.js';
import { policyDocument } from '../engagements/policies.js';
import { kpiSpecReader } from '../pilots/evaluation.js';
import { groupBy, loadKpiDataFor } from '../pilots/sources.js';
import { keepClaims, keepEvaluation, keptClaims, keptEvaluation, type KeptEvaluation } from './kept.js';
import { engagementRef, filteredIds, isFiltered, revisionOf, scopeOf, type PortfolioScope } from './scope.js';

const DAY = 86_400_000;
export const EXPIRING_WITHIN_DAYS = 60;
/** Items listed per panel (the totals count them all); the CSV export asks for every item (Infinity). */
const LIST_LIMIT = 50;

/** The filtered engagements by phase, in the order of the phases (without a filter, counted from the scope). */
export async function engagementsByPhasePanel(db: Executor, s: PortfolioScope): Promise<z.infer<typeof PhaseCount>[]> {
  const counts = new Map<string, number>();
  if (isFiltered(s.filter)) for (const r of await countEngagementsByPhase(db, s.filter)) counts.set(r.phase, Number(r.n));
  else for (const e of s.engagements.values()) counts.set(e.phase, (counts.get(e.phase) ?? 0) + 1);
  return ENGAGEMENT_PHASES.filter((p) => counts.has(p)).map((phase) => ({ phase, count: counts.get(phase)! }));
}

/**
 * Running pilots with a KPI past its at-risk threshold or its target, evaluated on today's records. Evaluations
 * are kept between reads while their inputs are unchanged (kept.ts); only the others are computed,
 * with the same fixed set of queries over their engagements.
 */
export async function pilotsAtRiskPanel(db: Executor, s: PortfolioScope, now: Date, limit = LIST_LIMIT) {
  const pilots = await listRunningPilots(db, s.filter);
  const today = dateOf(now);
  const evaluations = new Map<string, KeptEvaluation>();
  const revision = (engagementId: string) => revisionOf(s, engagementId);
  const stale = pilots.filter((p) => {
    const e = keptEvaluation(db, p.id, revision(p.engagement_id), today);
    if (e) evaluations.set(p.id, e);
    return !e;
  });
  if (stale.length > 0) {
    const kpisOf = groupBy(await listKpisOfPilots(db, stale.map((p) => p.id)), (k) => k.pilot_id);
    // A running pilot without KPIs has nothing to show (and is not counted as running).
    const engagementIds = new Set(stale.filter((p) => kpisOf.has(p.id)).map((p) => p.engagement_id));
    let since = '9999-12-31';
    for (const p of pilots) if (engagementIds.has(p.engagement_id) && p.start_date < since) since = p.start_date;
    const data = await loadKpiDataFor(db, [...engagementIds].map((id) => s.engagements.get(id)!), now, since);
    const spec = kpiSpecReader();
    for (const p of stale) {
      const kpis = kpisOf.get(p.id);
      if (!kpis) continue;
      const d = data.get(p.engagement_id)!;
      const entry: KeptEvaluation = {
        revision: revision(p.engagement_id),
        day: today,
        // Only each KPI's value over the pilot's span is shown: no trend per period.
        evaluation: evaluateKpis(kpis.map(spec), d, { from: p.start_date, to: p.end_date, asOf: today }, p.period_unit as PeriodUnit, { periods: false }),
        labels: new Map(kpis.map((k) => [k.key, k.label])),
      };
      evaluations.set(p.id, entry);
      keepEvaluation(db, p.id, entry, d);
    }
  }
  const kpiStatus = { met: 0, at_risk: 0, missed: 0, no_data: 0 };
  const items: z.infer<typeof PilotAtRisk>[] = [];
  let running = 0;
  for (const p of pilots) {
    const kept = evaluations.get(p.id);
    if (!kept) continue;
    const result = kept.evaluation;
    running++;
    for (const k of result.kpis) kpiStatus[k.status]++;
    const risky = result.kpis.filter((k) => k.status === 'at_risk' || k.status === 'missed');
    if (risky.length === 0) continue;
    items.push({
      pilotId: p.id,
      title: p.title,
      engagement: engagementRef(s, p.engagement_id),
      endDate: p.end_date,
      attainment: result.attainment.value,
      kpis: risky.map((k) => ({ key: k.key, label: kept.labels.get(k.key) ?? null, unit: k.unit, direction: k.direction, value: k.value, target: k.target, atRisk: k.atRisk, status: k.status })),
    });
  }
  // Missed before at risk, then the most KPIs in trouble.
  items.sort((a, b) => b.kpis.filter((k) => k.status === 'missed').length - a.kpis.filter((k) => k.status === 'missed').length || b.kpis.length - a.kpis.length);
  return { total: items.length, items: items.slice(0, limit), kpiStatus, running };
}

export async function expiringEvidencePanel(db: Executor, s: PortfolioScope, now: Date, recordedBy?: string, limit = LIST_LIMIT) {
  const from = now.toISOString();
  const to = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY).toISOString();
  const { items, total } = await listExpiringEvidence(db, s.filter, from, to, limit, recordedBy);
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

type ContradictedInEngagement = Omit<z.infer<typeof ContradictedClaim>, 'engagement'>;

/**
 * Claims contradicted in an engagement: each supplier claim in the engagement's scope, decided by the one claim rule
 * (domain/claims/status.ts) on the evidence shared into that engagement, with the policy's capacity tolerance.
 * Each engagement's are kept between reads while its inputs are unchanged (kept.ts). Listed by engagement, newest
 * first, and by claim title within one.
 */
export async function contradictedClaimsPanel(db: Executor, s: PortfolioScope, now: Date, limit = LIST_LIMIT) {
  const filtered = new Set(await filteredIds(db, s));
  const revision = (id: string) => revisionOf(s, id);
  const byEngagement = new Map<string, ContradictedInEngagement[]>();
  for (const id of filtered) {
    const kept = keptClaims<ContradictedInEngagement>(db, id, revision(id), now);
    if (kept) byEngagement.set(id, kept);
  }
  if (byEngagement.size < filtered.size) {
    for (const [id, r] of await decideClaims(db, s, now, (id) => filtered.has(id) && !byEngagement.has(id))) {
      byEngagement.set(id, r.items);
      keepClaims(db, id, revision(id), now, r.evidence, r.items);
    }
  }
  const items: z.infer<typeof ContradictedClaim>[] = [];
  for (const id of s.engagements.keys()) for (const c of byEngagement.get(id) ?? []) items.push({ ...c, engagement: engagementRef(s, id) });
  return { total: items.length, items: items.slice(0, limit) };
}

/** The contradicted claims of the engagements `wanted` accepts, with the linked evidence they were decided on. */
async function decideClaims(db: Executor, s: PortfolioScope, now: Date, wanted: (engagementId: string) => boolean) {
  // A claim is contradicted only by evidence linked to it (claimStatus), so the claims to decide are those the
  // links name — not every claim of a thousand suppliers.
  const links = (await listPortfolioClaimLinks(db, s.filter)).filter((l) => wanted(l.engagement_id));
  const claims = await listClaimsByIds(db, [...new Set(links.map((l) => l.claim_id))]);
  const policies = await listPoliciesByIds(db, [...new Set([...s.engagements.values()].filter((e) => wanted(e.id)).map((e) => e.policy_id))]);
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
  const out = new Map<string, { items: ContradictedInEngagement[]; evidence: ReadinessEvidence[] }>();
  for (const e of s.engagements.values()) {
    if (!wanted(e.id)) continue;
    const scope = scopeOf(e);
    const evidence = [...(evidenceOf.get(e.id)?.values() ?? [])];
    const items: ContradictedInEngagement[] = [];
    for (const c of claimsInScope(claimsOf.get(e.supplier_organization_id) ?? [], scope.productLines)) {
      const r = claimStatus(c, evidence, { now, capacityTolerance: tolerance.get(e.policy_id) ?? DEFAULT_CAPACITY_TOLERANCE });
      if (r.status !== 'contradicted') continue;
      items.push({ claimId: c.id, title: c.title, type: c.type, productLine: c.productLine ?? null, contradictingEvidenceIds: r.contradictingEvidenceIds });
    }
    items.sort((a, b) => a.title.localeCompare(b.title) || (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0));
    out.set(e.id, { items, evidence });
  }
  return out;
}

const POINT_LABEL: Record<string, string> = { month_1: 'Month-1 review', mid_point: 'Mid-point review', final: 'Final review' };

/** Evaluation points past their date without a review, and 8D steps past their due date. */
export async function overduePanel(db: Executor, s: PortfolioScope, now: Date, limit = LIST_LIMIT) {
  const today = dateOf(now);
  // Each list comes most overdue first, so the first `limit` of both hold the first `limit` of all.
  const [points, steps] = await Promise.all([listOverdueEvaluationPoints(db, s.filter, today, limit), listDueDiscrepancySteps(db, s.filter, now.toISOString(), undefined, limit)]);
  const total = Number(points[0]?.total ?? 0) + Number(steps[0]?.total ?? 0);
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
  return { total, items: items.slice(0, limit) };
}
