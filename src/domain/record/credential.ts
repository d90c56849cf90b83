// W3C Verifiable Credentials 2.0 secured with a Data Integrity proof, cryptosuite eddsa-jcs-2022
// (https://www.w3.org/TR/vc-di-eddsa/ §3.3): proofHash = SHA-256(JCS(proof options without proofValue, with the
// document's @context)), docHash = SHA-256(JCS(document without proof)), signature = Ed25519(proofHash ‖ docHash),
// proofValue = multibase base58btc. Issuers are did:key (Multikey), so verification needs no network.
import { concatBytes, fromBase58, toBase58 } from './bytes.js';
import type { Ed25519Signer, RecordCrypto } from './crypto.js';
import { publicKeyOfDidKey, verificationMethodOf } from './did-key.js';
import { canonicalize } from './jcs.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const CRYPTOSUITE = 'eddsa-jcs-2022';

export type JsonObject = { [key: string]: unknown };

export interface ProofOptions {
  type: 'DataIntegrityProof';
  cryptosuite: typeof CRYPTOSUITE;
  created: string;
  verificationMethod: string;
  proofPurpose: string;
  '@context'?: unknown;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The 64 bytes that are signed: SHA-256 of the canonical proof options, then of the canonical document. */
export function hashData(crypto: Pick<RecordCrypto, 'sha256'>, document: JsonObject, proofOptions: JsonObject): Uint8Array {
  const { proof: _proof, ...unsecured } = document;
  const { proofValue: _value, ...config } = proofOptions;
  if (unsecured['@context'] !== undefined) config['@context'] = unsecured['@context'];
  return concatBytes(crypto.sha256(canonicalize(config)), crypto.sha256(canonicalize(unsecured)));
}

/** Adds an eddsa-jcs-2022 proof to `document` (the input is not changed). */
export function signCredential(
  crypto: Pick<RecordCrypto, 'sha256'>,
  document: JsonObject,
  signer: Ed25519Signer,
  created: string,
  verificationMethod = verificationMethodOf(signer.publicKey),
): JsonObject {
  const { proof: _drop, ...unsecured } = document;
  const options: JsonObject = {
    type: 'DataIntegrityProof',
    cryptosuite: CRYPTOSUITE,
    created,
    verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  if (unsecured['@context'] !== undefined) options['@context'] = unsecured['@context'];
  const signature = signer.sign(hashData(crypto, unsecured, options));
  return { ...unsecured, proof: { ...options, proofValue: `z${toBase58(signature)}` } };
}

export interface CredentialProblem {
  code: string;
  message: string;
}

/** What the verifier knows of revocation: the issuer's record for this credential, or that none was consulted. */
export type RevocationStatus = { checked: false } | { checked: true; revoked: false } | { checked: true; revoked: true; revokedAt: string; reason: string };

export interface CredentialCheck {
  valid: boolean;
  issuer: string | null;
  errors: CredentialProblem[];
  /** What was checked, in order: shown next to "verified". */
  checked: string[];
  /** Things a reader should know that do not make the credential invalid (revocation not consulted offline). */
  warnings: CredentialProblem[];
  validFrom: string | null;
  validUntil: string | null;
  types: string[];
}

function issuerIdOf(doc: JsonObject): string | null {
  const i = doc.issuer;
  if (typeof i === 'string') return i;
  if (isObject(i) && typeof i.id === 'string') return i.id;
  return null;
}

/** Checks the proof alone (the W3C vector's issuer is a URL with a did:key verification method). */
export function verifyProof(crypto: RecordCrypto, document: JsonObject): CredentialProblem[] {
  const proof = document.proof;
  if (!isObject(proof)) return [{ code: 'proof_missing', message: 'the credential has no (single) proof' }];
  const problems: CredentialProblem[] = [];
  if (proof.type !== 'DataIntegrityProof') problems.push({ code: 'proof_type', message: `proof type ${String(proof.type)} is not DataIntegrityProof` });
  if (proof.cryptosuite !== CRYPTOSUITE) problems.push({ code: 'cryptosuite', message: `cryptosuite ${String(proof.cryptosuite)} is not ${CRYPTOSUITE}` });
  if (proof.proofPurpose !== 'assertionMethod') problems.push({ code: 'proof_purpose', message: 'the proof purpose is not assertionMethod' });
  if (proof['@context'] !== undefined && canonicalize(proof['@context']) !== canonicalize(document['@context'] ?? null)) {
    problems.push({ code: 'proof_context', message: 'the proof @context differs from the credential @context' });
  }
  let publicKey: Uint8Array | null = null;
  try {
    publicKey = publicKeyOfDidKey(String(proof.verificationMethod));
  } catch (e) {
    problems.push({ code: 'verification_method', message: `verification method: ${(e as Error).message}` });
  }
  let signature: Uint8Array | null = null;
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) {
    problems.push({ code: 'proof_value', message: 'proofValue must be multibase base58btc (starting with "z")' });
  } else {
    try {
      signature = fromBase58(proof.proofValue.slice(1));
    } catch {
      problems.push({ code: 'proof_value', message: 'proofValue is not base58btc' });
    }
  }
  if (problems.length > 0 || !publicKey || !signature) return problems;
  let data: Uint8Array;
  try {
    data = hashData(crypto, document, proof);
  } catch (e) {
    return [{ code: 'not_json', message: `cannot canonicalize: ${(e as Error).message}` }];
  }
  if (!crypto.verifyEd25519(publicKey, data, signature)) {
    return [{ code: 'signature_invalid', message: 'the signature does not verify with the verification method key: the credential was changed or signed by another key' }];
  }
  return [];
}

const isDateTime = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));

