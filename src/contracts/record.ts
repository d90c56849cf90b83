// The verifiable record over HTTP, the CLI and the web app: checkpoints, proofs, keys, dossiers and credentials.
import { z } from 'zod';
import { GeneratedText, Id, IsoDateTime } from './common.js';

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/);
const LeafIndex = z.coerce.number().int().min(0);
const TreeSize = z.coerce.number().int().min(1);

export const CheckpointView = z.object({
  origin: z.string(),
  size: z.number().int(),
  rootHash: Hex32,
  /** The C2SP signed checkpoint note, as text. */
  checkpoint: z.string(),
  /** The log's verifier key "<origin>+<key id>+<base64 key>". */
  verifierKey: z.string(),
});

export const InclusionQuery = z.strictObject({ leafIndex: LeafIndex, treeSize: TreeSize });
export const InclusionProofView = z.object({ leafIndex: z.number().int(), treeSize: z.number().int(), leafHash: Hex32, proof: z.array(Hex32) });
export const ConsistencyQuery = z.strictObject({ first: LeafIndex, second: TreeSize });
export const ConsistencyProofView = z.object({ first: z.number().int(), second: z.number().int(), proof: z.array(Hex32) });

export const KeyView = z.object({
  id: Id,
  organizationId: Id,
  /** Multikey public key, the key id in log entries. */
  keyId: z.string(),
  did: z.string(),
  validFrom: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
  revocationReason: z.string().nullable(),
  current: z.boolean(),
});
export const RevokeKeyInput = z.strictObject({
  reason: z.enum(['superseded', 'compromised']),
  /** Since when the key is no longer to be trusted (a compromise found late); default now. Not in the future. */
  effectiveFrom: IsoDateTime.optional(),
  note: z.string().trim().max(500).optional(),
});
export const KeyIdParams = z.strictObject({ keyId: z.string().regex(/^z[1-9A-HJ-NP-Za-km-z]{40,60}$/, 'must be a Multikey public key (z6Mk…)') });

export const RecordEntryView = z.object({
  leafIndex: z.number().int(),
  seq: z.number().int(),
  kind: z.string(),
  recordId: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  recordedAt: z.string(),
  leafHash: Hex32,
  supersedes: z.number().int().nullable(),
  content: z.record(z.string(), z.unknown()),
  attachments: z.array(z.object({ sha256: Hex32, size: z.number(), mediaType: z.string(), filename: z.string() })),
  /** Not part of the logged content: the code of an evidence entry's system-written title, for the reader's language. */
  generatedTitle: GeneratedText.nullable(),
});
export const EngagementRecordView = z.object({ checkpoint: CheckpointView, entries: z.array(RecordEntryView) });

export const DossierSchema = z.object({
  format: z.literal('bonafide-dossier/1'),
  exportedAt: z.string(),
  engagement: z.object({ id: z.string(), title: z.string(), buyer: z.object({ id: z.string(), name: z.string() }), supplier: z.object({ id: z.string(), name: z.string() }) }),
  log: z.object({ origin: z.string(), verifierKey: z.string() }),
  checkpoint: z.string(),
  head: z.string(),
  keys: z.array(
    z.object({ organizationId: z.string(), organizationName: z.string(), keyId: z.string(), validFrom: z.string(), revokedAt: z.string().nullable(), revocationReason: z.string().nullable() }),
  ),
  entries: z.array(z.object({ leafIndex: z.number().int(), leaf: z.string() })),
  proof: z.array(z.string()),
  attachments: z.array(z.object({ sha256: z.string(), size: z.number(), mediaType: z.string(), filename: z.string(), content: z.string() })),
});

// --- credentials -----------------------------------------------------------------------------------------------

export const CREDENTIAL_KINDS = ['track_record', 'conformity'] as const;

export const IssueTrackRecordInput = z.strictObject({
  /** The passing review the credential attests: a pilot review, or the gate decision that opened the partnership. */
  source: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('pilot_review'), id: Id }),
    z.strictObject({ kind: z.literal('partnership_review'), id: Id }),
  ]),
  /** How long the attestation stays valid, in months (default 24). */
  validMonths: z.int().min(1).max(60).optional(),
});
export const IssueConformityInput = z.strictObject({ evidenceId: Id, validMonths: z.int().min(1).max(60).optional() });
export const RevokeCredentialInput = z.strictObject({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500) });
export const PresentCredentialInput = z.strictObject({ credential: z.record(z.string(), z.unknown()) });

export const CredentialCheckView = z.object({
  valid: z.boolean(),
  issuer: z.string().nullable(),
  issuerName: z.string().nullable(),
  checked: z.array(z.string()),
  errors: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const CredentialView = z.object({
  id: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  issuer: z.object({ organizationId: Id, name: z.string(), did: z.string() }),
  subject: z.object({ organizationId: Id, name: z.string() }),
  engagementId: Id.nullable(),
  source: z.object({ kind: z.string(), id: z.string() }),
  issuedAt: IsoDateTime,
  validUntil: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  revocationReason: z.string().nullable(),
  summary: z.string(),
  document: z.record(z.string(), z.unknown()),
});

export const PresentedCredentialView = z.object({
  id: Id,
  engagementId: Id,
  credentialId: z.string(),
  evidenceId: Id,
  presentedAt: IsoDateTime,
  summary: z.string(),
  /** The credential as presented (signed). */
  document: z.record(z.string(), z.unknown()),
  check: CredentialCheckView,
});
