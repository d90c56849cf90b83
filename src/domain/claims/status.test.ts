import { describe, expect, it } from 'vitest';
import type { Provenance } from '../model.js';
import { claimStatus, claimsInScope, effectiveEffect } from './status.js';
import { NOW, claim, daysAgo, daysFromNow, ev } from '../readiness/test-fixtures.js';
import type { EvidenceLink, ReadinessEvidence } from '../readiness/types.js';

const capacityClaim = claim({ id: 'c1', type: 'capacity', value: 40000, period: 'month', statedLimit: 45000 });
const link = (effect: EvidenceLink['effect'], extra: Partial<EvidenceLink> = {}): EvidenceLink[] => [{ claimId: 'c1', effect, ...extra }];
const piece = (id: string, provenance: Provenance, links: EvidenceLink[], extra: Partial<ReadinessEvidence> = {}) =>
  ev({ id, kind: 'production_log', provenance, links, ...extra });

describe('claimStatus', () => {
  const cases: {
    name: string;
    evidence: ReadinessEvidence[];
    status: string;
    strongest: Provenance | null;
    evidenceIds: string[];
  }[] = [
    { name: 'no evidence', evidence: [], status: 'unverified', strongest: null, evidenceIds: [] },
    {
      name: 'evidence about another claim',
      evidence: [piece('e1', 'observed', [{ claimId: 'c2', effect: 'contradicts' }])],
      status: 'unverified',
      strongest: null,
      evidenceIds: [],
    },
    { name: 'documented support', evidence: [piece('e1', 'documented', link('supports'))], status: 'supported', strongest: 'documented', evidenceIds: ['e1'] },
    {
      name: 'the strongest provenance counts, strongest first',
      evidence: [piece('e1', 'self_declared', link('supports')), piece('e2', 'third_party', link('supports'))],
      status: 'supported',
      strongest: 'third_party',
      evidenceIds: ['e2', 'e1'],
    },
    {
      name: 'weaker contradiction does not beat stronger support',
      evidence: [piece('s', 'third_party', link('supports')), piece('c', 'documented', link('contradicts'))],
      status: 'supported',
      strongest: 'third_party',
      evidenceIds: ['s'],
    },
    {
      name: 'equal provenance: the contradiction wins',
      evidence: [piece('s', 'documented', link('supports')), piece('c', 'documented', link('contradicts'))],
      status: 'contradicted',
      strongest: 'documented',
      evidenceIds: ['c'],
    },
    {
      name: 'observed contradiction beats third-party support',
      evidence: [piece('s', 'third_party', link('supports')), piece('c', 'observed', link('contradicts'))],
      status: 'contradicted',
      strongest: 'observed',
      evidenceIds: ['c'],
    },
    {
      name: 'observed support beats a third-party contradiction',
      evidence: [piece('s', 'observed', link('supports')), piece('c', 'third_party', link('contradicts'))],
      status: 'supported',
      strongest: 'observed',
      evidenceIds: ['s'],
    },
    {
      name: 'an expired contradiction does not count',
      evidence: [piece('s', 'documented', link('supports')), piece('c', 'observed', link('contradicts'), { validTo: daysAgo(1) })],
      status: 'supported',
      strongest: 'documented',
      evidenceIds: ['s'],
    },
    {
      name: 'only expired support: unverified',
      evidence: [piece('s', 'third_party', link('supports'), { validTo: daysAgo(1) })],
      status: 'unverified',
      strongest: null,
      evidenceIds: [],
    },
    {
      name: 'not yet valid evidence does not count',
      evidence: [piece('s', 'third_party', link('supports'), { validFrom: daysFromNow(3) })],
      status: 'unverified',
      strongest: null,
      evidenceIds: [],
    },
    {
      name: 'observed capacity below 80 % of the claim contradicts it',
      evidence: [piece('log', 'observed', link('supports', { observedValue: 31000 }))],
      status: 'contradicted',
      strongest: 'observed',
      evidenceIds: ['log'],
    },
    {
      name: 'observed capacity at 80 % of the claim supports it',
      evidence: [piece('log', 'observed', link('contradicts', { observedValue: 32000 }))],
      status: 'supported',
      strongest: 'observed',
      evidenceIds: ['log'],
    },
  ];
  it.each(cases)('$name → $status', ({ evidence, status, strongest, evidenceIds }) => {
    const r = claimStatus(capacityClaim, evidence, { now: NOW, capacityTolerance: 0.8 });
    expect(r.status).toBe(status);
    expect(r.strongestProvenance).toBe(strongest);
    expect(r.evidenceIds).toEqual(evidenceIds);
  });
});

describe('effectiveEffect', () => {
  it.each([
    ['no tolerance given: the stated effect', capacityClaim, { claimId: 'c1', effect: 'supports', observedValue: 1 }, undefined, 'supports'],
    ['not a capacity claim', { ...capacityClaim, type: 'lead_time' }, { claimId: 'c1', effect: 'supports', observedValue: 1 }, 0.8, 'supports'],
    ['no observed value', capacityClaim, { claimId: 'c1', effect: 'contradicts' }, 0.8, 'contradicts'],
    ['below tolerance', capacityClaim, { claimId: 'c1', effect: 'supports', observedValue: 20000 }, 0.8, 'contradicts'],
    ['custom tolerance 0.5', capacityClaim, { claimId: 'c1', effect: 'supports', observedValue: 20000 }, 0.5, 'supports'],
  ] as const)('%s', (_name, c, l, tolerance, expected) => {
    expect(effectiveEffect(c, l, tolerance)).toBe(expected);
  });
});

describe('claimsInScope', () => {
  const claims = [
    claim({ id: 'a', type: 'capacity', productLine: 'line-a' }),
    claim({ id: 'b', type: 'capacity', productLine: 'line-b' }),
    claim({ id: 'g', type: 'certification' }),
  ];
  it.each([
    [undefined, ['a', 'b', 'g']],
    [[], ['a', 'b', 'g']],
    [['line-a'], ['a', 'g']],
  ] as const)('lines %j → %j', (lines, ids) => {
    expect(claimsInScope(claims, lines).map((c) => c.id)).toEqual(ids);
  });
});
