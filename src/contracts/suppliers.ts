// The supplier's side: buyer sincerity, the evidence room (shares and their access log), file requests, the public
// verified profile and invitations to verify. One schema source for HTTP, CLI and web.
import { z } from 'zod';
import { CLAIM_STATUSES, CLAIM_TYPES, EVIDENCE_KINDS, PROVENANCES } from '../domain/model.js';
import { SHARE_STATUSES } from '../domain/sharing/share-status.js';
import { SINCERITY_SIGNAL_KEYS } from '../domain/sincerity/signals.js';
import { Id, IsoDateTime } from './common.js';
import { DateRangeInput } from './visits.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const Person = z.object({ id: Id, displayName: z.string() });
const OrgRef = z.object({ id: Id, name: z.string(), country: z.string() });

// ---------------------------------------------------------------------------------------------------------------
// Buyer sincerity

export const SincerityKey = z.enum(SINCERITY_SIGNAL_KEYS);
export const SincerityBand = z.enum(['high', 'moderate', 'low', 'insufficient']);

export const SincerityRecordView = z.object({
  type: z.enum(['message', 'visit', 'sample_test', 'invitation', 'specification', 'engagement', 'file', 'visit_assessment']),
  id: z.string(),
  engagementId: Id.nullable(),
  at: z.string().nullable(),
  label: z.string(),
  tags: z.array(z.string()),
  points: z.number().optional(),
});

export const SincerityJudgementView = z.object({ value: z.number(), note: z.string(), by: Person.nullable(), at: IsoDateTime });

