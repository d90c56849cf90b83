import { z } from 'zod';
import { IdParams } from '../../contracts/common.js';
import {
  AnswerInput,
  AnswerResult,
  AttachmentInput,
  AttachmentView,
  CancelVisitInput,
  CapacityObservationInput,
  CapacityObservationView,
  CHECKLIST_PURPOSES,
  ChecklistSharingInput,
  ChecklistTemplateView,
  CloseVisitInput,
  EngagementSlotParams,
  FindingInput,
  FindingPatch,
  FindingView,
  InviteAuditorInput,
  PlanVisitInput,
  RescheduleInput,
  SignOffInput,
  SignOffView,
  SincerityInput,
  SincerityView,
  SlotView,
  VisitAttachmentParams,
  VisitAuditorParams,
  VisitDetailView,
  VisitEffectQuery,
  VisitEffectView,
  VisitFindingParams,
  VisitListQuery,
  VisitParams,
  VisitQuestionParams,
  VisitResponseInput,
  VisitSlotsInput,
  VisitView,
} from '../../contracts/visits.js';
import { CLAIM_STATUSES } from '../../domain/model.js';
import {
  cancelVisit,
  getVisit,
  inviteAuditor,
  listEngagementVisits,
  listVisitSlots,
  listVisits,
  offerVisitSlots,
  planVisit,
  rescheduleVisit,
  respondToVisit,
  revokeAuditor,
  withdrawVisitSlot,
} from '../../services/visits/planning.js';
import {
  addAttachment,
  addFinding,
  deleteAttachment,
  patchFinding,
  recordCapacityObservation,
  saveAnswer,
  setChecklistSharing,
} from '../../services/visits/recording.js';
import { closeVisit, saveSincerity, signOffVisit, visitReport } from '../../services/visits/closing.js';
import { getChecklistTemplate, listChecklistTemplates, saveChecklistTemplateVersion } from '../../services/visits/templates.js';
import { visitEffectForBuyer } from '../../services/visits/portfolio.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['visits'];
const CapacityResult = CapacityObservationView.extend({ claimStatus: z.enum(CLAIM_STATUSES).nullable() });
const TemplateListQuery = z.strictObject({ purpose: z.enum(CHECKLIST_PURPOSES).optional() });

/**
 * Factory visits and third-party audits. Every write the phone form makes offline carries a client-generated id
 * (answers: clientId + clientUpdatedAt; photos, findings, capacity: clientId), so replaying the queue after the
 * connection returns creates nothing twice: 201 when created, 200 with the existing record on a replay.
 */
