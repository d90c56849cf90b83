// On the factory floor: answers saved as they are typed, photos, findings and observed capacity. Every write is
// idempotent by a client-generated id, so a phone that replays its offline queue never creates duplicates.
import type { z } from 'zod';
import {
  RECORDING_STATUSES,
  type AnswerInput,
  type AttachmentInput,
  type CapacityObservationInput,
  type FindingInput,
  type FindingPatch,
  type VisitStatus,
} from '../../contracts/visits.js';
import { withdrawEvidenceFromEngagement } from '../../db/repositories/evidence.js';
import { findPolicyById } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { fileSharedBeyondChecklist, fileStillAttached, findVisibleFile, unshareFile, unshareFileEverywhere } from '../../db/repositories/files.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findClaim } from '../../db/repositories/profile.js';
import {
  findAnswer,
  findAttachment,
  findAttachmentByClientId,
  findCapacityByClientId,
  findChecklistTemplateById,
  findFinding,
  findFindingByClientId,
  insertAnswerIfAbsent,
  insertAttachmentIfAbsent,
  insertCapacityObservation,
  insertFindingIfAbsent,
  listAnswers,
  listAttachments,
  listCapacityObservations,
  listFindings,
  removeAttachment,
  updateAnswerIfNewer,
  updateFinding,
  updateVisit,
  updateVisitInStatus,
  type VisitAccess,
  type VisitAnswerRow,
  type VisitFindingRow,
} from '../../db/repositories/visits.js';
import {
  CapacityInputError,
  compareToClaim,
  comparisonBasis,
  observedCapacity,
  type ClaimPeriod,
  type CompareToClaimInput,
  type ObservedCapacityInput,
} from '../../domain/capacity/index.js';
import { formatNumber, formatPercent } from '../../domain/capacity/types.js';
import { validateAnswer } from '../../domain/visits/answers.js';
import { visitProvenance } from '../../domain/visits/outcome.js';
import { findQuestion } from '../../domain/visits/templates.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../shared/errors.js';
import { insertEvidenceRecord, shareEvidenceFiles } from '../engagements/evidence.js';
import { newId, nowIso } from '../shared/ids.js';
import { policyDocument } from '../engagements/policies.js';
import { answerView, attachmentView, capacitySupersession, capacityView, claimChecks, findingView, type FollowUpStored } from './detail.js';
import { loadVisit, observationTime, requireRecording } from './access.js';
import { shareFileWithOrgs, visitOrganizations } from './sharing.js';
import { templateDocument } from './templates.js';
import * as clock from '../../clock.js';
import { shareAndLog } from '../record/hooks.js';
import { logFinding } from '../record/contents.js';
import { mayVerifyFollowUp } from '../../domain/visits/follow-ups.js';

/** The first thing recorded on a confirmed visit starts it. */
async function startIfConfirmed(trx: Executor, actor: Actor, a: VisitAccess) {
  if (a.visit.status !== 'confirmed') return;
  // Two first answers at once: one of them starts the visit (and is audited), the other finds it started.
  if (await updateVisitInStatus(trx, a.visit.id, 'confirmed', { status: 'in_progress', updated_at: nowIso() })) {
    await recordAudit(trx, actor, 'visit.started', 'visit', a.visit.id, {});
  }
  a.visit.status = 'in_progress';
}

async function checklistOf(db: Executor, a: VisitAccess) {
  return templateDocument((await findChecklistTemplateById(db, a.visit.template_id))!);
}

/** Device clocks drift; an edit stamped more than a day ahead is refused rather than allowed to win forever. */
const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// Answers

