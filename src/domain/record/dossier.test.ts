// A dossier verifies, and each way of tampering with it is caught with its own error.
import { describe, expect, it } from 'vitest';
import { nodeRecordCrypto as crypto, signerFromSeed } from '../../crypto/node-record-crypto.js';
import { toBase64, toBase64Url, toHex, utf8 } from './bytes.js';
import { assembleDossier, signedCheckpoint } from './assemble.js';
import { publicKeyMultibase } from './did-key.js';
import { verifyDossier, type Dossier } from './dossier.js';
import { engagementStream, organizationStream, signRecord, type LogRecord } from './entry.js';
import { canonicalize } from './jcs.js';
import { MemoryLog } from './memory-log.js';
import { verifierKey } from './note.js';

const seed = (n: number) => new Uint8Array(32).fill(n);
const logSigner = signerFromSeed(seed(1));
const buyer = { id: 'org-buyer', signer: signerFromSeed(seed(2)) };
const supplier = { id: 'org-supplier', signer: signerFromSeed(seed(3)) };
const supplierNewKey = signerFromSeed(seed(4));
const stranger = signerFromSeed(seed(5));
const ORIGIN = 'bonafide.test/log';
const ENG = 'eng-1';
const FILE = utf8('%PDF-1.7 certificate ISO 13485 Ningbo Hengtai');
const FILE_SHA = toHex(crypto.sha256(FILE));
const kid = (s: { publicKey: Uint8Array }) => publicKeyMultibase(s.publicKey);

function keyEntry(log: MemoryLog, orgId: string, signer: typeof logSigner, at: string) {
  log.append({ kind: 'key', id: `key-${kid(signer).slice(0, 8)}`, stream: organizationStream(orgId), recordedAt: at, organizationId: orgId, keyId: kid(signer), content: { publicKeyMultibase: kid(signer), validFrom: at } }, signer);
}

/** A log with both parties' keys, a supplier key rotation, entries of another engagement in between, and ours. */
function build(opts: { revokeSupplierKeyAt?: string } = {}) {
  const log = new MemoryLog(crypto);
  keyEntry(log, buyer.id, buyer.signer, '2026-01-01T00:00:00.000Z');
  keyEntry(log, supplier.id, supplier.signer, '2026-01-01T00:00:00.000Z');
  const at = (d: number) => `2026-02-${String(d).padStart(2, '0')}T09:00:00.000Z`;
  const rec = (org: typeof buyer, d: number, kind: LogRecord['kind'], content: Record<string, unknown>, extra: Partial<LogRecord> = {}) =>
    log.append({ kind, id: `${kind}-${d}`, stream: engagementStream(ENG), recordedAt: at(d), organizationId: org.id, keyId: kid(org.signer), content, ...extra }, org.signer);
  rec(supplier, 1, 'evidence', { title: 'ISO 13485 certificate', kind: 'certificate' }, { attachments: [{ sha256: FILE_SHA, size: FILE.length, mediaType: 'application/pdf', filename: 'iso13485.pdf' }] });
  log.append({ kind: 'evidence', id: 'other', stream: engagementStream('eng-2'), recordedAt: at(2), organizationId: buyer.id, keyId: kid(buyer.signer), content: { title: 'someone else' } }, buyer.signer);
  rec(buyer, 3, 'gate_decision', { decision: 'advance', from: 'credibility', to: 'capability_validation' });
  rec(buyer, 4, 'finding', { severity: 'minor', text: 'Gauge R&R overdue on line 2' });
  keyEntry(log, supplier.id, supplierNewKey, at(5));
  log.append({ kind: 'key_revocation', id: 'rev-1', stream: organizationStream(supplier.id), recordedAt: at(5), organizationId: supplier.id, keyId: kid(supplierNewKey), content: { keyId: kid(supplier.signer), revokedAt: opts.revokeSupplierKeyAt ?? at(5), reason: opts.revokeSupplierKeyAt ? 'compromised' : 'superseded' } }, supplierNewKey);
  rec({ id: supplier.id, signer: supplierNewKey }, 6, 'evidence', { title: 'Batch records January' });
  rec(buyer, 7, 'visit_outcome', { outcome: 'passed' });
  return log;
}

