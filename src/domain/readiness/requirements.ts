// Evaluation of each requirement type against the engagement's evidence, claims and communication.
import type {
  AppliesWhen,
  CadenceRequirement,
  ClaimsWithLimitsRequirement,
  EvidenceRequirement,
  PilotRequirement,
  Requirement,
  ResponseTimeRequirement,
  ReverificationRequirement,
  VisitRequirement,
} from '../policy/types.js';
import { inquiryResponseStats } from '../communication/response-times.js';
import { provenanceAtLeast, type RequirementState } from '../model.js';
import { claimsInScope } from '../claims/status.js';
import { dateOf, monthsBetween } from '../pilots/periods.js';
import { pilotLength } from '../pilots/plan.js';
import { DAYS_PER_MONTH } from '../periods.js';
import {
  byStrength,
  daysBetween,
  isExpired,
  isInForce,
  normalizeLabel,
  selectEvidence,
  type Selection,
} from './evidence.js';
import { explain } from './messages.js';
import type {
  ClaimAssessment,
  ConsideredEvidence,
  Explanation,
  ExplanationParams,
  ReadinessEngagement,
  ReadinessEvidence,
  ReadinessInput,
  RequirementResult,
  VisitAdvice,
} from './types.js';

export interface EvaluationContext {
  input: ReadinessInput;
  claims: ClaimAssessment[];
  visitAdvice: VisitAdvice;
}

export type Evaluation = Omit<RequirementResult, 'id' | 'type' | 'title' | 'required' | 'waiver' | 'waivable'>;

function result(
  state: RequirementState,
  key: string,
  params: ExplanationParams,
  parts: Partial<Pick<Evaluation, 'evidenceIds' | 'considered' | 'claimIds' | 'messageIds'>> = {},
  why?: string,
): Evaluation {
  const e = explain(key, params);
  return {
    state,
    evidenceIds: parts.evidenceIds ?? [],
    considered: parts.considered ?? [],
    claimIds: parts.claimIds ?? [],
    messageIds: parts.messageIds ?? [],
    explanation: e.explanation,
    why: why ?? e.why,
  };
}

function considered(sel: Selection): ConsideredEvidence[] {
  return [
    ...sel.counted.map((e) => ({ evidenceId: e.id, verdict: 'counted' as const })),
    ...sel.rejected.map((r) => ({ evidenceId: r.evidence.id, verdict: r.verdict })),
  ];
}

