import { describe, expect, it } from 'vitest';
import type { AdvisorRule, VerificationPolicy } from '../policy/types.js';
import { DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY } from '../policy/default-policies.js';
import { NOW, claim, daysAgo, daysFromNow, engagement, ev } from '../readiness/test-fixtures.js';
import type { ReadinessClaim, ReadinessEngagement, ReadinessEvidence, VisitAdvisorInput } from '../readiness/types.js';
import { adviseVisit, perMonth } from './visit-advisor.js';

/** A formal QC system on record, so that `raise.no_formal_qc_system` stays quiet unless a case removes it. */
const qcProcedure = ev({ id: 'qc', kind: 'qc_procedure', provenance: 'documented' });
const thirdPartyCert = ev({
  id: 'ce-cert',
  kind: 'certificate',
  provenance: 'third_party',
  attributes: { standard: 'EN 60601-1' },
  validTo: daysFromNow(300),
});
const iso13485 = ev({
  id: 'iso13485',
  kind: 'certificate',
  provenance: 'documented',
  attributes: { standard: 'ISO 13485:2016' },
  validTo: daysFromNow(300),
});
const expired13485 = { ...iso13485, id: 'iso13485-old', validTo: daysAgo(5) };
const attestation = (id: string, extra: Partial<ReadinessEvidence> = {}) =>
  ev({ id, kind: 'attestation', provenance: 'third_party', attestedByOtherBuyer: true, ...extra });
const capacity = (id: string, value: number, period: ReadinessClaim['period'], productLine = 'line-a') =>
  claim({ id, type: 'capacity', value, period, productLine, statedLimit: value * 1.2 });

function input(
  eng: Partial<ReadinessEngagement>,
  evidence: ReadinessEvidence[] = [qcProcedure],
  claims: ReadinessClaim[] = [],
): VisitAdvisorInput {
  return { now: NOW, engagement: engagement(eng), evidence, claims };
}

