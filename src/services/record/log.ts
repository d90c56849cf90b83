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
  claimNextIndices,
  findCheckpoint,
  findLogEntryByIndex,
  findLogNodes,
  insertCheckpoint,
  insertLogEntries,
  insertLogNodes,
  type LogEntryRow,
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
  return (await appendSignedMany(db, [{ input, key }]))[0]!;
}

/**
 * Appends records in the given order: one claim of their indices, one read of each stream's head, the entries and
 * the perfect subtrees they complete written in a few multi-row INSERTs. An import records a thousand lots this way
 * instead of with a thousand rounds of queries.
 */
async function appendSignedMany(db: Executor, items: readonly { input: AppendInput; key: Pick<SigningKeyRow, 'key_id' | 'private_key'> }[]): Promise<number[]> {
  if (items.length === 0) return [];
  const { first } = await claimNextIndices(db, items.length);
  const heads = new Map<string, { seq: number; leafHash: string | null }>();
  for (const { input } of items) {
    if (heads.has(input.stream)) continue;
    const head = await streamHead(db, input.stream);
    heads.set(input.stream, { seq: head?.seq ?? 0, leafHash: head?.leafHash ?? null });
  }
  // A completed subtree's left half was stored before this batch unless one of the batch's leaves closed it.
  const stored: { level: number; index: number }[] = [];
  for (let k = 0; k < items.length; k++) {
    for (const n of completedBy(first + k).slice(1)) {
      const lastLeafOfLeft = (n.index * 2 + 1) * 2 ** (n.level - 1) - 1;
      if (lastLeafOfLeft < first) stored.push({ level: n.level - 1, index: n.index * 2 });
    }
  }
  const storedNodes = await findLogNodes(db, stored);
  const madeNodes = new Map<string, Uint8Array>();
  const entries: LogEntryRow[] = [];
  const nodes: { level: number; idx: number; hash: string }[] = [];
  for (let k = 0; k < items.length; k++) {
    const { input, key } = items[k]!;
    const index = first + k;
    const head = heads.get(input.stream)!;
    const record: LogRecord = {
      v: 1,
      kind: input.kind,
      id: input.id,
      stream: input.stream,
      seq: head.seq + 1,
      prev: head.leafHash,
      recordedAt: input.recordedAt,
      organizationId: input.organizationId,
      keyId: key.key_id,
      supersedes: input.supersedes ?? null,
      content: input.content,
      attachments: input.attachments ?? [],
    };
    const { leaf } = signRecord(record, signerOf(key));
    const hash = leafHash(nodeSha256, leaf);
    const hashHex = toHex(hash);
    head.seq = record.seq;
    head.leafHash = hashHex;
    entries.push({
      leaf_index: index,
      stream: input.stream,
      seq: record.seq,
      kind: input.kind,
      record_id: input.id,
      organization_id: input.organizationId,
      engagement_id: input.engagementId,
      leaf,
      leaf_hash: hashHex,
      recorded_at: input.recordedAt,
    });
    // Each append completes its own leaf node and every perfect subtree it closes on the right.
    nodes.push({ level: 0, idx: index, hash: hashHex });
    madeNodes.set(`0/${index}`, hash);
    let right = hash;
    for (const n of completedBy(index).slice(1)) {
      const leftKey = `${n.level - 1}/${n.index * 2}`;
      const storedLeft = storedNodes.get(leftKey);
      const left = madeNodes.get(leftKey) ?? (storedLeft === undefined ? undefined : fromHex(storedLeft));
      if (!left) throw new Error(`log node ${leftKey} is missing`);
      right = nodeHash(nodeSha256, left, right);
      nodes.push({ level: n.level, idx: n.index, hash: toHex(right) });
      madeNodes.set(`${n.level}/${n.index}`, right);
    }
  }
  await insertLogEntries(db, entries);
  await insertLogNodes(db, nodes);
  return entries.map((e) => e.leaf_index);
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
  return (await appendManyToLog(db, [input]))[0]!;
}

/** Appends records in order, each signed by its author organization's current key; returns their leaf indices. */
export async function appendManyToLog(db: Executor, inputs: readonly AppendInput[]): Promise<number[]> {
  const keys = new Map<string, SigningKeyRow>();
  const items: { input: AppendInput; key: SigningKeyRow }[] = [];
  for (const input of inputs) {
    let key = keys.get(input.organizationId);
    if (!key) {
      key = await currentKeyOf(db, input.organizationId, input.recordedAt);
      keys.set(input.organizationId, key);
    }
    items.push({ input, key });
  }
  return appendSignedMany(db, items);
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
