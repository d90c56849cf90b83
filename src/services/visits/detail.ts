// One visit in full, as the caller's side may see it: the template (so the phone form renders offline), answers
// and photos (the supplier sees them only once the buyer shares its checklist), findings, observed capacity, the
// claims checked, and the supplier's assessment of the buyer (the buyer sees it only once the supplier shares it).
import type { z } from 'zod';
import type {
  AnswerView,
  AttachmentView,
  CapacityObservationView,
  ChecklistTemplate,
  FindingView,
  SignOffView,
  SincerityView,
  VisitDetailViewT,
  VisitSide,
} from '../../contracts/visits.js';
import { listMessages } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findChecklistTemplateById,
  findSincerity,
  listAnswers,
  listAttachments,
  listCapacityObservations,
  listFindings,
  listSignOffs,
  listVisitsOfEngagements,
  type VisitAccess,
  type VisitAnswerRow,
  type VisitAttachmentDetailRow,
  type VisitCapacityRow,
  type VisitFindingRow,
} from '../../db/repositories/visits.js';
import type { ClaimStatus, ClaimType, FindingSeverity, Provenance } from '../../domain/model.js';
import { assessClaims, claimsInScope, type ReadinessEvidence } from '../../domain/readiness/index.js';
import { capacityDraft, checklistProgress, type ProgressAnswer } from '../../domain/visits/answers.js';
import { buyerSignals, sincerityBreakdown, type SincerityScore } from '../../domain/visits/sincerity.js';
import type { Actor } from '../shared/authz.js';
import { buildReadinessInput } from '../engagements/readiness.js';
import { visitView } from './views.js';
import { templateDocument } from './templates.js';
import { answersVisibleTo, attachmentVisible } from './access.js';
import type { FollowUpStatus } from '../../domain/visits/follow-ups.js';

type AnswerViewT = z.infer<typeof AnswerView>;
type AttachmentViewT = z.infer<typeof AttachmentView>;
type FindingViewT = z.infer<typeof FindingView>;
type CapacityViewT = z.infer<typeof CapacityObservationView>;
type SincerityViewT = z.infer<typeof SincerityView>;
type SignOffViewT = z.infer<typeof SignOffView>;

export function answerView(r: VisitAnswerRow & { answered_by_name: string }): AnswerViewT {
  return {
    questionId: r.question_id,
    value: JSON.parse(r.value) as AnswerViewT['value'],
    note: r.note,
    notApplicable: r.not_applicable === 1,
    clientId: r.client_id,
    clientUpdatedAt: r.client_updated_at,
    answeredBy: { id: r.answered_by, displayName: r.answered_by_name },
    organizationId: r.organization_id,
    updatedAt: r.updated_at,
  };
}

export function attachmentView(r: VisitAttachmentDetailRow): AttachmentViewT {
  return {
    id: r.id,
    clientId: r.client_id,
    fileId: r.file_id,
    filename: r.filename,
    mediaType: r.media_type,
    size: Number(r.size),
    sha256: r.sha256,
    questionId: r.question_id,
    findingId: r.finding_id,
    caption: r.caption,
    takenAt: r.taken_at,
    addedBy: { id: r.added_by, displayName: r.added_by_name },
    organizationId: r.organization_id,
    createdAt: r.created_at,
    contentUrl: `/api/v1/files/${r.file_id}/content`,
  };
}

export interface FollowUpStored {
  owner: string;
  ownerSide: VisitSide;
  dueDate: string;
  status: FollowUpStatus;
  note: string | null;
  updatedAt: string;
}