export async function saveAnswer(ctx: ServiceContext, actor: Actor, visitId: string, questionId: string, input: z.infer<typeof AnswerInput>) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    requireRecording(actor, a);
    const q = findQuestion(await checklistOf(trx, a), questionId)?.question;
    if (!q) throw notFound('question');
    const clientUpdatedAt = new Date(input.clientUpdatedAt).toISOString();
    if (Date.parse(clientUpdatedAt) > clock.nowMs() + MAX_CLOCK_AHEAD_MS) throw invalidField('clientUpdatedAt', 'is more than a day ahead: check the device clock');
    const check = validateAnswer(q, { value: input.value, notApplicable: input.notApplicable });
    if (!check.ok) throw invalidField(check.path, check.message);
    const at = nowIso();
    const row: VisitAnswerRow = {
      id: newId(),
      visit_id: visitId,
      question_id: questionId,
      organization_id: actor.organizationId,
      value: JSON.stringify(check.value),
      note: input.note?.trim() || null,
      not_applicable: input.notApplicable ? 1 : 0,
      client_id: input.clientId,
      client_updated_at: clientUpdatedAt,
      answered_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    let outcome: 'created' | 'updated' | 'duplicate' | 'stale';
    const existing = await findAnswer(trx, visitId, questionId);
    if (!existing && (await insertAnswerIfAbsent(trx, row))) outcome = 'created';
    else {
      const current = existing ?? (await findAnswer(trx, visitId, questionId))!;
      if (current.client_id === row.client_id && current.client_updated_at === row.client_updated_at) outcome = 'duplicate';
      else outcome = (await updateAnswerIfNewer(trx, row)) ? 'updated' : 'stale';
    }
    const applied = outcome === 'created' || outcome === 'updated';
    if (applied) {
      await startIfConfirmed(trx, actor, a);
      await recordAudit(trx, actor, 'visit.answer_saved', 'visit', visitId, { questionId, outcome, clientId: row.client_id });
    }
    const stored = (await listAnswers(trx, visitId)).find((r) => r.question_id === questionId)!;
    return { outcome, applied, answer: answerView(stored) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Photos and attachments

export async function addAttachment(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof AttachmentInput>) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    requireRecording(actor, a);
    const replay = await findAttachmentByClientId(trx, visitId, input.clientId);
    if (replay) {
      if (replay.file_id !== input.fileId) throw conflict('this clientId is already used for another file', [{ path: 'clientId', message: 'already used for another file' }]);
      return { created: false, attachment: attachmentView(replay) };
    }
    const file = await findVisibleFile(trx, actor.organizationId, input.fileId);
    if (!file || file.organization_id !== actor.organizationId) throw invalidField('fileId', 'no such file of yours (upload it first with POST /api/v1/files)');
    if (input.questionId) {
      const q = findQuestion(await checklistOf(trx, a), input.questionId)?.question;
      if (!q) throw invalidField('questionId', 'no such question in this visit’s checklist');
      if (q.type === 'photo') {
        if (!file.media_type.startsWith('image/')) throw invalidField('fileId', 'a photo question takes an image (JPEG, PNG, HEIC…)');
        const count = (await listAttachments(trx, visitId)).filter((x) => x.question_id === q.id).length;
        if (q.maxPhotos !== undefined && count >= q.maxPhotos) throw invalidField('questionId', `at most ${q.maxPhotos} photo(s) for this question`);
      }
    }
    if (input.findingId && !(await findFinding(trx, visitId, input.findingId))) throw invalidField('findingId', 'no such finding of this visit');
    const row = {
      id: newId(),
      visit_id: visitId,
      client_id: input.clientId,
      organization_id: actor.organizationId,
      file_id: file.id,
      question_id: input.questionId ?? null,
      finding_id: input.findingId ?? null,
      caption: input.caption || null,
      taken_at: input.takenAt ? new Date(input.takenAt).toISOString() : null,
      added_by: actor.userId,
      created_at: nowIso(),
      removed_at: null,
    };
    if (!(await insertAttachmentIfAbsent(trx, row))) {
      const raced = (await findAttachmentByClientId(trx, visitId, input.clientId))!;
      return { created: false, attachment: attachmentView(raced) };
    }
    // The visiting side sees each other's photos; the supplier sees them with findings, or once the checklist is shared.
    const orgs = await visitOrganizations(trx, a);
    const withOrgs = [orgs.buyer, ...orgs.auditors];
    if (row.finding_id || a.visit.checklist_shared === 1) withOrgs.push(orgs.supplier);
    await shareFileWithOrgs(trx, actor, file.id, file.organization_id, withOrgs);
    await startIfConfirmed(trx, actor, a);
    await recordAudit(trx, actor, 'visit.attachment_added', 'visit', visitId, { attachmentId: row.id, fileId: file.id, sha256: file.sha256, questionId: row.question_id, findingId: row.finding_id });
    return { created: true, attachment: attachmentView((await findAttachment(trx, visitId, row.id))!) };
  });
}

