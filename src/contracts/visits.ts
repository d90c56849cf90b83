// Factory visits and third-party audits (DESIGN.md, "Visits and audits are bilateral"): checklist templates are
// versioned data validated like policies; request bodies are strict (an unknown field is a 400 naming it); views
// are what the HTTP API returns and what the phone form renders, offline included.
import { z } from 'zod';
import { CLAIM_STATUSES, CLAIM_TYPES, FINDING_SEVERITIES, PROVENANCES } from '../domain/model.js';
import { CAPACITY_PERIODS } from '../domain/periods.js';
import { FOLLOW_UP_STATUSES } from '../domain/visits/follow-ups.js';
import { Email, Id, IsoDateTime } from './common.js';
import { documentErrors, LocalizedTextSchema } from './policy.js';
import type { Expect, Same } from './type-check.js';
import {
  CAPACITY_INPUT_ROLES,
  CHECKLIST_PURPOSES,
  REQUIRED_VISIT_FOCUSES,
  SECTION_FOCUSES,
  VISIT_OUTCOMES,
  VISIT_SIDES,
  VISIT_STATUSES,
  VISIT_TYPES,
  type ChecklistQuestion,
  type ChecklistSection,
  type ChecklistTemplate,
  type NumberQuestion,
  type PhotoQuestion,
  type ScoreQuestion,
  type ScoreScale,
  type TextQuestion,
  type YesNoQuestion,
} from '../domain/visits/checklist.js';

// The visit vocabulary and the checklist types are the domain's (src/domain/visits/checklist.ts); the schemas are
// built from its lists and checked against its types below.
export {
  CAPACITY_INPUT_ROLES,
  CHECKLIST_PURPOSES,
  CHECKLIST_QUESTION_TYPES,
  RECORDING_STATUSES,
  REQUIRED_VISIT_FOCUSES,
  SECTION_FOCUSES,
  VISIT_OUTCOMES,
  VISIT_SIDES,
  VISIT_STATUSES,
  VISIT_TYPES,
  type CapacityInputRole,
  type ChecklistPurpose,
  type ChecklistQuestion,
  type ChecklistQuestionType,
  type ChecklistSection,
  type ChecklistTemplate,
  type NumberQuestion,
  type ScoreQuestion,
  type SectionFocus,
  type VisitOutcome,
  type VisitSide,
  type VisitStatus,
  type VisitType,
} from '../domain/visits/checklist.js';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

export { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../domain/visits/follow-ups.js';
export const PROPOSAL_STATUSES = ['open', 'accepted', 'superseded', 'booked', 'withdrawn'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Checklist templates

/** A stable key for templates, sections and questions: lowercase letters, digits, ".", "_" or "-". */
export const ChecklistKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,79}$/, 'must be 1–80 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter');

const questionBase = {
  id: ChecklistKeySchema,
  text: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  /** The visit can close with it unanswered, but the progress shows it missing. */
  required: z.boolean().optional(),
  /** The kind of supplier claim an answer or finding here usually bears on (e.g. qc_process). */
  claimType: z.enum(CLAIM_TYPES).optional(),
};

export const ScoreAnchorSchema = z.strictObject({ value: z.int(), label: LocalizedTextSchema });
export const ScoreScaleSchema = z.strictObject({
  min: z.int(),
  max: z.int(),
  /** What a score means; at least the minimum and the maximum are anchored. */
  anchors: z.array(ScoreAnchorSchema).min(2),
});

