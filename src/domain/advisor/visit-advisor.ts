// "Is a factory visit needed?" (DESIGN.md). The rules are data in the verification policy; this module only
// knows how to evaluate each typed condition and names every rule that fired with the evidence behind it.
import type {
  AdvisorCondition,
  SimpleAdvisorCondition,
  VerificationPolicy,
} from '../policy/types.js';
import { assessClaims, claimsInScope } from '../claims/status.js';
import { perMonth, type ClaimPeriod } from '../periods.js';
import { isInForce, qmsCertificates, selectEvidence } from '../readiness/evidence.js';
import { provenanceAtLeast } from '../model.js';
import type {
  ClaimAssessment,
  FiredRule,
  VisitAdvice,
  VisitAdvisorInput,
  VisitRecommendation,
} from '../readiness/types.js';

export type { VisitAdvice, VisitAdvisorInput, VisitRecommendation, FiredRule } from '../readiness/types.js';

export { perMonth };

export interface ConditionOutcome {
  holds: boolean;
  evidenceIds: string[];
  claimIds: string[];
}

interface AdvisorContext {
  input: VisitAdvisorInput;
  claims: ClaimAssessment[];
}

const no = (): ConditionOutcome => ({ holds: false, evidenceIds: [], claimIds: [] });
const yes = (evidenceIds: string[] = [], claimIds: string[] = []): ConditionOutcome => ({ holds: true, evidenceIds, claimIds });

function evaluateSimple(cond: SimpleAdvisorCondition, ctx: AdvisorContext): ConditionOutcome {
  const { input } = ctx;
  const { now, engagement, evidence } = input;
  switch (cond.kind) {
    case 'product_maturity':
      return engagement.productMaturity === cond.equals ? yes() : no();
    case 'product_is_custom':
      return engagement.productMaturity === 'custom' ? yes() : no();
    case 'regulated_sector':
      return engagement.regulatedSector != null && cond.sectors.includes(engagement.regulatedSector) ? yes() : no();
    case 'has_evidence': {
      const { counted } = selectEvidence(
        evidence,
        { kinds: cond.evidenceKinds, minProvenance: cond.minProvenance, subject: cond.subject },
        now,
      );
      return counted.length >= (cond.minCount ?? 1) ? yes(counted.map((e) => e.id)) : no();
    }
    case 'attestations_from_other_buyers': {
      const list = evidence.filter(
        (e) =>
          e.attestedByOtherBuyer === true &&
          (e.kind === 'attestation' || e.kind === 'testimonial') &&
          isInForce(e, now) &&
          (cond.minProvenance === undefined || provenanceAtLeast(e.provenance, cond.minProvenance)),
      );
      return list.length >= cond.min ? yes(list.map((e) => e.id)) : no();
    }
    case 'verified_track_record': {
      const list = evidence.filter((e) => e.verifiedCredential === true && isInForce(e, now));
      return list.length >= cond.min ? yes(list.map((e) => e.id)) : no();
    }
    case 'certification_held': {
      const { counted } = selectEvidence(
        evidence,
        {
          kinds: ['certificate'],
          minProvenance: cond.minProvenance ?? 'documented',
          mustBeValid: true,
          subject: { attribute: 'standard', anyOf: [cond.standard] },
        },
        now,
      );
      return counted.length > 0 ? yes(counted.map((e) => e.id)) : no();
    }
    case 'claimed_capacity_over': {
      const capacity = claimsInScope(input.claims, engagement.productLines).filter(
        (c) => c.type === 'capacity' && c.value != null && c.period != null,
      );
      const total = capacity.reduce((sum, c) => sum + perMonth(c.value as number, c.period as ClaimPeriod), 0);
      return total > perMonth(cond.units, cond.period) ? yes([], capacity.map((c) => c.id)) : no();
    }
    case 'contradicted_claims': {
      const contradicted = ctx.claims.filter((c) => c.status === 'contradicted');
      if (contradicted.length < cond.min) return no();
      return yes(
        [...new Set(contradicted.flatMap((c) => c.contradictingEvidenceIds))],
        contradicted.map((c) => c.claimId),
      );
    }
    case 'no_formal_qc_system': {
      const procedures = selectEvidence(evidence, { kinds: ['qc_procedure'], minProvenance: 'documented' }, now).counted;
      const certificates = qmsCertificates(evidence, now, 'documented');
      return procedures.length === 0 && certificates.length === 0 ? yes() : no();
    }
  }
}

export function evaluateCondition(cond: AdvisorCondition, ctx: AdvisorContext): ConditionOutcome {
  if (cond.kind !== 'all_of') return evaluateSimple(cond, ctx);
  const outcomes = cond.conditions.map((c) => evaluateSimple(c, ctx));
  if (!outcomes.every((o) => o.holds)) return no();
  return yes(
    [...new Set(outcomes.flatMap((o) => o.evidenceIds))],
    [...new Set(outcomes.flatMap((o) => o.claimIds))],
  );
}

function recommendationFor(score: number, thresholds: { needed: number; recommended: number }): VisitRecommendation {
  if (score >= thresholds.needed) return 'visit_needed';
  if (score >= thresholds.recommended) return 'visit_recommended';
  return 'visit_can_be_waived';
}

const RECOMMENDATION_EN: Record<VisitRecommendation, string> = {
  visit_needed: 'Visit needed',
  visit_recommended: 'Visit recommended',
  visit_can_be_waived: 'Visit can be waived',
};

/**
 * score = baseScore + Σ raise weights − Σ waive weights of the rules that fired; compared with the policy's
 * thresholds. `claims` may be passed when already assessed (with the same policy tolerance).
 */
export function adviseVisit(
  input: VisitAdvisorInput,
  policy: VerificationPolicy,
  claims?: ClaimAssessment[],
): VisitAdvice {
  const ctx: AdvisorContext = {
    input,
    claims:
      claims ??
      assessClaims(claimsInScope(input.claims, input.engagement.productLines), input.evidence, {
        now: input.now,
        capacityTolerance: policy.claimTolerance.capacity,
      }),
  };
  const { baseScore, thresholds, rules } = policy.visitAdvisor;
  const firedRules: FiredRule[] = [];
  let score = baseScore;
  for (const rule of rules) {
    const outcome = evaluateCondition(rule.condition, ctx);
    if (!outcome.holds) continue;
    score += rule.effect === 'raise' ? rule.weight : -rule.weight;
    firedRules.push({
      id: rule.id,
      effect: rule.effect,
      weight: rule.weight,
      explanation: rule.explanation,
      evidenceIds: outcome.evidenceIds,
      claimIds: outcome.claimIds,
    });
  }
  score = Math.round(score * 1e6) / 1e6; // weights are decimals in data; keep 0.1 + 0.2 from showing
  const recommendation = recommendationFor(score, thresholds);
  const reasons = firedRules.map((r) => `${r.explanation.en} (${r.effect === 'raise' ? '+' : '−'}${r.weight})`);
  const comparison =
    recommendation === 'visit_needed'
      ? `≥ ${thresholds.needed}`
      : recommendation === 'visit_recommended'
        ? `≥ ${thresholds.recommended}, < ${thresholds.needed}`
        : `< ${thresholds.recommended}`;
  const why = `${RECOMMENDATION_EN[recommendation]} (score ${score} ${comparison}; base ${baseScore}). ${
    reasons.length > 0 ? `Rules that fired: ${reasons.join('; ')}.` : 'No rule fired.'
  }`;
  return { recommendation, score, baseScore, thresholds: { ...thresholds }, firedRules, why };
}