export async function deleteAttachment(ctx: ServiceContext, actor: Actor, visitId: string, attachmentId: string) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    const att = await findAttachment(trx, visitId, attachmentId);
    if (!att || (a.side === 'supplier' && !att.finding_id && a.visit.checklist_shared !== 1)) throw notFound('attachment');
    requireRecording(actor, a);
    if (att.organization_id !== actor.organizationId) throw forbidden('only who attached a photo removes it');
    await removeAttachment(trx, attachmentId, nowIso());
    // The photo was shared for this attachment: unless something else still carries it, the sharing goes with it.
    const revoked = (await fileStillAttached(trx, att.file_id)) ? 0 : await unshareFileEverywhere(trx, att.file_id);
    await recordAudit(trx, actor, 'visit.attachment_removed', 'visit', visitId, { attachmentId, sharesRevoked: revoked });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Findings

async function findingWithName(db: Executor, visitId: string, id: string) {
  return (await listFindings(db, [visitId])).find((f) => f.id === id)!;
}

async function checkClaim(db: Executor, a: VisitAccess, claimId: string, path: string) {
  const c = await findClaim(db, a.engagement.supplier_organization_id, claimId);
  if (!c || c.withdrawn_at) throw invalidField(path, 'no such claim of the supplier');
  return c;
}

export async function addFinding(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof FindingInput>) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    requireRecording(actor, a);
    const replay = await findFindingByClientId(trx, visitId, input.clientId);
    if (replay) return { created: false, finding: findingView(await findingWithName(trx, visitId, replay.id)) };
    if (input.questionId && !findQuestion(await checklistOf(trx, a), input.questionId)) throw invalidField('questionId', 'no such question in this visit’s checklist');
    if (input.claimId) await checkClaim(trx, a, input.claimId, 'claimId');
    const at = nowIso();
    const followUp: FollowUpStored | null = input.followUp
      ? { owner: input.followUp.owner, ownerSide: input.followUp.ownerSide, dueDate: input.followUp.dueDate, status: input.followUp.status, note: input.followUp.note ?? null, updatedAt: at }
      : null;
    const row: VisitFindingRow = {
      id: newId(),
      visit_id: visitId,
      client_id: input.clientId,
      organization_id: actor.organizationId,
      severity: input.severity,
      text: input.text,
      question_id: input.questionId ?? null,
      claim_id: input.claimId ?? null,
      claim_effect: input.claimId ? (input.claimEffect ?? 'contradicts') : null,
      follow_up: followUp ? JSON.stringify(followUp) : null,
      evidence_id: null,
      recorded_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    if (!(await insertFindingIfAbsent(trx, row))) {
      const raced = (await findFindingByClientId(trx, visitId, input.clientId))!;
      return { created: false, finding: findingView(await findingWithName(trx, visitId, raced.id)) };
    }
    await logFinding(trx, row.id);
    await startIfConfirmed(trx, actor, a);
    await recordAudit(trx, actor, 'visit.finding_recorded', 'visit', visitId, { findingId: row.id, severity: row.severity, claimId: row.claim_id });
    return { created: true, finding: findingView(await findingWithName(trx, visitId, row.id)) };
  });
}

/**
 * The recording side edits a finding until the visit closes. The follow-up is both sides' business: the supplier
 * moves it to in_progress or done, the side that recorded it verifies it.
 */
