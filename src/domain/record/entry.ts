// One entry of the verifiable record's log. The leaf data (RFC 9162) is the RFC 8785 canonical JSON of the record
// with its author's Ed25519 signature over the canonical record without the signature. Attachments are named by
// SHA-256 inside the record, so a changed file no longer matches its entry.
import { fromBase64Url, toBase64Url, utf8 } from './bytes.js';
import type { Ed25519Signer, RecordCrypto } from './crypto.js';
import { canonicalize } from './jcs.js';

export const RECORD_KINDS = [
  'evidence',
  'gate_decision',
  'visit_outcome',
  'finding',
  'signed_report',
  'discrepancy_closure',
  'pilot_review',
  'credential',
  'credential_revocation',
  'key',
  'key_revocation',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordAttachment {
  sha256: string;
  size: number;
  mediaType: string;
  filename: string;
}

export interface LogRecord {
  v: 1;
  kind: RecordKind;
  /** The id of the record in Bonafide (an evidence item, a gate decision, a key, …). */
  id: string;
  /** Entries of one engagement (`engagement:<id>`) or one organization (`organization:<id>`) form a hash chain. */
  stream: string;
  /** 1-based position in the stream. */
  seq: number;
  /** Hex leaf hash of the stream's previous entry; null for the first. */
  prev: string | null;
  recordedAt: string;
  /** The author organization, whose key signs the entry. */
  organizationId: string;
  /** The author's key: its Multikey public key (z6Mk…). */
  keyId: string;
  /** Leaf index of the entry this one corrects: entries are never rewritten, a correction supersedes. */
  supersedes: number | null;
  content: { [key: string]: unknown };
  attachments: RecordAttachment[];
}

export interface SignedLogRecord extends LogRecord {
  /** base64url Ed25519 signature over the canonical record without this member. */
  signature: string;
}

export const engagementStream = (id: string) => `engagement:${id}`;
export const organizationStream = (id: string) => `organization:${id}`;

/** Signs a record and returns its leaf data: the canonical JSON text the tree hashes. */
export function signRecord(record: LogRecord, signer: Ed25519Signer): { signed: SignedLogRecord; leaf: string } {
  const signature = toBase64Url(signer.sign(utf8(canonicalize(record))));
  const signed: SignedLogRecord = { ...record, signature };
  return { signed, leaf: canonicalize(signed) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KINDS: ReadonlySet<string> = new Set(RECORD_KINDS);
const STRING_MEMBERS = ['id', 'stream', 'recordedAt', 'organizationId', 'keyId', 'signature'] as const;

/** /^[0-9a-f]{64}$/ without a regular expression (a dossier checks one or more per entry). */
function isHashHex(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Reads a leaf's JSON and checks the members every entry has; throws with the reason otherwise. */
export function parseLeaf(leaf: string): SignedLogRecord {
  let r: unknown;
  try {
    r = JSON.parse(leaf);
  } catch {
    throw new Error('the entry is not JSON');
  }
  if (!isObject(r)) throw new Error('the entry is not a JSON object');
  if (r.v !== 1) throw new Error('unknown entry version');
  if (typeof r.kind !== 'string' || !KINDS.has(r.kind)) throw new Error(`unknown entry kind ${String(r.kind)}`);
  for (let i = 0; i < STRING_MEMBERS.length; i++) {
    const k = STRING_MEMBERS[i]!;
    if (typeof r[k] !== 'string') throw new Error(`the entry has no ${k}`);
  }
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 1) throw new Error('the entry has no sequence number');
  if (r.prev !== null && !isHashHex(r.prev)) throw new Error('the entry’s previous hash is malformed');
  if (r.supersedes !== null && !Number.isSafeInteger(r.supersedes)) throw new Error('supersedes is not a leaf index');
  if (!isObject(r.content)) throw new Error('the entry has no content');
  const attachments = r.attachments;
  let attachmentsOk = Array.isArray(attachments);
  if (attachmentsOk) {
    const list = attachments as unknown[];
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (!isObject(a) || !isHashHex(a.sha256)) {
        attachmentsOk = false;
        break;
      }
    }
  }
  if (!attachmentsOk) throw new Error('the entry’s attachments are malformed');
  return r as unknown as SignedLogRecord;
}

/**
 * Whether the signature over the record verifies with `publicKey`, and whether the leaf is the canonical text of
 * what it says (so what a reader sees is what was hashed).
 */
export function checkRecordSignature(crypto: RecordCrypto, leaf: string, record: SignedLogRecord, publicKey: Uint8Array): { signatureValid: boolean; canonical: boolean } {
  const { signature, ...unsigned } = record;
  let sig: Uint8Array;
  try {
    sig = fromBase64Url(signature);
  } catch {
    return { signatureValid: false, canonical: canonicalize(record) === leaf };
  }
  return {
    signatureValid: crypto.verifyEd25519(publicKey, utf8(canonicalize(unsigned)), sig),
    canonical: canonicalize(record) === leaf,
  };
}
