// Verification policies as the domain knows them: versioned data (not code) that say what each engagement phase
// requires and how the factory-visit advisor weighs its rules (DESIGN.md, "The verification model"). The domain
// owns these types and lists; src/contracts/policy.ts builds the Zod schemas that validate uploads from them and
// checks at compile time that what the schemas accept is exactly these types. Pure, no imports beyond the domain.
import type { DiscrepancyRules } from '../discrepancies/rules.js';
import type { ClaimType, EvidenceKind, Provenance } from '../model.js';
import type { ClaimPeriod } from '../periods.js';

/** A text in both UI languages. */
export interface LocalizedText {
  en: string;
  zh: string;
}

export const POLICY_SCOPES = ['cross_border', 'domestic'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

export const PRODUCT_MATURITIES = ['new', 'custom', 'commercialized'] as const;
export type ProductMaturity = (typeof PRODUCT_MATURITIES)[number];

/**
 * Matches evidence by one of its attributes, e.g. `{attribute: 'standard', anyOf: ['ISO 9001', 'ISO 13485']}`.
 * The comparison ignores case and repeated spaces, and accepts a revision suffix ("ISO 9001:2015").
 */
export interface EvidenceSubject {
  attribute: string;
  anyOf: string[];
}

/** All given conditions must hold for the requirement to apply; an absent condition does not restrict. */
export interface AppliesWhen {
  crossBorder?: boolean;
  categories?: string[];
  regulatedSector?: string[];
}

interface RequirementBase {
  /** Stable key, unique across the whole policy; waivers and gate decisions refer to it. */
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  required: boolean;
  /** Whether a named person may waive the requirement (default true). */
  waivable?: boolean;
  appliesWhen?: AppliesWhen;
}

/** Evidence of given kinds, at least `minProvenance`, no older than `maxAgeDays`, at least `minCount` of it. */
export interface EvidenceRequirement extends RequirementBase {
  type: 'evidence';
  kinds: EvidenceKind[];
  minProvenance: Provenance;
  /** Maximum age, counted from issuedAt (else validFrom, else sharedAt). */
  maxAgeDays?: number;
  /** The evidence's validity period must cover today (it must have a validTo). */
  mustBeValid?: boolean;
  minCount: number;
  subject?: EvidenceSubject;
  /** Attributes that must be present and non-empty, e.g. ['identifier'] for a registry extract. */
  requiredAttributes?: string[];
}

/** Claims of a type (usually capacity) stated with their limit, for each product line in scope. */
export interface ClaimsWithLimitsRequirement extends RequirementBase {
  type: 'claims_with_limits';
  claimType: ClaimType;
  requireStatedLimit: boolean;
  /** Each product line of the engagement's scope needs its own claim. */
  perProductLine: boolean;
}

/** Technical inquiries answered: median response time in the responder's business days. */
export interface ResponseTimeRequirement extends RequirementBase {
  type: 'response_time';
  maxMedianBusinessDays: number;
  minInquiries: number;
}

/** A pilot of a bounded length with KPIs and evaluation points. */
export interface PilotRequirement extends RequirementBase {
  type: 'pilot';
  minMonths: number;
  maxMonths: number;
  requiresKpis: boolean;
  requiresEvaluationPoints: boolean;
}

/** Progress updates at least every N days; an escalation ladder named. */
export interface CadenceRequirement extends RequirementBase {
  type: 'cadence';
  progressUpdateEveryDays: number;
  escalationLadderRequired: boolean;
}

/** Factory visit or third-party audit, unless the visit advisor says it can be waived. */
export interface VisitRequirement extends RequirementBase {
  type: 'visit';
  kinds: EvidenceKind[];
  minProvenance: Provenance;
  maxAgeDays?: number;
  waivableByAdvisor: boolean;
}

/** Continuous verification: certificates renewed before expiry, periodic re-audit, a batch record per lot. */
export interface ReverificationRequirement extends RequirementBase {
  type: 'reverification';
  certificatesBeforeExpiry: boolean;
  reaudit: { everyMonths: number; required: boolean; kinds: EvidenceKind[]; minProvenance: Provenance };
  batchRecordsPerLot: boolean;
}

export type Requirement =
  | EvidenceRequirement
  | ClaimsWithLimitsRequirement
  | ResponseTimeRequirement
  | PilotRequirement
  | CadenceRequirement
  | VisitRequirement
  | ReverificationRequirement;
export type RequirementType = Requirement['type'];
export const REQUIREMENT_TYPES = [
  'evidence',
  'claims_with_limits',
  'response_time',
  'pilot',
  'cadence',
  'visit',
  'reverification',
] as const satisfies readonly RequirementType[];

// ---------------------------------------------------------------------------------------------------------------
// Visit advisor rules

export type SimpleAdvisorCondition =
  | { kind: 'product_maturity'; equals: ProductMaturity }
  | { kind: 'product_is_custom' }
  | { kind: 'has_evidence'; evidenceKinds: EvidenceKind[]; minProvenance: Provenance; subject?: EvidenceSubject; minCount?: number }
  | { kind: 'attestations_from_other_buyers'; min: number; minProvenance?: Provenance }
  /** Presented credentials from other buyers that verify now: a verifiable track record in the shared network. */
  | { kind: 'verified_track_record'; min: number }
  | { kind: 'certification_held'; standard: string; minProvenance?: Provenance }
  | { kind: 'regulated_sector'; sectors: string[] }
  | { kind: 'claimed_capacity_over'; units: number; period: ClaimPeriod }
  | { kind: 'contradicted_claims'; min: number }
  | { kind: 'no_formal_qc_system' };

/** One typed condition, or `all_of` a list of them (one level deep). */
export type AdvisorCondition = SimpleAdvisorCondition | { kind: 'all_of'; conditions: SimpleAdvisorCondition[] };
export type AdvisorConditionKind = AdvisorCondition['kind'];

export const ADVISOR_EFFECTS = ['waive', 'raise'] as const;
export type AdvisorEffect = (typeof ADVISOR_EFFECTS)[number];

export interface AdvisorRule {
  id: string;
  effect: AdvisorEffect;
  weight: number;
  condition: AdvisorCondition;
  explanation: LocalizedText;
}

/**
 * score = baseScore + Σ weight(raise rules that fired) − Σ weight(waive rules that fired);
 * score ≥ needed → visit needed; ≥ recommended → visit recommended; otherwise the visit can be waived.
 */
export interface VisitAdvisorConfig {
  baseScore: number;
  thresholds: { needed: number; recommended: number };
  rules: AdvisorRule[];
}

// ---------------------------------------------------------------------------------------------------------------
// The policy

export interface PolicyPhases {
  credibility: Requirement[];
  capability_validation: Requirement[];
  operational_compatibility: Requirement[];
  partnership: Requirement[];
}

export interface VerificationPolicy {
  key: string;
  name: string;
  version: number;
  scope: PolicyScope;
  categories?: string[];
  description: string;
  claimTolerance: {
    /** Observed capacity below this share of the claimed capacity contradicts the claim. */
    capacity: number;
  };
  phases: PolicyPhases;
  visitAdvisor: VisitAdvisorConfig;
  /** 8D due dates by severity, escalation pace, cadence; absent in older documents (the shipped defaults apply). */
  discrepancies?: DiscrepancyRules;
}
