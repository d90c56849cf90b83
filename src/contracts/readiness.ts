// The product's central answers as the API sends them: readiness of an engagement's phase
// (GET /api/v1/engagements/{id}/readiness) and the factory-visit advice (GET /api/v1/engagements/{id}/visit-advice).
// They are the domain's ReadinessResult and VisitAdvice (src/domain/readiness/types.ts) in JSON: dates as ISO
// strings, absent optional fields left out. The check at the end fails the type check when the domain adds,
// removes or changes a field these schemas do not (a field missing here would be stripped from the answer).
import { z } from 'zod';
import { CLAIM_STATUSES, CLAIM_TYPES, EVIDENCE_KINDS, OPEN_PHASES, PROVENANCES, REQUIREMENT_STATES } from '../domain/model.js';
import { ADVISOR_EFFECTS, REQUIREMENT_TYPES } from '../domain/policy/types.js';
import type { ReadinessResult, VisitAdvice } from '../domain/readiness/types.js';
import { IsoDateTime } from './common.js';
import { LocalizedTextSchema } from './policy.js';
import type { Expect, Same } from './type-check.js';

const ExplanationParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** A translatable explanation: a message key with its parameters (the web words it; `why` beside it is English). */
const Explanation = z.object({ key: z.string(), params: ExplanationParams });

const EVIDENCE_VERDICTS = ['counted', 'expired', 'not_yet_valid', 'no_validity_period', 'below_min_provenance', 'stale', 'missing_attributes'] as const;

const Waiver = z.object({
  requirementId: z.string(),
  /** Display name of the person who waived it. */
  by: z.string(),
  reason: z.string(),
  at: IsoDateTime,
});

export const RequirementResultView = z.object({
  id: z.string(),
  type: z.enum(REQUIREMENT_TYPES),
  title: LocalizedTextSchema,
  required: z.boolean(),
  state: z.enum(REQUIREMENT_STATES),
  /** The evidence that decided the state (counted first). */
  evidenceIds: z.array(z.string()),
  /** Every piece of evidence looked at, and whether it counted. */
  considered: z.array(z.object({ evidenceId: z.string(), verdict: z.enum(EVIDENCE_VERDICTS) })),
  claimIds: z.array(z.string()),
  messageIds: z.array(z.string()),
  explanation: Explanation,
  why: z.string(),
  /** Whether the policy lets a named person waive it. */
  waivable: z.boolean(),
  /** Present when a named person waived the requirement. */
  waiver: Waiver.optional(),
});

const NotApplicableRequirementView = z.object({
  id: z.string(),
  type: z.enum(REQUIREMENT_TYPES),
  title: LocalizedTextSchema,
  required: z.boolean(),
  explanation: Explanation,
  why: z.string(),
});

const ScoreInputView = z.object({
  key: z.string(),
  label: z.string(),
  points: z.number(),
  max: z.number(),
  /** False when the input could not be measured; it is then left out of the score. */
  available: z.boolean(),
  evidenceIds: z.array(z.string()),
  detail: z.string(),
  /** The detail as a message key (readiness.scoreDetail.*) with its parameters. */
  detailKey: z.string().optional(),
  detailParams: ExplanationParams.optional(),
  /** The claim a row is about (a contradicted claim's deduction). */
  claimId: z.string().optional(),
});

/** A sub-score (formal or behavioural), never blended: 0..100, or null when no input is available. */
export const SubScoreView = z.object({
  score: z.number().nullable(),
  points: z.number(),
  max: z.number(),
  inputs: z.array(ScoreInputView),
});

/** How a claim stands (decided in src/domain/claims/status.ts). */
export const ClaimAssessmentView = z.object({
  claimId: z.string(),
  title: z.string(),
  type: z.enum(CLAIM_TYPES),
  productLine: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  /** Provenance of the strongest evidence on the deciding side; null if none. */
  strongestProvenance: z.enum(PROVENANCES).nullable(),
  evidenceIds: z.array(z.string()),
  supportingEvidenceIds: z.array(z.string()),
  contradictingEvidenceIds: z.array(z.string()),
});

const EvidenceAlertView = z.object({
  evidenceId: z.string(),
  title: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  validTo: IsoDateTime.nullable(),
  state: z.enum(['expiring_60', 'expiring_30', 'expired', 'stale']),
  /** Whole days until validTo (negative when expired); null for stale alerts without validTo. */
  daysLeft: z.number().nullable(),
  /** For stale alerts: the requirements of the phase it no longer counts for. */
  requirementIds: z.array(z.string()),
  why: z.string(),
});

const FiredRuleView = z.object({
  id: z.string(),
  effect: z.enum(ADVISOR_EFFECTS),
  weight: z.number(),
  explanation: LocalizedTextSchema,
  evidenceIds: z.array(z.string()),
  claimIds: z.array(z.string()),
});

/** "Is a factory visit needed?": the recommendation, the score against the policy's thresholds, every rule that fired. */
export const VisitAdviceView = z.object({
  recommendation: z.enum(['visit_needed', 'visit_recommended', 'visit_can_be_waived']),
  score: z.number(),
  baseScore: z.number(),
  thresholds: z.object({ needed: z.number(), recommended: z.number() }),
  firedRules: z.array(FiredRuleView),
  why: z.string(),
});

/** Readiness of the evaluated phase, explained requirement by requirement. */
export const ReadinessView = z.object({
  engagementId: z.string(),
  /** The evaluated policy phase; null for a closed engagement. */
  phase: z.enum(OPEN_PHASES).nullable(),
  evaluatedAt: IsoDateTime,
  policy: z.object({ key: z.string(), version: z.number() }),
  requirements: z.array(RequirementResultView),
  notApplicable: z.array(NotApplicableRequirementView),
  summary: z.object({
    /** Applicable requirements marked required. */
    required: z.number(),
    met: z.number(),
    partlyMet: z.number(),
    unmet: z.number(),
    waived: z.number(),
    /** Required requirements that are neither met nor waived. */
    blocking: z.array(z.string()),
    allRequiredSatisfied: z.boolean(),
    readyToAdvance: z.boolean(),
    nextPhase: z.enum(OPEN_PHASES).nullable(),
  }),
  formalScore: SubScoreView,
  behaviouralScore: SubScoreView,
  claims: z.array(ClaimAssessmentView),
  contradictedClaims: z.array(ClaimAssessmentView),
  evidenceAlerts: z.array(EvidenceAlertView),
  visitAdvice: VisitAdviceView,
});

/** A domain value as JSON.stringify writes it: dates become ISO strings. */
type Json<T> = T extends Date ? string : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** The schemas accept exactly the domain's answers in JSON (a drift fails the type check here). */
export type ReadinessSchemaChecks = [
  Expect<Same<z.output<typeof ReadinessView>, Json<ReadinessResult>>>,
  Expect<Same<z.output<typeof VisitAdviceView>, Json<VisitAdvice>>>,
];
