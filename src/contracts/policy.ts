// Verification policies: versioned data (not code) that say what each engagement phase requires and how the
// factory-visit advisor weighs its rules (DESIGN.md, "The verification model"). One schema serves the HTTP API,
// the CLI upload, the web editor and the domain evaluation. Every object is strict: an unknown key is refused.
import { z } from 'zod';
import { CLAIM_PERIODS, type ClaimPeriod } from '../domain/periods.js';
import { CLAIM_TYPES, EVIDENCE_KINDS, OPEN_PHASES, PROVENANCES } from '../domain/model.js';
import {
  ADVISOR_EFFECTS,
  POLICY_SCOPES,
  PRODUCT_MATURITIES,
  type AdvisorCondition,
  type AdvisorRule,
  type AppliesWhen,
  type CadenceRequirement,
  type ClaimsWithLimitsRequirement,
  type EvidenceRequirement,
  type EvidenceSubject,
  type LocalizedText,
  type PilotRequirement,
  type PolicyPhases,
  type Requirement,
  type ResponseTimeRequirement,
  type ReverificationRequirement,
  type SimpleAdvisorCondition,
  type VerificationPolicy,
  type VisitAdvisorConfig,
  type VisitRequirement,
} from '../domain/policy/types.js';
import { DiscrepancyRulesSchema } from './discrepancy-rules.js';
import type { Expect, Same } from './type-check.js';

// The types and lists are the domain's (src/domain/policy/types.ts); the schemas below are built from the lists,
// and the checks at the end of this file fail the type check if a schema and its domain type drift apart.
export {
  ADVISOR_EFFECTS,
  POLICY_SCOPES,
  PRODUCT_MATURITIES,
  REQUIREMENT_TYPES,
  type AdvisorCondition,
  type AdvisorConditionKind,
  type AdvisorEffect,
  type AdvisorRule,
  type AppliesWhen,
  type CadenceRequirement,
  type ClaimsWithLimitsRequirement,
  type EvidenceRequirement,
  type EvidenceSubject,
  type LocalizedText,
  type PilotRequirement,
  type PolicyPhases,
  type PolicyScope,
  type ProductMaturity,
  type Requirement,
  type RequirementType,
  type ResponseTimeRequirement,
  type ReverificationRequirement,
  type SimpleAdvisorCondition,
  type VerificationPolicy,
  type VisitAdvisorConfig,
  type VisitRequirement,
} from '../domain/policy/types.js';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

export const LocalizedTextSchema = z.strictObject({
  en: z.string().min(1, 'must not be empty').max(2000),
  zh: z.string().min(1, 'must not be empty').max(2000),
});

/** A stable key: lowercase letters, digits, ".", "_" or "-", starting with a letter. */
export const PolicyKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,79}$/, 'must be 1–80 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter');

export const ProvenanceSchema = z.enum(PROVENANCES);
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export const ClaimTypeSchema = z.enum(CLAIM_TYPES);


const positiveInt = () => z.int().positive();

/**
 * Matches evidence by one of its attributes, e.g. `{attribute: 'standard', anyOf: ['ISO 9001', 'ISO 13485']}`.
 * The comparison ignores case and repeated spaces, and accepts a revision suffix ("ISO 9001:2015").
 */
export const EvidenceSubjectSchema = z.strictObject({
  attribute: z.string().min(1).max(100),
  anyOf: z.array(z.string().min(1).max(200)).min(1).max(100),
});

/** All given conditions must hold for the requirement to apply; an absent condition does not restrict. */
export const AppliesWhenSchema = z.strictObject({
  crossBorder: z.boolean().optional(),
  categories: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  regulatedSector: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
});

const requirementBase = {
  /** Stable key, unique across the whole policy; waivers and gate decisions refer to it. */
  id: PolicyKeySchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  required: z.boolean(),
  /** Whether a named person may waive the requirement (default true). */
  waivable: z.boolean().optional(),
  appliesWhen: AppliesWhenSchema.optional(),
};

// ---------------------------------------------------------------------------------------------------------------
// Requirements (discriminated on `type`)

/** Evidence of given kinds, at least `minProvenance`, no older than `maxAgeDays`, at least `minCount` of it. */
export const EvidenceRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('evidence'),
  kinds: z.array(EvidenceKindSchema).min(1),
  minProvenance: ProvenanceSchema,
  /** Maximum age, counted from issuedAt (else validFrom, else sharedAt). */
  maxAgeDays: positiveInt().optional(),
  /** The evidence's validity period must cover today (it must have a validTo). */
  mustBeValid: z.boolean().optional(),
  minCount: positiveInt(),
  subject: EvidenceSubjectSchema.optional(),
  /** Attributes that must be present and non-empty, e.g. ['identifier'] for a registry extract. */
  requiredAttributes: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
});

/** Claims of a type (usually capacity) stated with their limit, for each product line in scope. */
export const ClaimsWithLimitsRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('claims_with_limits'),
  claimType: ClaimTypeSchema,
  requireStatedLimit: z.boolean(),
  /** Each product line of the engagement's scope needs its own claim. */
  perProductLine: z.boolean(),
});