describe('adviseVisit: each default rule fires on its condition', () => {
  const cases: {
    name: string;
    input: VisitAdvisorInput;
    fires: string[];
    evidenceIds?: Record<string, string[]>;
    claimIds?: Record<string, string[]>;
  }[] = [
    { name: 'nothing special', input: input({}), fires: [] },
    {
      name: 'commercialized and third-party certified',
      input: input({ productMaturity: 'commercialized' }, [qcProcedure, thirdPartyCert]),
      fires: ['waive.commercialized_certified'],
      evidenceIds: { 'waive.commercialized_certified': ['ce-cert'] },
    },
    {
      name: 'commercialized but only a documented certificate',
      input: input({ productMaturity: 'commercialized' }, [qcProcedure, { ...thirdPartyCert, provenance: 'documented' }]),
      fires: [],
    },
    { name: 'third-party certified but not commercialized', input: input({ productMaturity: 'new' }, [qcProcedure, thirdPartyCert]), fires: ['raise.new_product'] },
    {
      name: 'two attestations from other buyers',
      input: input({}, [qcProcedure, attestation('a1'), attestation('a2')]),
      fires: ['waive.shared_network_track_record'],
      evidenceIds: { 'waive.shared_network_track_record': ['a1', 'a2'] },
    },
    { name: 'one attestation is not a track record', input: input({}, [qcProcedure, attestation('a1')]), fires: [] },
    {
      name: 'an expired attestation does not count',
      input: input({}, [qcProcedure, attestation('a1'), attestation('a2', { validTo: daysAgo(1) })]),
      fires: [],
    },
    {
      name: 'a testimonial not from another buyer does not count',
      input: input({}, [qcProcedure, attestation('a1'), attestation('a2', { kind: 'testimonial', attestedByOtherBuyer: false })]),
      fires: [],
    },
    {
      name: 'ISO 13485 certified medical supplier',
      input: input({ regulatedSector: 'medical_devices' }, [qcProcedure, iso13485]),
      fires: ['waive.regulated_framework'],
      evidenceIds: { 'waive.regulated_framework': ['iso13485'] },
    },
    { name: 'ISO 13485 outside the medical sector', input: input({}, [qcProcedure, iso13485]), fires: [] },
    { name: 'medical supplier with an expired ISO 13485', input: input({ regulatedSector: 'medical_devices' }, [qcProcedure, expired13485]), fires: [] },
    { name: 'custom product', input: input({ productMaturity: 'custom' }), fires: ['raise.custom_product'] },
    { name: 'new product', input: input({ productMaturity: 'new' }), fires: ['raise.new_product'] },
    {
      name: 'large claimed capacity per month',
      input: input({}, [qcProcedure], [capacity('c1', 40000, 'month')]),
      fires: ['raise.large_claimed_capacity'],
      claimIds: { 'raise.large_claimed_capacity': ['c1'] },
    },
    {
      name: 'large capacity summed over lines and periods',
      input: input({}, [qcProcedure], [capacity('c1', 400, 'day'), capacity('c2', 2000, 'week', 'line-b')]),
      fires: ['raise.large_claimed_capacity'],
      claimIds: { 'raise.large_claimed_capacity': ['c1', 'c2'] },
    },
    { name: 'modest capacity per year', input: input({}, [qcProcedure], [capacity('c1', 200000, 'year')]), fires: [] },
    {
      name: 'capacity of a line outside the scope is ignored',
      input: input({ productLines: ['line-a'] }, [qcProcedure], [capacity('c1', 10000, 'month'), capacity('c2', 90000, 'month', 'line-z')]),
      fires: [],
    },
    {
      name: 'a contradicted claim',
      input: input(
        {},
        [qcProcedure, ev({ id: 'visit', kind: 'visit_observation', provenance: 'observed', links: [{ claimId: 'c1', effect: 'contradicts' }] })],
        [capacity('c1', 10000, 'month')],
      ),
      fires: ['raise.contradicted_claims'],
      evidenceIds: { 'raise.contradicted_claims': ['visit'] },
      claimIds: { 'raise.contradicted_claims': ['c1'] },
    },
    {
      name: 'observed capacity below the policy tolerance contradicts',
      input: input(
        {},
        [qcProcedure, ev({ id: 'log', kind: 'production_log', provenance: 'observed', links: [{ claimId: 'c1', effect: 'supports', observedValue: 7000 }] })],
        [capacity('c1', 10000, 'month')],
      ),
      fires: ['raise.contradicted_claims'],
    },
    { name: 'no formal QC system', input: input({}, []), fires: ['raise.no_formal_qc_system'] },
    {
      name: 'a self-declared QC procedure is not a formal system',
      input: input({}, [{ ...qcProcedure, provenance: 'self_declared' }]),
      fires: ['raise.no_formal_qc_system'],
    },
    {
      name: 'a valid ISO 9001 certificate is a formal system',
      input: input({}, [ev({ kind: 'certificate', attributes: { standard: 'ISO 9001' }, validTo: daysFromNow(90) })]),
      fires: [],
    },
  ];

  it.each(cases)('$name', ({ input: given, fires, evidenceIds, claimIds }) => {
    const advice = adviseVisit(given, DEFAULT_CROSS_BORDER_POLICY);
    expect(advice.firedRules.map((r) => r.id).sort()).toEqual([...fires].sort());
    for (const [id, ids] of Object.entries(evidenceIds ?? {})) {
      expect(advice.firedRules.find((r) => r.id === id)?.evidenceIds.sort()).toEqual([...ids].sort());
    }
    for (const [id, ids] of Object.entries(claimIds ?? {})) {
      expect(advice.firedRules.find((r) => r.id === id)?.claimIds.sort()).toEqual([...ids].sort());
    }
  });
});

describe('adviseVisit: recommendation from the score', () => {
  const cases: { name: string; policy: VerificationPolicy; input: VisitAdvisorInput; score: number; recommendation: string }[] = [
    { name: 'cross-border baseline', policy: DEFAULT_CROSS_BORDER_POLICY, input: input({}), score: 2, recommendation: 'visit_recommended' },
    { name: 'domestic baseline', policy: DEFAULT_DOMESTIC_POLICY, input: input({ crossBorder: false }), score: 1, recommendation: 'visit_recommended' },
    {
      name: 'Nordlicht: custom housings, ISO 13485, 40,000 a month',
      policy: DEFAULT_CROSS_BORDER_POLICY,
      input: input({ productMaturity: 'custom', regulatedSector: 'medical_devices' }, [qcProcedure, iso13485], [capacity('c1', 40000, 'month')]),
      score: 4,
      recommendation: 'visit_needed',
    },
    {
      name: 'commercialized, certified, with a track record',
      policy: DEFAULT_CROSS_BORDER_POLICY,
      input: input({ productMaturity: 'commercialized' }, [qcProcedure, thirdPartyCert, attestation('a1'), attestation('a2')]),
      score: 0,
      recommendation: 'visit_can_be_waived',
    },
    {
      name: 'domestic with one waiving condition',
      policy: DEFAULT_DOMESTIC_POLICY,
      input: input({ crossBorder: false, regulatedSector: 'medical_devices' }, [qcProcedure, iso13485]),
      score: 0,
      recommendation: 'visit_can_be_waived',
    },
    {
      name: 'no formal QC system makes it needed',
      policy: DEFAULT_CROSS_BORDER_POLICY,
      input: input({}, []),
      score: 5,
      recommendation: 'visit_needed',
    },
  ];
  it.each(cases)('$name → $recommendation ($score)', ({ policy, input: given, score, recommendation }) => {
    const advice = adviseVisit(given, policy);
    expect(advice.score).toBe(score);
    expect(advice.recommendation).toBe(recommendation);
    expect(advice.why).toContain(`score ${score}`);
    for (const r of advice.firedRules) expect(advice.why).toContain(r.explanation.en);
  });
});