function rejectionCounts(sel: Selection): ExplanationParams {
  const count = (v: string) => sel.rejected.filter((r) => r.verdict === v).length;
  return {
    expired: count('expired'),
    notYetValid: count('not_yet_valid'),
    noValidityPeriod: count('no_validity_period'),
    belowMinProvenance: count('below_min_provenance'),
    stale: count('stale'),
    missingAttributes: count('missing_attributes'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// appliesWhen

/** Null when the requirement applies, else the explanation of why it does not. */
export function notApplicableBecause(
  appliesWhen: AppliesWhen | undefined,
  engagement: ReadinessEngagement,
): Explanation | null {
  if (!appliesWhen) return null;
  const { crossBorder, categories, regulatedSector } = appliesWhen;
  const crossBorderOk = crossBorder === undefined || crossBorder === engagement.crossBorder;
  const wanted = categories?.map(normalizeLabel);
  const categoriesOk = wanted === undefined || engagement.categories.some((c) => wanted.includes(normalizeLabel(c)));
  const sectorOk =
    regulatedSector === undefined ||
    (engagement.regulatedSector != null && regulatedSector.includes(engagement.regulatedSector));
  if (crossBorderOk && categoriesOk && sectorOk) return null;
  const params: ExplanationParams = {};
  if (crossBorder !== undefined) params.crossBorder = crossBorder ? 'yes' : 'no';
  if (categories) params.categories = categories.join(',');
  if (regulatedSector) params.regulatedSector = regulatedSector.join(',');
  return { key: 'not_applicable', params };
}

// ---------------------------------------------------------------------------------------------------------------
// evidence

export function evaluateEvidenceRequirement(req: EvidenceRequirement, ctx: EvaluationContext): Evaluation {
  const sel = selectEvidence(ctx.input.evidence, req, ctx.input.now);
  const parts = { evidenceIds: [...sel.counted, ...sel.rejected.map((r) => r.evidence)].map((e) => e.id), considered: considered(sel) };
  if (sel.counted.length >= req.minCount) {
    return result(
      'met',
      'evidence.met',
      {
        count: sel.counted.length,
        minCount: req.minCount,
        minProvenance: req.minProvenance,
        strongest: sel.counted[0].provenance,
      },
      { ...parts, evidenceIds: sel.counted.map((e) => e.id) },
    );
  }
  if (sel.counted.length > 0 || sel.rejected.length > 0) {
    return result(
      'partly_met',
      'evidence.partly_met',
      {
        count: sel.counted.length,
        minCount: req.minCount,
        minProvenance: req.minProvenance,
        kinds: req.kinds.join(','),
        ...rejectionCounts(sel),
      },
      parts,
    );
  }
  return result('unmet', 'evidence.unmet', {
    kinds: req.kinds.join(','),
    minProvenance: req.minProvenance,
    minCount: req.minCount,
    subject: req.subject ? req.subject.anyOf.join(' or ') : '',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// claims with limits

export function evaluateClaimsWithLimits(req: ClaimsWithLimitsRequirement, ctx: EvaluationContext): Evaluation {
  const { engagement } = ctx.input;
  const claims = claimsInScope(ctx.input.claims, engagement.productLines).filter((c) => c.type === req.claimType);
  const hasLimit = (c: (typeof claims)[number]) => !req.requireStatedLimit || (c.statedLimit != null && c.statedLimit > 0);
  const claimIds = claims.map((c) => c.id);
  const lines = engagement.productLines ?? [];
  const missingClaim: string[] = [];
  const missingLimit: string[] = [];
  if (req.perProductLine && lines.length > 0) {
    for (const line of lines) {
      const ofLine = claims.filter((c) => c.productLine === line);
      if (ofLine.length === 0) missingClaim.push(line);
      else if (!ofLine.some(hasLimit)) missingLimit.push(line);
    }
  } else {
    for (const c of claims) if (!hasLimit(c)) missingLimit.push(c.productLine ?? c.title);
  }
  const covered = req.perProductLine && lines.length > 0 ? lines.length - missingClaim.length : claims.length;
  const claimType = req.claimType;
  if (claims.length === 0) return result('unmet', 'claims_with_limits.unmet', { claimType });
  if (missingClaim.length === 0 && missingLimit.length === 0) {
    return result('met', 'claims_with_limits.met', { claimType, count: covered }, { claimIds });
  }
  return result(
    'partly_met',
    'claims_with_limits.partly_met',
    { claimType, missingClaim: missingClaim.join(','), missingLimit: missingLimit.join(',') },
    { claimIds },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// response time

export function evaluateResponseTime(req: ResponseTimeRequirement, ctx: EvaluationContext): Evaluation {
  const { inquiries, responderCalendar, now } = ctx.input;
  const stats = inquiryResponseStats(inquiries, {
    calendar: responderCalendar,
    now,
    overdueAfterBusinessDays: req.maxMedianBusinessDays,
  });
  const messageIds = inquiries.flatMap((i) => (i.id ? [i.id] : []));
  const base = { max: req.maxMedianBusinessDays, minInquiries: req.minInquiries, samples: stats.samples, overdue: stats.overdue };
  if (stats.medianBusinessDays === null) {
    return result('unmet', 'response_time.none', { count: stats.count, minInquiries: req.minInquiries }, { messageIds });
  }
  const params = { ...base, median: Math.round(stats.medianBusinessDays * 100) / 100 };
  if (stats.medianBusinessDays > req.maxMedianBusinessDays) {
    return result('unmet', 'response_time.too_slow', params, { messageIds });
  }
  if (stats.samples < req.minInquiries) return result('partly_met', 'response_time.too_few', params, { messageIds });
  return result('met', 'response_time.met', params, { messageIds });
}

// ---------------------------------------------------------------------------------------------------------------
// pilot

export function evaluatePilot(req: PilotRequirement, ctx: EvaluationContext): Evaluation {
  const { pilot, now, evidence } = ctx.input;
  const range = { minMonths: req.minMonths, maxMonths: req.maxMonths };
  if (!pilot) return result('unmet', 'pilot.none', range);
  const end = pilot.endedAt ?? (pilot.plannedEndAt.getTime() <= now.getTime() ? pilot.plannedEndAt : now);
  // Calendar months, by the pilots' own rule (domain/pilots): the set-up form and readiness agree on "3–6 months".
  const length = pilotLength(dateOf(pilot.startedAt), dateOf(pilot.endedAt ?? pilot.plannedEndAt), req.minMonths, req.maxMonths);
  const plannedMonths = length.months;
  const elapsedMonths = Math.max(0, monthsBetween(dateOf(pilot.startedAt), dateOf(end)));
  const final = pilot.finalReview ?? null;
  const issues: string[] = [];
  if (plannedMonths < req.minMonths) issues.push('too_short');
  if (plannedMonths > req.maxMonths) issues.push('too_long');
  if (req.requiresKpis && pilot.kpis < 1) issues.push('no_kpis');
  if (req.requiresEvaluationPoints && pilot.evaluationPoints < 1) issues.push('no_evaluation_points');
  // The pilot is decided by its final review: passed ("continue"), or stopped.
  if (final?.decision === 'stop') {
    return result('unmet', 'pilot.stopped', { ...range, elapsedMonths, stoppedOn: dateOf(final.at) }, { messageIds: pilot.id ? [pilot.id] : [] });
  }
  if (!final) issues.push(!pilot.endedAt && now.getTime() < pilot.plannedEndAt.getTime() ? 'in_progress' : 'final_review_missing');
  const windowEnd = pilot.endedAt ?? now;
  const kpiEvidence = evidence
    .filter(
      (e) =>
        e.kind === 'kpi_measurement' &&
        !isExpired(e, now) &&
        e.sharedAt.getTime() >= pilot.startedAt.getTime() &&
        e.sharedAt.getTime() <= windowEnd.getTime(),
    )
    .sort(byStrength)
    .map((e) => e.id);
  const params = {
    ...range,
    plannedMonths,
    elapsedMonths,
    kpis: pilot.kpis,
    evaluationPoints: pilot.evaluationPoints,
    passedOn: final ? dateOf(final.at) : '',
    durationReason: pilot.durationReason ?? '',
  };
  const messageIds = pilot.id ? [pilot.id] : [];
  if (issues.length === 0) return result('met', 'pilot.met', params, { evidenceIds: kpiEvidence, messageIds });
  return result('partly_met', 'pilot.partly_met', { ...params, issues: issues.join(',') }, { evidenceIds: kpiEvidence, messageIds });
}

// ---------------------------------------------------------------------------------------------------------------
// cadence

export function evaluateCadence(req: CadenceRequirement, ctx: EvaluationContext): Evaluation {
  const { now, engagement, communication } = ctx.input;
  const start = engagement.startedPhaseAt;
  const updates = (communication?.progressUpdates ?? [])
    .filter((m) => m.sentAt.getTime() >= start.getTime() && m.sentAt.getTime() <= now.getTime())
    .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  let longestGapDays = 0;
  let previous = start;
  for (const m of [...updates.map((u) => u.sentAt), now]) {
    longestGapDays = Math.max(longestGapDays, daysBetween(previous, m));
    previous = m;
  }
  longestGapDays = Math.round(longestGapDays * 10) / 10;
  const gapOk = longestGapDays <= req.progressUpdateEveryDays;
  const ladderOk = !req.escalationLadderRequired || communication?.escalationLadderNamed === true;
  const issues = [...(gapOk ? [] : ['gap_exceeded']), ...(ladderOk ? [] : ['no_escalation_ladder'])];
  const params = {
    everyDays: req.progressUpdateEveryDays,
    updates: updates.length,
    longestGapDays,
    ladderRequired: req.escalationLadderRequired ? 'yes' : 'no',
    issues: issues.join(','),
  };
  const messageIds = updates.flatMap((u) => (u.id ? [u.id] : []));
  const checks = req.escalationLadderRequired ? 2 : 1;
  const state: RequirementState = issues.length === 0 ? 'met' : issues.length < checks ? 'partly_met' : 'unmet';
  return result(state, `cadence.${state}`, params, { messageIds });
}

// ---------------------------------------------------------------------------------------------------------------
// visit

export function evaluateVisit(req: VisitRequirement, ctx: EvaluationContext): Evaluation {
  const { now, visit } = ctx.input;
  const advice = ctx.visitAdvice;
  const sel = selectEvidence(ctx.input.evidence, req, now);
  if (sel.counted.length > 0) {
    return result(
      'met',
      'visit.met',
      { count: sel.counted.length, strongest: sel.counted[0].provenance },
      { evidenceIds: sel.counted.map((e) => e.id), considered: considered(sel) },
    );
  }
  if (req.waivableByAdvisor && advice.recommendation === 'visit_can_be_waived') {
    const rules = advice.firedRules.filter((r) => r.effect === 'waive');
    return result(
      'waived',
      'visit.waived_by_advisor',
      { score: advice.score, rules: rules.map((r) => r.id).join(',') },
      {
        evidenceIds: [...new Set(rules.flatMap((r) => r.evidenceIds))],
        claimIds: [...new Set(rules.flatMap((r) => r.claimIds))],
        considered: considered(sel),
      },
      `The visit advisor says the visit can be waived. ${advice.why}`,
    );
  }
  const recommendation = advice.recommendation;
  if (sel.rejected.length > 0) {
    return result(
      'partly_met',
      'visit.partly_met',
      { recommendation, ...rejectionCounts(sel) },
      { evidenceIds: sel.rejected.map((r) => r.evidence.id), considered: considered(sel) },
    );
  }
  if (visit?.plannedFor) {
    return result('partly_met', 'visit.planned', { recommendation, plannedFor: visit.plannedFor.toISOString().slice(0, 10) });
  }
  return result('unmet', 'visit.unmet', { recommendation });
}

// ---------------------------------------------------------------------------------------------------------------
// reverification

export function evaluateReverification(req: ReverificationRequirement, ctx: EvaluationContext): Evaluation {
  const { now, evidence, lots = [] } = ctx.input;
  const issues: string[] = [];
  const evidenceIds: string[] = [];
  let checks = 0;

  // Certificates: every certified subject (standard) must have a certificate in force.
  const groups = new Map<string, ReadinessEvidence[]>();
  for (const e of evidence) {
    if (e.kind !== 'certificate') continue;
    const key = normalizeLabel(e.attributes?.standard ?? e.title);
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const lapsed: string[] = [];
  for (const list of groups.values()) {
    const inForce = list.filter((e) => isInForce(e, now)).sort(byStrength);
    if (inForce.length > 0) evidenceIds.push(inForce[0].id);
    else {
      const latest = [...list].sort((a, b) => (b.validTo?.getTime() ?? 0) - (a.validTo?.getTime() ?? 0))[0];
      lapsed.push(latest.attributes?.standard ?? latest.title);
      evidenceIds.push(latest.id);
    }
  }
  if (req.certificatesBeforeExpiry) {
    checks++;
    if (lapsed.length > 0) issues.push('certificates_lapsed');
  }

  // Re-audit: the latest audit of sufficient provenance is younger than the interval.
  const audits = evidence
    .filter((e) => req.reaudit.kinds.includes(e.kind) && provenanceAtLeast(e.provenance, req.reaudit.minProvenance))
    .sort((a, b) => (b.issuedAt ?? b.sharedAt).getTime() - (a.issuedAt ?? a.sharedAt).getTime());
  const lastAudit = audits[0];
  const reauditAgeMonths = lastAudit
    ? Math.round((daysBetween(lastAudit.issuedAt ?? lastAudit.sharedAt, now) / DAYS_PER_MONTH) * 10) / 10
    : null;
  if (lastAudit) evidenceIds.push(lastAudit.id);
  if (req.reaudit.required) {
    checks++;
    if (reauditAgeMonths === null || reauditAgeMonths > req.reaudit.everyMonths) issues.push('reaudit_due');
  }

  // Batch records: one per lot.
  const lotsMissing: string[] = [];
  if (req.batchRecordsPerLot) {
    checks++;
    // The batch test records by lot, in one pass (not every record for every lot).
    const recordsByLot = new Map<string, ReadinessEvidence[]>();
    for (const e of evidence) {
      if (e.kind !== 'batch_test_record') continue;
      const key = normalizeLabel(e.attributes?.lot ?? '');
      const list = recordsByLot.get(key);
      if (list) list.push(e);
      else recordsByLot.set(key, [e]);
    }
    for (const lot of lots) {
      const records = recordsByLot.get(normalizeLabel(lot.lot)) ?? [];
      if (records.length === 0) lotsMissing.push(lot.lot);
      else evidenceIds.push(...records.map((e) => e.id));
    }
    if (lotsMissing.length > 0) issues.push('batch_records_missing');
  }

  const params = {
    certificates: groups.size,
    lapsed: lapsed.join(','),
    reauditAgeMonths: reauditAgeMonths ?? '',
    everyMonths: req.reaudit.everyMonths,
    reauditRequired: req.reaudit.required ? 'yes' : 'no',
    lots: lots.length,
    lotsMissing: lotsMissing.join(','),
    issues: issues.join(','),
  };
  const state: RequirementState = issues.length === 0 ? 'met' : issues.length < checks ? 'partly_met' : 'unmet';
  return result(state, `reverification.${state}`, params, { evidenceIds: [...new Set(evidenceIds)] });
}

// ---------------------------------------------------------------------------------------------------------------

export function evaluateRequirement(req: Requirement, ctx: EvaluationContext): Evaluation {
  switch (req.type) {
    case 'evidence':
      return evaluateEvidenceRequirement(req, ctx);
    case 'claims_with_limits':
      return evaluateClaimsWithLimits(req, ctx);
    case 'response_time':
      return evaluateResponseTime(req, ctx);
    case 'pilot':
      return evaluatePilot(req, ctx);
    case 'cadence':
      return evaluateCadence(req, ctx);
    case 'visit':
      return evaluateVisit(req, ctx);
    case 'reverification':
      return evaluateReverification(req, ctx);
  }
}