export const SincerityScoredSignalView = z.object({
  key: SincerityKey,
  /** The value that counts: the supplier's judgement where it gave one, else the derived value. */
  value: z.number().nullable(),
  records: z.array(SincerityRecordView),
  derivedValue: z.number().nullable(),
  judgement: SincerityJudgementView.nullable(),
  weight: z.number(),
  contribution: z.number(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  explanation: z.string(),
});

export const BuyerSincerityView = z.object({
  organizationId: Id,
  name: z.string(),
  country: z.string(),
  score: z.number().nullable(),
  band: SincerityBand,
  explanation: z.string(),
  signals: z.array(SincerityScoredSignalView),
  /** Inbound requests (proposed) first, then the open engagements, then the closed ones. */
  engagements: z.array(z.object({ id: Id, title: z.string(), phase: z.string(), createdAt: IsoDateTime })),
  disclosedAt: IsoDateTime.nullable(),
});

const WeightValue = z.int().min(0).max(100);
export const SincerityWeights = z.strictObject(Object.fromEntries(SINCERITY_SIGNAL_KEYS.map((k) => [k, WeightValue])) as Record<(typeof SINCERITY_SIGNAL_KEYS)[number], typeof WeightValue>);
export const SincerityWeightsInput = z.strictObject({ weights: SincerityWeights });
export const SincerityWeightsView = z.object({
  weights: z.record(SincerityKey, z.number()),
  defaults: z.record(SincerityKey, z.number()),
  updatedAt: IsoDateTime.nullable(),
  updatedBy: Person.nullable(),
});

export const JudgementInput = z.strictObject({ value: z.int().min(0).max(100), note: Text(1000) });
export const JudgementParams = z.strictObject({ organizationId: Id, key: SincerityKey });
export const BuyerParams = z.strictObject({ organizationId: Id });
export const DisclosureInput = z.strictObject({ shared: z.boolean() });

/** What a buyer sees of a supplier's assessment, once the supplier shares it. */
export const DisclosedSincerityView = z.object({
  supplier: OrgRef,
  sharedAt: IsoDateTime,
  score: z.number().nullable(),
  band: SincerityBand,
  explanation: z.string(),
  signals: z.array(SincerityScoredSignalView),
});

// ---------------------------------------------------------------------------------------------------------------
// The evidence room

export const SHARE_ACCESS = ['download', 'view'] as const;
export { SHARE_STATUSES };

export const ShareInput = z
  .strictObject({
    /** The organization that may look (a buyer, usually). */
    organizationId: Id,
    /** Inside one engagement with it; absent: shared with the organization itself. */
    engagementId: Id.nullable().optional(),
    evidenceIds: z.array(Id).min(1).max(50),
    /** download: files can be downloaded; view: only viewed in the browser. */
    access: z.enum(SHARE_ACCESS).default('view'),
    /** Default: now. */
    validFrom: IsoDateTime.optional(),
    /** Absent or null: until revoked. */
    validUntil: IsoDateTime.nullable().optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .superRefine((s, ctx) => {
    if (new Set(s.evidenceIds).size !== s.evidenceIds.length) ctx.addIssue({ code: 'custom', path: ['evidenceIds'], message: 'an item is listed twice' });
    if (s.validUntil && s.validFrom && Date.parse(s.validUntil) <= Date.parse(s.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'the end of the share must be after its start', params: { code: 'end_before_start', start: s.validFrom, end: s.validUntil } });
    }
  });

export const SharedFileView = z.object({ id: Id, filename: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string() });
export const SharedItemView = z.object({
  evidenceId: Id,
  kind: z.enum(EVIDENCE_KINDS),
  provenance: z.enum(PROVENANCES),
  title: z.string(),
  description: z.string().nullable(),
  issuer: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  files: z.array(SharedFileView),
});

export const ShareView = z.object({
  id: Id,
  owner: OrgRef,
  grantee: OrgRef,
  engagement: z.object({ id: Id, title: z.string() }).nullable(),
  access: z.enum(SHARE_ACCESS),
  validFrom: IsoDateTime,
  validUntil: IsoDateTime.nullable(),
  note: z.string().nullable(),
  status: z.enum(SHARE_STATUSES),
  createdAt: IsoDateTime,
  createdBy: Person,
  revokedAt: IsoDateTime.nullable(),
  revokedBy: Person.nullable(),
  items: z.array(SharedItemView),
  /** The owner's view only: how often the other side looked, and when last. */
  accessCount: z.number().optional(),
  lastAccessAt: IsoDateTime.nullable().optional(),
  myRole: z.enum(['owner', 'grantee']),
});
export const ShareParams = z.strictObject({ id: Id });
export const ShareFileParams = z.strictObject({ id: Id, fileId: Id });
export const ShareFileQuery = z.strictObject({ disposition: z.enum(['inline', 'attachment']).default('inline') });
export const ShareListQuery = z.strictObject({ status: z.enum(SHARE_STATUSES).optional(), organizationId: Id.optional(), engagementId: Id.optional() });

export const ACCESS_ACTIONS = ['viewed_share', 'viewed_file', 'downloaded_file'] as const;
export const AccessLogEntryView = z.object({
  id: Id,
  at: IsoDateTime,
  action: z.enum(ACCESS_ACTIONS),
  via: z.enum(['evidence_share', 'file_share']),
  organization: OrgRef,
  user: Person,
  shareId: Id.nullable(),
  evidence: z.object({ id: Id, title: z.string() }).nullable(),
  file: z.object({ id: Id, filename: z.string() }).nullable(),
});
export const AccessLogQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

// ---------------------------------------------------------------------------------------------------------------
// File requests: the only way files now enter another organization's list

export const FileRequestInput = z.strictObject({ title: Text(300), note: z.string().trim().max(2000).nullable().optional() });
export const FileRequestView = z.object({
  id: Id,
  engagementId: Id,
  requestedBy: OrgRef,
  requestedFrom: OrgRef,
  title: z.string(),
  note: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  createdAt: IsoDateTime,
  createdBy: Person,
  closedAt: IsoDateTime.nullable(),
  files: z.array(z.object({ id: Id, filename: z.string(), sharedAt: IsoDateTime })),
});
export const FileRequestParams = z.strictObject({ id: Id, requestId: Id });

// ---------------------------------------------------------------------------------------------------------------
// The public verified profile

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Slug = z.string().trim().toLowerCase().min(3).max(60).regex(SLUG_PATTERN, { message: 'lower-case letters, digits and single hyphens, 3–60 characters' });

export const PublicProfileInput = z.strictObject({
  slug: Slug,
  published: z.boolean(),
  headline: z.string().trim().max(300).nullable().optional(),
  claims: z.array(Id).max(200).default([]),
  evidence: z.array(Id).max(200).default([]),
  sites: z.array(Id).max(50).default([]),
  /** Track-record credentials other buyers issued to you (GET /api/v1/credentials); shown only while they verify. */
  credentials: z.array(z.string().min(1).max(200)).max(50).default([]),
});
export const PublicProfileSettingsView = z.object({
  slug: z.string(),
  published: z.boolean(),
  headline: z.string().nullable(),
  publishedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime.nullable(),
  /** The path of the public page; the JSON form adds .json. */
  path: z.string(),
  claims: z.array(Id),
  evidence: z.array(Id),
  sites: z.array(Id),
  credentials: z.array(z.string()),
});

const PublicProvenance = z.object({
  provenance: z.enum(PROVENANCES),
  /** Who stands behind it, without naming another organization: the supplier, a buyer, an auditor, a lab or issuer. */
  source: z.enum(['supplier', 'buyer', 'auditor', 'issuer']),
  /** The month it was recorded, YYYY-MM. */
  month: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  validTo: z.string().nullable(),
});

/** The public profile as JSON: what the supplier chose to publish, with no internal ids and nothing private. */
export const PublicSupplierProfile = z.object({
  name: z.string(),
  country: z.string(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  categories: z.array(z.string()),
  headline: z.string().nullable(),
  identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })),
  publishedAt: IsoDateTime.nullable(),
  generatedAt: IsoDateTime,
  claims: z.array(
    z.object({
      type: z.enum(CLAIM_TYPES),
      title: z.string(),
      productLine: z.string().nullable(),
      value: z.number().nullable(),
      unit: z.string().nullable(),
      period: z.string().nullable(),
      statedLimit: z.number().nullable(),
      status: z.enum(CLAIM_STATUSES),
      /** True only when evidence in force supports the claim and nothing at least as strong contradicts it. */
      verified: z.boolean(),
      strongest: PublicProvenance.nullable(),
      summary: z.string(),
    }),
  ),
  limitations: z.array(z.object({ title: z.string(), since: z.string() })),
  evidence: z.array(
    z.object({
      kind: z.enum(EVIDENCE_KINDS),
      provenance: z.enum(PROVENANCES),
      title: z.string(),
      issuer: z.string().nullable(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      validity: z.string(),
      /** SHA-256 of each attached file: anyone given the file can check it is the one published. */
      sha256: z.array(z.string()),
    }),
  ),
  expiring: z.array(z.object({ title: z.string(), kind: z.enum(EVIDENCE_KINDS), validTo: z.string(), daysLeft: z.number() })),
  /** Track-record credentials from other buyers that verify now (signature, issuer key, not revoked, valid). */
  credentials: z.array(
    z.object({
      issuer: z.string(),
      name: z.string(),
      description: z.string(),
      period: z.object({ from: z.string(), until: z.string() }).nullable(),
      review: z.string().nullable(),
      attainmentPercent: z.number().nullable(),
      kpis: z.array(z.object({ label: z.string(), status: z.string() })),
      discrepancies: z.object({ raised: z.number(), closed: z.number(), closedOnTime: z.number() }).nullable(),
      issuedAt: z.string(),
      validUntil: z.string().nullable(),
      verified: z.literal(true),
      checked: z.array(z.string()),
    }),
  ),
  credentialsNote: z.string().nullable(),
  sites: z.array(
    z.object({ name: z.string(), address: z.string(), country: z.string(), processes: z.array(z.string()), headcount: z.number().nullable(), facilityRecord: z.string() }),
  ),
  links: z.object({ html: z.string(), json: z.string(), facilityRecords: z.string() }),
});
export type PublicSupplierProfileT = z.infer<typeof PublicSupplierProfile>;

// ---------------------------------------------------------------------------------------------------------------
// Invitations to verify

export const INVITATION_KINDS = ['visit', 'sample', 'audit'] as const;
export const INVITATION_STATUSES = ['proposed', 'accepted', 'declined', 'withdrawn'] as const;

export const SampleConditionsInput = z.strictObject({
  /** Test method or standard the samples are to be tested under. */
  method: Text(300),
  lab: z.string().trim().max(200).nullable().optional(),
  location: z.string().trim().max(300).nullable().optional(),
  temperatureC: z.number().min(-60).max(300).nullable().optional(),
  relativeHumidityPct: z.number().min(0).max(100).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const InvitationInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('visit'),
    siteId: Id,
    visitType: z.enum(['buyer_visit', 'remote_video']).default('buyer_visit'),
    slots: z.array(DateRangeInput).min(1).max(10),
    note: z.string().trim().max(2000).nullable().optional(),
  }),
  z.strictObject({
    kind: z.literal('sample'),
    product: Text(200),
    quantity: z.int().min(1).max(100_000),
    conditions: SampleConditionsInput,
    shipBy: IsoDate.nullable().optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  }),
  z.strictObject({
    kind: z.literal('audit'),
    auditorOrganizationId: Id,
    siteId: Id,
    scope: Text(1000),
    slots: z.array(DateRangeInput).min(1).max(10),
    note: z.string().trim().max(2000).nullable().optional(),
  }),
]);
export const AcceptInvitationInput = z.strictObject({ slotId: Id.optional(), note: z.string().trim().max(2000).nullable().optional() });
export const DeclineInvitationInput = z.strictObject({ reason: Text(2000) });

