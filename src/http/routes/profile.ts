import { z } from 'zod';
import { Id, IdParams } from '../../contracts/common.js';
import {
  ClaimInput,
  ClaimPatch,
  ClaimView,
  EvidenceInput,
  EvidenceView,
  PolicyListQuery,
  PolicyView,
  SiteInput,
  SiteView,
} from '../../contracts/engagements.js';
import { getOwnEvidence, listOwnEvidenceLibrary, recordOwnEvidence } from '../../services/engagements/evidence.js';
import { getPolicy, listPolicies, savePolicyVersion } from '../../services/engagements/policies.js';
import { createClaim, createSite, listOrganizationClaims, listOrganizationSites, updateOwnClaim } from '../../services/engagements/profile.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const ClaimParams = z.strictObject({ id: Id, claimId: Id });
const ClaimsQuery = z.strictObject({ includeWithdrawn: z.enum(['true', 'false']).optional() });

export const profileRoutes: RoutePlugin = (app, ctx) => {
  app.get('/api/v1/organizations/:id/sites', { schema: { tags: ['suppliers'], summary: "A supplier's sites (factories)", params: IdParams, response: { 200: z.array(SiteView) } } }, async (req) =>
    listOrganizationSites(ctx, requireActor(req), req.params.id),
  );
  app.post('/api/v1/organizations/:id/sites', { schema: { tags: ['suppliers'], summary: 'Add a site to your own supplier profile', params: IdParams, body: SiteInput, response: { 201: SiteView } } }, async (req, reply) =>
    reply.status(201).send(await createSite(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/organizations/:id/claims',
    { schema: { tags: ['suppliers'], summary: "A supplier's claims with their status as the caller's visible evidence decides it", params: IdParams, querystring: ClaimsQuery, response: { 200: z.array(ClaimView) } } },
    async (req) => listOrganizationClaims(ctx, requireActor(req), req.params.id, { includeWithdrawn: req.query.includeWithdrawn === 'true' }),
  );
  app.post('/api/v1/organizations/:id/claims', { schema: { tags: ['suppliers'], summary: 'Publish a claim on your own supplier profile', params: IdParams, body: ClaimInput, response: { 201: ClaimView } } }, async (req, reply) =>
    reply.status(201).send(await createClaim(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.patch('/api/v1/organizations/:id/claims/:claimId', { schema: { tags: ['suppliers'], summary: 'Update or withdraw one of your claims', params: ClaimParams, body: ClaimPatch, response: { 200: ClaimView } } }, async (req) =>
    updateOwnClaim(ctx, requireActor(req), req.params.id, req.params.claimId, req.body),
  );

  app.get('/api/v1/evidence', { schema: { tags: ['evidence'], summary: 'Your evidence library', response: { 200: z.array(EvidenceView) } } }, async (req) => listOwnEvidenceLibrary(ctx, requireActor(req)));
  app.post('/api/v1/evidence', { schema: { tags: ['evidence'], summary: 'Record evidence about your own organization', body: EvidenceInput, response: { 201: EvidenceView } } }, async (req, reply) =>
    reply.status(201).send(await recordOwnEvidence(ctx, requireActor(req), req.body)),
  );
  app.get('/api/v1/evidence/:id', { schema: { tags: ['evidence'], summary: 'One of your evidence items', params: IdParams, response: { 200: EvidenceView } } }, async (req) =>
    getOwnEvidence(ctx, requireActor(req), req.params.id),
  );

  app.get('/api/v1/policies', { schema: { tags: ['policies'], summary: 'Shipped and own verification policies, every version', querystring: PolicyListQuery, response: { 200: z.array(PolicyView) } } }, async (req) =>
    listPolicies(ctx, requireActor(req), req.query.scope),
  );
  app.get('/api/v1/policies/:id', { schema: { tags: ['policies'], summary: 'One policy version', params: IdParams, response: { 200: PolicyView } } }, async (req) => getPolicy(ctx, requireActor(req), req.params.id));
  app.post(
    '/api/v1/policies',
    {
      schema: {
        tags: ['policies'],
        summary: 'Save a policy (JSON document) as the next version of its key; invalid documents are refused with the path of each error',
        body: z.unknown(),
        response: { 201: PolicyView },
      },
    },
    async (req, reply) => reply.status(201).send(await savePolicyVersion(ctx, requireActor(req), req.body)),
  );
};