export const YesNoQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('yes_no'),
  /** The answer that needs no finding (a "no" to "is the control plan at the station?" is a gap). */
  expected: z.boolean().optional(),
});
export const ScoreQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('score'),
  scale: ScoreScaleSchema,
  /** Relative weight in a score breakdown (default 1). */
  weight: z.number().positive().max(100).optional(),
});
export const NumberQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('number'),
  unit: z.string().trim().min(1).max(20),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  integer: z.boolean().optional(),
  capacityInput: z.enum(CAPACITY_INPUT_ROLES).optional(),
});
export const TextQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  multiline: z.boolean().optional(),
  maxLength: z.int().min(1).max(20_000).optional(),
});
export const PhotoQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('photo'),
  minPhotos: z.int().min(0).max(50).optional(),
  maxPhotos: z.int().min(1).max(50).optional(),
});
export const ChecklistQuestionSchema = z.discriminatedUnion('type', [
  YesNoQuestionSchema,
  ScoreQuestionSchema,
  NumberQuestionSchema,
  TextQuestionSchema,
  PhotoQuestionSchema,
]);

export const ChecklistSectionSchema = z.strictObject({
  id: ChecklistKeySchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  /** Which area of the verification model the section covers; absent means `custom`. */
  focus: z.enum(SECTION_FOCUSES).optional(),
  claimType: z.enum(CLAIM_TYPES).optional(),
  questions: z.array(ChecklistQuestionSchema).min(1),
});

export const ChecklistTemplateSchema = z
  .strictObject({
    key: ChecklistKeySchema,
    version: z.int().positive(),
    purpose: z.enum(CHECKLIST_PURPOSES),
    name: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    sections: z.array(ChecklistSectionSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const sectionIds = new Map<string, number>();
    const questionIds = new Map<string, string>();
    const roles = new Map<string, string>();
    t.sections.forEach((s, i) => {
      if (sectionIds.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `duplicate section id "${s.id}" (also sections[${sectionIds.get(s.id)}])` });
      } else sectionIds.set(s.id, i);
      s.questions.forEach((q, j) => {
        const at = (...rest: (string | number)[]) => ['sections', i, 'questions', j, ...rest];
        const where = `sections[${i}].questions[${j}]`;
        const earlier = questionIds.get(q.id);
        if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: at('id'), message: `duplicate question id "${q.id}" (also ${earlier})` });
        else questionIds.set(q.id, where);
        if (t.purpose === 'buyer_sincerity' && q.type !== 'score') {
          ctx.addIssue({ code: 'custom', path: at('type'), message: 'a buyer-sincerity assessment is scored: every question is of type "score"' });
        }
        if (q.type === 'score') {
          const { min, max, anchors } = q.scale;
          if (max <= min) ctx.addIssue({ code: 'custom', path: at('scale', 'max'), message: `must be greater than min (${min})` });
          if (max - min > 100) ctx.addIssue({ code: 'custom', path: at('scale', 'max'), message: 'a scale has at most 101 points' });
          const seen = new Set<number>();
          anchors.forEach((a, k) => {
            if (a.value < min || a.value > max) ctx.addIssue({ code: 'custom', path: at('scale', 'anchors', k, 'value'), message: `must be within the scale ${min}–${max}` });
            if (seen.has(a.value)) ctx.addIssue({ code: 'custom', path: at('scale', 'anchors', k, 'value'), message: `duplicate anchor for ${a.value}` });
            seen.add(a.value);
          });
          if (max > min && (!seen.has(min) || !seen.has(max))) {
            ctx.addIssue({ code: 'custom', path: at('scale', 'anchors'), message: `anchor the minimum (${min}) and the maximum (${max}) of the scale` });
          }
        }
        if (q.type === 'number') {
          if (q.min !== undefined && q.max !== undefined && q.max < q.min) ctx.addIssue({ code: 'custom', path: at('max'), message: `must be at least min (${q.min})` });
          if (q.capacityInput) {
            const other = roles.get(q.capacityInput);
            if (other) ctx.addIssue({ code: 'custom', path: at('capacityInput'), message: `"${q.capacityInput}" is already asked by ${other}` });
            else roles.set(q.capacityInput, where);
            if (q.capacityInput === 'availability' && q.unit !== '%') {
              ctx.addIssue({ code: 'custom', path: at('unit'), message: 'availability is asked in percent: unit must be "%"' });
            }
          }
        }
        if (q.type === 'photo' && q.minPhotos !== undefined && q.maxPhotos !== undefined && q.maxPhotos < q.minPhotos) {
          ctx.addIssue({ code: 'custom', path: at('maxPhotos'), message: `must be at least minPhotos (${q.minPhotos})` });
        }
      });
    });
    if (t.purpose === 'visit_checklist') {
      const covered = new Set(t.sections.map((s) => s.focus ?? 'custom'));
      const missing = REQUIRED_VISIT_FOCUSES.filter((f) => !covered.has(f));
      if (missing.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections'],
          message: `a visit checklist covers the four areas of the verification model; missing a section with focus ${missing.map((m) => `"${m}"`).join(', ')}`,
        });
      }
    }
  });
