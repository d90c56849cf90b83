// Puts a dossier together from what the log holds: the server's export and the in-memory log of tests and
// benchmarks both come through here, so they produce the same file.
import { toHex } from './bytes.js';
import type { Ed25519Signer, RecordCrypto } from './crypto.js';
import { DOSSIER_FORMAT, entriesDigest, formatDossierHead, type Dossier, type DossierAttachment, type DossierKey } from './dossier.js';
import { formatCheckpoint, signNote, verifierKey } from './note.js';

export interface AssembleInput {
  origin: string;
  logSigner: Ed25519Signer;
  exportedAt: string;
  engagement: Dossier['engagement'];
  treeSize: number;
  root: Uint8Array;
  entries: { leafIndex: number; leaf: string; leafHash: Uint8Array }[];
  proof: Uint8Array[];
  keys: DossierKey[];
  attachments: DossierAttachment[];
  /** A checkpoint already signed for this size (the log's published one); signed anew when absent. */
  checkpoint?: string;
}

export function signedCheckpoint(crypto: Pick<RecordCrypto, 'sha256'>, origin: string, signer: Ed25519Signer, size: number, root: Uint8Array): string {
  return signNote(crypto.sha256, formatCheckpoint({ origin, size, root, extensions: [] }), [{ name: origin, signer }]);
}

export function assembleDossier(crypto: Pick<RecordCrypto, 'sha256'>, a: AssembleInput): Dossier {
  const sorted = [...a.entries].sort((x, y) => x.leafIndex - y.leafIndex);
  const head = formatDossierHead({
    origin: a.origin,
    engagementId: a.engagement.id,
    treeSize: a.treeSize,
    entries: sorted.length,
    digest: entriesDigest(crypto, sorted.map((e) => e.leafHash)),
  });
  return {
    format: DOSSIER_FORMAT,
    exportedAt: a.exportedAt,
    engagement: a.engagement,
    log: { origin: a.origin, verifierKey: verifierKey(crypto.sha256, a.origin, a.logSigner.publicKey) },
    checkpoint: a.checkpoint ?? signedCheckpoint(crypto, a.origin, a.logSigner, a.treeSize, a.root),
    head: signNote(crypto.sha256, head, [{ name: a.origin, signer: a.logSigner }]),
    keys: a.keys,
    entries: sorted.map((e) => ({ leafIndex: e.leafIndex, leaf: e.leaf })),
    proof: a.proof.map(toHex),
    attachments: a.attachments,
  };
}