function dossierOf(log: MemoryLog): Dossier {
  const entries = log.records
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.stream === engagementStream(ENG) || ((r.kind === 'key' || r.kind === 'key_revocation') && [buyer.id, supplier.id].includes(r.organizationId)))
    .map(({ i }) => ({ leafIndex: i, leaf: log.leaves[i]!, leafHash: log.leafHashes[i]! }));
  const keys = log.records
    .filter((r) => r.kind === 'key')
    .map((r) => {
      const rev = log.records.find((x) => x.kind === 'key_revocation' && x.content.keyId === r.keyId);
      return { organizationId: r.organizationId, organizationName: r.organizationId, keyId: r.keyId, validFrom: String(r.content.validFrom), revokedAt: rev ? String(rev.content.revokedAt) : null, revocationReason: rev ? String(rev.content.reason) : null };
    });
  return assembleDossier(crypto, {
    origin: ORIGIN,
    logSigner,
    exportedAt: '2026-03-01T00:00:00.000Z',
    engagement: { id: ENG, title: 'Housings', buyer: { id: buyer.id, name: 'Nordlicht' }, supplier: { id: supplier.id, name: 'Hengtai' } },
    treeSize: log.size,
    root: log.root(),
    entries,
    proof: log.batchProof(entries.map((e) => e.leafIndex)),
    keys,
    attachments: [{ sha256: FILE_SHA, size: FILE.length, mediaType: 'application/pdf', filename: 'iso13485.pdf', content: toBase64(FILE) }],
  });
}

const clone = (d: Dossier): Dossier => JSON.parse(JSON.stringify(d));
const codes = (d: unknown, opts = {}) => verifyDossier(crypto, d, opts).errors.map((e) => `${e.entry ?? '-'}:${e.code}`);
/** Positions of our engagement's entries in the dossier (keys come first). */
const pos = (d: Dossier, id: string) => d.entries.findIndex((e) => JSON.parse(e.leaf).id === id);