/** What each schema accepts is exactly the domain's type (a drift fails the type check here). */
export type ChecklistSchemaChecks = [
  Expect<Same<z.output<typeof ScoreScaleSchema>, ScoreScale>>,
  Expect<Same<z.output<typeof YesNoQuestionSchema>, YesNoQuestion>>,
  Expect<Same<z.output<typeof ScoreQuestionSchema>, ScoreQuestion>>,
  Expect<Same<z.output<typeof NumberQuestionSchema>, NumberQuestion>>,
  Expect<Same<z.output<typeof TextQuestionSchema>, TextQuestion>>,
  Expect<Same<z.output<typeof PhotoQuestionSchema>, PhotoQuestion>>,
  Expect<Same<z.output<typeof ChecklistQuestionSchema>, ChecklistQuestion>>,
  Expect<Same<z.output<typeof ChecklistSectionSchema>, ChecklistSection>>,
  Expect<Same<z.output<typeof ChecklistTemplateSchema>, ChecklistTemplate>>,
];

export interface ChecklistTemplateError {
  /** e.g. "sections[0].questions[2].scale.anchors[1].value"; "" for the document itself. */
  path: string;
  message: string;
}
export type ParseChecklistTemplateResult = { ok: true; template: ChecklistTemplate } | { ok: false; errors: ChecklistTemplateError[] };

/** Validates a checklist template document (e.g. uploaded JSON); every error carries the exact path. */
export function parseChecklistTemplate(json: unknown): ParseChecklistTemplateResult {
  const result = ChecklistTemplateSchema.safeParse(json);
  return result.success ? { ok: true, template: result.data } : { ok: false, errors: documentErrors(result.error.issues) };
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies

const Text = (max: number) => z.string().trim().min(1).max(max);
const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex');

/** A wall-clock time at the site, without an offset: "2026-05-12T09:00"; the site's time zone gives its instant. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time at the site, YYYY-MM-DDTHH:mm')
  .refine((s) => {
    const [y, mo, d, h, mi] = s.split(/[-T:]/).map(Number);
    const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
    return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
  }, 'no such date or time');

export const DateRangeInput = z
  .strictObject({ start: LocalDateTime, end: LocalDateTime })
  .superRefine((r, ctx) => {
    if (r.end <= r.start) {
      const message = r.end === r.start ? 'the end is the same as the start: a visit takes some time' : `the end (${r.end.replace('T', ' ')}) is before the start (${r.start.replace('T', ' ')})`;
      ctx.addIssue({ code: 'custom', path: ['end'], message, params: { code: r.end === r.start ? 'end_equals_start' : 'end_before_start', start: r.start, end: r.end } });
    } else if ((Date.parse(`${r.end}Z`) - Date.parse(`${r.start}Z`)) / 86_400_000 > 14) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'a visit lasts at most 14 days', params: { code: 'visit_too_long', maxDays: 14 } });
    }
  });

export const AgendaItemInput = z.strictObject({
  date: IsoDate.optional(),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm').optional(),
  topic: Text(300),
  durationMinutes: z.int().min(1).max(24 * 60).optional(),
});
export const ParticipantInput = z.strictObject({
  side: z.enum(VISIT_SIDES),
  name: Text(200),
  role: Text(200).nullable().optional(),
  email: Email.optional(),
});

export const PlanVisitInput = z
  .strictObject({
    type: z.enum(VISIT_TYPES),
    /** Book an open slot the supplier offered (the visit is confirmed at once); otherwise give siteId, start, end. */
    slotId: Id.optional(),
    siteId: Id.optional(),
    start: LocalDateTime.optional(),
    end: LocalDateTime.optional(),
    title: Text(200).optional(),
    agenda: z.array(AgendaItemInput).max(60).default([]),
    participants: z.array(ParticipantInput).max(40).default([]),
    /** A checklist template version (shipped or the buyer's own); default: the latest shipped buyer checklist. */
    templateId: Id.optional(),
    /** A member of the buyer organization; default: whoever plans the visit. */
    leadUserId: Id.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.slotId) {
      for (const k of ['siteId', 'start', 'end'] as const) {
        if (v[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'comes from the booked slot; leave it out' });
      }
      return;
    }
    for (const k of ['siteId', 'start', 'end'] as const) {
      if (v[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'required (or book a slot with slotId)' });
    }
    if (v.start && v.end) {
      if (v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
      else if ((Date.parse(`${v.end}Z`) - Date.parse(`${v.start}Z`)) / 86_400_000 > 14) ctx.addIssue({ code: 'custom', path: ['end'], message: 'a visit lasts at most 14 days' });
    }
  });