export const InvitationSlotView = z.object({
  id: Id,
  start: IsoDateTime,
  end: IsoDateTime,
  startLocal: z.string(),
  endLocal: z.string(),
  timeZone: z.string(),
  status: z.string(),
});
export const InvitationView = z.object({
  id: Id,
  engagementId: Id,
  kind: z.enum(INVITATION_KINDS),
  status: z.enum(INVITATION_STATUSES),
  note: z.string().nullable(),
  site: z.object({ id: Id, name: z.string(), timeZone: z.string() }).nullable(),
  visitType: z.string().nullable(),
  slots: z.array(InvitationSlotView),
  auditor: OrgRef.nullable(),
  scope: z.string().nullable(),
  sample: z
    .object({ product: z.string(), quantity: z.number(), conditions: SampleConditionsInput, shipBy: z.string().nullable().optional() })
    .nullable(),
  createdAt: IsoDateTime,
  createdBy: Person,
  decidedAt: IsoDateTime.nullable(),
  decidedBy: Person.nullable(),
  decisionNote: z.string().nullable(),
  result: z.object({ type: z.enum(['visit', 'sample_test']), id: Id }).nullable(),
  can: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean(), recordSampleTest: z.boolean() }),
});
export const InvitationParams = z.strictObject({ id: Id });
export type InvitationViewT = z.infer<typeof InvitationView>;
