import { claimBoundIssues } from '../domain/claims/bounds.js';
import { z } from 'zod';
import {
  CLAIM_STATUSES,
  CLAIM_TYPES,
  ENGAGEMENT_PHASES,
  EVIDENCE_EFFECTS,
  EVIDENCE_KINDS,
  GATE_DECISIONS,
  MESSAGE_KINDS,
  OPEN_PHASES,
  PROVENANCES,
} from '../domain/model.js';
import { Country, GeneratedText, Id, IsoDateTime } from './common.js';
import { CLAIM_PERIODS } from '../domain/periods.js';
import { PRODUCT_MATURITIES } from './policy.js';
import { TimeZone } from './accounts.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Attributes = z.record(z.string().max(60), z.string().max(500)).refine((r) => Object.keys(r).length <= 30, { message: 'at most 30 attributes' });
const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
/** Accepts a date or a date-time; stored as an ISO date-time in UTC. */
const DateOrDateTime = z.union([IsoDateTime, IsoDate]).transform((s) => (s.length === 10 ? `${s}T00:00:00.000Z` : new Date(s).toISOString()));

// ---------------------------------------------------------------------------------------------------------------
// Supplier profile

export const SiteInput = z.strictObject({
  name: Text(200),
  address: Text(500),
  country: Country,
  timeZone: TimeZone,
  processes: z.array(Text(100)).max(50).default([]),
  headcount: z.int().min(0).max(1_000_000).nullable().optional(),
});
export const SiteView = z.object({
  id: Id,
  organizationId: Id,
  name: z.string(),
  address: z.string(),
  country: z.string(),
  timeZone: z.string(),
  processes: z.array(z.string()),
  headcount: z.number().nullable(),
  createdAt: IsoDateTime,
});

