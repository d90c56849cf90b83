// `bonafide dossier verify FILE [--json] [--log-key KEY]`: checks an exported dossier offline — no server, no
// database, no network; only the domain code and node:crypto are loaded (see offline-program.ts).
// Exit codes: 0 valid, 1 invalid, 2 unreadable (missing file, not JSON, not a dossier) or a usage error.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { nodeRecordCrypto } from '../../crypto/node-record-crypto.js';
import { verifyDossier, type DossierCheck } from '../../domain/record/dossier.js';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNREADABLE = 2;

export function dossierJson(r: DossierCheck) {
  return { valid: r.valid, entries: r.entries, errors: r.errors.map((e) => ({ entry: e.entry, code: e.code, message: e.message })) };
}

export function dossierText(r: DossierCheck): string {
  const c = r.checked;
  const cp = c.checkpoint ? `checkpoint of ${c.checkpoint.origin} at size ${c.checkpoint.size}` : 'no valid checkpoint';
  const what = `${r.entries} entries; ${cp}; ${c.signaturesChecked} signatures, ${c.attachmentsChecked} attachments, ${c.keys} keys checked`;
  if (r.valid) return `valid — ${what}`;
  const lines = r.errors.map((e) => `  ${e.entry === null ? 'dossier' : `entry ${e.entry}`}: ${e.code} — ${e.message}`);
  return [`invalid — ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} (${what})`, ...lines].join('\n');
}

export function registerDossierCommand(program: Command): void {
  const dossier = program.command('dossier').description('engagement dossiers exported from Bonafide').exitOverride();
  dossier
    .command('verify')
    .description('verify a dossier offline: signed checkpoint, inclusion proof, signatures, keys and their revocations, attachments; exit 0 valid, 1 invalid, 2 unreadable')
    .argument('<file>', 'the dossier JSON file (GET /api/v1/engagements/{id}/dossier)')
    .option('--json', 'print {"valid", "entries", "errors": [{"entry", "code", "message"}]}')
    .option('--log-key <key>', 'trust only this log verifier key (<origin>+<key id>+<base64 key>) instead of the one the file names')
    .exitOverride()
    .action((file: string, opts: { json?: boolean; logKey?: string }) => {
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        process.stderr.write(`error: cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = EXIT_UNREADABLE;
        return;
      }
      let result: DossierCheck;
      try {
        result = verifyDossier(nodeRecordCrypto, input, opts.logKey ? { logKey: opts.logKey } : {});
      } catch (e) {
        process.stderr.write(`error: ${file} is not a dossier: ${(e as Error).message}\n`);
        process.exitCode = EXIT_UNREADABLE;
        return;
      }
      process.stdout.write(`${opts.json ? JSON.stringify(dossierJson(result)) : dossierText(result)}\n`);
      process.exitCode = result.valid ? EXIT_VALID : EXIT_INVALID;
    });
}