describe('verifyDossier', () => {
  const good = dossierOf(build());

  it('accepts the exported dossier and says what it checked', () => {
    const r = verifyDossier(crypto, good);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.entries).toBe(9);
    expect(r.checked).toMatchObject({ signaturesChecked: 9, attachmentsChecked: 1, keys: 3, chainLength: 5, checkpoint: { origin: ORIGIN, size: 10 } });
    expect(codes(good, { logKey: verifierKey(crypto.sha256, ORIGIN, logSigner.publicKey) })).toEqual([]);
  });

  it('a changed byte in a record', () => {
    const d = clone(good);
    const i = pos(d, 'finding-4');
    d.entries[i]!.leaf = d.entries[i]!.leaf.replace('Gauge', 'Gaugf');
    expect(codes(d)).toEqual(expect.arrayContaining([`${i}:signature_invalid`, '-:entries_changed', '-:root_mismatch']));
  });

  it('a changed byte in an attachment', () => {
    const d = clone(good);
    const bytes = FILE.slice();
    bytes[3]! ^= 1;
    d.attachments[0]!.content = toBase64(bytes);
    expect(codes(d)).toEqual([`${pos(d, 'evidence-1')}:attachment_changed`]);
    d.attachments = [];
    expect(codes(d)).toEqual([`${pos(d, 'evidence-1')}:attachment_missing`]);
  });

  it('an entry removed, in the middle or at the end', () => {
    const d = clone(good);
    const i = pos(d, 'gate_decision-3');
    d.entries.splice(i, 1);
    expect(codes(d)).toEqual(expect.arrayContaining(['-:entries_removed', `${i}:chain_broken`, '-:entries_changed']));
    const e = clone(good);
    e.entries.pop();
    expect(codes(e)).toEqual(expect.arrayContaining(['-:entries_removed', '-:entries_changed']));
  });

  it('an entry removed with the proof rebuilt to fit (an attacker who knows the leaf hash) is still caught by the signed head', () => {
    const log = build();
    const d = dossierOf(log);
    const i = pos(d, 'visit_outcome-7');
    const kept = d.entries.filter((_, k) => k !== i);
    d.entries = kept;
    d.proof = log.batchProof(kept.map((e) => e.leafIndex)).map(toHex);
    expect(codes(d)).toEqual(['-:entries_removed', '-:entries_changed']);
  });

  it('an entry added (another engagement’s, or a forged one)', () => {
    const log = build();
    const d = clone(good);
    const other = log.records.findIndex((r) => r.id === 'other');
    d.entries.splice(pos(d, 'evidence-1') + 1, 0, { leafIndex: other, leaf: log.leaves[other]! });
    expect(codes(d)).toEqual(expect.arrayContaining(['-:entries_added', `${pos(d, 'evidence-1') + 1}:foreign_entry`]));
    const e = clone(good);
    const last = JSON.parse(e.entries[e.entries.length - 1]!.leaf);
    const forged: LogRecord = { ...last, id: 'forged', seq: last.seq + 1, prev: null, content: { outcome: 'all good' } };
    delete (forged as Partial<LogRecord & { signature: string }>).signature;
    e.entries.push({ leafIndex: 99, leaf: signRecord(forged, buyer.signer).leaf });
    expect(codes(e)).toEqual(expect.arrayContaining(['-:entries_added', `${e.entries.length - 1}:chain_broken`]));
  });

  it('entries reordered', () => {
    const d = clone(good);
    const a = pos(d, 'gate_decision-3');
    const b = pos(d, 'finding-4');
    [d.entries[a], d.entries[b]] = [d.entries[b]!, d.entries[a]!];
    expect(codes(d)).toEqual(expect.arrayContaining([`${b}:entry_out_of_order`, '-:entries_changed']));
    // Keeping the leaf indexes in order but swapping what they hold breaks the chain and the root.
    const e = clone(good);
    const la = e.entries[a]!.leaf;
    e.entries[a]!.leaf = e.entries[b]!.leaf;
    e.entries[b]!.leaf = la;
    expect(codes(e)).toEqual(expect.arrayContaining([`${a}:chain_broken`, '-:entries_changed', '-:root_mismatch']));
  });

  it('a forged signature and a signature by the wrong key', () => {
    const d = clone(good);
    const i = pos(d, 'finding-4');
    const r = JSON.parse(d.entries[i]!.leaf);
    r.signature = toBase64Url(new Uint8Array(64).fill(7));
    d.entries[i]!.leaf = canonicalize(r);
    expect(codes(d)).toContain(`${i}:signature_invalid`);

    const e = clone(good);
    const { signature: _s, ...unsigned } = JSON.parse(e.entries[i]!.leaf);
    // Signed by the supplier's key but claiming to be the buyer's record under that key.
    e.entries[i]!.leaf = signRecord({ ...unsigned, keyId: kid(supplierNewKey) }, supplierNewKey).leaf;
    expect(codes(e)).toContain(`${i}:wrong_key`);
    // Signed by a key nobody published.
    e.entries[i]!.leaf = signRecord({ ...unsigned, keyId: kid(stranger) }, stranger).leaf;
    expect(codes(e)).toContain(`${i}:unknown_key`);
    // The buyer's key id with a stranger's signature.
    e.entries[i]!.leaf = canonicalize({ ...unsigned, signature: signRecord(unsigned, stranger).signed.signature });
    expect(codes(e)).toContain(`${i}:signature_invalid`);
  });

  it('a proof that does not lead to the signed root', () => {
    const d = clone(good);
    d.proof[0] = toHex(crypto.sha256('not the node'));
    expect(codes(d)).toEqual(['-:root_mismatch']);
    d.proof.pop();
    expect(codes(d)).toEqual(['-:proof_mismatch']);
  });

  it('a checkpoint signed by an unknown key, or changed after signing', () => {
    const d = clone(good);
    const log = build();
    d.checkpoint = signedCheckpoint(crypto, 'evil.example/log', stranger, log.size, log.root());
    expect(codes(d)).toContain('-:checkpoint_unknown_key');
    const e = clone(good);
    e.checkpoint = e.checkpoint.replace(`\n${log.size}\n`, `\n${log.size + 1}\n`);
    expect(codes(e)).toContain('-:checkpoint_bad_signature');
    // Replacing the log key in the file does not help against a pinned key.
    const f = clone(good);
    f.log.verifierKey = verifierKey(crypto.sha256, ORIGIN, stranger.publicKey);
    f.checkpoint = signedCheckpoint(crypto, ORIGIN, stranger, log.size, log.root());
    expect(codes(f, { logKey: verifierKey(crypto.sha256, ORIGIN, logSigner.publicKey) })).toEqual(expect.arrayContaining(['-:log_key_mismatch', '-:checkpoint_unknown_key']));
  });

  it('a signature by a key revoked before the signing time', () => {
    // The supplier's first key is declared compromised since 1 February: its entry of 1 February no longer counts.
    const d = dossierOf(build({ revokeSupplierKeyAt: '2026-01-31T00:00:00.000Z' }));
    expect(codes(d)).toEqual([`${pos(d, 'evidence-1')}:key_revoked`]);
  });

  it('an entry appended before its key was published', () => {
    // A log whose supplier entry comes before the supplier's key entry (the key is published after the fact).
    const log = new MemoryLog(crypto);
    keyEntry(log, buyer.id, buyer.signer, '2026-01-01T00:00:00.000Z');
    log.append({ kind: 'evidence', id: 'early', stream: engagementStream(ENG), recordedAt: '2026-02-01T00:00:00.000Z', organizationId: supplier.id, keyId: kid(supplier.signer), content: { title: 'early' } }, supplier.signer);
    keyEntry(log, supplier.id, supplier.signer, '2026-01-01T00:00:00.000Z');
    const d = dossierOf(log);
    expect(codes(d)).toEqual([`${pos(d, 'early')}:key_not_yet_published`]);
  });

  it('a key list that hides a revocation', () => {
    const d = clone(good);
    for (const k of d.keys) k.revokedAt = null;
    expect(codes(d)).toContain('-:keys_mismatch');
  });

  it('refuses what is not a dossier at all', () => {
    expect(() => verifyDossier(crypto, { hello: 1 })).toThrow(/not a bonafide-dossier/);
    expect(() => verifyDossier(crypto, [])).toThrow();
  });
});
