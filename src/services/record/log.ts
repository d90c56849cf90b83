// Appends to the Merkle log inside the caller's transaction (the record and its log entry commit together or not
// at all), and answers checkpoints and proofs from the stored perfect-subtree hashes.
import { nodeSha256 } from '../../crypto/node-record-crypto.js';
import { fromHex, toHex } from '../../domain/record/bytes.js';
import { signedCheckpoint } from '../../domain/record/assemble.js';
import { organizationStream, signRecord, type LogRecord, type RecordAttachment, type RecordKind } from '../../domain/record/entry.js';
import { completedBy, consistencyRanges, inclusionRanges, leafHash, nodeHash, perfectNodesOf, rangeHash, type LeafRange, type PerfectNode } from '../../domain/record/merkle.js';
import { verifierKey } from '../../domain/record/note.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  claimNextIndex,
  findCheckpoint,
  findLogEntryByIndex,
  findLogNodes,
  insertCheckpoint,
  insertLogEntry,
  insertLogNodes,
  logState,
  streamHead,
} from '../../db/repositories/record-log.js';
import { findCurrentKey, insertSigningKey, type SigningKeyRow } from '../../db/repositories/signing-keys.js';
import { newId } from '../shared/ids.js';
import { newKeyMaterial, signerOf } from './signers.js';
import * as clock from '../../clock.js';

export interface AppendInput {
  kind: RecordKind;
  id: string;
  stream: string;
  engagementId: string | null;
  recordedAt: string;
  organizationId: string;
  content: Record<string, unknown>;
  attachments?: RecordAttachment[];
  supersedes?: number | null;
}

async function appendSigned(db: Executor, input: AppendInput, key: Pick<SigningKeyRow, 'key_id' | 'private_key'>): Promise<number> {
  const { index } = await claimNextIndex(db);
  const head = await streamHead(db, input.stream);
  const record: LogRecord = {
    v: 1,
    kind: input.kind,
    id: input.id,
    stream: input.stream,
    seq: (head?.seq ?? 0) + 1,
    prev: head?.leafHash ?? null,
    recordedAt: input.recordedAt,
    organizationId: input.organizationId,
    keyId: key.key_id,
    supersedes: input.supersedes ?? null,
    content: input.content,
    attachments: input.attachments ?? [],
  };
  const { leaf } = signRecord(record, signerOf(key));
  const hash = leafHash(nodeSha256, leaf);
  await insertLogEntry(db, {
    leaf_index: index,
    stream: input.stream,
    seq: record.seq,
    kind: input.kind,
    record_id: input.id,
    organization_id: input.organizationId,
    engagement_id: input.engagementId,
    leaf,
    leaf_hash: toHex(hash),
    recorded_at: input.recordedAt,
  });
  // Each append completes its own leaf node and every perfect subtree it closes on the right.
  const completed = completedBy(index);
  const rows: { level: number; idx: number; hash: string }[] = [{ level: 0, idx: index, hash: toHex(hash) }];
  if (completed.length > 1) {
    const lefts = await findLogNodes(db, completed.slice(1).map((n) => ({ level: n.level - 1, index: n.index * 2 })));
    let right = hash;
    for (const n of completed.slice(1)) {
      const left = lefts.get(`${n.level - 1}/${n.index * 2}`);
      if (!left) throw new Error(`log node ${n.level - 1}/${n.index * 2} is missing`);
      right = nodeHash(nodeSha256, fromHex(left), right);
      rows.push({ level: n.level, idx: n.index, hash: toHex(right) });
    }
  }
  await insertLogNodes(db, rows);
  return index;
}

