import { z } from 'zod';
import { IdParams } from '../../contracts/common.js';
import { SampleTestInput, SampleTestView } from '../../contracts/quality.js';
import { AcceptInvitationInput, DeclineInvitationInput, InvitationInput, InvitationParams, InvitationView } from '../../contracts/suppliers.js';
import {
  acceptInvitation,
  declineInvitation,
  getInvitation,
  inviteVerification,
  listInvitations,
  recordInvitedSampleTest,
  withdrawInvitation,
} from '../../services/suppliers/invitations.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['invitations to verify'];

export const invitationRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/engagements/:id/verification-invitations',
    {
      schema: {
        tags,
        summary: 'The supplier invites the buyer to verify: visit slots, samples under stated test conditions, or a named third-party auditor',
        params: IdParams,
        body: InvitationInput,
        response: { 201: InvitationView },
      },
    },
    async (req, reply) => reply.status(201).send(await inviteVerification(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/engagements/:id/verification-invitations',
    { schema: { tags, summary: "The engagement's invitations to verify", params: IdParams, response: { 200: z.array(InvitationView) } } },
    async (req) => listInvitations(ctx, requireActor(req), req.params.id),
  );
  app.get('/api/v1/verification-invitations/:id', { schema: { tags, summary: 'One invitation to verify', params: InvitationParams, response: { 200: InvitationView } } }, async (req) =>
    getInvitation(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/verification-invitations/:id/accept',
    {
      schema: {
        tags,
        summary: 'The buyer accepts: a visit or audit is planned on the chosen slot (confirmed at once; an audit also invites the auditor); samples: the test plan is agreed',
        params: InvitationParams,
        body: AcceptInvitationInput,
        response: { 200: InvitationView },
      },
    },
    async (req) => acceptInvitation(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/verification-invitations/:id/decline',
    { schema: { tags, summary: 'The buyer declines, with a reason', params: InvitationParams, body: DeclineInvitationInput, response: { 200: InvitationView } } },
    async (req) => declineInvitation(ctx, requireActor(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/v1/verification-invitations/:id/withdraw',
    { schema: { tags, summary: 'The supplier withdraws an invitation nobody answered yet', params: InvitationParams, response: { 200: InvitationView } } },
    async (req) => withdrawInvitation(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/verification-invitations/:id/sample-test',
    {
      schema: {
        tags,
        summary: 'The buyer records the test of accepted samples (through the sample-test service); it is linked to the offer',
        params: InvitationParams,
        body: SampleTestInput,
        response: { 201: z.object({ invitation: InvitationView, sampleTest: SampleTestView }) },
      },
    },
    async (req, reply) => reply.status(201).send(await recordInvitedSampleTest(ctx, requireActor(req), req.params.id, req.body)),
  );
};