export const ClaimType = z.enum(CLAIM_TYPES);
export const ClaimInput = z
  .strictObject({
    type: ClaimType,
    title: Text(300),
    productLine: Text(200).nullable().optional(),
    siteId: Id.nullable().optional(),
    value: z.number().finite().nullable().optional(),
    unit: Text(40).nullable().optional(),
    period: z.enum(CLAIM_PERIODS).nullable().optional(),
    statedLimit: z.number().finite().nonnegative().nullable().optional(),
    attributes: Attributes.default({}),
    documentFileId: Id.nullable().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.type === 'capacity') {
      if (c.value == null) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a capacity claim needs a value', params: { code: 'claim_needs_value', type: c.type } });
      if (!c.period) ctx.addIssue({ code: 'custom', path: ['period'], message: 'a capacity claim needs a period', params: { code: 'capacity_needs_period' } });
      if (!c.productLine) ctx.addIssue({ code: 'custom', path: ['productLine'], message: 'a capacity claim names its product line', params: { code: 'capacity_needs_line' } });
    }
    if ((c.type === 'lead_time' || c.type === 'moq') && c.value == null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${c.type} claim needs a value`, params: { code: 'claim_needs_value', type: c.type } });
    }
    if (c.type === 'certification' && !c.attributes.standard) {
      ctx.addIssue({ code: 'custom', path: ['attributes', 'standard'], message: 'a certification claim names its standard, e.g. ISO 9001', params: { code: 'certification_needs_standard' } });
    }
    for (const b of claimBoundIssues(c)) ctx.addIssue({ code: 'custom', path: b.path.split('.'), message: b.message, params: { code: `claim_${b.code}`, ...b.params } });
  });
export const ClaimPatch = z.strictObject({
  title: Text(300).optional(),
  value: z.number().finite().nullable().optional(),
  statedLimit: z.number().finite().nonnegative().nullable().optional(),
  attributes: Attributes.optional(),
  withdrawn: z.boolean().optional(),
});
export const ClaimView = z.object({
  id: Id,
  organizationId: Id,
  type: ClaimType,
  title: z.string(),
  productLine: z.string().nullable(),
  siteId: Id.nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  period: z.string().nullable(),
  statedLimit: z.number().nullable(),
  attributes: z.record(z.string(), z.string()),
  documentFileId: Id.nullable(),
  createdAt: IsoDateTime,
  withdrawnAt: IsoDateTime.nullable(),
  status: z.enum(CLAIM_STATUSES),
  strongestProvenance: z.enum(PROVENANCES).nullable(),
  evidenceIds: z.array(Id),
  supportingEvidenceIds: z.array(Id),
  contradictingEvidenceIds: z.array(Id),
});

// ---------------------------------------------------------------------------------------------------------------
// Evidence

export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export const Provenance = z.enum(PROVENANCES);
export const EvidenceLinkInput = z.strictObject({
  claimId: Id,
  effect: z.enum(EVIDENCE_EFFECTS),
  observedValue: z.number().finite().nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
export const EvidenceInput = z
  .strictObject({
    kind: EvidenceKind,
    provenance: Provenance,
    title: Text(300),
    description: z.string().max(5000).nullable().optional(),
    issuer: Text(300).nullable().optional(),
    issuedAt: DateOrDateTime.nullable().optional(),
    validFrom: DateOrDateTime.nullable().optional(),
    validTo: DateOrDateTime.nullable().optional(),
    attributes: Attributes.default({}),
    fileIds: z.array(Id).max(20).default([]),
    links: z.array(EvidenceLinkInput).max(50).default([]),
    /** Whom the evidence is about; defaults to the recording organization (a supplier's own evidence). */
    subjectOrganizationId: Id.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.validFrom && e.validTo && Date.parse(e.validTo) < Date.parse(e.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'valid-to must not be before valid-from: the evidence would never be valid', params: { code: 'valid_to_before_valid_from', validFrom: e.validFrom, validTo: e.validTo } });
    }
  });

/** Evidence recorded inside an engagement: either an existing item shared into it, or a new one. */
export const EngagementEvidenceInput = z.union([z.strictObject({ evidenceId: Id }), EvidenceInput]);

export const EvidenceFileView = z.object({ id: Id, filename: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() });
/** A text the system wrote, as a code and its parameters, for clients to word in their language. */
export { GeneratedText };
/**
 * Evidence the system computed from data (not recorded by a person): who computed it, from what, and the
 * numbers of the computation. Neither side withdraws it; it follows the data it came from.
 */
export const ComputedEvidenceView = z.object({
  by: z.literal('bonafide'),
  method: z.literal('demonstrated_capacity'),
  source: z.object({
    kind: z.literal('production_logs'),
    /** Whose data it is (the supplier who imported the logs). */
    organizationId: Id,
    organizationName: z.string(),
    records: z.number(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  /** The person whose import caused the recomputation. */
  triggeredBy: z.string().nullable(),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export const EvidenceView = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  subjectOrganizationId: Id,
  kind: EvidenceKind,
  provenance: Provenance,
  title: z.string(),
  description: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedAt: IsoDateTime.nullable(),
  validFrom: IsoDateTime.nullable(),
  validTo: IsoDateTime.nullable(),
  attributes: z.record(z.string(), z.string()),
  files: z.array(EvidenceFileView),
  links: z.array(z.object({ claimId: Id, effect: z.enum(EVIDENCE_EFFECTS), observedValue: z.number().nullable(), note: z.string().nullable() })),
  recordedBy: z.string(),
  createdAt: IsoDateTime,
  sharedAt: IsoDateTime.nullable(),
  validity: z.enum(['valid', 'expiring_60', 'expiring_30', 'expired', 'not_yet_valid', 'no_expiry']),
  /** Set when the system wrote the title; `title` has it in English. */
  generatedTitle: GeneratedText.nullable(),
  /** Set for evidence the system computed (recordedBy is then "Bonafide"). */
  computed: ComputedEvidenceView.nullable(),
});

// ---------------------------------------------------------------------------------------------------------------
// Engagements

export const EngagementScope = z.strictObject({
  products: z.array(Text(200)).min(1).max(50),
  categories: z.array(Text(80)).max(20).default([]),
  productLines: z.array(Text(200)).max(20).default([]),
  expectedVolumes: z.array(z.strictObject({ product: Text(200), quantity: z.number().positive(), period: z.enum(CLAIM_PERIODS) })).max(50).default([]),
  destinationCountry: Country,
  productMaturity: z.enum(PRODUCT_MATURITIES).default('custom'),
  regulatedSector: Text(80).nullable().optional(),
});
export const NewEngagementInput = z.strictObject({
  supplierOrganizationId: Id,
  title: Text(200),
  scope: EngagementScope,
  /** A policy by id; by default the shipped cross-border or domestic one, chosen from the two countries. */
  policyId: Id.optional(),
});
export const EngagementPhase = z.enum(ENGAGEMENT_PHASES);
export const EngagementListQuery = z.strictObject({
  phase: EngagementPhase.optional(),
  role: z.enum(['buyer', 'supplier']).optional(),
  q: z.string().max(200).optional(),
  counterpartId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const EngagementResponseInput = z.strictObject({
  decision: z.enum(['accept', 'decline']),
  note: z.string().max(2000).optional(),
});
export const OrgRef = z.object({ id: Id, name: z.string(), country: z.string(), kind: z.string() });
/** Gate decisions, plus the other recorded steps of the phase timeline. */
export const TIMELINE_DECISIONS = [...GATE_DECISIONS, 'accept', 'decline', 'withdraw', 'terminate', 'policy_change'] as const;
export const GateDecisionView = z.object({
  id: Id,
  fromPhase: EngagementPhase,
  toPhase: EngagementPhase,
  decision: z.enum(TIMELINE_DECISIONS),
  rationale: z.string(),
  evidenceIds: z.array(Id),
  override: z.boolean(),
  overrideReason: z.string().nullable(),
  unmetRequirements: z.array(z.string()),
  /** The unmet requirements with their titles from the engagement's policy, for either party to read. */
  unmetRequirementTitles: z.array(z.object({ id: z.string(), title: z.object({ en: z.string(), zh: z.string() }) })).optional(),
  decidedBy: z.object({ id: Id, displayName: z.string() }),
  decidedByOrganizationId: Id,
  decidedAt: IsoDateTime,
});
export const EngagementView = z.object({
  id: Id,
  title: z.string(),
  scope: z.object({
    products: z.array(z.string()),
    categories: z.array(z.string()),
    productLines: z.array(z.string()),
    expectedVolumes: z.array(z.object({ product: z.string(), quantity: z.number(), period: z.string() })),
    destinationCountry: z.string(),
    productMaturity: z.string(),
    regulatedSector: z.string().nullable().optional(),
  }),
  buyer: OrgRef,
  supplier: OrgRef,
  crossBorder: z.boolean(),
  phase: EngagementPhase,
  phaseStartedAt: IsoDateTime,
  policy: z.object({ id: Id, key: z.string(), version: z.number(), name: z.string(), latestVersion: z.number(), latestId: Id }),
  createdAt: IsoDateTime,
  respondedAt: IsoDateTime.nullable(),
  responseNote: z.string().nullable(),
  myRole: z.enum(['buyer', 'supplier']),
  timeline: z.array(GateDecisionView),
});

export const GateDecisionInput = z
  .strictObject({
    decision: z.enum(GATE_DECISIONS),
    /** The phase this decision decides: refused with 409 phase_changed when the engagement has moved since. */
    expectedPhase: EngagementPhase,
    rationale: Text(5000),
    evidenceIds: z.array(Id).max(200).default([]),
    /** Needed to advance while a required requirement is unmet: an explicit override, shown forever after. */
    override: z.boolean().default(false),
    overrideReason: z.string().trim().max(5000).optional(),
  })
  .superRefine((g, ctx) => {
    if (g.override && !g.overrideReason) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'an override needs its reason', params: { code: 'override_needs_reason' } });
  });
export const WithdrawInput = z.strictObject({ action: z.enum(['withdraw', 'terminate']), rationale: Text(5000) });
export const WaiverInput = z.strictObject({ requirementId: z.string().min(1).max(80), reason: Text(2000) });
export const WaiverView = z.object({
  id: Id,
  phase: EngagementPhase,
  requirementId: z.string(),
  reason: z.string(),
  waivedBy: z.object({ id: Id, displayName: z.string() }),
  waivedAt: IsoDateTime,
});
export const MovePolicyInput = z.strictObject({ policyId: Id });

export const MessageKind = z.enum(MESSAGE_KINDS);
export const MessageInput = z
  .strictObject({
    kind: MessageKind,
    subject: z.string().trim().max(300).nullable().optional(),
    body: Text(20000),
    inReplyTo: Id.nullable().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'response' && !m.inReplyTo) ctx.addIssue({ code: 'custom', path: ['inReplyTo'], message: 'a response answers a message: give its id', params: { code: 'response_needs_message' } });
  });
export const MessageView = z.object({
  id: Id,
  engagementId: Id,
  organizationId: Id,
  author: z.object({ id: Id, displayName: z.string() }),
  kind: MessageKind,
  subject: z.string().nullable(),
  body: z.string(),
  inReplyTo: Id.nullable(),
  sentAt: IsoDateTime,
  /** For a technical inquiry: when it was answered, and how long that took in the responder's business days. */
  answeredAt: IsoDateTime.nullable().optional(),
  responseBusinessDays: z.number().nullable().optional(),
});
export const MessagesResponse = z.object({
  messages: z.array(MessageView),
  stats: z.object({
    count: z.number(),
    answered: z.number(),
    unanswered: z.number(),
    medianBusinessDays: z.number().nullable(),
    p90BusinessDays: z.number().nullable(),
    responderTimeZone: z.string(),
  }),
});

export const PolicyListQuery = z.strictObject({ scope: z.enum(['cross_border', 'domestic']).optional() });
export const PolicyView = z.object({
  id: Id,
  key: z.string(),
  version: z.number(),
  name: z.string(),
  scope: z.string(),
  shipped: z.boolean(),
  organizationId: Id.nullable(),
  createdAt: IsoDateTime,
  document: z.unknown(),
});

export const OpenPhase = z.enum(OPEN_PHASES);
