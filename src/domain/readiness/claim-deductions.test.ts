import { describe, expect, it } from 'vitest';
import { evaluateReadiness } from './evaluate.js';
import { behaviouralScore } from './scores.js';
import { claim, daysAgo, ev, readinessInput } from './test-fixtures.js';
import type { ReadinessInput } from './types.js';

// A capacity claim of 40,000 a month; a full behavioural score from responsiveness and corrective actions.
const capacity = claim({ id: 'cap', type: 'capacity', title: 'Line 1: 40,000 pcs/month', productLine: 'line-1', value: 40000, period: 'month' });
const base: Partial<ReadinessInput> = {
  claims: [capacity],
  correctiveActions: { closedOnTime: 4, closedLate: 0, openOverdue: 0 },
};
const observed = (value: number, provenance: 'observed' | 'documented' = 'observed') =>
  ev({ id: `obs-${value}`, kind: 'production_log', provenance, issuedAt: daysAgo(5), links: [{ claimId: 'cap', effect: 'contradicts', observedValue: value }] });

describe('contradicted claims lower the behavioural sub-score', () => {
  it('a claim that holds costs nothing', () => {
    const s = behaviouralScore(readinessInput({ ...base, evidence: [observed(39000)] }));
    expect(s.score).toBe(100);
    expect(s.inputs.find((i) => i.key === 'contradicted_claim')).toBeUndefined();
  });

  it.each([
    { value: 30800, short: 23, score: 77 },
    { value: 20000, short: 50, score: 75 },
    { value: 0, short: 100, score: 75 },
  ])('observed $value of 40,000: $short % short → $score', ({ value, short, score }) => {
    const s = behaviouralScore(readinessInput({ ...base, evidence: [observed(value)] }));
    expect(s.score).toBe(score);
    const row = s.inputs.find((i) => i.key === 'contradicted_claim')!;
    expect(row).toMatchObject({ claimId: 'cap', max: 0, available: true, evidenceIds: [`obs-${value}`], detailKey: 'contradicted_claim_measured' });
    expect(row.detailParams).toMatchObject({ claim: 'Line 1: 40,000 pcs/month', shortfallPercent: short });
    expect(row.points).toBe(-Math.min(25, short) * 0.25);
    expect(row.detail).toContain(`${short} % short`);
  });

  it('scales to the measured maximum and names a contradiction without a measure', () => {
    const contradicted = ev({ id: 'finding', kind: 'audit_report', provenance: 'observed', links: [{ claimId: 'cap', effect: 'contradicts' }] });
    const s = behaviouralScore(readinessInput({ ...base, claims: [{ ...capacity, value: null }], evidence: [contradicted] }));
    const row = s.inputs.find((i) => i.key === 'contradicted_claim')!;
    expect(row).toMatchObject({ points: -2.5, detailKey: 'contradicted_claim', detailParams: { claim: 'Line 1: 40,000 pcs/month', points: '2.5' } });
    expect(s.score).toBe(90);
  });

  it('readiness and the partnership trend agree: the result carries the same rows', () => {
    const r = evaluateReadiness(readinessInput({ ...base, evidence: [observed(30800)] }));
    expect(r.contradictedClaims.map((c) => c.claimId)).toEqual(['cap']);
    expect(r.behaviouralScore.score).toBe(77);
  });
});
