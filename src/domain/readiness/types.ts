// Inputs and outputs of the readiness evaluation and the visit advisor: plain data the services load from the
// database (already scoped to what the viewing organization may see). Pure: no I/O.
import type { ClaimPeriod } from '../periods.js';
import type {
  LocalizedText,
  ProductMaturity,
  RequirementType,
  VerificationPolicy,
} from '../policy/types.js';
import type {
  ClaimStatus,
  ClaimType,
  EngagementPhase,
  EvidenceEffect,
  EvidenceKind,
  OpenPhase,
  OrganizationKind,
  Provenance,
  RequirementState,
} from '../model.js';
import type { BusinessCalendar, InquiryTiming } from '../communication/response-times.js';

// ---------------------------------------------------------------------------------------------------------------
// Input

export interface ReadinessEngagement {
  id: string;
  phase: EngagementPhase;
  crossBorder: boolean;
  categories: readonly string[];
  /** e.g. "medical_devices" */
  regulatedSector?: string | null;
  productMaturity?: ProductMaturity | null;
  /** Product lines in the engagement's scope; claims of other lines are out of scope. */
  productLines?: readonly string[];
  startedPhaseAt: Date;
}

export interface EvidenceLink {
  claimId: string;
  effect: EvidenceEffect;
  /**
   * A measured value for the claim (e.g. observed monthly capacity). For capacity claims it decides the effect
   * against the policy tolerance: below tolerance × claimed value contradicts, otherwise supports.
   */
  observedValue?: number | null;
}

export interface ReadinessEvidence {
  id: string;
  kind: EvidenceKind;
  provenance: Provenance;
  title: string;
  issuer?: string | null;
  issuedAt?: Date | null;
  validFrom?: Date | null;
  validTo?: Date | null;
  /** e.g. {standard: 'ISO 9001', scope: '…'} for a certificate, {identifier: '…'} for a registration, {lot: '…'}. */
  attributes?: Readonly<Record<string, string>>;
  sharedAt: Date;
  links?: readonly EvidenceLink[];
  fromOrganizationKind?: OrganizationKind | null;
  /** Set by the services when a signed attestation from another buyer has been verified. */
  attestedByOtherBuyer?: boolean;
  /** Set by the services for a presented credential that verifies now (signature, issuer key, not revoked, not expired). */
  verifiedCredential?: boolean;
}

export interface ReadinessClaim {
  id: string;
  type: ClaimType;
  productLine?: string | null;
  title: string;
  value?: number | null;
  unit?: string | null;
  /** For capacity: the period `value` is per. */
  period?: ClaimPeriod | null;
  statedLimit?: number | null;
  attributes?: Readonly<Record<string, string>>;
}

export type ReadinessInquiry = InquiryTiming;

export interface TimedMessage {
  id?: string;
  sentAt: Date;
}

/** What the message thread says about cadence and transparency. */
export interface CommunicationSummary {
  progressUpdates: readonly TimedMessage[];
  proactiveDisclosures: readonly TimedMessage[];
  escalationLadderNamed: boolean;
}

export interface PilotSummary {
  id?: string;
  startedAt: Date;
  plannedEndAt: Date;
  endedAt?: Date | null;
  /** Number of KPIs defined. */
  kpis: number;
  /** Number of evaluation points scheduled. */
  evaluationPoints: number;
  /**
   * The review of the final evaluation point: "continue" passes the pilot (what the requirement needs), "stop"
   * ends it failed. Null (or absent) while the final point has not been reviewed.
   */
  finalReview?: { id: string; decision: 'continue' | 'adjust' | 'stop'; at: Date } | null;
  /** Why the pilot runs outside the usual months, as the buyer gave it (shown with the length). */
  durationReason?: string | null;
}

export interface Waiver {
  requirementId: string;
  /** Display name of the person who waived it. */
  by: string;
  reason: string;
  at: Date;
}

/** Process capability of one characteristic (batch-to-batch consistency). */
export interface ProcessCapabilityInput {
  characteristic: string;
  cpk: number;
  /** Control-chart rule violations in the period. */
  signals?: number;
  evidenceIds?: readonly string[];
}

export interface CorrectiveActionSummary {
  closedOnTime: number;
  closedLate: number;
  openOverdue: number;
  evidenceIds?: readonly string[];
}

export interface LotRecord {
  /** Matched against batch test records' `attributes.lot`. */
  lot: string;
  producedAt?: Date | null;
}

export interface ReadinessInput {
  now: Date;
  engagement: ReadinessEngagement;
  policy: VerificationPolicy;
  evidence: readonly ReadinessEvidence[];
  claims: readonly ReadinessClaim[];
  inquiries: readonly ReadinessInquiry[];
  /** The responder's (supplier's) calendar, to measure open and unmeasured inquiries. */
  responderCalendar?: BusinessCalendar;
  communication?: CommunicationSummary | null;
  pilot?: PilotSummary | null;
  waivers?: readonly Waiver[];
  visit?: { plannedFor?: Date | null } | null;
  processCapability?: readonly ProcessCapabilityInput[];
  correctiveActions?: CorrectiveActionSummary | null;
  lots?: readonly LotRecord[];
  /** Evaluate another phase than the engagement's (e.g. preview the next one). */
  evaluatePhase?: OpenPhase;
}

