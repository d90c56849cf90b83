import { z } from 'zod';
import {
  AcceptInvitationInput,
  CreatedInvitationView,
  InvitationPreview,
  InvitationView,
  MemberView,
  NewInvitationInput,
  UpdateMemberInput,
} from '../../contracts/accounts.js';
import { Id, IdParams } from '../../contracts/common.js';
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  listMembers,
  listOrganizationInvitations,
  previewInvitation,
  removeMember,
  revokeOrganizationInvitation,
} from '../../services/accounts/members.js';
import { switchOrganization } from '../../services/accounts/accounts.js';
import { requireActor, requirePrincipal } from '../auth.js';
import type { RoutePlugin } from './types.js';

const UserParams = z.strictObject({ userId: Id });
const TokenParams = z.strictObject({ token: z.string().min(10).max(200) });

export const memberRoutes: RoutePlugin = (app, ctx) => {
  app.get('/api/v1/members', { schema: { tags: ['members'], summary: 'Members of the current organization', response: { 200: z.array(MemberView) } } }, async (req) =>
    listMembers(ctx, requireActor(req)),
  );
  app.patch('/api/v1/members/:userId', { schema: { tags: ['members'], summary: "Change a member's role", params: UserParams, body: UpdateMemberInput } }, async (req, reply) => {
    await changeMemberRole(ctx, requireActor(req), req.params.userId, req.body.role);
    return reply.status(204).send();
  });
  app.delete('/api/v1/members/:userId', { schema: { tags: ['members'], summary: 'Remove a member', params: UserParams } }, async (req, reply) => {
    await removeMember(ctx, requireActor(req), req.params.userId);
    return reply.status(204).send();
  });

  app.post(
    '/api/v1/invitations',
    { schema: { tags: ['members'], summary: 'Invite someone by email (single-use link that expires)', body: NewInvitationInput, response: { 201: CreatedInvitationView } } },
    async (req, reply) => reply.status(201).send(await createInvitation(ctx, requireActor(req), req.body)),
  );
  app.get('/api/v1/invitations', { schema: { tags: ['members'], summary: 'Invitations of the current organization', response: { 200: z.array(InvitationView) } } }, async (req) =>
    listOrganizationInvitations(ctx, requireActor(req)),
  );
  app.delete('/api/v1/invitations/:id', { schema: { tags: ['members'], summary: 'Revoke an invitation', params: IdParams } }, async (req, reply) => {
    await revokeOrganizationInvitation(ctx, requireActor(req), req.params.id);
    return reply.status(204).send();
  });
  app.get(
    '/api/v1/invitations/by-token/:token',
    { schema: { tags: ['members'], summary: 'What an invitation link offers (no login needed)', params: TokenParams, response: { 200: InvitationPreview } } },
    async (req) => previewInvitation(ctx, req.params.token),
  );
  app.post(
    '/api/v1/invitations/accept',
    { schema: { tags: ['members'], summary: 'Accept an invitation as the logged-in user; the session moves to that organization', body: AcceptInvitationInput } },
    async (req) => {
      const p = requirePrincipal(req);
      const joined = await acceptInvitation(ctx, p, req.body.token);
      // Whoever accepts an invitation means to work there next.
      if (p.sessionId) await switchOrganization(ctx, p, joined.organizationId);
      return joined;
    },
  );
};
