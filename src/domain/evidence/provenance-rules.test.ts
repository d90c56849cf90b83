import { describe, expect, it } from 'vitest';
import { checkProvenance, validityState, type ProvenanceCheckInput } from './provenance-rules.js';

const base: ProvenanceCheckInput = { recorderKind: 'supplier', kind: 'certificate', provenance: 'self_declared', hasAttachment: false, hasIssuer: false, aboutItself: true };

describe('checkProvenance', () => {
  it.each<[string, Partial<ProvenanceCheckInput>, boolean, string | undefined]>([
    ['supplier self-declares', {}, true, undefined],
    ['supplier documents with the file', { provenance: 'documented', hasAttachment: true }, true, undefined],
    ['documented without a file', { provenance: 'documented' }, false, 'fileIds'],
    ['supplier claims third party about itself', { provenance: 'third_party', hasAttachment: true, hasIssuer: true }, false, 'provenance'],
    ['supplier claims observed about itself', { provenance: 'observed', kind: 'production_log' }, false, 'provenance'],
    ['buyer observes a visit', { recorderKind: 'buyer', aboutItself: false, kind: 'visit_observation', provenance: 'observed' }, true, undefined],
    ['buyer cannot observe a certificate', { recorderKind: 'buyer', aboutItself: false, kind: 'certificate', provenance: 'observed' }, false, 'provenance'],
    ['auditor report without issuer', { recorderKind: 'auditor', aboutItself: false, kind: 'audit_report', provenance: 'third_party', hasAttachment: true }, false, 'issuer'],
    ['auditor report signed', { recorderKind: 'auditor', aboutItself: false, kind: 'audit_report', provenance: 'third_party', hasAttachment: true, hasIssuer: true }, true, undefined],
    ['verified reference recorded by the buyer', { recorderKind: 'buyer', aboutItself: false, kind: 'testimonial', provenance: 'third_party', hasAttachment: true, hasIssuer: true }, true, undefined],
  ])('%s', (_name, patch, ok, field) => {
    const r = checkProvenance({ ...base, ...patch });
    expect(r.ok).toBe(ok);
    expect(r.field).toBe(field);
  });
});

describe('validityState', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const d = (s: string) => new Date(s);
  it.each<[Date | null, Date | null, string]>([
    [null, null, 'no_expiry'],
    [null, d('2027-06-01T00:00:00Z'), 'valid'],
    [null, d('2026-07-20T00:00:00Z'), 'expiring_60'],
    [null, d('2026-06-20T00:00:00Z'), 'expiring_30'],
    [null, d('2026-05-31T00:00:00Z'), 'expired'],
    [d('2026-07-01T00:00:00Z'), d('2027-07-01T00:00:00Z'), 'not_yet_valid'],
  ])('from %s to %s is %s', (from, to, state) => {
    expect(validityState(from, to, now)).toBe(state);
  });
});
