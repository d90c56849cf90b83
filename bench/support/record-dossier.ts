// A dossier of N entries in a log of N + N/20 (the log's other entries make the batch proof non-trivial), built
// with the domain code as the server builds one: signed JCS records, RFC 9162 tree, signed checkpoint and head.
import { createHash } from 'node:crypto';
import { nodeSha256, signerFromSeed } from '../../src/crypto/node-record-crypto.js';
import { assembleDossier } from '../../src/domain/record/assemble.js';
import { publicKeyMultibase } from '../../src/domain/record/did-key.js';
import type { Dossier } from '../../src/domain/record/dossier.js';
import { engagementStream, organizationStream, signRecord, type LogRecord } from '../../src/domain/record/entry.js';
import { toHex } from '../../src/domain/record/bytes.js';
import { batchRanges, leafHash, nodeHash, rangeHash, type PerfectNode } from '../../src/domain/record/merkle.js';

export function buildDossier(n: number): Dossier {
  const sha = nodeSha256;
  const logSigner = signerFromSeed(new Uint8Array(32).fill(1));
  const buyer = signerFromSeed(new Uint8Array(32).fill(2));
  const supplier = signerFromSeed(new Uint8Array(32).fill(3));
  const orgs = [
    { id: 'org-buyer', signer: buyer, keyId: publicKeyMultibase(buyer.publicKey) },
    { id: 'org-supplier', signer: supplier, keyId: publicKeyMultibase(supplier.publicKey) },
  ];
  const leaves: string[] = [];
  const hashes: Uint8Array[] = [];
  const mine: number[] = [];
  const add = (r: LogRecord, signer: typeof buyer, inDossier: boolean) => {
    const { leaf } = signRecord(r, signer);
    if (inDossier) mine.push(leaves.length);
    leaves.push(leaf);
    hashes.push(leafHash(sha, leaf));
    return toHex(hashes[hashes.length - 1]!);
  };
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (const o of orgs) {
    add({ v: 1, kind: 'key', id: `key-${o.id}`, stream: organizationStream(o.id), seq: 1, prev: null, recordedAt: new Date(t0).toISOString(), organizationId: o.id, keyId: o.keyId, supersedes: null, content: { publicKeyMultibase: o.keyId, validFrom: new Date(t0).toISOString() }, attachments: [] }, o.signer, true);
  }
  let prev: string | null = null;
  let other: string | null = null;
  for (let i = 0; i < n; i++) {
    const o = orgs[i % 2]!;
    const at = new Date(t0 + 60_000 + i * 1000).toISOString();
    prev = add(
      { v: 1, kind: 'evidence', id: `ev-${i}`, stream: engagementStream('eng-1'), seq: i + 1, prev, recordedAt: at, organizationId: o.id, keyId: o.keyId, supersedes: null, content: { kind: 'batch_test_record', provenance: 'documented', title: `Batch test record, lot H-${100000 + i}`, lotSha256: createHash('sha256').update(`lot ${i}`).digest('hex') }, attachments: [] },
      o.signer,
      true,
    );
    if (i % 20 === 0) {
      other = add({ v: 1, kind: 'evidence', id: `other-${i}`, stream: engagementStream('eng-2'), seq: i / 20 + 1, prev: other, recordedAt: at, organizationId: 'org-buyer', keyId: orgs[0]!.keyId, supersedes: null, content: { title: 'another engagement' }, attachments: [] }, buyer, false);
    }
  }
  // Perfect-subtree hashes level by level, for the root and the batch proof.
  const levels: Uint8Array[][] = [hashes];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(sha, below[i]!, below[i + 1]!));
    levels.push(up);
  }
  const perfect = (p: PerfectNode) => levels[p.level]![p.index]!;
  const size = leaves.length;
  const root = rangeHash(sha, { start: 0, end: size }, perfect);
  const proof = batchRanges(mine, size).map((r) => rangeHash(sha, r, perfect));
  return assembleDossier(
    { sha256: sha },
    {
      origin: 'bench.bonafide/log',
      logSigner,
      exportedAt: new Date(t0 + 86_400_000 * 30).toISOString(),
      engagement: { id: 'eng-1', title: 'Bench', buyer: { id: 'org-buyer', name: 'Buyer' }, supplier: { id: 'org-supplier', name: 'Supplier' } },
      treeSize: size,
      root,
      entries: mine.map((i) => ({ leafIndex: i, leaf: leaves[i]!, leafHash: hashes[i]! })),
      proof,
      keys: orgs.map((o) => ({ organizationId: o.id, organizationName: o.id, keyId: o.keyId, validFrom: new Date(t0).toISOString(), revokedAt: null, revocationReason: null })),
      // No files: attachments are hashed once whatever the record does, so the benchmark measures the record's work.
      attachments: [],
    },
  );
}
