// The server explains refused evidence in English (src/domain/evidence/provenance-rules.ts, the services'
// field checks). Known sentences are shown in the UI language; anything else as the server wrote it.
import type { TFunction } from 'i18next';
import type { FieldErrors } from '../../lib/validation.js';

const KNOWN: [RegExp, string][] = [
  [/^documented evidence needs the document attached$/, 'documentedNeedsFile'],
  [/^an organization cannot be a third party to itself$/, 'notThirdPartyToItself'],
  [/^third-party evidence names its issuer/, 'thirdPartyNeedsIssuer'],
  [/^third-party evidence needs the signed report or attestation attached$/, 'thirdPartyNeedsFile'],
  [/^observed evidence is recorded by the verifying party/, 'observedByVerifier'],
  [/^a supplier records its (own )?evidence as self-declared or documented$/, 'supplierProvenance'],
  [/cannot be observed; record it as documented or third-party$/, 'notObservable'],
  [/^no such file of yours/, 'noSuchFile'],
  [/^no such claim of the organization this evidence is about$/, 'noSuchClaim'],
  [/^must not be before validFrom$/, 'validToBeforeFrom'],
];

export function localizeIssues(errors: FieldErrors, t: TFunction): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const hit = KNOWN.find(([re]) => re.test(message));
    out[path] = hit ? t(`evidence.issues.${hit[1]}`) : message;
  }
  return out;
}
