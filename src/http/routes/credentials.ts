import { z } from 'zod';
import { IdParams } from '../../contracts/common.js';
import {
  CredentialCheckView,
  CredentialView,
  IssueConformityInput,
  IssueTrackRecordInput,
  PresentCredentialInput,
  PresentedCredentialView,
  RevokeCredentialInput,
} from '../../contracts/record.js';
import {
  credentialStanding,
  getCredential,
  issueConformityCredential,
  issueTrackRecordCredential,
  listCredentials,
  listPresentedCredentials,
  presentCredential,
  revocationList,
  revokeCredential,
} from '../../services/record/credentials.js';
import { requireActor } from '../auth.js';
import * as clock from '../../clock.js';
import type { RoutePlugin } from './types.js';

/** Credential ids are urn:uuid:…; paths carry the UUID. */
const urn = (id: string) => `urn:uuid:${id}`;
const tags = ['credentials'];

export const credentialRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/engagements/:id/credentials',
    { schema: { tags, summary: 'Attest the supplier’s track record after a passing pilot review or the partnership decision (buyer): a W3C VC signed eddsa-jcs-2022 by your did:key', params: IdParams, body: IssueTrackRecordInput, response: { 201: CredentialView } } },
    async (req, reply) => reply.status(201).send(await issueTrackRecordCredential(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/conformity-credentials',
    { schema: { tags, summary: 'Export a certificate or other conformity evidence you recorded as a UNTP Digital Conformity Credential, signed the same way', body: IssueConformityInput, response: { 201: CredentialView } } },
    async (req, reply) => reply.status(201).send(await issueConformityCredential(ctx, requireActor(req), req.body)),
  );
  app.get('/api/v1/credentials', { schema: { tags, summary: 'Credentials your organization issued or holds', response: { 200: z.array(CredentialView) } } }, async (req) => listCredentials(ctx, requireActor(req)));
  app.get(
    '/api/v1/credentials/:id',
    { schema: { tags, summary: 'One credential you issued or hold (the signed document is in `document`)', params: IdParams, response: { 200: CredentialView } } },
    async (req) => getCredential(ctx, requireActor(req), urn(req.params.id)),
  );
  app.post(
    '/api/v1/credentials/:id/revoke',
    { schema: { tags, summary: 'Revoke a credential you issued, with the reason (logged; verifiers see it at once)', params: IdParams, body: RevokeCredentialInput, response: { 200: CredentialView } } },
    async (req) => revokeCredential(ctx, requireActor(req), urn(req.params.id), req.body.reason),
  );
  app.post(
    '/api/v1/credentials/verify',
    { schema: { tags, summary: 'Verify a credential against the network now: proof, issuer key, revocation, validity', body: PresentCredentialInput, response: { 200: CredentialCheckView } } },
    async (req) => {
      requireActor(req);
      const s = await credentialStanding(ctx.handle.db, req.body.credential, clock.now());
      return { valid: s.valid, issuer: s.issuer, issuerName: s.issuerName, checked: s.checked, errors: s.errors };
    },
  );
  app.get(
    '/api/v1/credentials/revocations',
    {
      schema: {
        tags,
        summary: 'The issuer’s signed revocation list (a credential itself), for offline checks: bonafide credential verify FILE --revocations LIST',
        security: [],
        querystring: z.strictObject({ issuer: z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'must be a did:key') }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (req) => revocationList(ctx, req.query.issuer),
  );
  app.post(
    '/api/v1/engagements/:id/credentials/presented',
    { schema: { tags, summary: 'Present a credential you hold to this engagement’s buyer (supplier); it is verified and becomes third-party attestation evidence', params: IdParams, body: PresentCredentialInput, response: { 201: PresentedCredentialView } } },
    async (req, reply) => reply.status(201).send(await presentCredential(ctx, requireActor(req), req.params.id, req.body.credential)),
  );
  app.get(
    '/api/v1/engagements/:id/credentials/presented',
    { schema: { tags, summary: 'Credentials presented in this engagement, each verified again now', params: IdParams, response: { 200: z.array(PresentedCredentialView) } } },
    async (req) => listPresentedCredentials(ctx, requireActor(req), req.params.id),
  );
};
