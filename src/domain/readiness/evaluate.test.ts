import { describe, expect, it } from 'vitest';
import type { Requirement } from '../policy/types.js';
import { DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY } from '../policy/default-policies.js';
import { evidenceAlerts } from './alerts.js';
import { evaluateReadiness } from './evaluate.js';
import { READINESS_MESSAGE_KEYS } from './messages.js';
import { behaviouralScore, formalScore } from './scores.js';
import { NOW, claim, daysAgo, daysFromNow, engagement, ev, policyWith, readinessInput, title } from './test-fixtures.js';
import type { EngagementPhase } from '../model.js';
import type { ReadinessInput, Waiver } from './types.js';

const reqA: Requirement = { id: 'a', type: 'evidence', title, required: true, kinds: ['registration'], minProvenance: 'documented', minCount: 1 };
const reqB: Requirement = { id: 'b', type: 'evidence', title, required: true, kinds: ['qc_procedure'], minProvenance: 'documented', minCount: 1 };
const reqOpt: Requirement = { id: 'opt', type: 'evidence', title, required: false, kinds: ['testimonial'], minProvenance: 'documented', minCount: 1 };
const registration = ev({ id: 'reg', kind: 'registration' });
const waiver = (requirementId: string, at = daysAgo(1), by = 'Anna Keller'): Waiver => ({ requirementId, by, reason: 'Group-wide supplier audit on file', at });