/**
 * Verifies a credential secured with eddsa-jcs-2022 whose issuer is a did:key: the VC 2.0 shape, the proof, that
 * the proof's key is the issuer's, the validity period at `now`, and revocation as far as `revocation` says.
 */
export function verifyCredential(crypto: RecordCrypto, input: unknown, now: Date, revocation: RevocationStatus = { checked: false }): CredentialCheck {
  const out: CredentialCheck = { valid: false, issuer: null, errors: [], checked: [], warnings: [], validFrom: null, validUntil: null, types: [] };
  if (!isObject(input)) {
    out.errors.push({ code: 'not_a_credential', message: 'a credential is a JSON object' });
    return out;
  }
  const doc = input;
  const ctx = doc['@context'];
  if (!Array.isArray(ctx) || ctx[0] !== VC_V2_CONTEXT) out.errors.push({ code: 'context', message: `@context must start with ${VC_V2_CONTEXT}` });
  const types = Array.isArray(doc.type) ? doc.type.filter((t): t is string => typeof t === 'string') : typeof doc.type === 'string' ? [doc.type] : [];
  out.types = types;
  if (!types.includes('VerifiableCredential')) out.errors.push({ code: 'type', message: 'type must include VerifiableCredential' });
  if (!isObject(doc.credentialSubject) && !Array.isArray(doc.credentialSubject)) out.errors.push({ code: 'subject', message: 'credentialSubject is missing' });
  const issuer = issuerIdOf(doc);
  out.issuer = issuer;
  out.checked.push('shape');
  if (!issuer) out.errors.push({ code: 'issuer', message: 'issuer must be a did:key or an object whose id is one' });
  else if (!issuer.startsWith('did:key:')) out.errors.push({ code: 'issuer_not_did_key', message: `issuer ${issuer} is not a did:key` });

  out.errors.push(...verifyProof(crypto, doc));
  out.checked.push('signature');
  const proof = isObject(doc.proof) ? doc.proof : null;
  if (issuer?.startsWith('did:key:') && proof && typeof proof.verificationMethod === 'string') {
    const did = proof.verificationMethod.split('#')[0];
    if (did !== issuer) out.errors.push({ code: 'issuer_key', message: 'the proof was made with a key that is not the issuer’s' });
    out.checked.push('issuer key');
  }

  if (doc.validFrom !== undefined && !isDateTime(doc.validFrom)) out.errors.push({ code: 'valid_from', message: 'validFrom is not a date-time' });
  if (doc.validUntil !== undefined && !isDateTime(doc.validUntil)) out.errors.push({ code: 'valid_until', message: 'validUntil is not a date-time' });
  out.validFrom = isDateTime(doc.validFrom) ? doc.validFrom : null;
  out.validUntil = isDateTime(doc.validUntil) ? doc.validUntil : null;
  if (out.validFrom && out.validUntil && Date.parse(out.validUntil) < Date.parse(out.validFrom)) {
    out.errors.push({ code: 'valid_until', message: 'validUntil is before validFrom' });
  }
  if (out.validFrom && now.getTime() < Date.parse(out.validFrom)) out.errors.push({ code: 'not_yet_valid', message: `not valid before ${out.validFrom}` });
  if (out.validUntil && now.getTime() > Date.parse(out.validUntil)) out.errors.push({ code: 'expired', message: `expired at ${out.validUntil}` });
  out.checked.push('validity period');

  if (revocation.checked) {
    out.checked.push('revocation');
    if (revocation.revoked) out.errors.push({ code: 'revoked', message: `revoked by the issuer at ${revocation.revokedAt}: ${revocation.reason}` });
  } else {
    out.warnings.push({ code: 'revocation_not_checked', message: 'revocation was not checked: give the issuer’s revocation list to check it offline' });
  }
  out.valid = out.errors.length === 0;
  return out;
}

// --- the issuer's revocation list -----------------------------------------------------------------------------

export const REVOCATION_LIST_TYPE = 'RevocationListCredential';

export interface RevokedEntry {
  id: string;
  revokedAt: string;
  reason: string;
}

/** The issuer's own signed list of the credentials it revoked (a credential like any other). */
export function revocationListDocument(issuer: string, issuedAt: string, revoked: RevokedEntry[]): JsonObject {
  return {
    '@context': [VC_V2_CONTEXT],
    type: ['VerifiableCredential', REVOCATION_LIST_TYPE],
    issuer,
    validFrom: issuedAt,
    credentialSubject: { id: issuer, revoked },
  };
}

/**
 * Revocation of `credential` per a signed revocation list: the list must verify and come from the credential's
 * issuer; otherwise an error says why the list cannot be used.
 */
export function revocationFromList(
  crypto: RecordCrypto,
  list: unknown,
  credential: JsonObject,
  now: Date,
): { status: RevocationStatus; error?: CredentialProblem } {
  const check = verifyCredential(crypto, list, now, { checked: true, revoked: false });
  if (!check.valid || !check.types.includes(REVOCATION_LIST_TYPE)) {
    return { status: { checked: false }, error: { code: 'revocation_list_invalid', message: `the revocation list does not verify: ${check.errors.map((e) => e.message).join('; ') || 'not a revocation list'}` } };
  }
  if (check.issuer !== issuerIdOf(credential)) {
    return { status: { checked: false }, error: { code: 'revocation_list_issuer', message: 'the revocation list is not the credential issuer’s' } };
  }
  const subject = (list as JsonObject).credentialSubject as JsonObject;
  const entries = Array.isArray(subject.revoked) ? (subject.revoked as RevokedEntry[]) : [];
  const hit = entries.find((e) => isObject(e) && e.id === credential.id);
  return { status: hit ? { checked: true, revoked: true, revokedAt: String(hit.revokedAt), reason: String(hit.reason) } : { checked: true, revoked: false } };
}
