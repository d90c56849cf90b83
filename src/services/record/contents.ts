// What goes into the log for each kind of record: the record's fields as they were decided, with the SHA-256 of
// every attached file. Each function reads its record by id and appends it in the caller's transaction, so the
// services that create records and the migration that logs the older ones write the same entries.
import type { Executor } from '../../db/repositories/executor.js';
import { engagementStream, organizationStream, type RecordAttachment } from '../../domain/record/entry.js';
import type { EvidenceRow } from '../../db/repositories/evidence.js';
import { appendManyToLog, appendToLog, type AppendInput } from './log.js';

const json = (s: string | null | undefined): unknown => (s ? JSON.parse(s) : null);

async function filesOf(db: Executor, fileIds: string[]): Promise<RecordAttachment[]> {
  if (fileIds.length === 0) return [];
  const rows = await db.selectFrom('files').select(['id', 'sha256', 'size', 'media_type', 'filename']).where('id', 'in', fileIds).execute();
  return fileIds
    .map((id) => rows.find((r) => r.id === id))
    .filter((r) => r !== undefined)
    .map((r) => ({ sha256: r.sha256, size: Number(r.size), mediaType: r.media_type, filename: r.filename }));
}

async function buyerOf(db: Executor, engagementId: string): Promise<string> {
  const e = await db.selectFrom('engagements').select('buyer_organization_id').where('id', '=', engagementId).executeTakeFirstOrThrow();
  return e.buyer_organization_id;
}

/** An evidence item, logged in the engagement it is shared into (or its recorder's stream when in no engagement). */
export async function logEvidence(db: Executor, evidenceId: string, engagementId: string | null, at?: string, sharedByOrganizationId?: string): Promise<number> {
  const e = await db.selectFrom('evidence').selectAll().where('id', '=', evidenceId).executeTakeFirstOrThrow();
  const fileIds = (await db.selectFrom('evidence_files').select('file_id').where('evidence_id', '=', evidenceId).execute()).map((r) => r.file_id);
  return appendToLog(db, evidenceEntry(e, engagementId, at ?? e.created_at, sharedByOrganizationId ?? e.organization_id, await filesOf(db, fileIds)));
}

/**
 * Evidence without attachments, inserted in the caller's transaction and shared into an engagement now (an import's
 * lots), logged in one batch from the rows as inserted: the entries logEvidence would write one by one.
 */
export async function logNewEvidence(db: Executor, rows: readonly EvidenceRow[], engagementId: string, at: string, sharedByOrganizationId: string): Promise<number[]> {
  return appendManyToLog(
    db,
    rows.map((e) => evidenceEntry(e, engagementId, at, sharedByOrganizationId, [])),
  );
}

function evidenceEntry(e: EvidenceRow, engagementId: string | null, recordedAt: string, organizationId: string, attachments: RecordAttachment[]): AppendInput {
  return {
    kind: 'evidence',
    id: e.id,
    stream: engagementId ? engagementStream(engagementId) : organizationStream(e.organization_id),
    engagementId,
    recordedAt,
    organizationId,
    content: {
      recordedBy: e.organization_id,
      subject: e.subject_organization_id,
      kind: e.kind,
      provenance: e.provenance,
      title: e.title,
      description: e.description,
      issuer: e.issuer,
      issuedAt: e.issued_at,
      validFrom: e.valid_from,
      validTo: e.valid_to,
      attributes: json(e.attributes),
    },
    attachments,
  };
}

export async function logGateDecision(db: Executor, decisionId: string): Promise<number> {
  const g = await db.selectFrom('gate_decisions').selectAll().where('id', '=', decisionId).executeTakeFirstOrThrow();
  return appendToLog(db, {
    kind: 'gate_decision',
    id: g.id,
    stream: engagementStream(g.engagement_id),
    engagementId: g.engagement_id,
    recordedAt: g.decided_at,
    organizationId: g.decided_by_organization_id,
    content: {
      from: g.from_phase,
      to: g.to_phase,
      decision: g.decision,
      rationale: g.rationale,
      evidenceIds: json(g.evidence_ids),
      override: g.override === 1,
      overrideReason: g.override_reason,
      unmetRequirements: json(g.unmet_requirements),
      decidedBy: g.decided_by,
    },
  });
}

