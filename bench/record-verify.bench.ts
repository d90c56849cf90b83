// Verifying a dossier of 1,000,000 entries (`verifyDossier`, the code `bonafide dossier verify` and the browser
// run): leaf hashes, chain, signed head digest, batch inclusion proof to the signed checkpoint, keys, against a
// bare node:crypto loop that hashes the same leaves and as many nodes. Signature checks are timed on their own.
// Target: >= 0.5 of the bare loop's rate. Each round is a fresh process.
import { join } from 'node:path';
import { result, ROUNDS, type Bench } from './harness.js';
import { REPO } from './support/build.js';
import { runProcess } from './support/cli.js';

const N = Number(process.env.BENCH_RECORD_ENTRIES ?? 1_000_000);

interface Round {
  entries: number;
  proof: number;
  nodes: number;
  buildMs: number;
  bare: number;
  verify: number;
  signatureChecks: number;
  signatureMs: number;
  fileMB: number;
}

const bench: Bench = {
  title: `dossier verification, ${N.toLocaleString('en-US')} entries, against bare node:crypto hashing of the same leaves and nodes`,
  async run() {
    const rounds: Round[] = [];
    for (let i = 0; i < Math.max(1, Math.min(ROUNDS, Number(process.env.BENCH_RECORD_ROUNDS ?? 1))); i++) {
      const r = await runProcess([process.execPath, '--max-old-space-size=8192', '--import', 'tsx', join(REPO, 'bench', 'support', 'record-verify-child.ts'), String(N), '3']);
      if (r.code !== 0) throw new Error(r.stderr);
      rounds.push(JSON.parse(r.stdout) as Round);
    }
    const rate = (ms: number, n: number) => n / (ms / 1000);
    const first = rounds[0]!;
    const r = result({
      name: `verifyDossier without signatures, ${first.entries.toLocaleString('en-US')} entries (batch proof of ${first.proof.toLocaleString('en-US')} hashes)`,
      unit: 'entries/s',
      value: rounds.map((x) => rate(x.verify, x.entries)),
      ceilingName: `bare createHash loop: the same ${first.entries.toLocaleString('en-US')} leaves and ${first.nodes.toLocaleString('en-US')} node hashes`,
      ceiling: rounds.map((x) => rate(x.bare, x.entries)),
      better: 'higher',
      target: 'ratio >= 0.5',
      notes: [
        `signature checks apart: ${Math.round(rate(first.signatureMs, first.signatureChecks)).toLocaleString('en-US')} entries/s (JCS + Ed25519 over ${first.signatureChecks.toLocaleString('en-US')} entries)`,
        `dossier ≈ ${first.fileMB.toFixed(0)} MB as JSON; built in ${(first.buildMs / 1000).toFixed(1)} s`,
      ],
    });
    r.pass = r.ratio >= 0.5;
    return [r];
  },
};
export default bench;
