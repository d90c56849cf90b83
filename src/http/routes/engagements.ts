import { z } from 'zod';
import { Id, IdParams } from '../../contracts/common.js';
import { ReadinessView, VisitAdviceView } from '../../contracts/readiness.js';
import {
  EngagementEvidenceInput,
  EngagementListQuery,
  EngagementResponseInput,
  EngagementView,
  EvidenceView,
  GateDecisionInput,
  MessageInput,
  MessagesResponse,
  MovePolicyInput,
  NewEngagementInput,
  WaiverInput,
  WaiverView,
  WithdrawInput,
} from '../../contracts/engagements.js';
import { addEvidenceToEngagement, listEvidenceOfEngagement, withdrawEvidence } from '../../services/engagements/shared-evidence.js';
import {
  closeEngagement,
  createEngagement,
  decideGate,
  getEngagement,
  listEngagementWaivers,
  listEngagements,
  movePolicy,
  respondToEngagement,
  revokeWaiver,
  waiveRequirement,
} from '../../services/engagements/engagements.js';
import { listEngagementMessages, postMessage } from '../../services/engagements/messages.js';
import { engagementReadiness, engagementVisitAdvice } from '../../services/engagements/readiness.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['engagements'];
const EvidenceParams = z.strictObject({ id: Id, evidenceId: Id });
const WaiverParams = z.strictObject({ id: Id, waiverId: Id });

export const engagementRoutes: RoutePlugin = (app, ctx) => {
  app.post('/api/v1/engagements', { schema: { tags, summary: 'Open an engagement with a supplier (buyer)', body: NewEngagementInput, response: { 201: EngagementView } } }, async (req, reply) =>
    reply.status(201).send(await createEngagement(ctx, requireActor(req), req.body)),
  );
  app.get('/api/v1/engagements', { schema: { tags, summary: "The organization's engagements", querystring: EngagementListQuery, response: { 200: z.array(EngagementView) } } }, async (req) =>
    listEngagements(ctx, requireActor(req), req.query),
  );
  app.get('/api/v1/engagements/:id', { schema: { tags, summary: 'One engagement with its phase timeline', params: IdParams, response: { 200: EngagementView } } }, async (req) =>
    getEngagement(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/engagements/:id/response',
    { schema: { tags, summary: 'The supplier accepts or declines the engagement', params: IdParams, body: EngagementResponseInput, response: { 200: EngagementView } } },
    async (req) => respondToEngagement(ctx, requireActor(req), req.params.id, req.body.decision, req.body.note),
  );
  app.get('/api/v1/engagements/:id/gates', { schema: { tags, summary: 'The phase timeline: every recorded decision', params: IdParams, response: { 200: EngagementView.shape.timeline } } }, async (req) =>
    (await getEngagement(ctx, requireActor(req), req.params.id)).timeline,
  );
  app.post(
    '/api/v1/engagements/:id/gates',
    {
      schema: {
        tags,
        summary: 'Record a gate decision (advance, hold, reject); advancing past unmet required requirements needs override and overrideReason',
        params: IdParams,
        body: GateDecisionInput,
        response: { 201: EngagementView },
      },
    },
    async (req, reply) => reply.status(201).send(await decideGate(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post('/api/v1/engagements/:id/close', { schema: { tags, summary: 'Withdraw from or terminate the engagement', params: IdParams, body: WithdrawInput, response: { 200: EngagementView } } }, async (req) =>
    closeEngagement(ctx, requireActor(req), req.params.id, req.body.action, req.body.rationale),
  );
  app.post('/api/v1/engagements/:id/waivers', { schema: { tags, summary: 'Waive a requirement of the current phase, with a reason (buyer)', params: IdParams, body: WaiverInput } }, async (req, reply) =>
    reply.status(201).send(await waiveRequirement(ctx, requireActor(req), req.params.id, req.body.requirementId, req.body.reason)),
  );
  app.get('/api/v1/engagements/:id/waivers', { schema: { tags, summary: 'Waivers in force, with who waived what and why', params: IdParams, response: { 200: z.array(WaiverView) } } }, async (req) =>
    listEngagementWaivers(ctx, requireActor(req), req.params.id),
  );
  app.delete('/api/v1/engagements/:id/waivers/:waiverId', { schema: { tags, summary: 'Withdraw a waiver (buyer)', params: WaiverParams } }, async (req, reply) => {
    await revokeWaiver(ctx, requireActor(req), req.params.id, req.params.waiverId);
    return reply.status(204).send();
  });
  app.post('/api/v1/engagements/:id/policy', { schema: { tags, summary: 'Move the engagement to another policy version (buyer)', params: IdParams, body: MovePolicyInput, response: { 200: EngagementView } } }, async (req) =>
    movePolicy(ctx, requireActor(req), req.params.id, req.body.policyId),
  );

  app.get('/api/v1/engagements/:id/evidence', { schema: { tags, summary: 'Evidence shared into the engagement', params: IdParams, response: { 200: z.array(EvidenceView) } } }, async (req) =>
    listEvidenceOfEngagement(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/engagements/:id/evidence',
    { schema: { tags, summary: 'Share an existing evidence item ({evidenceId}) or record a new one into the engagement', params: IdParams, body: EngagementEvidenceInput, response: { 201: EvidenceView } } },
    async (req, reply) => reply.status(201).send(await addEvidenceToEngagement(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.delete('/api/v1/engagements/:id/evidence/:evidenceId', { schema: { tags, summary: 'Stop sharing own evidence with the engagement', params: EvidenceParams } }, async (req, reply) => {
    await withdrawEvidence(ctx, requireActor(req), req.params.id, req.params.evidenceId);
    return reply.status(204).send();
  });

  app.get(
    '/api/v1/engagements/:id/readiness',
    {
      schema: {
        tags,
        summary: 'Readiness of the current phase, explained: each requirement met / partly met / unmet / waived with its evidence and why; formal and behavioural sub-scores with inputs; contradicted claims; stale or expiring evidence',
        params: IdParams,
        response: { 200: ReadinessView },
      },
    },
    async (req) => (await engagementReadiness(ctx, requireActor(req), req.params.id)) as z.input<typeof ReadinessView>,
  );
  app.get(
    '/api/v1/engagements/:id/visit-advice',
    { schema: { tags, summary: 'Is a factory visit needed? visit_needed / visit_recommended / visit_can_be_waived with every rule that fired', params: IdParams, response: { 200: VisitAdviceView } } },
    async (req) => (await engagementVisitAdvice(ctx, requireActor(req), req.params.id)) as z.input<typeof VisitAdviceView>,
  );

  app.get('/api/v1/engagements/:id/messages', { schema: { tags, summary: 'The technical communication thread with measured response times', params: IdParams, response: { 200: MessagesResponse } } }, async (req) =>
    listEngagementMessages(ctx, requireActor(req), req.params.id),
  );
  app.post('/api/v1/engagements/:id/messages', { schema: { tags, summary: 'Post a typed message', params: IdParams, body: MessageInput } }, async (req, reply) => {
    const id = await postMessage(ctx, requireActor(req), req.params.id, req.body);
    return reply.status(201).send({ id });
  });
};