/** A new key for an organization, published in its stream by an entry the key signs itself. */
export async function createOrganizationKey(db: Executor, organizationId: string, at: string): Promise<SigningKeyRow> {
  const m = newKeyMaterial();
  const row: SigningKeyRow = { id: newId(), organization_id: organizationId, key_id: m.keyId, private_key: m.privateKey, valid_from: at, revoked_at: null, revocation_reason: null, created_at: at };
  await insertSigningKey(db, row);
  await appendSigned(
    db,
    { kind: 'key', id: row.id, stream: organizationStream(organizationId), engagementId: null, recordedAt: at, organizationId, content: { publicKeyMultibase: m.keyId, validFrom: at } },
    row,
  );
  return row;
}

/** The organization's current key; one is made now for an organization that has none yet. */
export async function currentKeyOf(db: Executor, organizationId: string, at = clock.nowIso()): Promise<SigningKeyRow> {
  return (await findCurrentKey(db, organizationId)) ?? createOrganizationKey(db, organizationId, at);
}

/** Appends a record signed by its author organization's current key; returns its leaf index. */
export async function appendToLog(db: Executor, input: AppendInput): Promise<number> {
  const key = await currentKeyOf(db, input.organizationId, input.recordedAt);
  return appendSigned(db, input, key);
}

/** Appends with a given key (a revocation signed by the key that replaces the revoked one). */
export async function appendWithKey(db: Executor, input: AppendInput, key: SigningKeyRow): Promise<number> {
  return appendSigned(db, input, key);
}

// --- reading ---------------------------------------------------------------------------------------------------

export async function logKey(db: Executor): Promise<SigningKeyRow> {
  const k = await findCurrentKey(db, null);
  if (!k) throw new Error('the log has no key (migration 010 creates it)');
  return k;
}

/** Hashes of the ranges, each from its perfect subtrees, in one read of the nodes table. */
export async function rangeHashes(db: Executor, ranges: LeafRange[]): Promise<Uint8Array[]> {
  const needed: PerfectNode[] = ranges.flatMap(perfectNodesOf);
  const found = await findLogNodes(db, needed);
  const perfect = (n: PerfectNode) => {
    const h = found.get(`${n.level}/${n.index}`);
    if (!h) throw new Error(`log node ${n.level}/${n.index} is missing`);
    return fromHex(h);
  };
  return ranges.map((r) => rangeHash(nodeSha256, r, perfect));
}

export async function rootAt(db: Executor, size: number): Promise<Uint8Array> {
  return size === 0 ? nodeSha256() : (await rangeHashes(db, [{ start: 0, end: size }]))[0]!;
}

export interface CheckpointView {
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: string;
  verifierKey: string;
}

/** The signed checkpoint of the log as it is now (signed once per size, then kept). */
export async function currentCheckpoint(db: Executor): Promise<CheckpointView> {
  const { size, origin } = await logState(db);
  const key = await logKey(db);
  const vkey = verifierKey(nodeSha256, origin, signerOf(key).publicKey);
  const kept = await findCheckpoint(db, size);
  if (kept) return { origin, size, rootHash: kept.root, checkpoint: kept.note, verifierKey: vkey };
  const root = await rootAt(db, size);
  const note = signedCheckpoint({ sha256: nodeSha256 }, origin, signerOf(key), size, root);
  await insertCheckpoint(db, { size, root: toHex(root), note, created_at: clock.nowIso() });
  const stored = await findCheckpoint(db, size);
  return { origin, size, rootHash: stored?.root ?? toHex(root), checkpoint: stored?.note ?? note, verifierKey: vkey };
}

/** The leaf hash (hex) of the entry at `index`, or null when the log has no entry there. */
export async function leafHashAt(db: Executor, index: number): Promise<string | null> {
  return (await findLogEntryByIndex(db, index))?.leaf_hash ?? null;
}

export async function inclusionProof(db: Executor, index: number, size: number): Promise<string[]> {
  return (await rangeHashes(db, inclusionRanges(index, size))).map(toHex);
}

export async function consistencyProof(db: Executor, first: number, second: number): Promise<string[]> {
  return (await rangeHashes(db, consistencyRanges(first, second))).map(toHex);
}
