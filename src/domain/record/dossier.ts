// An engagement's dossier: its log entries (and the key entries of their authors), the attachments, one batch
// inclusion proof against a signed checkpoint, and a head signed by the log that fixes which entries belong to it.
// `verifyDossier` needs nothing but the file and a RecordCrypto: the CLI runs it offline, the web app in the
// browser.
import { bytesEqual, fromBase64, fromHex, hexEquals, toHex } from './bytes.js';
import type { RecordCrypto } from './crypto.js';
import { decodePublicKeyMultibase } from './did-key.js';
import { checkRecordSignature, engagementStream, parseLeaf, type SignedLogRecord } from './entry.js';
import { leafHash, rootFromBatch } from './merkle.js';
import { checkSignedNote, parseCheckpoint, parseVerifierKey, type NoteVerifier } from './note.js';

export const DOSSIER_FORMAT = 'bonafide-dossier/1';

export interface DossierKey {
  organizationId: string;
  organizationName: string;
  keyId: string;
  validFrom: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface DossierAttachment {
  sha256: string;
  size: number;
  mediaType: string;
  filename: string;
  /** base64 of the file. */
  content: string;
}

export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  exportedAt: string;
  engagement: { id: string; title: string; buyer: { id: string; name: string }; supplier: { id: string; name: string } };
  log: { origin: string; verifierKey: string };
  /** C2SP signed checkpoint of the log when the dossier was exported. */
  checkpoint: string;
  /** Signed by the log: the engagement, the tree size, how many entries and the digest of their leaf hashes. */
  head: string;
  /** The authors' keys with their validity, as the key entries among `entries` establish them. */
  keys: DossierKey[];
  entries: { leafIndex: number; leaf: string }[];
  /** Hex hashes of the batch inclusion proof (merkle.ts batchRanges) of all entries against the checkpoint. */
  proof: string[];
  attachments: DossierAttachment[];
}

export interface DossierHead {
  origin: string;
  engagementId: string;
  treeSize: number;
  entries: number;
  digest: string;
}

export function formatDossierHead(h: DossierHead): string {
  return `${h.origin}\n${DOSSIER_FORMAT}\nengagement ${h.engagementId}\ntree ${h.treeSize}\nentries ${h.entries}\ndigest ${h.digest}\n`;
}

export function parseDossierHead(text: string): DossierHead {
  const m = /^([^\n]+)\nbonafide-dossier\/1\nengagement ([^\n]+)\ntree (\d+)\nentries (\d+)\ndigest ([0-9a-f]{64})\n$/.exec(text);
  if (!m) throw new Error('the dossier head is malformed');
  return { origin: m[1]!, engagementId: m[2]!, treeSize: Number(m[3]), entries: Number(m[4]), digest: m[5]! };
}

/** SHA-256 over the entries' leaf hashes in dossier order: the head pins exactly this list. */
export function entriesDigest(crypto: Pick<RecordCrypto, 'sha256'>, leafHashes: readonly Uint8Array[]): string {
  const all = new Uint8Array(leafHashes.length * 32);
  leafHashes.forEach((h, i) => all.set(h, i * 32));
  return toHex(crypto.sha256(all));
}

export interface DossierError {
  /** Position in `entries` (0-based), or null for the dossier as a whole. */
  entry: number | null;
  code: string;
  message: string;
}

export interface DossierCheck {
  valid: boolean;
  entries: number;
  errors: DossierError[];
  /** What was checked, for "verified" in the UI and the CLI's text output. */
  checked: {
    checkpoint: { origin: string; size: number; root: string } | null;
    signaturesChecked: number;
    attachmentsChecked: number;
    keys: number;
    chainLength: number;
  };
  /** The parsed entries, for display (null where unreadable). */
  records: (SignedLogRecord | null)[];
}