export const visitRoutes: RoutePlugin = (app, ctx) => {
  // --- planning, inside an engagement -------------------------------------------------------------------------
  app.post(
    '/api/v1/engagements/:id/visits',
    {
      schema: {
        tags,
        summary: 'Plan a visit at a supplier site (buyer); dates are wall-clock times at the site. With slotId, book an open slot the supplier offered (confirmed at once)',
        params: IdParams,
        body: PlanVisitInput,
        response: { 201: VisitDetailView },
      },
    },
    async (req, reply) => reply.status(201).send(await planVisit(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get('/api/v1/engagements/:id/visits', { schema: { tags, summary: 'Visits of the engagement', params: IdParams, response: { 200: z.array(VisitView) } } }, async (req) =>
    listEngagementVisits(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/engagements/:id/visit-slots',
    { schema: { tags, summary: 'The supplier invites the buyer to visit: open slots at one of its sites', params: IdParams, body: VisitSlotsInput, response: { 201: z.array(SlotView) } } },
    async (req, reply) => reply.status(201).send(await offerVisitSlots(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get('/api/v1/engagements/:id/visit-slots', { schema: { tags, summary: 'Open visit slots the supplier offers', params: IdParams, response: { 200: z.array(SlotView) } } }, async (req) =>
    listVisitSlots(ctx, requireActor(req), req.params.id),
  );
  app.delete('/api/v1/engagements/:id/visit-slots/:slotId', { schema: { tags, summary: 'Withdraw an open slot (supplier)', params: EngagementSlotParams } }, async (req, reply) => {
    await withdrawVisitSlot(ctx, requireActor(req), req.params.id, req.params.slotId);
    return reply.status(204).send();
  });

  // --- visits ---------------------------------------------------------------------------------------------------
  app.get(
    '/api/v1/visits',
    { schema: { tags, summary: 'Visits the organization may see: those of its engagements, or (an auditor) those it was invited into', querystring: VisitListQuery, response: { 200: z.array(VisitView) } } },
    async (req) => listVisits(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/visits/:visitId',
    { schema: { tags, summary: 'One visit in full: template, answers, photos, findings, observed capacity, claims checked, assessments and sign-offs', params: VisitParams, response: { 200: VisitDetailView } } },
    async (req) => getVisit(ctx, requireActor(req), req.params.visitId),
  );
  app.post(
    '/api/v1/visits/:visitId/response',
    { schema: { tags, summary: 'The supplier confirms, proposes other dates, or declines with a reason', params: VisitParams, body: VisitResponseInput, response: { 200: VisitDetailView } } },
    async (req) => respondToVisit(ctx, requireActor(req), req.params.visitId, req.body),
  );
  app.post(
    '/api/v1/visits/:visitId/reschedule',
    { schema: { tags, summary: 'The buyer accepts a proposed date ({proposalId}) or proposes new dates ({start, end})', params: VisitParams, body: RescheduleInput, response: { 200: VisitDetailView } } },
    async (req) => rescheduleVisit(ctx, requireActor(req), req.params.visitId, req.body),
  );
  app.post('/api/v1/visits/:visitId/cancel', { schema: { tags, summary: 'Cancel the visit, with a reason', params: VisitParams, body: CancelVisitInput, response: { 200: VisitDetailView } } }, async (req) =>
    cancelVisit(ctx, requireActor(req), req.params.visitId, req.body.reason),
  );
  app.post(
    '/api/v1/visits/:visitId/auditors',
    { schema: { tags, summary: 'Invite a third-party auditor organization into this one visit (buyer)', params: VisitParams, body: InviteAuditorInput, response: { 201: VisitDetailView } } },
    async (req, reply) => reply.status(201).send(await inviteAuditor(ctx, requireActor(req), req.params.visitId, req.body.organizationId)),
  );
  app.delete(
    '/api/v1/visits/:visitId/auditors/:organizationId',
    { schema: { tags, summary: 'Revoke an auditor organization’s access to the visit (buyer)', params: VisitAuditorParams, response: { 200: VisitDetailView } } },
    async (req) => revokeAuditor(ctx, requireActor(req), req.params.visitId, req.params.organizationId),
  );

  // --- on the floor ---------------------------------------------------------------------------------------------
  app.put(
    '/api/v1/visits/:visitId/answers/:questionId',
    {
      schema: {
        tags,
        summary: 'Save an answer as it is typed; idempotent: the same clientId and clientUpdatedAt again is a duplicate, an older edit is stale and ignored',
        params: VisitQuestionParams,
        body: AnswerInput,
        response: { 200: AnswerResult, 201: AnswerResult },
      },
    },
    async (req, reply) => {
      const r = await saveAnswer(ctx, requireActor(req), req.params.visitId, req.params.questionId, req.body);
      return reply.status(r.outcome === 'created' ? 201 : 200).send(r);
    },
  );
  app.post(
    '/api/v1/visits/:visitId/attachments',
    { schema: { tags, summary: 'Attach an uploaded photo or file (POST /api/v1/files first) to a question, a finding or the visit; idempotent by clientId', params: VisitParams, body: AttachmentInput, response: { 200: AttachmentView, 201: AttachmentView } } },
    async (req, reply) => {
      const r = await addAttachment(ctx, requireActor(req), req.params.visitId, req.body);
      return reply.status(r.created ? 201 : 200).send(r.attachment);
    },
  );
  app.delete('/api/v1/visits/:visitId/attachments/:attachmentId', { schema: { tags, summary: 'Remove an attachment you added', params: VisitAttachmentParams } }, async (req, reply) => {
    await deleteAttachment(ctx, requireActor(req), req.params.visitId, req.params.attachmentId);
    return reply.status(204).send();
  });
  app.post(
    '/api/v1/visits/:visitId/findings',
    { schema: { tags, summary: 'Record a finding (major, minor, observation), optionally on a question and against a claim, with its follow-up; idempotent by clientId', params: VisitParams, body: FindingInput, response: { 200: FindingView, 201: FindingView } } },
    async (req, reply) => {
      const r = await addFinding(ctx, requireActor(req), req.params.visitId, req.body);
      return reply.status(r.created ? 201 : 200).send(r.finding);
    },
  );
  app.patch(
    '/api/v1/visits/:visitId/findings/:findingId',
    { schema: { tags, summary: 'Edit a finding (its recorder, until closing) or its follow-up (owner, due date, status)', params: VisitFindingParams, body: FindingPatch, response: { 200: FindingView } } },
    async (req) => patchFinding(ctx, requireActor(req), req.params.visitId, req.params.findingId, req.body),
  );
  app.post(
    '/api/v1/visits/:visitId/capacity-observations',
    {
      schema: {
        tags,
        summary: 'Observed capacity from what the visitor counted, held against a capacity claim with the policy tolerance; recorded as engagement evidence; idempotent by clientId',
        params: VisitParams,
        body: CapacityObservationInput,
        response: { 200: CapacityResult, 201: CapacityResult },
      },
    },
    async (req, reply) => {
      const r = await recordCapacityObservation(ctx, requireActor(req), req.params.visitId, req.body);
      return reply.status(r.created ? 201 : 200).send(r.observation);
    },
  );
  app.put(
    '/api/v1/visits/:visitId/checklist-sharing',
    { schema: { tags, summary: 'Share the checklist answers and their photos with the supplier, or stop (buyer)', params: VisitParams, body: ChecklistSharingInput, response: { 200: VisitDetailView } } },
    async (req) => {
      const actor = requireActor(req);
      await setChecklistSharing(ctx, actor, req.params.visitId, req.body.shared);
      return getVisit(ctx, actor, req.params.visitId);
    },
  );
  app.put(
    '/api/v1/visits/:visitId/sincerity',
    { schema: { tags, summary: 'The supplier’s assessment of the buyer’s sincerity (five dimensions, 1–5); the buyer sees it only when shared', params: VisitParams, body: SincerityInput, response: { 200: SincerityView } } },
    async (req) => saveSincerity(ctx, requireActor(req), req.params.visitId, req.body),
  );

  // --- outcome and report ---------------------------------------------------------------------------------------
  app.post(
    '/api/v1/visits/:visitId/close',
    { schema: { tags, summary: 'Close with an outcome and the lead’s summary; findings become evidence in the engagement', params: VisitParams, body: CloseVisitInput, response: { 200: VisitDetailView } } },
    async (req) => closeVisit(ctx, requireActor(req), req.params.visitId, req.body),
  );
  app.get(
    '/api/v1/visits/:visitId/report.pdf',
    { schema: { tags, summary: 'The visit report as a PDF, as your side may see it (x-content-sha256 gives its SHA-256 for sign-off)', params: VisitParams } },
    async (req, reply) => {
      const r = await visitReport(ctx, requireActor(req), req.params.visitId);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `attachment; filename="${r.filename}"`);
      reply.header('x-content-sha256', r.sha256);
      reply.header('cache-control', 'private, no-store');
      return reply.send(r.bytes);
    },
  );
  app.post(
    '/api/v1/visits/:visitId/sign-off',
    { schema: { tags, summary: 'Sign the closed visit’s report: who, when and the SHA-256 of the PDF as signed (kept in the file store)', params: VisitParams, body: SignOffInput, response: { 201: SignOffView } } },
    async (req, reply) => reply.status(201).send(await signOffVisit(ctx, requireActor(req), req.params.visitId, req.body)),
  );

  // --- checklist templates --------------------------------------------------------------------------------------
  app.get(
    '/api/v1/checklist-templates',
    { schema: { tags, summary: 'Shipped and own checklist templates, every version', querystring: TemplateListQuery, response: { 200: z.array(ChecklistTemplateView) } } },
    async (req) => listChecklistTemplates(ctx, requireActor(req), req.query.purpose),
  );
  app.get('/api/v1/checklist-templates/:id', { schema: { tags, summary: 'One checklist template version', params: IdParams, response: { 200: ChecklistTemplateView } } }, async (req) =>
    getChecklistTemplate(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/checklist-templates',
    {
      schema: {
        tags,
        summary: 'Save a checklist template (JSON document) as the next version of its key (admin); invalid documents are refused with the path of each error',
        body: z.unknown(),
        response: { 201: ChecklistTemplateView },
      },
    },
    async (req, reply) => reply.status(201).send(await saveChecklistTemplateVersion(ctx, requireActor(req), req.body)),
  );

  // --- portfolio ------------------------------------------------------------------------------------------------
  app.get(
    '/api/v1/portfolio/visit-effect',
    {
      schema: {
        tags,
        summary: 'Does visiting pay off? Your engagements with and without a closed visit: share reaching partnership, partnership duration, discrepancies per month, pilot KPIs',
        querystring: VisitEffectQuery,
        response: { 200: VisitEffectView },
      },
    },
    async (req) => visitEffectForBuyer(ctx, requireActor(req), req.query.includeRemote),
  );
};