/** Technical inquiries answered: median response time in the responder's business days. */
export const ResponseTimeRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('response_time'),
  maxMedianBusinessDays: z.number().positive(),
  minInquiries: positiveInt(),
});

/** A pilot of a bounded length with KPIs and evaluation points. */
export const PilotRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('pilot'),
  minMonths: z.number().positive(),
  maxMonths: z.number().positive(),
  requiresKpis: z.boolean(),
  requiresEvaluationPoints: z.boolean(),
});

/** Progress updates at least every N days; an escalation ladder named. */
export const CadenceRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('cadence'),
  progressUpdateEveryDays: positiveInt(),
  escalationLadderRequired: z.boolean(),
});

/** Factory visit or third-party audit, unless the visit advisor says it can be waived. */
export const VisitRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('visit'),
  kinds: z.array(EvidenceKindSchema).min(1),
  minProvenance: ProvenanceSchema,
  maxAgeDays: positiveInt().optional(),
  waivableByAdvisor: z.boolean(),
});

/** Continuous verification: certificates renewed before expiry, periodic re-audit, a batch record per lot. */
export const ReverificationRequirementSchema = z.strictObject({
  ...requirementBase,
  type: z.literal('reverification'),
  certificatesBeforeExpiry: z.boolean(),
  reaudit: z.strictObject({
    everyMonths: positiveInt(),
    required: z.boolean(),
    kinds: z.array(EvidenceKindSchema).min(1),
    minProvenance: ProvenanceSchema,
  }),
  batchRecordsPerLot: z.boolean(),
});

export const RequirementSchema = z.discriminatedUnion('type', [
  EvidenceRequirementSchema,
  ClaimsWithLimitsRequirementSchema,
  ResponseTimeRequirementSchema,
  PilotRequirementSchema,
  CadenceRequirementSchema,
  VisitRequirementSchema,
  ReverificationRequirementSchema,
]);

// ---------------------------------------------------------------------------------------------------------------
// Visit advisor rules

const simpleConditions = [
  z.strictObject({ kind: z.literal('product_maturity'), equals: z.enum(PRODUCT_MATURITIES) }),
  z.strictObject({ kind: z.literal('product_is_custom') }),
  z.strictObject({
    kind: z.literal('has_evidence'),
    evidenceKinds: z.array(EvidenceKindSchema).min(1),
    minProvenance: ProvenanceSchema,
    subject: EvidenceSubjectSchema.optional(),
    minCount: positiveInt().optional(),
  }),
  z.strictObject({
    kind: z.literal('attestations_from_other_buyers'),
    min: positiveInt(),
    minProvenance: ProvenanceSchema.optional(),
  }),
  /** Presented credentials from other buyers that verify now: a verifiable track record in the shared network. */
  z.strictObject({ kind: z.literal('verified_track_record'), min: positiveInt() }),
  z.strictObject({
    kind: z.literal('certification_held'),
    standard: z.string().min(1).max(100),
    minProvenance: ProvenanceSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('regulated_sector'), sectors: z.array(z.string().min(1).max(100)).min(1).max(100) }),
  z.strictObject({ kind: z.literal('claimed_capacity_over'), units: z.number().positive(), period: z.enum(CLAIM_PERIODS) }),
  z.strictObject({ kind: z.literal('contradicted_claims'), min: positiveInt() }),
  z.strictObject({ kind: z.literal('no_formal_qc_system') }),
] as const;

export const SimpleAdvisorConditionSchema = z.discriminatedUnion('kind', [...simpleConditions]);

/** One typed condition, or `all_of` a list of them (one level deep). */
export const AdvisorConditionSchema = z.discriminatedUnion('kind', [
  ...simpleConditions,
  z.strictObject({ kind: z.literal('all_of'), conditions: z.array(SimpleAdvisorConditionSchema).min(2) }),
]);

export const AdvisorRuleSchema = z.strictObject({
  id: PolicyKeySchema,
  effect: z.enum(ADVISOR_EFFECTS),
  weight: z.number().positive(),
  condition: AdvisorConditionSchema,
  explanation: LocalizedTextSchema,
});

/**
 * score = baseScore + Σ weight(raise rules that fired) − Σ weight(waive rules that fired);
 * score ≥ needed → visit needed; ≥ recommended → visit recommended; otherwise the visit can be waived.
 */
export const VisitAdvisorConfigSchema = z.strictObject({
  baseScore: z.number(),
  thresholds: z.strictObject({ needed: z.number(), recommended: z.number() }),
  rules: z.array(AdvisorRuleSchema),
});

// ---------------------------------------------------------------------------------------------------------------
// The policy

const requirementList = () => z.array(RequirementSchema);

export const PolicyPhasesSchema = z.strictObject({
  credibility: requirementList(),
  capability_validation: requirementList(),
  operational_compatibility: requirementList(),
  partnership: requirementList(),
});

