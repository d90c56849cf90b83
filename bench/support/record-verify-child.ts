// One round of the dossier-verification benchmark in a fresh process: builds the dossier, then times
// verifyDossier without signatures against a bare node:crypto loop over the same leaves and the same number of
// node hashes, alternating; then times the signature checks on their own. Prints one JSON line.
import { createHash } from 'node:crypto';
import { nodeRecordCrypto } from '../../src/crypto/node-record-crypto.js';
import { verifyDossier } from '../../src/domain/record/dossier.js';
import { buildDossier } from './record-dossier.js';

const N = Number(process.argv[2] ?? 1_000_000);
const REPS = Number(process.argv[3] ?? 3);
const t0 = process.hrtime.bigint();
const dossier = buildDossier(N);
const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
const leaves = dossier.entries.map((e) => e.leaf);
const nodes = dossier.entries.length + dossier.proof.length - 1;
const ZERO = Buffer.of(0);
const ONE = Buffer.of(1);

function bare(): number {
  const t = process.hrtime.bigint();
  const hs: Buffer[] = new Array(leaves.length);
  for (let i = 0; i < leaves.length; i++) hs[i] = createHash('sha256').update(ZERO).update(leaves[i]!).digest();
  let acc = hs[0]!;
  for (let i = 0; i < nodes; i++) acc = createHash('sha256').update(ONE).update(acc).update(hs[(i + 1) % hs.length]!).digest();
  if (acc.length !== 32) throw new Error('unreachable');
  return Number(process.hrtime.bigint() - t) / 1e6;
}
function verify(signatures: boolean): number {
  const t = process.hrtime.bigint();
  const r = verifyDossier(nodeRecordCrypto, dossier, { signatures });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!r.valid) throw new Error(`the benchmark dossier does not verify: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return ms;
}

const bareRuns: number[] = [];
const verifyRuns: number[] = [];
bare();
verify(false);
for (let i = 0; i < REPS; i++) {
  bareRuns.push(bare());
  verifyRuns.push(verify(false));
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
// Signature checks on their own, over the first SIG entries (JCS of each record and one Ed25519 verification).
const SIG = Math.min(dossier.entries.length, Number(process.env.BENCH_RECORD_SIG_ENTRIES ?? 100_000));
const sample = { ...dossier, entries: dossier.entries.slice(0, SIG) };
const ts = process.hrtime.bigint();
const sig = verifyDossier(nodeRecordCrypto, sample, { signatures: true });
const sigMs = Number(process.hrtime.bigint() - ts) / 1e6;
const tn = process.hrtime.bigint();
verifyDossier(nodeRecordCrypto, sample, { signatures: false });
const noSigMs = Number(process.hrtime.bigint() - tn) / 1e6;
const fileMB = dossier.entries.reduce((n, e) => n + e.leaf.length * 1.15 + 24, 0) / 1e6;
process.stdout.write(
  JSON.stringify({
    entries: dossier.entries.length,
    proof: dossier.proof.length,
    nodes,
    buildMs,
    bare: median(bareRuns),
    verify: median(verifyRuns),
    signatureChecks: sig.checked.signaturesChecked,
    signatureMs: sigMs - noSigMs,
    fileMB,
  }) + '\n',
);
