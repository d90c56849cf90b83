// `bonafide dossier verify` on a dossier exported over the API, tampered with in each way the issue lists; exit
// codes 0/1/2; the binary in a fresh folder with no database; and the command's import graph, which must not
// reach the server, the database or the network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDossierCommand } from '../../src/cli/commands/dossier.js';
import { nodeRecordCrypto as crypto, signerFromSeed } from '../../src/crypto/node-record-crypto.js';
import { signedCheckpoint } from '../../src/domain/record/assemble.js';
import { toBase64, toBase64Url } from '../../src/domain/record/bytes.js';
import { parseCheckpoint, parseSignedNote } from '../../src/domain/record/note.js';
import { signRecord } from '../../src/domain/record/entry.js';
import { publicKeyMultibase } from '../../src/domain/record/did-key.js';
import { canonicalize } from '../../src/domain/record/jcs.js';
import type { App } from '../../src/http/routes/types.js';
import { captureCliOutput } from '../support/cli-output.js';
import { createTestContext, type TestContext } from '../support/databases.js';
import { multipart, signupClient, testApp } from '../support/http.js';

const { out, err } = captureCliOutput();
const dir = mkdtempSync(join(tmpdir(), 'bonafide-dossier-'));

async function verify(doc: unknown, ...flags: string[]) {
  const file = join(dir, `d-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return run(file, ...flags);
}
async function run(file: string, ...flags: string[]) {
  out.length = 0;
  err.length = 0;
  const program = new Command('bonafide').exitOverride();
  registerDossierCommand(program);
  try {
    await program.parseAsync(['node', 'bonafide', 'dossier', 'verify', file, ...flags]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = 2;
  }
  const stdout = out.join('');
  return { code: Number(process.exitCode ?? 0), stdout, stderr: err.join(''), json: flags.includes('--json') && stdout ? JSON.parse(stdout) : null };
}
const codesOf = (r: { json: { errors: { entry: number | null; code: string }[] } }) => r.json.errors.map((e) => `${e.entry ?? '-'}:${e.code}`);

describe('bonafide dossier verify', () => {
  let ctx: TestContext;
  let app: App;
  let dossier: any;
  let revokedDossier: any;
  const clone = () => JSON.parse(JSON.stringify(dossier));
  const posOf = (d: any, kind: string) => d.entries.findIndex((e: any) => JSON.parse(e.leaf).kind === kind && JSON.parse(e.leaf).stream.startsWith('engagement:'));

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    app = await testApp(ctx);
    const buyer = await signupClient(app, { name: 'Nordlicht Medical GmbH', kind: 'buyer', country: 'DE' });
    const supplier = await signupClient(app, { name: 'Ningbo Hengtai Precision', kind: 'supplier', country: 'CN' });
    // Another organization's key entry is in the log but not in the dossier: the proof has something to prove.
    await signupClient(app, { name: 'Lakeshore Outdoor Inc.', kind: 'buyer', country: 'US' });
    const e = (await buyer.post('/api/v1/engagements', { supplierOrganizationId: supplier.organizationId, title: 'Infusion pump housings', scope: { products: ['Housing'], destinationCountry: 'DE', productMaturity: 'custom' } })).json();
    await supplier.post(`/api/v1/engagements/${e.id}/response`, { decision: 'accept' });
    const up = multipart('iso13485.pdf', Buffer.from('%PDF-1.4\n% ISO 13485 certificate\n%%EOF\n'));
    const file = (await supplier.request('POST', '/api/v1/files', up.payload, up.headers)).json();
    await supplier.post(`/api/v1/engagements/${e.id}/evidence`, { kind: 'certificate', provenance: 'documented', title: 'ISO 13485', issuer: 'TÜV SÜD', fileIds: [file.id], attributes: { standard: 'ISO 13485' } });
    await buyer.post(`/api/v1/engagements/${e.id}/gates`, { decision: 'hold', expectedPhase: 'credibility', rationale: 'Registry extract pending' });
    await buyer.post(`/api/v1/engagements/${e.id}/evidence`, { kind: 'testimonial', provenance: 'self_declared', title: 'Reference call with a German OEM' });
    dossier = (await buyer.get(`/api/v1/engagements/${e.id}/dossier`)).json();
    // The supplier's key is then found compromised since it was made: its entries stop verifying.
    const key = (await supplier.get(`/api/v1/organizations/${supplier.organizationId}/keys`)).json()[0];
    await supplier.post(`/api/v1/organization/keys/${key.keyId}/revoke`, { reason: 'compromised', effectiveFrom: key.validFrom });
    revokedDossier = (await buyer.get(`/api/v1/engagements/${e.id}/dossier`)).json();
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
  });

  it('valid: exit 0 and {"valid": true, "entries": n, "errors": []}', async () => {
    const r = await verify(dossier, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ valid: true, entries: dossier.entries.length, errors: [] });
    const text = await verify(dossier);
    expect(text.stdout).toMatch(/^valid — \d+ entries; checkpoint of .+ at size \d+; \d+ signatures, 1 attachments, 2 keys checked/);
  });

  it.each([
    ['a changed byte in a record', (d: any) => { const i = posOf(d, 'gate_decision'); d.entries[i].leaf = d.entries[i].leaf.replace('"rationale":"', '"rationale":"X'); return [`${i}:signature_invalid`, '-:entries_changed', '-:root_mismatch']; }],
    ['a changed byte in an attachment', (d: any) => { const b = Buffer.from(d.attachments[0].content, 'base64'); b[5] ^= 1; d.attachments[0].content = b.toString('base64'); return [`${posOf(d, 'evidence')}:attachment_changed`]; }],
    ['an entry removed', (d: any) => { const i = posOf(d, 'gate_decision'); d.entries.splice(i, 1); return ['-:entries_removed', `${i}:chain_broken`, '-:entries_changed']; }],
    ['an entry added', (d: any) => { d.entries.push({ ...d.entries[d.entries.length - 1], leafIndex: d.entries[d.entries.length - 1].leafIndex + 1 }); return ['-:entries_added', `${d.entries.length - 1}:chain_broken`, '-:entries_changed']; }],
    ['entries reordered', (d: any) => { const i = posOf(d, 'gate_decision'); [d.entries[i], d.entries[i + 1]] = [d.entries[i + 1], d.entries[i]]; return [`${i + 1}:entry_out_of_order`, '-:entries_changed']; }],
    ['a forged signature', (d: any) => { const i = posOf(d, 'gate_decision'); const r = JSON.parse(d.entries[i].leaf); r.signature = toBase64Url(new Uint8Array(64).fill(3)); d.entries[i].leaf = canonicalize(r); return [`${i}:signature_invalid`]; }],
    ['a wrong-key signature', (d: any) => { const i = posOf(d, 'gate_decision'); const { signature: _s, ...r } = JSON.parse(d.entries[i].leaf); const k = signerFromSeed(new Uint8Array(32).fill(8)); d.entries[i].leaf = signRecord({ ...r, keyId: publicKeyMultibase(k.publicKey) }, k).leaf; return [`${i}:unknown_key`]; }],
    ['a proof that does not lead to the signed root', (d: any) => { d.proof[0] = d.proof[0].replace(/^./, (c: string) => (c === '0' ? '1' : '0')); return ['-:root_mismatch']; }],
    ['a checkpoint signed by an unknown key', (d: any) => { const cp = parseCheckpoint(parseSignedNote(d.checkpoint).text); d.checkpoint = signedCheckpoint(crypto, cp.origin, signerFromSeed(new Uint8Array(32).fill(9)), cp.size, cp.root); return ['-:checkpoint_unknown_key']; }],
  ])('%s: exit 1 with the error that names it', async (_, tamper) => {
    const d = clone();
    const expected = tamper(d);
    const r = await verify(d, '--json');
    expect(r.code).toBe(1);
    expect(r.json.valid).toBe(false);
    expect(codesOf(r)).toEqual(expect.arrayContaining(expected));
    expect(expected.length).toBeGreaterThan(0);
    for (const e of r.json.errors) expect(Object.keys(e)).toEqual(['entry', 'code', 'message']);
  });

  it('a signature by a key revoked before the signing time: exit 1, key_revoked on that entry', async () => {
    const r = await verify(revokedDossier, '--json');
    expect(r.code).toBe(1);
    const i = revokedDossier.entries.findIndex((e: any) => JSON.parse(e.leaf).kind === 'evidence' && JSON.parse(e.leaf).content.title === 'ISO 13485');
    expect(codesOf(r)).toContain(`${i}:key_revoked`);
    expect(r.json.errors.every((e: any) => e.code === 'key_revoked')).toBe(true);
  });

  it('pins the log key: a dossier that names another one is refused', async () => {
    const d = clone();
    const other = signerFromSeed(new Uint8Array(32).fill(4));
    const pinned = `${d.log.origin}+00000000+${toBase64(Uint8Array.of(1, ...other.publicKey))}`;
    const r = await verify(d, '--json', '--log-key', pinned);
    expect(r.code).toBe(1); // a malformed pin (wrong key id) is reported like a mismatch, never trusted
    expect(r.json.valid).toBe(false);
  });

  it('unreadable: exit 2 for a missing file, a file that is not JSON, and JSON that is not a dossier', async () => {
    expect((await run(join(dir, 'nope.json'), '--json')).code).toBe(2);
    expect((await verify('{"format": "bonafide-dossier/1", "entries": [', '--json')).code).toBe(2);
    const r = await verify({ hello: 'world' }, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a dossier');
  });

  it('runs as the bonafide binary in a fresh folder with no database, server or network', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'bonafide-fresh-'));
    const file = join(fresh, 'dossier.json');
    writeFileSync(file, JSON.stringify(dossier));
    const main = resolve('src/cli/main.ts');
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@192.0.2.1:1/none', BONAFIDE_DATA_DIR: join(fresh, 'must-not-exist') };
    const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
    const r = spawnSync(process.execPath, ['--import', tsx, main, 'dossier', 'verify', 'dossier.json', '--json'], { cwd: fresh, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, entries: dossier.entries.length, errors: [] });
    expect(readdirSync(fresh)).toEqual(['dossier.json']);
    expect(existsSync(join(fresh, 'must-not-exist'))).toBe(false);
  });
});

describe('the offline commands’ import graph', () => {
  /** Static imports reachable from a module (dynamic `await import()` is not followed: it only loads on demand). */
  function reach(entry: string, seen = new Set<string>(), bare = new Set<string>()): { files: Set<string>; bare: Set<string> } {
    if (seen.has(entry)) return { files: seen, bare };
    seen.add(entry);
    const text = readFileSync(entry, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) reach(resolve(dirname(entry), spec.replace(/\.js$/, '.ts')), seen, bare);
      else bare.add(spec);
    }
    return { files: seen, bare };
  }

  it('main.ts → offline-program.ts reaches no server, database or network module', () => {
    const { files, bare } = reach(resolve('src/cli/main.ts'));
    const rel = [...files].map((f) => f.slice(resolve('.').length + 1));
    expect(rel).toContain('src/cli/commands/dossier.ts');
    expect(rel.filter((f) => /^src\/(db|http|services|storage)\/|^src\/runtime\.ts$/.test(f))).toEqual([]);
    expect([...bare].filter((b) => /^(pg|better-sqlite3|fastify|@fastify\/|kysely|node:(net|http|https|dgram|tls))/.test(b))).toEqual([]);
  });
});
