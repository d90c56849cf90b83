// The W3C vc-di-eddsa eddsa-jcs-2022 test vector reproduced byte for byte, the RFC 8785 vectors, did:key, and
// the ways a credential fails verification.
import { describe, expect, it } from 'vitest';
import { nodeRecordCrypto as crypto, nodeSha256, signerFromSeed } from '../../crypto/node-record-crypto.js';
import { toHex } from './bytes.js';
import { hashData, revocationFromList, revocationListDocument, signCredential, verifyCredential, verifyProof, type JsonObject } from './credential.js';
import { decodePrivateKeyMultibase, didKeyOf, publicKeyMultibase, publicKeyOfDidKey } from './did-key.js';
import { canonicalize } from './jcs.js';

const KEY = { publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2', privateKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq' };
const VM = `did:key:${KEY.publicKeyMultibase}#${KEY.publicKeyMultibase}`;
const CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'];
const UNSIGNED: JsonObject = {
  '@context': CONTEXT,
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  description: 'A minimum viable example of an Alumni Credential.',
  issuer: 'https://vc.example/issuers/5678',
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
};
const CANON_DOC =
  '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}';
const PROOF_VALUE = 'z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX';
const SIG_HEX =
  '407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b80351da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808';
const signer = signerFromSeed(decodePrivateKeyMultibase(KEY.privateKeyMultibase));

describe('RFC 8785 JCS (cyberphone/json-canonicalization vectors)', () => {
  it.each([
    [
      '{"numbers":[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals":[null,true,false]}',
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    ],
    ['[56,{"d":true,"10":null,"1":[]}]', '[56,{"1":[],"10":null,"d":true}]'],
    [
      '{"1":{"f":{"f":"hi","F":5},"\\n":56.0},"10":{},"":"empty","a":{},"111":[{"e":"yes","E":"no"}],"A":{}}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{"E":"no","e":"yes"}],"A":{},"a":{}}',
    ],
  ])('%s', (input, output) => {
    expect(canonicalize(JSON.parse(input))).toBe(output);
  });

  it('encodes € as UTF-8 e2 82 ac', () => {
    expect(toHex(new TextEncoder().encode(canonicalize({ s: '€' })))).toBe('7b2273223a22e282ac227d');
  });
});

describe('eddsa-jcs-2022 (w3c/vc-di-eddsa TestVectors)', () => {
  it('derives the vector key pair and its did:key', () => {
    expect(publicKeyMultibase(signer.publicKey)).toBe(KEY.publicKeyMultibase);
    expect(didKeyOf(signer.publicKey)).toBe(`did:key:${KEY.publicKeyMultibase}`);
    expect(toHex(publicKeyOfDidKey(VM))).toBe(toHex(signer.publicKey));
  });

  it('reproduces the canonical document, both hashes, the signature and the signed credential byte for byte', () => {
    expect(canonicalize(UNSIGNED)).toBe(CANON_DOC);
    const options = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', created: '2023-02-24T23:36:38Z', verificationMethod: VM, proofPurpose: 'assertionMethod' };
    const data = hashData({ sha256: nodeSha256 }, UNSIGNED, options);
    expect(toHex(data.slice(32))).toBe('59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19');
    expect(toHex(data.slice(0, 32))).toBe('66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db');
    expect(toHex(signer.sign(data))).toBe(SIG_HEX);
    const signed = signCredential({ sha256: nodeSha256 }, UNSIGNED, signer, '2023-02-24T23:36:38Z');
    expect(JSON.stringify(signed, null, 2)).toBe(
      JSON.stringify({ ...UNSIGNED, proof: { ...options, '@context': CONTEXT, proofValue: PROOF_VALUE } }, null, 2),
    );
    expect(verifyProof(crypto, signed)).toEqual([]);
  });

  it('refuses the vector with a changed byte, a forged proof value or another key', () => {
    const signed = signCredential({ sha256: nodeSha256 }, UNSIGNED, signer, '2023-02-24T23:36:38Z');
    expect(verifyProof(crypto, { ...signed, name: 'Alumni Credentiak' })[0]!.code).toBe('signature_invalid');
    const proof = signed.proof as JsonObject;
    expect(verifyProof(crypto, { ...signed, proof: { ...proof, proofValue: PROOF_VALUE.replace('z2H', 'z2J') } })[0]!.code).toBe('signature_invalid');
    const other = signerFromSeed(new Uint8Array(32).fill(7));
    const otherVm = `${didKeyOf(other.publicKey)}#${publicKeyMultibase(other.publicKey)}`;
    expect(verifyProof(crypto, { ...signed, proof: { ...proof, verificationMethod: otherVm } })[0]!.code).toBe('signature_invalid');
    expect(verifyProof(crypto, { ...signed, proof: { ...proof, created: '2023-02-24T23:36:39Z' } })[0]!.code).toBe('signature_invalid');
    expect(verifyProof(crypto, { ...signed, proof: { ...proof, cryptosuite: 'eddsa-rdfc-2022' } })[0]!.code).toBe('cryptosuite');
  });
});