describe('adviseVisit: the rules are data', () => {
  const rule = (r: Partial<AdvisorRule> & Pick<AdvisorRule, 'condition'>): AdvisorRule => ({
    id: 'custom.rule',
    effect: 'raise',
    weight: 1,
    explanation: { en: 'Custom rule', zh: '自定义规则' },
    ...r,
  });
  const policy = (rules: AdvisorRule[], baseScore = 0): VerificationPolicy => ({
    ...DEFAULT_CROSS_BORDER_POLICY,
    visitAdvisor: { baseScore, thresholds: { needed: 2, recommended: 1 }, rules },
  });

  it.each([
    {
      name: 'has_evidence with a subject and a count',
      rules: [
        rule({
          id: 'two-lab-tests',
          effect: 'waive',
          condition: { kind: 'has_evidence', evidenceKinds: ['sample_test'], minProvenance: 'third_party', subject: { attribute: 'lab', anyOf: ['SGS', 'TÜV'] }, minCount: 2 },
        }),
      ],
      evidence: [
        ev({ id: 't1', kind: 'sample_test', provenance: 'third_party', attributes: { lab: 'SGS' } }),
        ev({ id: 't2', kind: 'sample_test', provenance: 'observed', attributes: { lab: 'tüv' } }),
        ev({ id: 't3', kind: 'sample_test', provenance: 'documented', attributes: { lab: 'SGS' } }),
      ],
      fired: ['two-lab-tests'],
      score: -1,
      recommendation: 'visit_can_be_waived',
    },
    {
      name: 'certification_held with a minimum provenance',
      rules: [rule({ id: 'tp-13485', condition: { kind: 'certification_held', standard: 'ISO 13485', minProvenance: 'third_party' } })],
      evidence: [iso13485],
      fired: [],
      score: 0,
      recommendation: 'visit_can_be_waived',
    },
    {
      name: 'attestations with a minimum provenance',
      rules: [rule({ id: 'att', weight: 2.5, condition: { kind: 'attestations_from_other_buyers', min: 1, minProvenance: 'third_party' } })],
      evidence: [attestation('a1')],
      fired: ['att'],
      score: 2.5,
      recommendation: 'visit_needed',
    },
    {
      name: 'regulated sector alone',
      rules: [rule({ id: 'med', condition: { kind: 'regulated_sector', sectors: ['medical_devices', 'aerospace'] } })],
      evidence: [],
      fired: [],
      score: 0,
      recommendation: 'visit_can_be_waived',
    },
  ] as const)('$name', ({ rules, evidence, fired, score, recommendation }) => {
    const advice = adviseVisit(input({}, [...evidence]), policy([...rules]));
    expect(advice.firedRules.map((r) => r.id)).toEqual(fired);
    expect(advice.score).toBe(score);
    expect(advice.recommendation).toBe(recommendation);
  });

  it('reports no rule when none fired', () => {
    const advice = adviseVisit(input({}), policy([], 1));
    expect(advice).toMatchObject({ recommendation: 'visit_recommended', score: 1, firedRules: [] });
    expect(advice.why).toContain('No rule fired');
  });
});

describe('perMonth', () => {
  it.each([
    [1000, 'month', 1000],
    [12000, 'year', 1000],
    [3000, 'quarter', 1000],
    [7, 'week', 30.4375],
    [1, 'day', 30.4375],
  ] as const)('%s per %s → %s a month', (value, period, expected) => {
    expect(perMonth(value, period)).toBeCloseTo(expected, 6);
  });
});