describe('waivers (overrides)', () => {
  it.each([
    { name: 'waives an unmet requirement', waivers: [waiver('b')], req: reqB, state: 'waived', ready: true, waivable: true },
    { name: 'a met requirement stays met', waivers: [waiver('a')], req: reqB, state: 'unmet', ready: false, stateA: 'met', waivable: true },
    { name: 'not waivable: the waiver is ignored', waivers: [waiver('b')], req: { ...reqB, waivable: false }, state: 'unmet', ready: false, waivable: false },
    { name: 'a waiver of another requirement does nothing', waivers: [waiver('zzz')], req: reqB, state: 'unmet', ready: false, waivable: true },
  ])('$name', ({ waivers, req, state, ready, stateA, waivable }) => {
    const r = evaluateReadiness(readinessInput({ policy: policyWith([reqA, req]), evidence: [registration], waivers }));
    expect(r.requirements.find((x) => x.id === 'b')?.state).toBe(state);
    expect(r.requirements.find((x) => x.id === 'b')?.waivable).toBe(waivable);
    expect(r.requirements.find((x) => x.id === 'a')?.state).toBe(stateA ?? 'met');
    expect(r.summary.readyToAdvance).toBe(ready);
  });

  it('names the person, the date and the reason, keeps the underlying explanation, and uses the latest waiver', () => {
    const r = evaluateReadiness(
      readinessInput({
        policy: policyWith([reqB]),
        waivers: [waiver('b', daysAgo(5), 'Old Waiver'), waiver('b', daysAgo(1), 'Anna Keller')],
      }),
    );
    const b = r.requirements[0];
    expect(b.waiver?.by).toBe('Anna Keller');
    expect(b.explanation).toEqual({ key: 'waived.by_person', params: { by: 'Anna Keller', reason: 'Group-wide supplier audit on file', at: '2025-06-01' } });
    expect(b.why).toMatch(/^Waived by Anna Keller on 2025-06-01: Group-wide supplier audit on file \(otherwise: No qc procedure evidence/);
  });
});

describe('summary and phases', () => {
  it.each<{ name: string; phase: EngagementPhase; evaluatePhase?: ReadinessInput['evaluatePhase']; evaluated: string | null; ready: boolean; all: boolean; next: string | null }>([
    { name: 'credibility with all met', phase: 'credibility', evaluated: 'credibility', ready: true, all: true, next: 'capability_validation' },
    { name: 'proposed evaluates credibility', phase: 'proposed', evaluated: 'credibility', ready: true, all: true, next: 'capability_validation' },
    { name: 'partnership has nowhere to advance', phase: 'partnership', evaluated: 'partnership', ready: false, all: true, next: null },
    { name: 'closed engagement', phase: 'rejected', evaluated: null, ready: false, all: false, next: null },
    { name: 'preview another phase', phase: 'credibility', evaluatePhase: 'operational_compatibility', evaluated: 'operational_compatibility', ready: true, all: true, next: 'partnership' },
  ])('$name', ({ phase, evaluatePhase, evaluated, ready, all, next }) => {
    const policy = {
      ...DEFAULT_CROSS_BORDER_POLICY,
      phases: { credibility: [reqA], capability_validation: [reqA], operational_compatibility: [reqA], partnership: [reqA] },
    };
    const r = evaluateReadiness(readinessInput({ policy, engagement: engagement({ phase }), evidence: [registration], evaluatePhase }));
    expect(r.phase).toBe(evaluated);
    expect(r.summary.readyToAdvance).toBe(ready);
    expect(r.summary.allRequiredSatisfied).toBe(all);
    expect(r.summary.nextPhase).toBe(next);
  });

  it('counts states; optional requirements never block', () => {
    const r = evaluateReadiness(
      readinessInput({
        policy: policyWith([reqA, reqB, reqOpt, { ...reqOpt, id: 'opt2', kinds: ['registration'], minProvenance: 'observed' }]),
        evidence: [registration],
      }),
    );
    expect(r.summary).toEqual({
      required: 2,
      met: 1,
      partlyMet: 1,
      unmet: 2,
      waived: 0,
      blocking: ['b'],
      allRequiredSatisfied: false,
      readyToAdvance: false,
      nextPhase: 'capability_validation',
    });
    expect(r.policy).toEqual({ key: DEFAULT_CROSS_BORDER_POLICY.key, version: 1 });
  });

  it('renders every explanation key it emits', () => {
    const r = evaluateReadiness(readinessInput({ policy: DEFAULT_CROSS_BORDER_POLICY }));
    for (const req of r.requirements) expect(READINESS_MESSAGE_KEYS).toContain(req.explanation.key);
  });
});

describe('evidence alerts', () => {
  const cert = (id: string, validTo: Date | null, standard = 'ISO 9001') => ev({ id, kind: 'certificate', title: `${standard} certificate`, attributes: { standard }, validTo });
  it.each([
    { name: '61 days left: no alert', evidence: [cert('c', daysFromNow(61))], states: [] },
    { name: '60 days left', evidence: [cert('c', daysFromNow(60))], states: [['c', 'expiring_60', 60]] },
    { name: '45 days left', evidence: [cert('c', daysFromNow(45))], states: [['c', 'expiring_60', 45]] },
    { name: '30 days left', evidence: [cert('c', daysFromNow(30))], states: [['c', 'expiring_30', 30]] },
    { name: '1 hour left', evidence: [cert('c', new Date(NOW.getTime() + 3_600_000))], states: [['c', 'expiring_30', 1]] },
    { name: 'expired yesterday', evidence: [cert('c', daysAgo(1))], states: [['c', 'expired', -1]] },
    { name: 'renewed: no alert for the old one', evidence: [cert('old', daysAgo(1)), cert('new', daysFromNow(1000))], states: [] },
    {
      name: 'a renewal of another standard does not hide it',
      evidence: [cert('old', daysAgo(1)), cert('new', daysFromNow(1000), 'ISO 13485')],
      states: [['old', 'expired', -1]],
    },
    { name: 'renewed by one with no end of validity', evidence: [cert('old', daysFromNow(20)), cert('new', null)], states: [] },
    {
      name: 'a piece of another kind about the same standard, with no end of validity, is no renewal',
      evidence: [cert('old', daysFromNow(20)), ev({ id: 'audit', kind: 'audit_report', title: 'ISO 9001 certificate', attributes: { standard: 'ISO 9001' }, validTo: null })],
      states: [['old', 'expiring_30', 20]],
    },
    {
      name: 'the same end of validity is no renewal: both are expiring',
      evidence: [cert('a', daysFromNow(20)), cert('b', daysFromNow(20))],
      states: [['a', 'expiring_30', 20], ['b', 'expiring_30', 20]],
    },
    {
      name: 'a renewal not yet valid does not count yet',
      evidence: [cert('old', daysFromNow(20)), { ...cert('new', daysFromNow(1100)), validFrom: daysFromNow(21) }],
      states: [['old', 'expiring_30', 20]],
    },
    {
      name: 'an expired renewal does not count',
      evidence: [cert('older', daysAgo(10)), cert('old', daysAgo(2))],
      states: [['older', 'expired', -10], ['old', 'expired', -2]],
    },
    {
      name: 'of three, only the longest-valid one stays: the middle one is renewed too',
      evidence: [cert('a', daysFromNow(10)), cert('b', daysFromNow(40)), cert('c', daysFromNow(50))],
      states: [['c', 'expiring_60', 50]],
    },
    { name: 'no validity period: no expiry alert', evidence: [cert('c', null)], states: [] },
    {
      name: 'sorted: expired, then expiring soonest',
      evidence: [cert('c60', daysFromNow(50), 'A'), cert('c30', daysFromNow(10), 'B'), cert('x', daysAgo(3), 'C')],
      states: [['x', 'expired', -3], ['c30', 'expiring_30', 10], ['c60', 'expiring_60', 50]],
    },
  ])('$name', ({ evidence, states }) => {
    expect(evidenceAlerts(evidence, [], NOW).map((a) => [a.evidenceId, a.state, a.daysLeft])).toEqual(states);
  });

  it('flags evidence older than a requirement of the phase allows as stale', () => {
    const req: Requirement = { ...reqA, maxAgeDays: 365 };
    const old = ev({ id: 'old-reg', kind: 'registration', issuedAt: daysAgo(400) });
    const r = evaluateReadiness(readinessInput({ policy: policyWith([req]), evidence: [old, ev({ id: 'qc', kind: 'qc_procedure', issuedAt: daysAgo(900) })] }));
    expect(r.evidenceAlerts.map((a) => [a.evidenceId, a.state, a.requirementIds])).toEqual([['old-reg', 'stale', ['a']]]);
    expect(r.evidenceAlerts[0].why).toMatch(/400 days old, older than the 365 days allowed for a/);
    expect(r.requirements[0].state).toBe('partly_met');
  });

  it('expired evidence stops counting and readiness says so', () => {
    const req: Requirement = { ...reqA, kinds: ['certificate'] };
    const r = evaluateReadiness(readinessInput({ policy: policyWith([req]), evidence: [cert('c', daysAgo(2))] }));
    expect(r.requirements[0].state).toBe('partly_met');
    expect(r.requirements[0].considered).toEqual([{ evidenceId: 'c', verdict: 'expired' }]);
    expect(r.requirements[0].why).toMatch(/1 expired/);
    expect(r.evidenceAlerts[0]).toMatchObject({ evidenceId: 'c', state: 'expired' });
    expect(r.evidenceAlerts[0].why).toMatch(/no longer counts/);
  });
});

describe('formal score', () => {
  const full = [
    ev({ id: 'reg', kind: 'registration', provenance: 'documented' }),
    ev({ id: 'iso', kind: 'certificate', provenance: 'third_party', attributes: { standard: 'ISO 13485' }, validTo: daysFromNow(300) }),
    ev({ id: 'audit', kind: 'audit_report', provenance: 'third_party', issuedAt: daysAgo(100) }),
    ev({ id: 'lab', kind: 'sample_test', provenance: 'third_party' }),
    ev({ id: 'qc', kind: 'qc_procedure', provenance: 'documented' }),
  ];
  it.each([
    { name: 'nothing', evidence: [], score: 0, points: {} },
    { name: 'everything', evidence: full, score: 100, points: { registration: 15, qms_certification: 30, third_party_audit: 25, standardized_tests: 15, qc_procedures: 15 } },
    {
      name: 'a documented ISO 9001 certificate',
      evidence: [ev({ id: 'c', kind: 'certificate', attributes: { standard: 'ISO 9001' }, validTo: daysFromNow(10) })],
      score: 20,
      points: { qms_certification: 20 },
    },
    {
      name: 'an expired certificate scores nothing',
      evidence: [ev({ id: 'c', kind: 'certificate', provenance: 'third_party', attributes: { standard: 'ISO 9001' }, validTo: daysAgo(1) })],
      score: 0,
      points: {},
    },
    {
      name: 'a non-QMS certificate is not a QMS certification',
      evidence: [ev({ id: 'c', kind: 'certificate', attributes: { standard: 'ISO 14001' }, validTo: daysFromNow(10) })],
      score: 0,
      points: {},
    },
    {
      name: 'an old audit is not counted',
      evidence: [ev({ id: 'a', kind: 'audit_report', provenance: 'third_party', issuedAt: daysAgo(800) })],
      score: 0,
      points: {},
    },
    { name: 'a self-declared registration', evidence: [ev({ id: 'r', kind: 'registration', provenance: 'self_declared' })], score: 5, points: { registration: 5 } },
  ])('$name → $score', ({ evidence, score, points }) => {
    const s = formalScore(readinessInput({ evidence }));
    expect(s.score).toBe(score);
    expect(s.max).toBe(100);
    for (const input of s.inputs) expect(input.points, input.key).toBe((points as Record<string, number>)[input.key] ?? 0);
    for (const input of s.inputs) if (input.points > 0) expect(input.evidenceIds.length).toBeGreaterThan(0);
  });
});

describe('behavioural score', () => {
  const answered = (hours: number) => ({ askedAt: daysAgo(10), answeredAt: daysAgo(9), responseBusinessHours: hours });
  it.each<{ name: string; input: Partial<ReadinessInput>; score: number | null; points: Record<string, number | null> }>([
    { name: 'nothing measured yet', input: {}, score: null, points: { consistency: null, transparency: null, corrective_actions: null, responsiveness: null } },
    { name: 'Cpk ≥ 1.33 everywhere', input: { processCapability: [{ characteristic: 'bore Ø', cpk: 1.67 }, { characteristic: 'flatness', cpk: 1.33 }] }, score: 100, points: { consistency: 30 } },
    { name: 'Cpk 1.1', input: { processCapability: [{ characteristic: 'bore Ø', cpk: 1.1 }] }, score: 50, points: { consistency: 15 } },
    { name: 'Cpk 0.9', input: { processCapability: [{ characteristic: 'bore Ø', cpk: 0.9 }] }, score: 0, points: { consistency: 0 } },
    { name: 'capable but with control-chart signals', input: { processCapability: [{ characteristic: 'bore Ø', cpk: 1.5, signals: 2 }] }, score: 75, points: { consistency: 22.5 } },
    {
      name: 'disclosures: two or more is full',
      input: { communication: { progressUpdates: [], proactiveDisclosures: [{ sentAt: daysAgo(3) }], escalationLadderNamed: false }, claims: [claim({ id: 'l', type: 'limitation' })] },
      score: 100,
      points: { transparency: 20 },
    },
    {
      name: 'a thread without disclosures',
      input: { communication: { progressUpdates: [], proactiveDisclosures: [], escalationLadderNamed: true } },
      score: 0,
      points: { transparency: 0 },
    },
    { name: 'corrective actions 3 of 4 on time', input: { correctiveActions: { closedOnTime: 3, closedLate: 1, openOverdue: 0 } }, score: 75, points: { corrective_actions: 18.75 } },
    { name: 'corrective actions none due', input: { correctiveActions: { closedOnTime: 0, closedLate: 0, openOverdue: 0 } }, score: null, points: { corrective_actions: null } },
    { name: 'median response 1 day: full', input: { inquiries: [answered(9), answered(9), answered(9)] }, score: 100, points: { responsiveness: 25 } },
    { name: 'median response 2 days', input: { inquiries: [answered(18), answered(18), answered(18)] }, score: 67, points: { responsiveness: 16.67 } },
    { name: 'median response 4 days: none', input: { inquiries: [answered(36), answered(36), answered(36)] }, score: 0, points: { responsiveness: 0 } },
  ])('$name → $score', ({ input, score, points }) => {
    const s = behaviouralScore(readinessInput(input));
    expect(s.score).toBe(score);
    for (const [key, p] of Object.entries(points)) {
      const i = s.inputs.find((x) => x.key === key);
      if (p === null) expect(i?.available, key).toBe(false);
      else {
        expect(i?.available, key).toBe(true);
        expect(i?.points, key).toBe(p);
      }
    }
  });

  it('keeps the two sub-scores separate in the readiness result', () => {
    const r = evaluateReadiness(
      readinessInput({
        evidence: [ev({ kind: 'qc_procedure' })],
        processCapability: [{ characteristic: 'bore Ø', cpk: 1.5, evidenceIds: ['spc-1'] }],
      }),
    );
    expect(r.formalScore.score).toBe(15);
    expect(r.behaviouralScore.score).toBe(100);
    expect(r.behaviouralScore.inputs.find((i) => i.key === 'consistency')?.evidenceIds).toEqual(['spc-1']);
    expect(r.formalScore.inputs.map((i) => i.key)).toEqual(['registration', 'qms_certification', 'third_party_audit', 'standardized_tests', 'qc_procedures']);
    expect(r.behaviouralScore.inputs.map((i) => i.key)).toEqual(['consistency', 'transparency', 'corrective_actions', 'responsiveness']);
  });
});

describe('default policies end to end', () => {
  // Ningbo Hengtai for Nordlicht Medical: cross-border, medical devices, ISO 9001 + ISO 13485.
  const evidence = [
    ev({ id: 'reg', kind: 'registration', provenance: 'documented', issuedAt: daysAgo(60), attributes: { identifier: '91330200MA2H8XXXXX' } }),
    ev({ id: 'iso9001', kind: 'certificate', provenance: 'documented', attributes: { standard: 'ISO 9001:2015' }, validTo: daysFromNow(400) }),
    ev({ id: 'iso13485', kind: 'certificate', provenance: 'documented', attributes: { standard: 'ISO 13485:2016' }, validTo: daysFromNow(45) }),
    ev({ id: 'ref1', kind: 'attestation', provenance: 'third_party', attestedByOtherBuyer: true }),
    ev({ id: 'ref2', kind: 'testimonial', provenance: 'self_declared' }),
  ];
  const inquiries = [9, 4, 20].map((h, i) => ({ id: `inq-${i}`, askedAt: daysAgo(20 - i), answeredAt: daysAgo(19 - i), responseBusinessHours: h }));
  const base = {
    engagement: engagement({ regulatedSector: 'medical_devices', productMaturity: 'custom' as const }),
    evidence,
    inquiries,
    claims: [claim({ id: 'cap', type: 'capacity', productLine: 'line-1', value: 40000, period: 'month' as const, statedLimit: 46000 })],
  };

  it('cross-border: the second reference must be third-party', () => {
    const r = evaluateReadiness(readinessInput({ ...base, policy: DEFAULT_CROSS_BORDER_POLICY }));
    const states = Object.fromEntries(r.requirements.map((x) => [x.id, x.state]));
    expect(states).toEqual({
      'p1.registration': 'met',
      'p1.qms_certification': 'met',
      'p1.iso13485': 'met',
      'p1.response_time': 'met',
      'p1.references': 'partly_met',
    });
    expect(r.summary.blocking).toEqual(['p1.references']);
    expect(r.evidenceAlerts.map((a) => [a.evidenceId, a.state])).toEqual([['iso13485', 'expiring_60']]);
    expect(r.visitAdvice.recommendation).toBe('visit_needed');
    expect(r.visitAdvice.firedRules.map((f) => f.id)).toEqual(['waive.regulated_framework', 'raise.custom_product', 'raise.large_claimed_capacity']);
  });

  it('domestic: the same record is ready to advance', () => {
    const r = evaluateReadiness(readinessInput({ ...base, engagement: { ...base.engagement, crossBorder: false }, policy: DEFAULT_DOMESTIC_POLICY }));
    expect(r.requirements.every((x) => x.state === 'met')).toBe(true);
    expect(r.summary.readyToAdvance).toBe(true);
  });

  it('non-medical engagements do not see the ISO 13485 requirement', () => {
    const r = evaluateReadiness(readinessInput({ ...base, engagement: engagement(), policy: DEFAULT_CROSS_BORDER_POLICY }));
    expect(r.notApplicable.map((n) => n.id)).toEqual(['p1.iso13485']);
  });
});
