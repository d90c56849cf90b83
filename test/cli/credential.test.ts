// `bonafide credential verify FILE [--json] [--revocations FILE] [--at ISO]`: exit 0 valid, 1 invalid, 2 unreadable.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCredentialCommand } from '../../src/cli/commands/credential.js';
import { nodeSha256, signerFromSeed } from '../../src/crypto/node-record-crypto.js';
import { revocationListDocument, signCredential } from '../../src/domain/record/credential.js';
import { decodePrivateKeyMultibase, didKeyOf } from '../../src/domain/record/did-key.js';
import { captureCliOutput } from '../support/cli-output.js';

const { out, err } = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'bonafide-vc-'));
const write = (doc: unknown) => {
  const f = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return f;
};
async function run(...args: string[]) {
  out.length = 0;
  err.length = 0;
  const program = new Command('bonafide').exitOverride();
  registerCredentialCommand(program);
  try {
    await program.parseAsync(['node', 'bonafide', 'credential', 'verify', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = 2;
  }
  const stdout = out.join('');
  return { code: Number(process.exitCode ?? 0), stdout, json: args.includes('--json') && stdout ? JSON.parse(stdout) : null };
}

// The W3C test-vector key as the issuer's did:key.
const signer = signerFromSeed(decodePrivateKeyMultibase('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq'));
const issuer = didKeyOf(signer.publicKey);
const doc = signCredential(
  { sha256: nodeSha256 },
  {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:6a1f0c2e-3d4b-4c5d-8e9f-000000000042',
    type: ['VerifiableCredential', 'TrackRecordCredential'],
    issuer: { id: issuer, name: 'Nordlicht Medical GmbH' },
    validFrom: '2026-03-01T00:00:00Z',
    validUntil: '2028-03-01T00:00:00Z',
    credentialSubject: { id: 'did:key:z6MkhSupplier', trackRecord: { kpis: [{ key: 'otd', value: 96.5, status: 'met' }] } },
  },
  signer,
  '2026-03-01T00:00:00Z',
);

describe('bonafide credential verify', () => {
  it('valid: exit 0 with the issuer, and a warning that revocation was not checked offline', async () => {
    const r = await run(write(doc), '--json', '--at', '2026-06-01T00:00:00Z');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ valid: true, issuer, errors: [] });
    expect(r.json.warnings[0].code).toBe('revocation_not_checked');
    expect((await run(write(doc), '--at', '2026-06-01T00:00:00Z')).stdout).toMatch(/^valid — issued by did:key:z6Mk/);
  });

  it.each([
    ['a changed byte', { ...doc, validUntil: '2029-03-01T00:00:00Z' }, 'signature_invalid', '2026-06-01T00:00:00Z'],
    ['expired', doc, 'expired', '2028-06-01T00:00:00Z'],
    ['an issuer that is not a did:key (the W3C vector’s URL issuer)', signCredential({ sha256: nodeSha256 }, { ...doc, issuer: 'https://vc.example/issuers/5678' }, signer, '2026-03-01T00:00:00Z'), 'issuer_not_did_key', '2026-06-01T00:00:00Z'],
  ])('%s: exit 1', async (_, credential, code, at) => {
    const r = await run(write(credential), '--json', '--at', at);
    expect(r.code).toBe(1);
    expect(r.json.errors.map((e: { code: string }) => e.code)).toContain(code);
  });

  it('revoked per the issuer’s signed revocation list: exit 1', async () => {
    const list = signCredential({ sha256: nodeSha256 }, revocationListDocument(issuer, '2026-05-01T00:00:00Z', [{ id: String(doc.id), revokedAt: '2026-05-01T00:00:00Z', reason: 'KPI data corrected' }]), signer, '2026-05-01T00:00:00Z');
    const r = await run(write(doc), '--json', '--at', '2026-06-01T00:00:00Z', '--revocations', write(list));
    expect(r.code).toBe(1);
    expect(r.json.errors).toEqual([expect.objectContaining({ code: 'revoked' })]);
  });

  it('unreadable: exit 2', async () => {
    expect((await run(join(dir, 'missing.json'))).code).toBe(2);
    expect((await run(write('{not json'))).code).toBe(2);
    expect((await run(write(doc), '--at', 'yesterday')).code).toBe(2);
  });
});