export function findingView(r: VisitFindingRow & { recorded_by_name: string }): FindingViewT {
  return {
    id: r.id,
    clientId: r.client_id,
    severity: r.severity as FindingSeverity,
    text: r.text,
    questionId: r.question_id,
    claimId: r.claim_id,
    claimEffect: r.claim_effect as FindingViewT['claimEffect'],
    followUp: r.follow_up ? (JSON.parse(r.follow_up) as FollowUpStored) : null,
    evidenceId: r.evidence_id,
    recordedBy: { id: r.recorded_by, displayName: r.recorded_by_name },
    organizationId: r.organization_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Which observation replaced which: a later count of the same claim by the same organization in the same visit
 * supersedes the earlier one (rows in recording order). Only the latest counts for the claim.
 */
export function capacitySupersession(rows: readonly { id: string; claim_id: string; organization_id: string }[]): Map<string, string> {
  const latest = new Map<string, string>();
  const by = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.claim_id}\u0000${r.organization_id}`;
    const previous = latest.get(key);
    if (previous !== undefined) by.set(previous, r.id);
    latest.set(key, r.id);
  }
  return by;
}

export function capacityView(
  r: VisitCapacityRow & { recorded_by_name: string; claim_title: string; claim_product_line: string | null; claim_unit: string | null; claim_period: string | null },
  supersededBy: string | null = null,
): CapacityViewT {
  return {
    id: r.id,
    clientId: r.client_id,
    claimId: r.claim_id,
    claimTitle: r.claim_title,
    productLine: r.claim_product_line,
    inputs: JSON.parse(r.inputs),
    value: r.value,
    period: r.period,
    formula: r.formula,
    claimed: { value: r.claimed_value, unit: r.claim_unit, period: r.claim_period },
    comparedValue: r.compared_value,
    tolerance: r.tolerance,
    threshold: r.threshold,
    ratio: r.ratio,
    status: r.status as CapacityViewT['status'],
    explanation: r.explanation,
    provenance: r.provenance as Provenance,
    evidenceId: r.evidence_id,
    note: r.note,
    recordedBy: { id: r.recorded_by, displayName: r.recorded_by_name },
    organizationId: r.organization_id,
    createdAt: r.created_at,
    supersededBy,
  };
}

export async function sincerityView(db: Executor, visitId: string): Promise<SincerityViewT | null> {
  const r = await findSincerity(db, visitId);
  if (!r) return null;
  const t = (await findChecklistTemplateById(db, r.template_id))!;
  const scores = JSON.parse(r.scores) as Record<string, SincerityScore>;
  return {
    visitId: r.visit_id,
    organizationId: r.organization_id,
    template: { id: t.id, key: t.key, version: t.version },
    scores,
    comment: r.comment,
    shared: r.shared === 1,
    breakdown: sincerityBreakdown(templateDocument(t), scores),
    assessedBy: { id: r.assessed_by, displayName: r.assessed_by_name },
    updatedAt: r.updated_at,
  };
}

export async function signOffViews(db: Executor, visitId: string): Promise<SignOffViewT[]> {
  return (await listSignOffs(db, visitId)).map((s) => ({
    id: s.id,
    organizationId: s.organization_id,
    organizationName: s.organization_name,
    side: s.side as VisitSide,
    signedBy: { id: s.signed_by, displayName: s.signed_by_name },
    signedAt: s.signed_at,
    sha256: s.sha256,
    fileId: s.file_id,
    statement: s.statement,
  }));
}

/**
 * The supplier's capacity and QC-process claims in the engagement's scope, with their status in it. `pending` is
 * evidence about to be recorded in the same transaction (a closing visit's findings), counted as if it were.
 */
export async function claimChecks(db: Executor, a: VisitAccess, pending: ReadinessEvidence[] = []) {
  const input = await buildReadinessInput(db, a.engagement);
  const inScope = claimsInScope(input.claims, input.engagement.productLines).filter((c) => c.type === 'capacity' || c.type === 'qc_process');
  const assessed = assessClaims(inScope, [...input.evidence, ...pending], { now: input.now, capacityTolerance: input.policy.claimTolerance.capacity });
  return inScope.map((c) => {
    const s = assessed.find((x) => x.claimId === c.id)!;
    return {
      id: c.id,
      type: c.type as ClaimType,
      title: c.title,
      productLine: c.productLine ?? null,
      value: c.value ?? null,
      unit: c.unit ?? null,
      period: c.period ?? null,
      statedLimit: c.statedLimit ?? null,
      status: s.status as ClaimStatus,
      strongestProvenance: s.strongestProvenance,
    };
  });
}

export function progressAnswers(rows: VisitAnswerRow[]): Map<string, ProgressAnswer> {
  return new Map(rows.map((r) => [r.question_id, { value: JSON.parse(r.value), notApplicable: r.not_applicable === 1 }]));
}

export async function visitDetail(db: Executor, actor: Actor, a: VisitAccess): Promise<VisitDetailViewT> {
  const base = await visitView(db, actor, a);
  const template = templateDocument((await findChecklistTemplateById(db, a.visit.template_id))!);
  const sincerityTemplate: ChecklistTemplate = templateDocument((await findChecklistTemplateById(db, a.visit.sincerity_template_id))!);
  const visible = answersVisibleTo(a);
  const [answerRows, attachmentRows, findingRows, capacityRows] = await Promise.all([
    visible ? listAnswers(db, a.visit.id) : Promise.resolve([]),
    listAttachments(db, a.visit.id),
    listFindings(db, [a.visit.id]),
    listCapacityObservations(db, [a.visit.id]),
  ]);
  const attachments = attachmentRows.filter((att) => attachmentVisible(a, att));
  const photos = new Map<string, number>();
  for (const att of attachments) if (att.question_id && att.media_type.startsWith('image/')) photos.set(att.question_id, (photos.get(att.question_id) ?? 0) + 1);
  const answers = progressAnswers(answerRows);
  const sincerity = a.side === 'auditor' ? null : await sincerityView(db, a.visit.id);
  let signals: VisitDetailViewT['buyerSignals'] = [];
  if (a.side === 'supplier') {
    const messages = (await listMessages(db, a.engagement.id)).filter((m) => m.organization_id === a.engagement.buyer_organization_id);
    const visits = await listVisitsOfEngagements(db, [a.engagement.id]);
    signals = buyerSignals({ messages, visits: visits.map((v) => ({ type: v.type, status: v.status, initiatedBy: v.initiated_by })) });
  }
  return {
    ...base,
    templateDocument: template,
    sincerityTemplateDocument: sincerityTemplate,
    answersVisible: visible,
    answers: answerRows.map(answerView),
    attachments: attachments.map(attachmentView),
    findings: findingRows.map(findingView),
    capacityObservations: ((by) => capacityRows.map((r) => capacityView(r, by.get(r.id) ?? null)))(capacitySupersession(capacityRows)),
    capacityDraft: visible ? capacityDraft(template, answers) : null,
    claims: await claimChecks(db, a),
    progress: checklistProgress(template, answers, photos),
    // The supplier's own assessment; the buyer sees it only when shared; an auditor never.
    sincerity: sincerity && (a.side === 'supplier' || sincerity.shared) ? sincerity : null,
    buyerSignals: signals,
    signOffs: await signOffViews(db, a.visit.id),
  };
}