export async function logVisitOutcome(db: Executor, visitId: string, organizationId?: string): Promise<number> {
  const v = await db.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirstOrThrow();
  return appendToLog(db, {
    kind: 'visit_outcome',
    id: v.id,
    stream: engagementStream(v.engagement_id),
    engagementId: v.engagement_id,
    recordedAt: v.closed_at ?? v.updated_at,
    organizationId: organizationId ?? (await buyerOf(db, v.engagement_id)),
    content: { type: v.type, title: v.title, plannedStart: v.planned_start, plannedEnd: v.planned_end, outcome: v.outcome, summary: v.summary, closedBy: v.closed_by, reportEvidenceId: v.report_evidence_id },
  });
}

export async function logFinding(db: Executor, findingId: string): Promise<number> {
  const f = await db
    .selectFrom('visit_findings')
    .innerJoin('visits', 'visits.id', 'visit_findings.visit_id')
    .selectAll('visit_findings')
    .select('visits.engagement_id')
    .where('visit_findings.id', '=', findingId)
    .executeTakeFirstOrThrow();
  const photos = (await db.selectFrom('visit_attachments').select('file_id').where('finding_id', '=', findingId).where('removed_at', 'is', null).execute()).map((r) => r.file_id);
  return appendToLog(db, {
    kind: 'finding',
    id: f.id,
    stream: engagementStream(f.engagement_id),
    engagementId: f.engagement_id,
    recordedAt: f.created_at,
    organizationId: f.organization_id,
    content: { visitId: f.visit_id, severity: f.severity, text: f.text, claimId: f.claim_id, claimEffect: f.claim_effect, questionId: f.question_id, recordedBy: f.recorded_by },
    attachments: await filesOf(db, photos),
  });
}

export async function logSignOff(db: Executor, signOffId: string): Promise<number> {
  const s = await db
    .selectFrom('visit_sign_offs')
    .innerJoin('visits', 'visits.id', 'visit_sign_offs.visit_id')
    .selectAll('visit_sign_offs')
    .select('visits.engagement_id')
    .where('visit_sign_offs.id', '=', signOffId)
    .executeTakeFirstOrThrow();
  return appendToLog(db, {
    kind: 'signed_report',
    id: s.id,
    stream: engagementStream(s.engagement_id),
    engagementId: s.engagement_id,
    recordedAt: s.signed_at,
    organizationId: s.organization_id,
    content: { visitId: s.visit_id, side: s.side, signedBy: s.signed_by, statement: s.statement, reportSha256: s.sha256 },
    attachments: await filesOf(db, [s.file_id]),
  });
}

export async function logPilotReview(db: Executor, reviewId: string): Promise<number> {
  const r = await db
    .selectFrom('pilot_reviews')
    .innerJoin('pilots', 'pilots.id', 'pilot_reviews.pilot_id')
    .selectAll('pilot_reviews')
    .select(['pilots.engagement_id', 'pilots.title as pilot_title'])
    .where('pilot_reviews.id', '=', reviewId)
    .executeTakeFirstOrThrow();
  return appendToLog(db, {
    kind: 'pilot_review',
    id: r.id,
    stream: engagementStream(r.engagement_id),
    engagementId: r.engagement_id,
    recordedAt: r.reviewed_at,
    organizationId: r.recorded_by_organization_id,
    content: { pilotId: r.pilot_id, pilot: r.pilot_title, evaluationPointId: r.evaluation_point_id, decision: r.decision, asOf: r.as_of, snapshot: json(r.snapshot), changes: json(r.changes), recordedBy: r.recorded_by },
  });
}

export async function logDiscrepancyClosure(db: Executor, discrepancyId: string, organizationId?: string): Promise<number> {
  const d = await db.selectFrom('discrepancies').selectAll().where('id', '=', discrepancyId).executeTakeFirstOrThrow();
  const eff = json(d.effectiveness) as { fileIds?: string[] } | null;
  return appendToLog(db, {
    kind: 'discrepancy_closure',
    id: d.id,
    stream: engagementStream(d.engagement_id),
    engagementId: d.engagement_id,
    recordedAt: d.closed_at ?? d.updated_at,
    organizationId: organizationId ?? (await buyerOf(db, d.engagement_id)),
    content: {
      number: d.number,
      severity: d.severity,
      title: d.title,
      raisedAt: d.raised_at,
      raisedBySide: d.raised_by_side,
      target: { kind: d.target_kind, id: d.target_id, label: d.target_label },
      effectiveness: eff,
      closedAt: d.closed_at,
      closedBy: d.closed_by,
      closedOnTime: d.closed_on_time === null ? null : d.closed_on_time === 1,
      proactive: d.proactive === 1,
    },
    attachments: await filesOf(db, eff?.fileIds ?? []),
  });
}
