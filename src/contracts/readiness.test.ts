import { describe, expect, it } from 'vitest';
import { adviseVisit } from '../domain/advisor/visit-advisor.js';
import { DEFAULT_CROSS_BORDER_POLICY } from '../domain/policy/default-policies.js';
import { evaluateReadiness } from '../domain/readiness/evaluate.js';
import { claim, daysAgo, daysFromNow, engagement, ev, readinessInput } from '../domain/readiness/test-fixtures.js';
import { ReadinessView, VisitAdviceView } from './readiness.js';

// The schemas describe the answers; a field they missed would be stripped from the JSON by the serializer, so the
// domain's answer in JSON must come back from them unchanged.
describe('readiness and visit-advice schemas', () => {
  const input = readinessInput({
    policy: DEFAULT_CROSS_BORDER_POLICY,
    engagement: engagement({ regulatedSector: 'medical_devices', productMaturity: 'custom' as const }),
    evidence: [
      ev({ id: 'reg', kind: 'registration', provenance: 'documented', issuedAt: daysAgo(60), attributes: { identifier: '91330200MA2H8XXXXX' } }),
      ev({ id: 'iso13485', kind: 'certificate', provenance: 'documented', attributes: { standard: 'ISO 13485:2016' }, validTo: daysFromNow(45) }),
      ev({ id: 'old', kind: 'certificate', provenance: 'documented', attributes: { standard: 'ISO 9001:2015' }, validTo: daysAgo(3) }),
      ev({ id: 'visit', kind: 'visit_observation', provenance: 'observed', links: [{ claimId: 'cap', effect: 'supports', observedValue: 20_000 }] }),
    ],
    inquiries: [9, 4, 20].map((h, i) => ({ id: `inq-${i}`, askedAt: daysAgo(20 - i), answeredAt: daysAgo(19 - i), responseBusinessHours: h })),
    claims: [claim({ id: 'cap', type: 'capacity', productLine: 'line-1', value: 40_000, period: 'month' as const, statedLimit: 46_000 })],
    processCapability: [{ characteristic: 'Bore', cpk: 1.1, signals: 1 }],
    waivers: [{ requirementId: 'p1.references', by: 'Anna Berger', reason: 'Known to us for years', at: daysAgo(1) }],
  });

  it('readiness in JSON parses to itself', () => {
    const json = JSON.parse(JSON.stringify(evaluateReadiness(input)));
    expect(json.contradictedClaims.length).toBeGreaterThan(0);
    expect(json.evidenceAlerts.length).toBeGreaterThan(0);
    expect(json.requirements.some((r: { waiver?: unknown }) => r.waiver)).toBe(true);
    expect(ReadinessView.parse(json)).toEqual(json);
  });

  it('visit advice in JSON parses to itself', () => {
    const json = JSON.parse(JSON.stringify(adviseVisit(input, input.policy)));
    expect(json.firedRules.length).toBeGreaterThan(0);
    expect(VisitAdviceView.parse(json)).toEqual(json);
  });
});
