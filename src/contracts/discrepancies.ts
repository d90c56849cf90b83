// Discrepancies (non-conformances) with 8D corrective action, the escalation ladder and cadence of an
// engagement, and notifications. Request bodies are strict (an unknown field is a 400 naming it); views are what
// the HTTP API returns and what the web app renders.
import { z } from 'zod';
import {
  DISCREPANCY_SEVERITIES,
  DISCREPANCY_STATUSES,
  DISCREPANCY_TARGET_KINDS,
  EFFECTIVENESS_METHODS,
  EIGHT_D_STEPS,
  ENGAGEMENT_SIDES,
} from '../domain/discrepancies/model.js';
import { MAX_LADDER_LEVELS } from '../domain/escalation/ladder.js';
import { NOTIFICATION_KINDS } from '../domain/notifications/templates.js';
import { SUPPORTED_LOCALES } from './accounts.js';
import { Email, Id, IsoDateTime } from './common.js';

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const LocalizedText = z.object({ en: z.string(), zh: z.string() });
const PersonRef = z.object({ id: Id, displayName: z.string(), organizationId: Id.nullable() });

export const DiscrepancySeverity = z.enum(DISCREPANCY_SEVERITIES);
export const EightDStep = z.enum(EIGHT_D_STEPS);
export const DiscrepancyTargetKind = z.enum(DISCREPANCY_TARGET_KINDS);
export const EngagementSide = z.enum(ENGAGEMENT_SIDES);

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const DiscrepancyTargetInput = z.strictObject({
  kind: DiscrepancyTargetKind,
  /** The record's id; for a batch record, the lot number as imported. */
  id: Text(120),
});

export const RaiseDiscrepancyInput = z.strictObject({
  severity: DiscrepancySeverity,
  title: Text(200),
  description: Text(5000),
  quantityAffected: z.number().finite().nonnegative('must be 0 or more').max(1e12).nullable().optional(),
  quantityUnit: Text(20).nullable().optional(),
  target: DiscrepancyTargetInput,
  /** Files you uploaded (photos, measurement reports); they become visible to the other side. */
  fileIds: z.array(Id).max(20).default([]),
  /** Owner of steps D0–D7 (a person of either side); D8, the closure, belongs to whoever raises it. */
  ownerUserId: Id.nullable().optional(),
});

export const StepDataInput = z.strictObject({
  /** D1: who is on the team. */
  team: z.array(Text(120)).max(30).optional(),
  /** D4: the verified root cause, and why the defect was not detected where it should have been. */
  rootCause: Text(3000).optional(),
  escapePoint: Text(3000).optional(),
});

export const EffectivenessInput = z.strictObject({
  method: z.enum(EFFECTIVENESS_METHODS),
  summary: Text(3000),
  /** Evidence of the engagement that shows it (e.g. the next three lots accepted, an SPC chart). */
  evidenceIds: z.array(Id).max(20).default([]),
  fileIds: z.array(Id).max(20).default([]),
});

export const StepUpdateInput = z.strictObject({
  ownerUserId: Id.nullable().optional(),
  /** Moving a due date is the raising side's decision; it stays in the history. */
  dueAt: IsoDateTime.optional(),
  notes: Text(5000).optional(),
  data: StepDataInput.optional(),
  /** true completes the step (D0–D7), false reopens it. D8 completes by closing. */
  done: z.boolean().optional(),
  fileIds: z.array(Id).max(20).default([]),
  /** D8 only, by the side that works the discrepancy: the verification of effectiveness, asking for closure. */
  effectiveness: EffectivenessInput.optional(),
});

export const CloseDiscrepancyInput = z.strictObject({
  /** The verification of effectiveness; may be left out when the other side submitted one with D8. */
  effectiveness: EffectivenessInput.optional(),
  note: Text(2000).optional(),
});

export const DiscrepancyUpdateInput = z.strictObject({
  body: Text(5000),
});

export const DiscrepancyListQuery = z.strictObject({
  status: z.enum(DISCREPANCY_STATUSES).optional(),
  engagementId: Id.optional(),
});