export const VisitResponseInput = z
  .strictObject({
    decision: z.enum(['confirm', 'propose', 'decline']),
    proposedDates: z.array(DateRangeInput).min(1).max(5).optional(),
    reason: Text(2000).optional(),
    /** The supplier's people for the visit, added to the participants. */
    participants: z.array(ParticipantInput).max(40).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decision === 'propose' && !r.proposedDates) ctx.addIssue({ code: 'custom', path: ['proposedDates'], message: 'propose at least one other date' });
    if (r.decision !== 'propose' && r.proposedDates) ctx.addIssue({ code: 'custom', path: ['proposedDates'], message: 'only with decision "propose"' });
    if (r.decision === 'decline' && !r.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a decline gives its reason' });
  });

export const RescheduleInput = z
  .strictObject({
    /** Accept one of the supplier's proposed dates (the visit is confirmed)… */
    proposalId: Id.optional(),
    /** …or propose new dates yourself (the supplier answers again). */
    start: LocalDateTime.optional(),
    end: LocalDateTime.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.proposalId) {
      if (r.start || r.end) ctx.addIssue({ code: 'custom', path: [r.start ? 'start' : 'end'], message: 'give either proposalId or start and end' });
      return;
    }
    if (!r.start) ctx.addIssue({ code: 'custom', path: ['start'], message: 'required (or accept a proposal with proposalId)' });
    if (!r.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'required (or accept a proposal with proposalId)' });
    if (r.start && r.end && r.end <= r.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
  });

export const CancelVisitInput = z.strictObject({ reason: Text(2000) });

export const VisitSlotsInput = z.strictObject({
  siteId: Id,
  slots: z.array(DateRangeInput).min(1).max(20),
  note: z.string().trim().max(2000).optional(),
});

export const InviteAuditorInput = z.strictObject({ organizationId: Id });

export const AnswerValue = z.union([z.boolean(), z.number().finite(), z.string().max(20_000), z.null()]);
export const AnswerInput = z.strictObject({
  /** Generated on the device for this edit; a replay with the same clientId and time changes nothing. */
  clientId: Id,
  /** When the answer was typed on the device; the latest typing wins, whatever order replays arrive in. */
  clientUpdatedAt: IsoDateTime,
  value: AnswerValue,
  note: z.string().max(5000).nullable().optional(),
  notApplicable: z.boolean().optional(),
});