export interface VerifyDossierOptions {
  /** A verifier key the checkpoint must be signed by (pins the log; otherwise the dossier's own is used). */
  logKey?: string;
  /** Check every entry's signature (default true; the benchmark times them apart). */
  signatures?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws when `input` is not a dossier at all (the CLI's "unreadable"); otherwise every problem is an error. */
export function assertDossierShape(input: unknown): asserts input is Dossier {
  if (!isObject(input) || input.format !== DOSSIER_FORMAT) throw new Error(`not a ${DOSSIER_FORMAT} file`);
  if (!Array.isArray(input.entries) || !Array.isArray(input.proof) || !Array.isArray(input.attachments) || !Array.isArray(input.keys)) {
    throw new Error('the dossier lacks its entries, proof, keys or attachments');
  }
  if (!isObject(input.log) || typeof input.checkpoint !== 'string' || typeof input.head !== 'string' || !isObject(input.engagement)) {
    throw new Error('the dossier lacks its log, checkpoint, head or engagement');
  }
}

interface KeyState {
  organizationId: string;
  publicKey: Uint8Array;
  /** Leaf index of the key's own entry: the log order shows the key was published before anything it signed. */
  publishedAt: number;
  validFrom: string;
  revokedAt: string | null;
  reason: string | null;
}

export function verifyDossier(crypto: RecordCrypto, input: unknown, options: VerifyDossierOptions = {}): DossierCheck {
  assertDossierShape(input);
  const d = input;
  const errors: DossierError[] = [];
  const fail = (entry: number | null, code: string, message: string) => errors.push({ entry, code, message });
  const checked: DossierCheck['checked'] = { checkpoint: null, signaturesChecked: 0, attachmentsChecked: 0, keys: 0, chainLength: 0 };
  const n = d.entries.length;

  // 1. The log key, the checkpoint and the head.
  let logVerifier: NoteVerifier | null = null;
  try {
    logVerifier = parseVerifierKey(crypto.sha256, String(d.log.verifierKey));
  } catch (e) {
    fail(null, 'log_key_malformed', `the log’s verifier key: ${(e as Error).message}`);
  }
  if (options.logKey !== undefined) {
    try {
      const pinned = parseVerifierKey(crypto.sha256, options.logKey);
      if (!logVerifier || !bytesEqual(pinned.publicKey, logVerifier.publicKey) || pinned.name !== logVerifier.name) {
        fail(null, 'log_key_mismatch', 'the dossier names another log key than the one given to trust');
      }
      logVerifier = pinned;
    } catch (e) {
      fail(null, 'log_key_malformed', `the log key given to trust: ${(e as Error).message}`);
    }
  }
  const verifiers = logVerifier ? [logVerifier] : [];
  let root: Uint8Array | null = null;
  let treeSize = -1;
  const signedNote = (note: string, what: 'checkpoint' | 'head'): string | null => {
    try {
      const c = checkSignedNote(crypto, note, verifiers);
      if (c.verifiedBy.length > 0) return c.text;
      if (c.invalid.length > 0) fail(null, `${what}_bad_signature`, `the ${what}’s signature by the log key does not verify: it was changed`);
      else fail(null, `${what}_unknown_key`, `the ${what} is signed by an unknown key (${c.unknown.map((s) => s.name).join(', ')}), not by the log`);
      return null;
    } catch (e) {
      fail(null, `${what}_malformed`, `the ${what}: ${(e as Error).message}`);
      return null;
    }
  };
  const checkpointText = signedNote(d.checkpoint, 'checkpoint');
  if (checkpointText !== null) {
    try {
      const cp = parseCheckpoint(checkpointText);
      if (cp.origin !== d.log.origin) fail(null, 'checkpoint_origin', `the checkpoint is of log ${cp.origin}, not ${String(d.log.origin)}`);
      root = cp.root;
      treeSize = cp.size;
      checked.checkpoint = { origin: cp.origin, size: cp.size, root: toHex(cp.root) };
    } catch (e) {
      fail(null, 'checkpoint_malformed', `the checkpoint: ${(e as Error).message}`);
    }
  }
  const headText = signedNote(d.head, 'head');
  let head: ReturnType<typeof parseDossierHead> | null = null;
  if (headText !== null) {
    try {
      head = parseDossierHead(headText);
      if (head.engagementId !== d.engagement.id) fail(null, 'head_engagement', 'the signed head is of another engagement');
      if (treeSize >= 0 && head.treeSize !== treeSize) fail(null, 'head_tree_size', 'the signed head and the checkpoint disagree on the tree size');
      if (head.entries !== n) {
        fail(null, n < head.entries ? 'entries_removed' : 'entries_added', `the log signed ${head.entries} entries for this dossier; it holds ${n}`);
      }
    } catch (e) {
      fail(null, 'head_malformed', (e as Error).message);
    }
  }

  // 2. Entries: leaf hashes, order, chain.
  const indexes: number[] = new Array(n);
  const hashes: Uint8Array[] = new Array(n);
  const records: (SignedLogRecord | null)[] = new Array(n);
  const stream = engagementStream(String(d.engagement.id));
  let expectSeq = 1;
  let prevHash: Uint8Array | null = null;
  let ordered = true;
  for (let i = 0; i < n; i++) {
    const e = d.entries[i] as { leafIndex?: unknown; leaf?: unknown };
    if (!isObject(e) || !Number.isSafeInteger(e.leafIndex) || typeof e.leaf !== 'string') {
      fail(i, 'entry_malformed', 'an entry is {leafIndex, leaf}');
      indexes[i] = -1;
      hashes[i] = new Uint8Array(32);
      records[i] = null;
      ordered = false;
      continue;
    }
    indexes[i] = e.leafIndex as number;
    if (i > 0 && indexes[i]! <= indexes[i - 1]!) {
      fail(i, 'entry_out_of_order', `entry at leaf ${indexes[i]} comes after leaf ${indexes[i - 1]}: entries were reordered or duplicated`);
      ordered = false;
    }
    const h = leafHash(crypto.sha256, e.leaf);
    hashes[i] = h;
    let r: SignedLogRecord | null = null;
    try {
      r = parseLeaf(e.leaf);
    } catch (err) {
      fail(i, 'entry_malformed', (err as Error).message);
    }
    records[i] = r;
    if (r && r.stream === stream) {
      checked.chainLength++;
      if (r.seq !== expectSeq || (prevHash === null ? r.prev !== null : r.prev === null || !hexEquals(r.prev, prevHash))) {
        fail(i, 'chain_broken', `entry ${r.seq} of the engagement does not follow entry ${expectSeq - 1}: an entry was removed, added or moved before it`);
      }
      expectSeq = r.seq + 1;
      prevHash = h;
    } else if (r && r.kind !== 'key' && r.kind !== 'key_revocation') {
      fail(i, 'foreign_entry', `the entry belongs to ${r.stream}, not to this engagement`);
    }
  }
  if (head && head.digest !== entriesDigest(crypto, hashes)) {
    fail(null, 'entries_changed', 'the entries are not those the log signed for this dossier (changed, removed, added or reordered)');
  }

  // 3. The batch proof leads to the signed root.
  if (root && ordered) {
    let proof: Uint8Array[] | null = null;
    try {
      proof = d.proof.map((p) => fromHex(String(p)));
    } catch {
      fail(null, 'proof_malformed', 'the proof holds something that is not a hex hash');
    }
    if (proof) {
      const computed = n === 0 ? null : rootFromBatch(crypto.sha256, indexes, hashes, treeSize, proof);
      if (n === 0) fail(null, 'no_entries', 'the dossier has no entries');
      else if (!computed) fail(null, 'proof_mismatch', 'the inclusion proof does not fit these entries in a tree of the signed size');
      else if (!bytesEqual(computed, root)) fail(null, 'root_mismatch', 'the entries and the inclusion proof do not lead to the signed root');
    }
  }

  // 4. Keys from the key entries, then every signature.
  const keys = new Map<string, KeyState>();
  records.forEach((r, i) => {
    if (!r || r.kind !== 'key') return;
    const c = r.content as { publicKeyMultibase?: unknown; validFrom?: unknown };
    try {
      if (c.publicKeyMultibase !== r.keyId) throw new Error('a key entry is signed by the key it publishes');
      keys.set(r.keyId, { organizationId: r.organizationId, publicKey: decodePublicKeyMultibase(r.keyId), publishedAt: indexes[i]!, validFrom: String(c.validFrom ?? r.recordedAt), revokedAt: null, reason: null });
    } catch (err) {
      fail(i, 'key_malformed', (err as Error).message);
    }
  });
  checked.keys = keys.size;
  const signatures = options.signatures !== false;
  records.forEach((r, i) => {
    if (!r || r.kind !== 'key_revocation') return;
    const c = r.content as { keyId?: unknown; revokedAt?: unknown; reason?: unknown };
    const k = keys.get(String(c.keyId));
    if (!k || k.organizationId !== r.organizationId) return fail(i, 'revocation_unknown_key', 'the revocation names a key this dossier does not publish');
    k.revokedAt = String(c.revokedAt);
    k.reason = String(c.reason ?? '');
  });
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (!r) continue;
    const key = keys.get(r.keyId);
    if (!key) {
      fail(i, 'unknown_key', `signed by key ${r.keyId.slice(0, 16)}…, which no key entry of this dossier publishes`);
      continue;
    }
    if (key.organizationId !== r.organizationId) {
      fail(i, 'wrong_key', 'signed with another organization’s key');
      continue;
    }
    if (r.kind !== 'key' && r.kind !== 'key_revocation' && key.revokedAt !== null && r.recordedAt >= key.revokedAt) {
      fail(i, 'key_revoked', `signed at ${r.recordedAt} with a key revoked at ${key.revokedAt} (${key.reason})`);
    }
    // Record times may be given (an import of older data, a back-dated visit); the log order may not.
    if (r.kind !== 'key' && indexes[i]! < key.publishedAt) fail(i, 'key_not_yet_published', `appended at leaf ${indexes[i]}, before its key was published at leaf ${key.publishedAt}`);
    if (signatures) {
      checked.signaturesChecked++;
      const s = checkRecordSignature(crypto, d.entries[i]!.leaf, r, key.publicKey);
      if (!s.signatureValid) fail(i, 'signature_invalid', 'the signature does not verify with the author’s key: the entry was changed or forged');
      else if (!s.canonical) fail(i, 'not_canonical', 'the entry is not in canonical form');
    }
  }
  // The key summary is for readers; it must say what the key entries say.
  for (const k of d.keys) {
    const s = keys.get(k.keyId);
    if (!s || s.organizationId !== k.organizationId || (s.revokedAt ?? null) !== (k.revokedAt ?? null)) {
      fail(null, 'keys_mismatch', `the key list disagrees with the key entries for ${String(k.keyId).slice(0, 16)}…`);
    }
  }

  // 5. Attachments: every file an entry names is there and hashes to its name.
  const files = new Map<string, DossierAttachment>();
  for (const a of d.attachments) if (isObject(a) && typeof a.sha256 === 'string') files.set(a.sha256, a);
  const seen = new Set<string>();
  records.forEach((r, i) => {
    for (const a of r?.attachments ?? []) {
      const f = files.get(a.sha256);
      if (!f) {
        fail(i, 'attachment_missing', `attachment ${a.filename} (${a.sha256.slice(0, 12)}…) is not in the dossier`);
        continue;
      }
      if (seen.has(a.sha256)) continue;
      seen.add(a.sha256);
      let bytes: Uint8Array | null = null;
      try {
        bytes = fromBase64(String(f.content));
      } catch {
        fail(i, 'attachment_malformed', `attachment ${a.filename} is not base64`);
      }
      if (bytes) {
        checked.attachmentsChecked++;
        if (toHex(crypto.sha256(bytes)) !== a.sha256) fail(i, 'attachment_changed', `attachment ${a.filename} does not hash to the SHA-256 its entry records: it was changed`);
      }
    }
  });

  return { valid: errors.length === 0, entries: n, errors, checked, records };
}