export const DiscrepancyParams = z.strictObject({ id: Id });
/** Per kind: lot, product, date, decision, nonconforming, verdict, title, severity, visit, visitType, site, text, number, item, received, unit, rejected. */
export const TargetLabelParams = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export const TargetOptionView = z.object({ kind: DiscrepancyTargetKind, id: z.string(), label: z.string(), labelParams: TargetLabelParams, problem: z.boolean() });
export const DiscrepancyStepParams = z.strictObject({ id: Id, step: EightDStep });
export const ReportQuery = z.strictObject({ lang: z.enum(['en', 'zh']).default('en') });

// ---------------------------------------------------------------------------------------------------------------
// Views

export const StepView = z.object({
  step: EightDStep,
  title: LocalizedText,
  prompt: LocalizedText,
  owner: PersonRef.nullable(),
  dueAt: IsoDateTime,
  doneAt: IsoDateTime.nullable(),
  doneBy: PersonRef.nullable(),
  overdue: z.boolean(),
  /** Done after its due date. */
  late: z.boolean(),
  notes: z.string().nullable(),
  data: z.object({ team: z.array(z.string()).optional(), rootCause: z.string().optional(), escapePoint: z.string().optional() }),
});

export const EffectivenessView = z.object({
  method: z.enum(EFFECTIVENESS_METHODS),
  summary: z.string(),
  evidenceIds: z.array(Id),
  fileIds: z.array(Id),
  by: PersonRef,
  at: IsoDateTime,
});

export const LadderContactView = z.object({
  id: Id,
  side: EngagementSide,
  level: z.int(),
  name: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  userId: Id.nullable(),
  locale: z.string(),
});