export const AttachmentInput = z.strictObject({
  /** Generated on the device for this photo; posting it again returns the same attachment. */
  clientId: Id,
  /** From POST /api/v1/files (multipart); uploading the same bytes twice gives the same file id. */
  fileId: Id,
  questionId: ChecklistKeySchema.optional(),
  findingId: Id.optional(),
  caption: z.string().trim().max(500).optional(),
  takenAt: IsoDateTime.optional(),
});

export const FollowUpInput = z.strictObject({
  owner: Text(200),
  ownerSide: z.enum(VISIT_SIDES).default('supplier'),
  dueDate: IsoDate,
  status: z.enum(FOLLOW_UP_STATUSES).default('open'),
  note: z.string().trim().max(2000).optional(),
});
export const FindingInput = z
  .strictObject({
    clientId: Id,
    severity: z.enum(FINDING_SEVERITIES),
    text: Text(5000),
    questionId: ChecklistKeySchema.optional(),
    /** The supplier claim this finding bears on (e.g. a QC-process claim it contradicts). */
    claimId: Id.optional(),
    claimEffect: z.enum(['contradicts', 'supports']).optional(),
    followUp: FollowUpInput.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.claimEffect && !f.claimId) ctx.addIssue({ code: 'custom', path: ['claimEffect'], message: 'only with a claimId' });
    if (f.severity === 'major' && !f.followUp) ctx.addIssue({ code: 'custom', path: ['followUp'], message: 'a major finding needs its follow-up (owner and due date)' });
  });
export const FindingPatch = z
  .strictObject({
    severity: z.enum(FINDING_SEVERITIES).optional(),
    text: Text(5000).optional(),
    claimId: Id.nullable().optional(),
    claimEffect: z.enum(['contradicts', 'supports']).optional(),
    followUp: z
      .strictObject({
        owner: Text(200).optional(),
        ownerSide: z.enum(VISIT_SIDES).optional(),
        dueDate: IsoDate.optional(),
        status: z.enum(FOLLOW_UP_STATUSES).optional(),
        note: z.string().trim().max(2000).nullable().optional(),
      })
      .optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });

export const ObservedCapacityInputs = z.strictObject({
  lines: z.number().finite(),
  shiftsPerDay: z.number().finite(),
  hoursPerShift: z.number().finite(),
  unitsPerHour: z.number().finite().optional(),
  cycleTimeSeconds: z.number().finite().optional(),
  cavitiesOrUnitsPerCycle: z.number().finite().optional(),
  /** Share of planned time the line runs, 0..1 (0.85 = 85 %). */
  availability: z.number().finite(),
  workingDaysPerPeriod: z.number().finite().optional(),
  period: z.enum(CAPACITY_PERIODS),
});
export const CapacityObservationInput = z.strictObject({
  clientId: Id,
  /** A capacity claim of the supplier. */
  claimId: Id,
  inputs: ObservedCapacityInputs,
  /** Working days in the claim's period, when the observation is per another period (e.g. per week against per month). */
  claimWorkingDaysPerPeriod: z.number().finite().optional(),
  note: z.string().trim().max(5000).optional(),
  /** Photos or a counting sheet (uploaded files of yours). */
  fileIds: z.array(Id).max(20).default([]),
});

export const SincerityInput = z.strictObject({
  /** Question id of the sincerity template → its score and an optional note. */
  scores: z.record(z.string().max(80), z.strictObject({ score: z.int(), note: z.string().trim().max(2000).optional() })),
  comment: z.string().trim().max(5000).optional(),
  /** Whether the buyer may see this assessment. */
  shared: z.boolean(),
});
export const ChecklistSharingInput = z.strictObject({ shared: z.boolean() });

export const CloseVisitInput = z.strictObject({
  outcome: z.enum(VISIT_OUTCOMES),
  summary: Text(20_000),
});

export const SignOffInput = z.strictObject({
  statement: Text(2000).optional(),
  /** The SHA-256 of the report you reviewed (x-content-sha256 of GET report.pdf); refused if the report has changed since. */
  reviewedSha256: Sha256.optional(),
});

