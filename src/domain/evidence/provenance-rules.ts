// Who may record evidence with which provenance. A party cannot raise its own word above what it can show:
// a supplier's records are at most `documented`; `third_party` needs an issuer and a signed document;
// `observed` is for what the verifying party saw or measured itself.
import type { EvidenceKind, OrganizationKind, Provenance } from '../model.js';

export interface ProvenanceCheckInput {
  recorderKind: OrganizationKind;
  kind: EvidenceKind;
  provenance: Provenance;
  hasAttachment: boolean;
  hasIssuer: boolean;
  /** True when the recorder is the organization the evidence is about. */
  aboutItself: boolean;
}

export interface ProvenanceCheck {
  ok: boolean;
  /** Field the problem belongs to, and an English reason. */
  field?: 'provenance' | 'fileIds' | 'issuer';
  reason?: string;
}

const OBSERVABLE_KINDS: ReadonlySet<EvidenceKind> = new Set([
  'visit_observation',
  'sample_test',
  'batch_test_record',
  'production_log',
  'kpi_measurement',
  'communication',
  'corrective_action',
]);

export function checkProvenance(i: ProvenanceCheckInput): ProvenanceCheck {
  const { provenance } = i;
  if (provenance === 'documented' && !i.hasAttachment) {
    return { ok: false, field: 'fileIds', reason: 'documented evidence needs the document attached' };
  }
  if (provenance === 'third_party') {
    if (i.aboutItself) return { ok: false, field: 'provenance', reason: 'an organization cannot be a third party to itself' };
    if (!i.hasIssuer) return { ok: false, field: 'issuer', reason: 'third-party evidence names its issuer (auditor, lab or referee)' };
    if (!i.hasAttachment) return { ok: false, field: 'fileIds', reason: 'third-party evidence needs the signed report or attestation attached' };
  }
  if (provenance === 'observed') {
    if (i.aboutItself) return { ok: false, field: 'provenance', reason: 'observed evidence is recorded by the verifying party, not by the organization it is about' };
    if (i.recorderKind === 'supplier') return { ok: false, field: 'provenance', reason: 'a supplier records its evidence as self-declared or documented' };
    if (!OBSERVABLE_KINDS.has(i.kind)) return { ok: false, field: 'provenance', reason: `a ${i.kind.replace(/_/g, ' ')} cannot be observed; record it as documented or third-party` };
  }
  if (i.recorderKind === 'supplier' && i.aboutItself && provenance !== 'self_declared' && provenance !== 'documented') {
    return { ok: false, field: 'provenance', reason: 'a supplier records its own evidence as self-declared or documented' };
  }
  return { ok: true };
}

/** Validity of one evidence item today, for badges and alerts. */
export function validityState(validFrom: Date | null, validTo: Date | null, now: Date): 'valid' | 'expiring_60' | 'expiring_30' | 'expired' | 'not_yet_valid' | 'no_expiry' {
  if (validFrom && validFrom.getTime() > now.getTime()) return 'not_yet_valid';
  if (!validTo) return 'no_expiry';
  const days = (validTo.getTime() - now.getTime()) / 86_400_000;
  if (days < 0) return 'expired';
  if (days <= 30) return 'expiring_30';
  if (days <= 60) return 'expiring_60';
  return 'valid';
}