export async function patchFinding(ctx: ServiceContext, actor: Actor, visitId: string, findingId: string, patch: z.infer<typeof FindingPatch>) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    const f = await findFinding(trx, visitId, findingId);
    if (!f) throw notFound('finding');
    authorize(actor, a.side === 'supplier' ? 'visit.respond' : 'visit.record');
    const editsFinding = patch.severity !== undefined || patch.text !== undefined || patch.claimId !== undefined || patch.claimEffect !== undefined;
    const changes: Partial<VisitFindingRow> = {};
    if (editsFinding) {
      if (f.organization_id !== actor.organizationId) throw forbidden('only the side that recorded a finding edits it; the follow-up is shared');
      if (f.evidence_id || !RECORDING_STATUSES.includes(a.visit.status as VisitStatus)) throw conflict('the visit is closed: the finding is evidence now; only its follow-up changes');
      if (patch.severity) changes.severity = patch.severity;
      if (patch.text) changes.text = patch.text;
      if (patch.claimId !== undefined) {
        if (patch.claimId) await checkClaim(trx, a, patch.claimId, 'claimId');
        changes.claim_id = patch.claimId;
        changes.claim_effect = patch.claimId ? (patch.claimEffect ?? f.claim_effect ?? 'contradicts') : null;
      } else if (patch.claimEffect) {
        if (!f.claim_id) throw invalidField('claimEffect', 'only with a claimId');
        changes.claim_effect = patch.claimEffect;
      }
    }
    const at = nowIso();
    let followUp = f.follow_up ? (JSON.parse(f.follow_up) as FollowUpStored) : null;
    if (patch.followUp) {
      const p = patch.followUp;
      if (a.side === 'supplier' && (p.owner !== undefined || p.ownerSide !== undefined || p.dueDate !== undefined)) {
        throw forbidden('the side that recorded the finding sets its owner and due date; the supplier reports progress');
      }
      if (p.status === 'verified' && !mayVerifyFollowUp(f.organization_id, actor.organizationId)) throw forbidden('the side that recorded the finding verifies its follow-up');
      if (!followUp) {
        if (!p.owner) throw invalidField('followUp.owner', 'a new follow-up names its owner');
        if (!p.dueDate) throw invalidField('followUp.dueDate', 'a new follow-up has a due date');
        followUp = { owner: p.owner, ownerSide: p.ownerSide ?? 'supplier', dueDate: p.dueDate, status: p.status ?? 'open', note: p.note ?? null, updatedAt: at };
      } else {
        followUp = {
          owner: p.owner ?? followUp.owner,
          ownerSide: p.ownerSide ?? followUp.ownerSide,
          dueDate: p.dueDate ?? followUp.dueDate,
          status: p.status ?? followUp.status,
          note: p.note === undefined ? followUp.note : p.note,
          updatedAt: at,
        };
      }
      changes.follow_up = JSON.stringify(followUp);
    }
    if ((changes.severity ?? f.severity) === 'major' && !followUp) throw invalidField('followUp', 'a major finding needs its follow-up (owner and due date)');
    changes.updated_at = at;
    await updateFinding(trx, findingId, changes);
    await recordAudit(trx, actor, 'visit.finding_updated', 'visit', visitId, { findingId, fields: Object.keys(patch), followUpStatus: followUp?.status ?? null });
    return findingView(await findingWithName(trx, visitId, findingId));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Observed capacity against the claim

class Replayed extends Error {}

/**
 * Inputs a visitor can count → observedCapacity() → compareToClaim() with the engagement policy's tolerance. The
 * result is recorded as a visit_observation evidence item linked to the claim with the observed value on the
 * claim's basis, shared into the engagement, so the engagement's claim status decides supported or contradicted.
 */