describe('verifyCredential', () => {
  const issuer = didKeyOf(signer.publicKey);
  const doc: JsonObject = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:0b5b2b1e-1111-4c4c-9999-000000000001',
    type: ['VerifiableCredential', 'TrackRecordCredential'],
    issuer: { id: issuer, name: 'Nordlicht Medical GmbH' },
    validFrom: '2026-03-01T00:00:00Z',
    validUntil: '2028-03-01T00:00:00Z',
    credentialSubject: { id: 'did:key:z6Mksupplier', trackRecord: { kpis: [] } },
  };
  const signed = signCredential({ sha256: nodeSha256 }, doc, signer, '2026-03-01T00:00:00Z');
  const now = new Date('2026-06-01T00:00:00Z');
  const codes = (c: ReturnType<typeof verifyCredential>) => c.errors.map((e) => e.code);

  it('accepts a good credential and says what it checked', () => {
    const r = verifyCredential(crypto, signed, now, { checked: true, revoked: false });
    expect(r).toMatchObject({ valid: true, issuer, errors: [], checked: ['shape', 'signature', 'issuer key', 'validity period', 'revocation'] });
    expect(verifyCredential(crypto, signed, now).warnings[0]!.code).toBe('revocation_not_checked');
  });

  it.each([
    ['expired', new Date('2028-03-02T00:00:00Z'), signed, 'expired'],
    ['not yet valid', new Date('2026-02-01T00:00:00Z'), signed, 'not_yet_valid'],
    ['changed subject', now, { ...signed, credentialSubject: { id: 'did:key:z6Mkother' } }, 'signature_invalid'],
    ['issuer not did:key', now, signCredential({ sha256: nodeSha256 }, { ...doc, issuer: 'https://x.example' }, signer, '2026-03-01T00:00:00Z'), 'issuer_not_did_key'],
    ['signed by a key that is not the issuer', now, signCredential({ sha256: nodeSha256 }, { ...doc, issuer: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ3' }, signer, '2026-03-01T00:00:00Z'), 'issuer_key'],
    ['no proof', now, doc, 'proof_missing'],
    ['v1 context', now, { ...signed, '@context': ['https://www.w3.org/2018/credentials/v1'] }, 'context'],
  ] as const)('%s', (_, at, credential, code) => {
    expect(codes(verifyCredential(crypto, credential, at, { checked: true, revoked: false }))).toContain(code);
  });

  it('reads revocation from the issuer’s signed revocation list, and refuses a list by someone else', () => {
    const list = signCredential(
      { sha256: nodeSha256 },
      revocationListDocument(issuer, '2026-05-01T00:00:00Z', [{ id: String(doc.id), revokedAt: '2026-05-01T00:00:00Z', reason: 'KPI data corrected' }]),
      signer,
      '2026-05-01T00:00:00Z',
    );
    const r = revocationFromList(crypto, list, signed, now);
    expect(r.status).toEqual({ checked: true, revoked: true, revokedAt: '2026-05-01T00:00:00Z', reason: 'KPI data corrected' });
    expect(codes(verifyCredential(crypto, signed, now, r.status))).toEqual(['revoked']);
    const stranger = signerFromSeed(new Uint8Array(32).fill(9));
    const forged = signCredential({ sha256: nodeSha256 }, revocationListDocument(didKeyOf(stranger.publicKey), '2026-05-01T00:00:00Z', []), stranger, '2026-05-01T00:00:00Z');
    expect(revocationFromList(crypto, forged, signed, now).error?.code).toBe('revocation_list_issuer');
    expect(revocationFromList(crypto, { ...list, validFrom: '2026-05-02T00:00:00Z' }, signed, now).error?.code).toBe('revocation_list_invalid');
  });
});