/** What the visit advisor needs; a ReadinessInput is one. */
export type VisitAdvisorInput = Pick<ReadinessInput, 'now' | 'engagement' | 'evidence' | 'claims'>;

// ---------------------------------------------------------------------------------------------------------------
// Output

export type ExplanationParams = Record<string, string | number>;

/** A translatable explanation: a message key with its parameters (the web translates; `why` is English). */
export interface Explanation {
  key: string;
  params: ExplanationParams;
}

export type EvidenceVerdict =
  | 'counted'
  | 'expired'
  | 'not_yet_valid'
  | 'no_validity_period'
  | 'below_min_provenance'
  | 'stale'
  | 'missing_attributes';

/** One piece of evidence the evaluation looked at, and whether it counted. */
export interface ConsideredEvidence {
  evidenceId: string;
  verdict: EvidenceVerdict;
}

export interface RequirementResult {
  id: string;
  type: RequirementType;
  title: LocalizedText;
  required: boolean;
  state: RequirementState;
  /** The evidence that decided the state (counted first). */
  evidenceIds: string[];
  considered: ConsideredEvidence[];
  claimIds: string[];
  messageIds: string[];
  explanation: Explanation;
  why: string;
  /** Whether the policy lets a named person waive it (the buyer is offered "waive" only then). */
  waivable: boolean;
  /** Present when a named person waived the requirement. */
  waiver?: Waiver;
}

export interface NotApplicableRequirement {
  id: string;
  type: RequirementType;
  title: LocalizedText;
  required: boolean;
  explanation: Explanation;
  why: string;
}

export interface ScoreInput {
  key: string;
  label: string;
  points: number;
  max: number;
  /** False when the input could not be measured; it is then left out of the score (points 0, not counted in max). */
  available: boolean;
  evidenceIds: string[];
  detail: string;
  /** The detail as a message key (readiness.scoreDetail.*) with its parameters, for the web to word it. */
  detailKey?: string;
  detailParams?: ExplanationParams;
  /** The claim a row is about (a contradicted claim's deduction). */
  claimId?: string;
}

export interface SubScore {
  /** 0..100, or null when no input is available. */
  score: number | null;
  points: number;
  max: number;
  inputs: ScoreInput[];
}

export interface ClaimAssessment {
  claimId: string;
  title: string;
  type: ClaimType;
  productLine: string | null;
  status: ClaimStatus;
  /** Provenance of the strongest evidence on the deciding side (supporting or contradicting); null if none. */
  strongestProvenance: Provenance | null;
  /** The evidence that decided the status. */
  evidenceIds: string[];
  supportingEvidenceIds: string[];
  contradictingEvidenceIds: string[];
}

export type EvidenceAlertState = 'expiring_60' | 'expiring_30' | 'expired' | 'stale';

export interface EvidenceAlert {
  evidenceId: string;
  title: string;
  kind: EvidenceKind;
  validTo: Date | null;
  state: EvidenceAlertState;
  /** Whole days until validTo (negative when expired); null for stale alerts without validTo. */
  daysLeft: number | null;
  /** For stale alerts: the requirements of the phase it no longer counts for. */
  requirementIds: string[];
  why: string;
}

export type VisitRecommendation = 'visit_needed' | 'visit_recommended' | 'visit_can_be_waived';

export interface FiredRule {
  id: string;
  effect: 'waive' | 'raise';
  weight: number;
  explanation: LocalizedText;
  evidenceIds: string[];
  claimIds: string[];
}

export interface VisitAdvice {
  recommendation: VisitRecommendation;
  score: number;
  baseScore: number;
  thresholds: { needed: number; recommended: number };
  firedRules: FiredRule[];
  why: string;
}

export interface ReadinessSummary {
  /** Applicable requirements marked required. */
  required: number;
  met: number;
  partlyMet: number;
  unmet: number;
  waived: number;
  /** Required requirements that are neither met nor waived. */
  blocking: string[];
  allRequiredSatisfied: boolean;
  /** allRequiredSatisfied and there is a next phase. */
  readyToAdvance: boolean;
  nextPhase: OpenPhase | null;
}

export interface ReadinessResult {
  engagementId: string;
  /** The evaluated policy phase; null for a closed engagement. */
  phase: OpenPhase | null;
  evaluatedAt: Date;
  policy: { key: string; version: number };
  requirements: RequirementResult[];
  notApplicable: NotApplicableRequirement[];
  summary: ReadinessSummary;
  formalScore: SubScore;
  behaviouralScore: SubScore;
  claims: ClaimAssessment[];
  contradictedClaims: ClaimAssessment[];
  evidenceAlerts: EvidenceAlert[];
  visitAdvice: VisitAdvice;
}
