// Readiness of an engagement for its current phase: every requirement explained, the two sub-scores with their
// inputs, contradicted claims, and evidence alerts. Pure: the same input always gives the same result.
import type { Requirement } from '../policy/types.js';
import { adviseVisit } from '../advisor/visit-advisor.js';
import { nextPhase, OPEN_PHASES, type OpenPhase } from '../model.js';
import { evidenceAlerts } from './alerts.js';
import { assessClaims, claimsInScope } from '../claims/status.js';
import { explain, renderEnglish } from './messages.js';
import { evaluateRequirement, notApplicableBecause, type EvaluationContext } from './requirements.js';
import { behaviouralScore, formalScore } from './scores.js';
import type { NotApplicableRequirement, ReadinessInput, ReadinessResult, RequirementResult } from './types.js';

/** The policy phase to evaluate: the engagement's open phase, credibility while proposed, none once closed. */
export function phaseToEvaluate(input: ReadinessInput): OpenPhase | null {
  if (input.evaluatePhase) return input.evaluatePhase;
  const phase = input.engagement.phase;
  if ((OPEN_PHASES as readonly string[]).includes(phase)) return phase as OpenPhase;
  if (phase === 'proposed') return 'credibility';
  return null;
}

function applyWaiver(req: Requirement, evaluated: RequirementResult, input: ReadinessInput): RequirementResult {
  if (evaluated.state === 'met' || req.waivable === false) return evaluated;
  const waiver = [...(input.waivers ?? [])]
    .filter((w) => w.requirementId === req.id)
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  if (!waiver) return evaluated;
  const e = explain('waived.by_person', { by: waiver.by, reason: waiver.reason, at: waiver.at.toISOString().slice(0, 10) });
  return {
    ...evaluated,
    state: 'waived',
    explanation: e.explanation,
    why: `${e.why} (otherwise: ${evaluated.why})`,
    waiver,
  };
}

export function evaluateReadiness(input: ReadinessInput): ReadinessResult {
  const { policy, now, engagement } = input;
  const capacityTolerance = policy.claimTolerance.capacity;
  const scopedClaims = claimsInScope(input.claims, engagement.productLines);
  const claims = assessClaims(scopedClaims, input.evidence, { now, capacityTolerance });
  const visitAdvice = adviseVisit(input, policy, claims);
  const ctx: EvaluationContext = { input, claims, visitAdvice };

  const phase = phaseToEvaluate(input);
  const requirements: RequirementResult[] = [];
  const notApplicable: NotApplicableRequirement[] = [];
  const applicable: Requirement[] = [];
  for (const req of phase ? policy.phases[phase] : []) {
    const head = { id: req.id, type: req.type, title: req.title, required: req.required };
    const na = notApplicableBecause(req.appliesWhen, engagement);
    if (na) {
      notApplicable.push({ ...head, explanation: na, why: renderEnglish(na.key, na.params) });
      continue;
    }
    applicable.push(req);
    requirements.push(applyWaiver(req, { ...head, waivable: req.waivable !== false, ...evaluateRequirement(req, ctx) }, input));
  }

  const count = (state: RequirementResult['state']) => requirements.filter((r) => r.state === state).length;
  const blocking = requirements.filter((r) => r.required && r.state !== 'met' && r.state !== 'waived').map((r) => r.id);
  const allRequiredSatisfied = phase !== null && blocking.length === 0;
  const next = phase ? nextPhase(phase) : null;
  const contradictedClaims = claims.filter((c) => c.status === 'contradicted');

  return {
    engagementId: engagement.id,
    phase,
    evaluatedAt: now,
    policy: { key: policy.key, version: policy.version },
    requirements,
    notApplicable,
    summary: {
      required: requirements.filter((r) => r.required).length,
      met: count('met'),
      partlyMet: count('partly_met'),
      unmet: count('unmet'),
      waived: count('waived'),
      blocking,
      allRequiredSatisfied,
      readyToAdvance: allRequiredSatisfied && next !== null,
      nextPhase: next,
    },
    formalScore: formalScore(input),
    behaviouralScore: behaviouralScore(input),
    claims,
    contradictedClaims,
    evidenceAlerts: evidenceAlerts(input.evidence, applicable, now),
    visitAdvice,
  };
}