export async function recordCapacityObservation(ctx: ServiceContext, actor: Actor, visitId: string, input: z.infer<typeof CapacityObservationInput>) {
  const db = ctx.handle.db;
  try {
    const id = await db.transaction().execute(async (trx) => {
      const a = await loadVisit(trx, actor, visitId);
      requireRecording(actor, a);
      const replay = await findCapacityByClientId(trx, visitId, input.clientId);
      if (replay) throw new Replayed(replay.id);
      const claim = await checkClaim(trx, a, input.claimId, 'claimId');
      if (claim.type !== 'capacity') throw invalidField('claimId', `a ${claim.type.replace(/_/g, ' ')} claim; observed capacity is held against a capacity claim`);
      if (claim.value == null || claim.value <= 0) throw invalidField('claimId', 'the claim states no capacity value');

      let observed;
      try {
        observed = observedCapacity(input.inputs as ObservedCapacityInput);
      } catch (e) {
        if (e instanceof CapacityInputError) throw invalidField(`inputs.${e.field}`, e.message);
        throw e;
      }
      const tolerance = policyDocument((await findPolicyById(trx, a.engagement.policy_id))!).claimTolerance.capacity;
      // Quarterly and yearly claims are compared per month (comparisonBasis).
      const basis = claim.period ? comparisonBasis(claim.period as ClaimPeriod) : null;
      const factor = basis?.factor ?? 1;
      const claimPeriod = basis?.period ?? null;
      const compare: CompareToClaimInput = {
        claimed: claimPeriod
          ? { value: claim.value / factor, period: claimPeriod, ...(input.claimWorkingDaysPerPeriod !== undefined ? { workingDaysPerPeriod: input.claimWorkingDaysPerPeriod } : {}) }
          : claim.value,
        observed: claimPeriod
          ? { value: observed.value, period: observed.period, ...(observed.period !== 'day' ? { workingDaysPerPeriod: observed.inputs.workingDaysPerPeriod } : {}) }
          : observed.value,
        tolerance,
      };
      let comparison;
      try {
        comparison = compareToClaim(compare);
      } catch (e) {
        if (e instanceof CapacityInputError) {
          const path = e.field.startsWith('claimed') ? 'claimWorkingDaysPerPeriod' : e.field === 'observed.workingDaysPerPeriod' ? 'inputs.workingDaysPerPeriod' : `inputs.${e.field}`;
          throw invalidField(path, e.message);
        }
        throw e;
      }
      const comparedValue = comparison.observed * factor;
      // A recount replaces the count before it (a misread cycle time, a shift left out): only the latest of this
      // organization for the claim in this visit stays in the engagement; the earlier rows stay in the visit.
      const earlier = (await listCapacityObservations(trx, [visitId])).filter((r) => r.claim_id === claim.id && r.organization_id === actor.organizationId);
      for (const r of earlier) await withdrawEvidenceFromEngagement(trx, a.engagement.id, r.evidence_id, nowIso());
      const provenance = visitProvenance(a.visit.type as 'buyer_visit', a.side);
      const issuer = a.side === 'auditor' ? ((await findOrganization(trx, actor.organizationId))?.name ?? null) : null;
      const line = claim.product_line ?? claim.title;
      const per = claimPeriod ? ` per ${claimPeriod}` : '';
      const evidence = await insertEvidenceRecord(
        trx,
        actor,
        {
          kind: 'visit_observation',
          provenance,
          title: `Observed capacity, ${line}: ${formatNumber(comparison.observed)}${per} (${formatPercent(comparison.ratio)} of the claim, ${comparison.status})`.slice(0, 300),
          description: [`${observed.formula}.`, comparison.explanation, input.note ?? ''].filter(Boolean).join('\n'),
          issuer,
          issuedAt: observationTime(a),
          attributes: {
            visitId,
            formula: observed.formula.slice(0, 500),
            observed: String(comparison.observed),
            claimed: String(comparison.claimed),
            ratio: comparison.ratio.toFixed(4),
            tolerance: String(tolerance),
            status: comparison.status,
          },
          fileIds: input.fileIds,
          links: [{ claimId: claim.id, effect: comparison.status === 'supported' ? 'supports' : 'contradicts', observedValue: comparedValue, note: comparison.explanation.slice(0, 1000) }],
        },
        a.engagement.supplier_organization_id,
        { key: 'observed_capacity', params: { line, value: Math.round(comparison.observed), period: claimPeriod ?? null, percent: Math.round(comparison.ratio * 100), status: comparison.status } },
      );
      // Into the engagement the way addEvidenceToEngagement shares evidence, files included.
      await shareAndLog(trx, {
        engagement_id: a.engagement.id,
        evidence_id: evidence.id,
        shared_by_organization_id: actor.organizationId,
        shared_by: actor.userId,
        shared_at: nowIso(),
      });
      const orgs = await visitOrganizations(trx, a);
      await shareEvidenceFiles(trx, actor, evidence.id, [orgs.buyer, orgs.supplier, ...orgs.auditors]);
      await recordAudit(trx, actor, 'evidence.shared', 'engagement', a.engagement.id, { evidenceId: evidence.id, visitId });
      const rowId = newId();
      await insertCapacityObservation(trx, {
        id: rowId,
        visit_id: visitId,
        client_id: input.clientId,
        organization_id: actor.organizationId,
        claim_id: claim.id,
        inputs: JSON.stringify(observed.inputs),
        value: observed.value,
        period: observed.period,
        formula: observed.formula,
        claimed_value: claim.value,
        compared_value: comparedValue,
        tolerance,
        threshold: comparison.threshold * factor,
        ratio: comparison.ratio,
        status: comparison.status,
        explanation: comparison.explanation,
        provenance,
        evidence_id: evidence.id,
        note: input.note ?? null,
        recorded_by: actor.userId,
        created_at: nowIso(),
      });
      await startIfConfirmed(trx, actor, a);
      await recordAudit(trx, actor, 'visit.capacity_observed', 'visit', visitId, {
        claimId: claim.id,
        value: observed.value,
        status: comparison.status,
        evidenceId: evidence.id,
        ...(earlier.length ? { supersedes: earlier.map((r) => r.id) } : {}),
      });
      return rowId;
    });
    return { created: true, observation: await capacityResult(ctx, actor, visitId, id) };
  } catch (e) {
    if (e instanceof Replayed) return { created: false, observation: await capacityResult(ctx, actor, visitId, e.message) };
    // A concurrent replay won the unique (visit, clientId) race: answer with its row.
    if (!(e instanceof AppError)) {
      const raced = await findCapacityByClientId(db, visitId, input.clientId);
      if (raced) return { created: false, observation: await capacityResult(ctx, actor, visitId, raced.id) };
    }
    throw e;
  }
}

