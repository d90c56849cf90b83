// A presented track-record credential that verifies counts as a verifiable track record in the shared network;
// one that no longer verifies (the services leave verifiedCredential unset) or has expired does not.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CROSS_BORDER_POLICY } from '../policy/default-policies.js';
import { NOW, daysAgo, daysFromNow, engagement, ev } from '../readiness/test-fixtures.js';
import { adviseVisit } from './visit-advisor.js';

const qc = ev({ id: 'qc', kind: 'qc_procedure', provenance: 'documented' });
const credential = (extra = {}) =>
  ev({ id: 'vc1', kind: 'attestation', provenance: 'third_party', attestedByOtherBuyer: true, verifiedCredential: true, validTo: daysFromNow(700), ...extra });
const fired = (evidence: ReturnType<typeof ev>[]) =>
  adviseVisit({ now: NOW, engagement: engagement({ productMaturity: 'commercialized' }), evidence, claims: [] }, DEFAULT_CROSS_BORDER_POLICY).firedRules;

describe('verified_track_record', () => {
  it('fires for one verified credential and names it', () => {
    const rule = fired([qc, credential()]).find((r) => r.id === 'waive.verified_track_record');
    expect(rule).toMatchObject({ effect: 'waive', weight: 1, evidenceIds: ['vc1'] });
    expect(rule!.explanation.en).toContain('Verifiable track record in the shared network');
  });

  it.each([
    ['an attestation that is not a verified credential', { verifiedCredential: false }],
    ['an expired credential', { validTo: daysAgo(1) }],
  ])('does not fire for %s', (_, extra) => {
    expect(fired([qc, credential(extra)]).map((r) => r.id)).not.toContain('waive.verified_track_record');
  });
});