export const VerificationPolicySchema = z
  .strictObject({
    key: PolicyKeySchema,
    name: z.string().min(1).max(200),
    version: positiveInt(),
    scope: z.enum(POLICY_SCOPES),
    categories: z.array(z.string().min(1).max(100)).max(100).optional(),
    description: z.string().max(4000),
    claimTolerance: z.strictObject({
      /** Observed capacity below this share of the claimed capacity contradicts the claim. */
      capacity: z.number().gt(0).max(1),
    }),
    phases: PolicyPhasesSchema,
    visitAdvisor: VisitAdvisorConfigSchema,
    /** 8D due dates by severity, escalation pace, cadence; absent in older documents (the shipped defaults apply). */
    discrepancies: DiscrepancyRulesSchema.optional(),
  })
  .superRefine((policy, ctx) => {
    const seen = new Map<string, string>();
    for (const phase of OPEN_PHASES) {
      policy.phases[phase].forEach((req, i) => {
        const where = `phases.${phase}[${i}]`;
        const earlier = seen.get(req.id);
        if (earlier !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['phases', phase, i, 'id'],
            message: `duplicate requirement id "${req.id}" (also at ${earlier})`,
          });
        } else seen.set(req.id, where);
        if (req.type === 'pilot' && req.minMonths > req.maxMonths) {
          ctx.addIssue({
            code: 'custom',
            path: ['phases', phase, i, 'maxMonths'],
            message: `must be at least minMonths (${req.minMonths})`,
          });
        }
      });
    }
    const ruleIds = new Set<string>();
    policy.visitAdvisor.rules.forEach((rule, i) => {
      if (ruleIds.has(rule.id)) {
        ctx.addIssue({ code: 'custom', path: ['visitAdvisor', 'rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      }
      ruleIds.add(rule.id);
    });
    const { needed, recommended } = policy.visitAdvisor.thresholds;
    if (needed < recommended) {
      ctx.addIssue({
        code: 'custom',
        path: ['visitAdvisor', 'thresholds', 'needed'],
        message: `must be at least the "recommended" threshold (${recommended})`,
      });
    }
  });


/** What each schema accepts is exactly the domain's type (a drift fails the type check here). */
export type PolicySchemaChecks = [
  Expect<Same<z.output<typeof LocalizedTextSchema>, LocalizedText>>,
  Expect<Same<z.output<typeof EvidenceSubjectSchema>, EvidenceSubject>>,
  Expect<Same<z.output<typeof AppliesWhenSchema>, AppliesWhen>>,
  Expect<Same<z.output<typeof EvidenceRequirementSchema>, EvidenceRequirement>>,
  Expect<Same<z.output<typeof ClaimsWithLimitsRequirementSchema>, ClaimsWithLimitsRequirement>>,
  Expect<Same<z.output<typeof ResponseTimeRequirementSchema>, ResponseTimeRequirement>>,
  Expect<Same<z.output<typeof PilotRequirementSchema>, PilotRequirement>>,
  Expect<Same<z.output<typeof CadenceRequirementSchema>, CadenceRequirement>>,
  Expect<Same<z.output<typeof VisitRequirementSchema>, VisitRequirement>>,
  Expect<Same<z.output<typeof ReverificationRequirementSchema>, ReverificationRequirement>>,
  Expect<Same<z.output<typeof RequirementSchema>, Requirement>>,
  Expect<Same<z.output<typeof SimpleAdvisorConditionSchema>, SimpleAdvisorCondition>>,
  Expect<Same<z.output<typeof AdvisorConditionSchema>, AdvisorCondition>>,
  Expect<Same<z.output<typeof AdvisorRuleSchema>, AdvisorRule>>,
  Expect<Same<z.output<typeof VisitAdvisorConfigSchema>, VisitAdvisorConfig>>,
  Expect<Same<z.output<typeof PolicyPhasesSchema>, PolicyPhases>>,
  Expect<Same<z.output<typeof VerificationPolicySchema>, VerificationPolicy>>,
];

// ---------------------------------------------------------------------------------------------------------------
// Parsing with exact error paths

export interface PolicyError {
  /** e.g. "phases.credibility[2].minProvenance"; "" for the document itself. */
  path: string;
  message: string;
}

export type ParsePolicyResult = { ok: true; policy: VerificationPolicy } | { ok: false; errors: PolicyError[] };

/** "phases.credibility[2].minProvenance" from ['phases', 'credibility', 2, 'minProvenance']. */
export function formatPolicyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** A document's schema issues as {path, message}, one per unknown key, paths as formatPolicyPath writes them. */
export function documentErrors(issues: readonly z.core.$ZodIssue[]): PolicyError[] {
  const errors: PolicyError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: formatPolicyPath([...issue.path, key]), message: 'unknown key' });
    } else {
      errors.push({ path: formatPolicyPath(issue.path), message: issue.message });
    }
  }
  return errors;
}

/** Validates a policy document (e.g. uploaded JSON); every error carries the exact path of the offending value. */
export function parsePolicy(json: unknown): ParsePolicyResult {
  const result = VerificationPolicySchema.safeParse(json);
  return result.success ? { ok: true, policy: result.data } : { ok: false, errors: documentErrors(result.error.issues) };
}