export const VisitListQuery = z.strictObject({
  status: z.enum(VISIT_STATUSES).optional(),
  engagementId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const VisitEffectQuery = z.strictObject({
  /** Count a closed remote video walk-through as a visit (default: only on-site visits and audits count). */
  includeRemote: z.enum(['true', 'false']).default('false').transform((s) => s === 'true'),
});

export const VisitParams = z.strictObject({ visitId: Id });
export const VisitQuestionParams = z.strictObject({ visitId: Id, questionId: ChecklistKeySchema });
export const VisitFindingParams = z.strictObject({ visitId: Id, findingId: Id });
export const VisitAttachmentParams = z.strictObject({ visitId: Id, attachmentId: Id });
export const VisitAuditorParams = z.strictObject({ visitId: Id, organizationId: Id });
export const EngagementSlotParams = z.strictObject({ id: Id, slotId: Id });

// ---------------------------------------------------------------------------------------------------------------
// Views

const OrgRef = z.object({ id: Id, name: z.string(), country: z.string(), kind: z.string() });
const Person = z.object({ id: Id, displayName: z.string() });

export const ChecklistTemplateView = z.object({
  id: Id,
  key: z.string(),
  version: z.number(),
  purpose: z.enum(CHECKLIST_PURPOSES),
  name: LocalizedTextSchema,
  shipped: z.boolean(),
  organizationId: Id.nullable(),
  createdAt: IsoDateTime,
  document: z.unknown(),
});

export const ProposalView = z.object({
  id: Id,
  visitId: Id.nullable(),
  by: z.enum(VISIT_SIDES),
  siteId: Id,
  start: IsoDateTime,
  end: IsoDateTime,
  startLocal: z.string(),
  endLocal: z.string(),
  timeZone: z.string(),
  note: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  createdAt: IsoDateTime,
});
export const SlotView = ProposalView.extend({ siteName: z.string(), engagementId: Id });

export const VisitView = z.object({
  id: Id,
  engagementId: Id,
  engagementTitle: z.string(),
  type: z.enum(VISIT_TYPES),
  status: z.enum(VISIT_STATUSES),
  title: z.string(),
  buyer: OrgRef,
  supplier: OrgRef,
  auditors: z.array(OrgRef.extend({ invitedAt: IsoDateTime })),
  site: z.object({ id: Id, name: z.string(), address: z.string(), country: z.string(), timeZone: z.string() }),
  /** Instants in UTC; the *Local fields are the same instants as wall-clock time at the site. */
  plannedStart: IsoDateTime,
  plannedEnd: IsoDateTime,
  plannedStartLocal: z.string(),
  plannedEndLocal: z.string(),
  timeZone: z.string(),
  agenda: z.array(z.object({ date: z.string().optional(), time: z.string().optional(), topic: z.string(), durationMinutes: z.number().optional() })),
  participants: z.array(z.object({ side: z.enum(VISIT_SIDES), name: z.string(), role: z.string().nullable().optional(), email: z.string().optional() })),
  lead: Person.nullable(),
  initiatedBy: z.enum(VISIT_SIDES),
  template: z.object({ id: Id, key: z.string(), version: z.number(), name: LocalizedTextSchema }),
  proposals: z.array(ProposalView),
  responseNote: z.string().nullable(),
  declineReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  outcome: z.enum(VISIT_OUTCOMES).nullable(),
  summary: z.string().nullable(),
  closedAt: IsoDateTime.nullable(),
  closedBy: Person.nullable(),
  checklistShared: z.boolean(),
  myRole: z.enum(VISIT_SIDES),
  /** What the caller may do now; the phone form shows only these actions. */
  can: z.object({
    respond: z.boolean(),
    reschedule: z.boolean(),
    cancel: z.boolean(),
    inviteAuditor: z.boolean(),
    record: z.boolean(),
    close: z.boolean(),
    assessBuyer: z.boolean(),
    shareChecklist: z.boolean(),
    signOff: z.boolean(),
  }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type VisitViewT = z.infer<typeof VisitView>;

export const AnswerView = z.object({
  questionId: z.string(),
  value: AnswerValue,
  note: z.string().nullable(),
  notApplicable: z.boolean(),
  clientId: Id,
  clientUpdatedAt: IsoDateTime,
  answeredBy: Person,
  organizationId: Id,
  updatedAt: IsoDateTime,
});
export const AnswerResult = z.object({
  /** created / updated: stored; duplicate: the same edit again; stale: an older edit than the stored one (ignored). */
  outcome: z.enum(['created', 'updated', 'duplicate', 'stale']),
  applied: z.boolean(),
  answer: AnswerView,
});

export const AttachmentView = z.object({
  id: Id,
  clientId: Id,
  fileId: Id,
  filename: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  questionId: z.string().nullable(),
  findingId: Id.nullable(),
  caption: z.string().nullable(),
  takenAt: IsoDateTime.nullable(),
  addedBy: Person,
  organizationId: Id,
  createdAt: IsoDateTime,
  contentUrl: z.string(),
});

export const FindingView = z.object({
  id: Id,
  clientId: Id,
  severity: z.enum(FINDING_SEVERITIES),
  text: z.string(),
  questionId: z.string().nullable(),
  claimId: Id.nullable(),
  claimEffect: z.enum(['contradicts', 'supports']).nullable(),
  followUp: z
    .object({ owner: z.string(), ownerSide: z.enum(VISIT_SIDES), dueDate: z.string(), status: z.enum(FOLLOW_UP_STATUSES), note: z.string().nullable(), updatedAt: IsoDateTime })
    .nullable(),
  /** The engagement evidence the finding became when the visit closed. */
  evidenceId: Id.nullable(),
  recordedBy: Person,
  organizationId: Id,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

export const CapacityObservationView = z.object({
  id: Id,
  clientId: Id,
  claimId: Id,
  claimTitle: z.string(),
  productLine: z.string().nullable(),
  inputs: z.record(z.string(), z.union([z.number(), z.string()])),
  /** Observed capacity per `period`, from the formula. */
  value: z.number(),
  period: z.string(),
  formula: z.string(),
  claimed: z.object({ value: z.number(), unit: z.string().nullable(), period: z.string().nullable() }),
  /** Observed on the claim's basis (converted when the periods differ). */
  comparedValue: z.number(),
  tolerance: z.number(),
  threshold: z.number(),
  ratio: z.number(),
  status: z.enum(['supported', 'contradicted']),
  explanation: z.string(),
  provenance: z.enum(PROVENANCES),
  evidenceId: Id,
  note: z.string().nullable(),
  recordedBy: Person,
  organizationId: Id,
  createdAt: IsoDateTime,
  /** A later count of the same claim by the same organization in this visit; only the latest counts for the claim. */
  supersededBy: Id.nullable(),
});

export const SincerityBreakdownView = z.object({
  dimensions: z.array(
    z.object({ id: z.string(), title: LocalizedTextSchema, score: z.number().nullable(), min: z.number(), max: z.number(), weight: z.number(), normalized: z.number().nullable(), anchor: LocalizedTextSchema.nullable(), note: z.string().nullable() }),
  ),
  answered: z.number(),
  total: z.number(),
  /** Weighted mean of the normalized scores, 0–100; null until every dimension is scored. */
  index: z.number().nullable(),
  band: z.enum(['high', 'moderate', 'low', 'incomplete']),
  explanation: z.string(),
});
export const SincerityView = z.object({
  visitId: Id,
  organizationId: Id,
  template: z.object({ id: Id, key: z.string(), version: z.number() }),
  scores: z.record(z.string(), z.object({ score: z.number(), note: z.string().optional() })),
  comment: z.string().nullable(),
  shared: z.boolean(),
  breakdown: SincerityBreakdownView,
  assessedBy: Person,
  updatedAt: IsoDateTime,
});
/** `label` and `explanation` are English (API, CLI); `params` holds the counts they are written from, for other languages. */
export const BuyerSignalView = z.object({
  id: z.string(),
  label: z.string(),
  value: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  explanation: z.string(),
  params: z.record(z.string(), z.number()),
});

export const SignOffView = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  side: z.enum(VISIT_SIDES),
  signedBy: Person,
  signedAt: IsoDateTime,
  /** SHA-256 of the report PDF exactly as signed; the bytes are kept as `fileId`. */
  sha256: z.string(),
  fileId: Id,
  statement: z.string().nullable(),
});

export const ClaimCheckView = z.object({
  id: Id,
  type: z.enum(CLAIM_TYPES),
  title: z.string(),
  productLine: z.string().nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  period: z.string().nullable(),
  statedLimit: z.number().nullable(),
  /** Status in this engagement, from all its evidence, with the engagement policy's tolerance. */
  status: z.enum(CLAIM_STATUSES),
  strongestProvenance: z.enum(PROVENANCES).nullable(),
});

export const ChecklistProgressView = z.object({
  answered: z.number(),
  total: z.number(),
  requiredMissing: z.array(z.string()),
  sections: z.array(z.object({ id: z.string(), answered: z.number(), total: z.number() })),
});

export const CapacityDraftView = z.object({
  /** Inputs taken from the answers of questions with a capacityInput role. */
  inputs: z.record(z.string(), z.number()),
  missing: z.array(z.string()),
  preview: z.object({ value: z.number(), formula: z.string() }).nullable(),
  error: z.object({ field: z.string(), message: z.string() }).nullable(),
});

export const VisitDetailView = VisitView.extend({
  templateDocument: z.unknown(),
  sincerityTemplateDocument: z.unknown(),
  /** False for the supplier until the buyer shares its checklist: then answers and their photos are hidden. */
  answersVisible: z.boolean(),
  answers: z.array(AnswerView),
  attachments: z.array(AttachmentView),
  findings: z.array(FindingView),
  capacityObservations: z.array(CapacityObservationView),
  capacityDraft: CapacityDraftView.nullable(),
  claims: z.array(ClaimCheckView),
  progress: ChecklistProgressView,
  /** The supplier's assessment of the buyer: the supplier's own, or the buyer's view of it once shared. */
  sincerity: SincerityView.nullable(),
  /** For the supplier: what the buyer did in the engagement, signal by signal. */
  buyerSignals: z.array(BuyerSignalView),
  signOffs: z.array(SignOffView),
});
export type VisitDetailViewT = z.infer<typeof VisitDetailView>;

const MetricNumber = z.object({
  value: z.number().nullable(),
  reason: z.string().nullable(),
  /** Why the number is missing, as a code (empty_group, no_partnership_yet, no_running_time, no_pilot_results). */
  reasonCode: z.string().nullable(),
});
export const VisitEffectGroupView = z.object({
  engagements: z.number(),
  engagementIds: z.array(Id),
  reachedPartnership: z.number(),
  partnershipShare: MetricNumber,
  partnershipDurationDays: MetricNumber.extend({ ongoing: z.number(), ended: z.number() }),
  discrepancies: z.number(),
  engagementMonths: z.number(),
  discrepanciesPerMonth: MetricNumber,
  pilotKpis: MetricNumber,
});
export const VisitEffectView = z.object({
  definition: z.string(),
  includeRemote: z.boolean(),
  withVisit: VisitEffectGroupView,
  withoutVisit: VisitEffectGroupView,
  caveats: z.array(z.string()),
  /** The caveats as codes with parameters (small_groups, observational, ongoing_durations, never_accepted). */
  caveatCodes: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.number()) })),
  computedAt: IsoDateTime,
});
