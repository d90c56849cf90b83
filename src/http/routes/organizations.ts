import { z } from 'zod';
import { DirectoryQuery, IdentifierConfirmationView, NewOrganizationInput, OrganizationView, UpdateOrganizationInput } from '../../contracts/accounts.js';
import { IdParams } from '../../contracts/common.js';
import { EvidenceView } from '../../contracts/engagements.js';
import { getOrganization, organizationIdentifiers, searchDirectory, updateOwnOrganization } from '../../services/accounts/organizations.js';
import { createOrganizationForUser } from '../../services/accounts/accounts.js';
import { listEvidenceAbout } from '../../services/engagements/evidence.js';
import { requireActor, requirePrincipal } from '../auth.js';
import type { RoutePlugin } from './types.js';

export const organizationRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/api/v1/organizations',
    { schema: { tags: ['organizations'], summary: 'Directory of organizations (public fields only)', querystring: DirectoryQuery, response: { 200: z.array(OrganizationView) } } },
    async (req) => searchDirectory(ctx, requireActor(req), req.query),
  );
  app.post(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Open another organization as its owner (signed-in user, session); the session moves to it',
        body: NewOrganizationInput,
        response: { 201: OrganizationView },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrganizationForUser(ctx, requirePrincipal(req), req.body)),
  );
  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags: ['organizations'], summary: 'One organization (public fields)', params: IdParams, response: { 200: OrganizationView } } },
    async (req) => getOrganization(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/organizations/:id/identifiers',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Registration identifiers: format and check digit (offline) apart from confirmation by a registry extract you can see',
        params: IdParams,
        response: { 200: z.array(IdentifierConfirmationView) },
      },
    },
    async (req) => organizationIdentifiers(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/organizations/:id/evidence',
    {
      schema: {
        tags: ['organizations', 'evidence'],
        summary: 'Evidence about an organization that you may see: your own records about it and what was shared into your engagements',
        params: IdParams,
        response: { 200: z.array(EvidenceView) },
      },
    },
    async (req) => listEvidenceAbout(ctx, requireActor(req), req.params.id),
  );
  app.patch(
    '/api/v1/organization',
    { schema: { tags: ['organizations'], summary: 'Update the current organization', body: UpdateOrganizationInput, response: { 200: OrganizationView } } },
    async (req) => updateOwnOrganization(ctx, requireActor(req), req.body),
  );
};