export const DiscrepancyEventView = z.object({
  id: Id,
  at: IsoDateTime,
  kind: z.string(),
  step: EightDStep.nullable(),
  actor: PersonRef.nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const DiscrepancyFileView = z.object({ id: Id, filename: z.string(), mediaType: z.string(), size: z.number(), step: EightDStep.nullable(), addedAt: IsoDateTime });

export const DiscrepancySummaryView = z.object({
  id: Id,
  number: z.int(),
  reference: z.string(),
  engagement: z.object({ id: Id, title: z.string(), buyer: z.object({ id: Id, name: z.string() }), supplier: z.object({ id: Id, name: z.string() }) }),
  severity: DiscrepancySeverity,
  title: z.string(),
  /** `label` is English (API, report, record); `labelParams` what it was written from, for the reader's language (null before migration 015). */
  target: z.object({ kind: DiscrepancyTargetKind, id: z.string(), label: z.string(), labelParams: TargetLabelParams.nullable() }),
  raisedBy: z.object({ side: EngagementSide, organizationId: Id, organizationName: z.string(), user: PersonRef }),
  raisedAt: IsoDateTime,
  status: z.enum(DISCREPANCY_STATUSES),
  proactive: z.boolean(),
  escalationLevel: z.int(),
  /** The first open step and its due date; null once all are done. */
  currentStep: z.object({ step: EightDStep, dueAt: IsoDateTime, overdue: z.boolean() }).nullable(),
  stepsDone: z.int(),
  closedAt: IsoDateTime.nullable(),
  closedOnTime: z.boolean().nullable(),
  closureRequested: z.boolean(),
  myRole: EngagementSide,
});

export const DiscrepancyView = DiscrepancySummaryView.extend({
  description: z.string(),
  quantityAffected: z.number().nullable(),
  quantityUnit: z.string().nullable(),
  disclosure: z.enum(['supplier_reported_first', 'buyer_found_first', 'raised_by_buyer']),
  policy: z.object({ id: Id, key: z.string(), version: z.int() }),
  steps: z.array(StepView),
  escalation: z.object({
    level: z.int(),
    maxLevel: z.int(),
    overdueSince: IsoDateTime.nullable(),
    nextEscalationAt: IsoDateTime.nullable(),
    /** Who the current level reaches (both sides). */
    contacts: z.array(LadderContactView),
  }),
  cadence: z.object({
    everyDays: z.int(),
    lastUpdateAt: IsoDateTime.nullable(),
    nextDueAt: IsoDateTime.nullable(),
    overdue: z.boolean(),
    missed: z.int(),
  }),
  closureRequest: EffectivenessView.nullable(),
  effectiveness: EffectivenessView.nullable(),
  closedBy: PersonRef.nullable(),
  evidenceId: Id.nullable(),
  files: z.array(DiscrepancyFileView),
  events: z.array(DiscrepancyEventView),
  /** People of both sides who may own a step. */
  people: z.array(PersonRef),
  can: z.object({ updateSteps: z.boolean(), moveDueDates: z.boolean(), requestClosure: z.boolean(), close: z.boolean(), postUpdate: z.boolean() }),
});

// ---------------------------------------------------------------------------------------------------------------
// Escalation ladder and cadence

export const LadderContactInput = z.strictObject({
  level: z.int().min(1).max(MAX_LADDER_LEVELS, `must be at most ${MAX_LADDER_LEVELS}`),
  name: Text(120),
  email: Email.nullable().optional(),
  title: Text(120).nullable().optional(),
  /** A member of your organization: notified in the app too, by their own email and language. */
  userId: Id.nullable().optional(),
  locale: z.enum(SUPPORTED_LOCALES).optional(),
});

export const EscalationSettingsInput = z.strictObject({
  /** Your side's contacts (the other side names its own); replaces the list. */
  contacts: z.array(LadderContactInput).max(30).optional(),
  /** The progress-update cadence agreed in the engagement. */
  progressUpdateEveryDays: z.int().min(1).max(90).optional(),
});

export const EscalationSettingsView = z.object({
  engagementId: Id,
  contacts: z.array(LadderContactView),
  problems: z.array(z.object({ side: EngagementSide, problem: z.enum(['no_level_1', 'gap']), level: z.int() })),
  named: z.boolean(),
  maxLevel: z.int(),
  cadence: z.object({
    everyDays: z.int(),
    /** null: nobody agreed one yet; the policy's default applies. */
    agreedAt: IsoDateTime.nullable(),
    agreedBy: PersonRef.nullable(),
    lastUpdateAt: IsoDateTime.nullable(),
    nextDueAt: IsoDateTime,
    overdue: z.boolean(),
    missed: z.array(IsoDateTime),
  }),
  myRole: EngagementSide,
});

export const EngagementEventView = z.object({
  id: Id,
  at: IsoDateTime,
  kind: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  level: z.int().nullable(),
  details: z.record(z.string(), z.unknown()),
});

// ---------------------------------------------------------------------------------------------------------------
// Notifications

export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export const NotificationView = z.object({
  id: Id,
  kind: NotificationKind,
  /** Worded in the reader's language (the web app words it itself, from kind and params, in the UI language). */
  title: z.string(),
  body: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  link: z.string().nullable(),
  engagementId: Id.nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export const NotificationList = z.object({ unread: z.int(), items: z.array(NotificationView) });
export const NotificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const MarkReadInput = z.union([z.strictObject({ ids: z.array(Id).min(1).max(200) }), z.strictObject({ all: z.literal(true) })]);

// ---------------------------------------------------------------------------------------------------------------
// Partnership health

export const PartnershipHealthView = z.object({
  engagementId: Id,
  title: z.string(),
  phase: z.enum(['credibility', 'capability_validation', 'operational_compatibility', 'partnership']),
  counterpart: z.object({ id: Id, name: z.string(), country: z.string() }),
  myRole: EngagementSide,
  /** Formal and behavioural sub-scores (0–100, null when nothing is measurable) at each month's end and today. */
  trend: z.array(z.object({ at: IsoDateTime, formal: z.number().nullable(), behavioural: z.number().nullable() })),
  openDiscrepancies: z.object({ total: z.int(), critical: z.int(), major: z.int(), minor: z.int(), overdue: z.int(), maxLevel: z.int() }),
  closedDiscrepancies: z.object({ onTime: z.int(), late: z.int() }),
  next: z.array(
    z.object({
      kind: z.enum(['discrepancy_step', 'progress_update', 'certificate', 'reaudit']),
      dueAt: IsoDateTime,
      label: z.string(),
      link: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
