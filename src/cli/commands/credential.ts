// `bonafide credential verify FILE [--json] [--revocations FILE] [--at ISO]`: verifies a W3C Verifiable Credential
// secured with eddsa-jcs-2022 whose issuer is a did:key, offline. Revocation is checked against the issuer's
// signed revocation list when given (GET /api/v1/credentials/revocations/{did}); otherwise a warning says so.
// Exit codes: 0 valid, 1 invalid, 2 unreadable or a usage error.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { nodeRecordCrypto } from '../../crypto/node-record-crypto.js';
import { revocationFromList, verifyCredential, type CredentialCheck, type JsonObject, type RevocationStatus } from '../../domain/record/credential.js';

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function credentialJson(r: CredentialCheck) {
  return { valid: r.valid, issuer: r.issuer, errors: r.errors, warnings: r.warnings, checked: r.checked };
}

export function registerCredentialCommand(program: Command): void {
  const credential = program.command('credential').description('verifiable credentials (W3C VC 2.0, eddsa-jcs-2022, did:key issuers)').exitOverride();
  credential
    .command('verify')
    .description('verify a credential offline: shape, proof, issuer key, validity period and (with --revocations) revocation; exit 0 valid, 1 invalid, 2 unreadable')
    .argument('<file>', 'the credential JSON file')
    .option('--json', 'print {"valid", "issuer", "errors": [...]}')
    .option('--revocations <file>', 'the issuer’s signed revocation list, to check revocation offline')
    .option('--at <datetime>', 'verify as of this instant instead of now (ISO 8601)')
    .exitOverride()
    .action((file: string, opts: { json?: boolean; revocations?: string; at?: string }) => {
      let doc: unknown;
      let list: unknown;
      try {
        doc = readJson(file);
        if (opts.revocations) list = readJson(opts.revocations);
      } catch (e) {
        process.stderr.write(`error: cannot read ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const now = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(now.getTime())) {
        process.stderr.write(`error: --at must be an ISO 8601 date-time\n`);
        process.exitCode = 2;
        return;
      }
      let status: RevocationStatus = { checked: false };
      const extra = [];
      if (list !== undefined && typeof doc === 'object' && doc !== null) {
        const r = revocationFromList(nodeRecordCrypto, list, doc as JsonObject, now);
        status = r.status;
        if (r.error) extra.push(r.error);
      }
      const result = verifyCredential(nodeRecordCrypto, doc, now, status);
      if (extra.length) {
        result.errors.push(...extra);
        result.valid = false;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(credentialJson(result))}\n`);
      else {
        const head = result.valid ? `valid — issued by ${result.issuer}; checked ${result.checked.join(', ')}` : `invalid — ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`;
        const lines = [...result.errors.map((e) => `  ${e.code} — ${e.message}`), ...result.warnings.map((w) => `  note: ${w.message}`)];
        process.stdout.write([head, ...lines].join('\n') + '\n');
      }
      process.exitCode = result.valid ? 0 : 1;
    });
}