/** The observation with the claim's status in the engagement after it. */
async function capacityResult(ctx: ServiceContext, actor: Actor, visitId: string, id: string) {
  const db = ctx.handle.db;
  const a = await loadVisit(db, actor, visitId);
  const rows = await listCapacityObservations(db, [visitId]);
  const row = rows.find((r) => r.id === id)!;
  const claim = (await claimChecks(db, a)).find((c) => c.id === row.claim_id) ?? null;
  return { ...capacityView(row, capacitySupersession(rows).get(row.id) ?? null), claimStatus: claim?.status ?? null };
}

// ---------------------------------------------------------------------------------------------------------------
// Sharing the checklist with the supplier

export async function setChecklistSharing(ctx: ServiceContext, actor: Actor, visitId: string, shared: boolean) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    const a = await loadVisit(trx, actor, visitId);
    authorize(actor, 'visit.record');
    if (a.side !== 'buyer') throw forbidden('the buyer decides whether the supplier sees its checklist');
    await updateVisit(trx, visitId, { checklist_shared: shared ? 1 : 0, updated_at: nowIso() });
    const supplier = a.engagement.supplier_organization_id;
    let revoked = 0;
    if (shared) {
      for (const att of await listAttachments(trx, visitId)) await shareFileWithOrgs(trx, actor, att.file_id, att.organization_id, [supplier]);
    } else {
      // Hiding the checklist hides its photos too: the supplier loses the files it could only reach through it.
      for (const att of await listAttachments(trx, visitId)) {
        if (att.finding_id || att.organization_id === supplier) continue;
        if (await fileSharedBeyondChecklist(trx, att.file_id, visitId)) continue;
        if (await unshareFile(trx, att.file_id, supplier)) revoked++;
      }
    }
    await recordAudit(trx, actor, shared ? 'visit.checklist_shared' : 'visit.checklist_unshared', 'visit', visitId, shared ? {} : { filesRevoked: revoked });
  });
}
