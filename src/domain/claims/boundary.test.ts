// The visit (compareToClaim) and readiness (claimStatus) must give one answer for the same numbers: at a
// tolerance of 0.81 and a claim of 40,000 a month, an observation of exactly 32,400 is at the threshold.
import { describe, expect, it } from 'vitest';
import { compareToClaim } from '../capacity/claim.js';
import { claimStatus } from '../readiness/index.js';
import { NOW, claim, ev } from '../readiness/test-fixtures.js';

const cases = [
  { tolerance: 0.81, claimed: 40_000, observed: 32_400, status: 'supported' },
  { tolerance: 0.81, claimed: 40_000, observed: 32_399, status: 'contradicted' },
  { tolerance: 0.8, claimed: 35, observed: 28, status: 'supported' },
  { tolerance: 0.7, claimed: 10, observed: 7, status: 'supported' },
  { tolerance: 0.9, claimed: 3, observed: 2.7, status: 'supported' },
  { tolerance: 0.9, claimed: 3, observed: 2.69, status: 'contradicted' },
] as const;

describe('one capacity verdict for the visit and for readiness', () => {
  it.each(cases)('observed $observed of $claimed at tolerance $tolerance → $status', ({ tolerance, claimed, observed, status }) => {
    expect(compareToClaim({ claimed, observed, tolerance }).status).toBe(status);
    const c = claim({ id: 'c1', type: 'capacity', value: claimed, period: 'month' });
    const e = ev({ id: 'e1', kind: 'visit_observation', provenance: 'observed', links: [{ claimId: 'c1', effect: 'supports', observedValue: observed }] });
    expect(claimStatus(c, [e], { now: NOW, capacityTolerance: tolerance }).status).toBe(status);
  });
});
