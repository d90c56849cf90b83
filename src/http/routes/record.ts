import { z } from 'zod';
import { IdParams } from '../../contracts/common.js';
import {
  CheckpointView,
  ConsistencyProofView,
  ConsistencyQuery,
  DossierSchema,
  EngagementRecordView,
  InclusionProofView,
  InclusionQuery,
  KeyIdParams,
  KeyView,
  RevokeKeyInput,
} from '../../contracts/record.js';
import { invalidField } from '../../services/shared/errors.js';
import { consistencyProof, currentCheckpoint, inclusionProof, leafHashAt } from '../../services/record/log.js';
import { exportDossier, engagementRecord } from '../../services/record/dossier.js';
import { listOrganizationKeys, revokeKey, rotateKey } from '../../services/record/keys.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

/** The log's checkpoint and proofs carry hashes only: anyone may fetch them (witnesses, auditors, verifiers). */
export const recordRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/api/v1/log/checkpoint',
    { schema: { tags: ['record'], summary: 'The log’s latest signed checkpoint (C2SP tlog-checkpoint) and its verifier key', security: [], response: { 200: CheckpointView } } },
    async () => currentCheckpoint(ctx.handle.db),
  );
  app.get(
    '/api/v1/log/proofs/inclusion',
    { schema: { tags: ['record'], summary: 'RFC 9162 inclusion proof of a leaf in a tree of the given size', security: [], querystring: InclusionQuery, response: { 200: InclusionProofView } } },
    async (req) => {
      const { leafIndex, treeSize } = req.query;
      const { size } = await currentCheckpoint(ctx.handle.db);
      if (treeSize > size) throw invalidField('treeSize', `the log has ${size} entries`);
      if (leafIndex >= treeSize) throw invalidField('leafIndex', 'must be below treeSize');
      const leafHash = await leafHashAt(ctx.handle.db, leafIndex);
      return { leafIndex, treeSize, leafHash: leafHash!, proof: await inclusionProof(ctx.handle.db, leafIndex, treeSize) };
    },
  );
  app.get(
    '/api/v1/log/proofs/consistency',
    { schema: { tags: ['record'], summary: 'RFC 9162 consistency proof between two tree sizes', security: [], querystring: ConsistencyQuery, response: { 200: ConsistencyProofView } } },
    async (req) => {
      const { first, second } = req.query;
      const { size } = await currentCheckpoint(ctx.handle.db);
      if (second > size) throw invalidField('second', `the log has ${size} entries`);
      if (first > second) throw invalidField('first', 'must not exceed second');
      return { first, second, proof: await consistencyProof(ctx.handle.db, first, second) };
    },
  );
  app.get(
    '/api/v1/organizations/:id/keys',
    { schema: { tags: ['record', 'organizations'], summary: 'An organization’s public signing keys with their validity and revocations', params: IdParams, response: { 200: z.array(KeyView) } } },
    async (req) => listOrganizationKeys(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/organization/keys/rotate',
    { schema: { tags: ['record'], summary: 'Make a new signing key; the current one is retired with a revocation record', response: { 201: KeyView } } },
    async (req, reply) => reply.status(201).send(await rotateKey(ctx, requireActor(req))),
  );
  app.post(
    '/api/v1/organization/keys/:keyId/revoke',
    {
      schema: {
        tags: ['record'],
        summary: 'Revoke a signing key from a given time: what it signed from then on no longer verifies',
        params: KeyIdParams,
        body: RevokeKeyInput,
        response: { 200: z.array(KeyView) },
      },
    },
    async (req) => revokeKey(ctx, requireActor(req), req.params.keyId, req.body),
  );
  app.get(
    '/api/v1/engagements/:id/record',
    { schema: { tags: ['record', 'engagements'], summary: 'The engagement’s entries in the log, up to the latest checkpoint', params: IdParams, response: { 200: EngagementRecordView } } },
    async (req) => engagementRecord(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/engagements/:id/dossier',
    {
      schema: {
        tags: ['record', 'engagements'],
        summary: 'The engagement’s dossier: entries, attachments, inclusion proof, signed checkpoint and keys — verify it offline with `bonafide dossier verify`',
        params: IdParams,
        response: { 200: DossierSchema },
      },
    },
    async (req, reply) => {
      const d = await exportDossier(ctx, requireActor(req), req.params.id);
      reply.header('content-disposition', `attachment; filename="dossier-${req.params.id.slice(0, 8)}.json"`);
      return d;
    },
  );
};
