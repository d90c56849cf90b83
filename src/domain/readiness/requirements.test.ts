import { describe, expect, it } from 'vitest';
import type { Requirement, VerificationPolicy } from '../policy/types.js';
import type { OpenPhase, RequirementState } from '../model.js';
import { evaluateReadiness } from './evaluate.js';
import { NOW, claim, daysAgo, daysFromNow, engagement, ev, policyWith, readinessInput, title } from './test-fixtures.js';
import type { ReadinessEvidence, ReadinessInput, RequirementResult } from './types.js';

function evaluateOne(
  req: Requirement,
  partial: Partial<ReadinessInput> = {},
  phase: OpenPhase = 'credibility',
  policyOverrides: Partial<VerificationPolicy> = {},
): RequirementResult {
  const result = evaluateReadiness(
    readinessInput({
      ...partial,
      engagement: partial.engagement ?? engagement({ phase }),
      policy: policyWith([req], phase, policyOverrides),
    }),
  );
  expect(result.requirements).toHaveLength(1);
  return result.requirements[0];
}

type Case = {
  name: string;
  input: Partial<ReadinessInput>;
  state: RequirementState;
  evidenceIds?: string[];
  key?: string;
  why?: RegExp;
};

function check(r: RequirementResult, c: Case) {
  expect(r.state, r.why).toBe(c.state);
  if (c.evidenceIds) expect(r.evidenceIds).toEqual(c.evidenceIds);
  if (c.key) expect(r.explanation.key).toBe(c.key);
  if (c.why) expect(r.why).toMatch(c.why);
  expect(r.why.length).toBeGreaterThan(10);
}

// ---------------------------------------------------------------------------------------------------------------

describe('evidence requirement', () => {
  const certReq: Requirement = {
    id: 'cert',
    type: 'evidence',
    title,
    required: true,
    kinds: ['certificate'],
    minProvenance: 'documented',
    mustBeValid: true,
    minCount: 1,
    subject: { attribute: 'standard', anyOf: ['ISO 9001', 'ISO 13485'] },
  };
  const cert = (id: string, extra: Partial<ReadinessEvidence> = {}) =>
    ev({ id, kind: 'certificate', provenance: 'documented', attributes: { standard: 'ISO 9001' }, validTo: daysFromNow(200), ...extra });

  const cases: Case[] = [
    { name: 'documented valid certificate', input: { evidence: [cert('c1')] }, state: 'met', evidenceIds: ['c1'], key: 'evidence.met' },
    { name: 'revision suffix matches the standard', input: { evidence: [cert('c1', { attributes: { standard: 'ISO 9001:2015' } })] }, state: 'met' },
    {
      name: 'a self-declared certificate does not meet a documented minimum',
      input: { evidence: [cert('c1', { provenance: 'self_declared' })] },
      state: 'partly_met',
      evidenceIds: ['c1'],
      why: /below the minimum provenance/,
    },
    { name: 'third-party exceeds documented', input: { evidence: [cert('c1', { provenance: 'third_party' })] }, state: 'met' },
    {
      name: 'an expired certificate stops counting',
      input: { evidence: [cert('c1', { validTo: daysAgo(1) })] },
      state: 'partly_met',
      why: /1 expired/,
    },
    {
      name: 'valid today needs a validity period',
      input: { evidence: [cert('c1', { validTo: null })] },
      state: 'partly_met',
      why: /without a validity period/,
    },
    {
      name: 'not yet valid',
      input: { evidence: [cert('c1', { validFrom: daysFromNow(2) })] },
      state: 'partly_met',
      why: /not yet valid/,
    },
    { name: 'another standard is not a candidate', input: { evidence: [cert('c1', { attributes: { standard: 'ISO 14001' } })] }, state: 'unmet' },
    { name: 'another kind is not a candidate', input: { evidence: [ev({ kind: 'audit_report', attributes: { standard: 'ISO 9001' } })] }, state: 'unmet' },
    { name: 'nothing shared', input: {}, state: 'unmet', key: 'evidence.unmet', why: /ISO 9001 or ISO 13485/ },
    {
      name: 'strongest counted first, rejected listed after',
      input: { evidence: [cert('weak', { provenance: 'self_declared' }), cert('c1'), cert('c2', { provenance: 'observed' })] },
      state: 'met',
      evidenceIds: ['c2', 'c1'],
    },
  ];
  it.each(cases)('$name → $state', (c) => check(evaluateOne(certReq, c.input), c));

  const registration: Requirement = {
    id: 'reg',
    type: 'evidence',
    title,
    required: true,
    kinds: ['registration'],
    minProvenance: 'documented',
    maxAgeDays: 365,
    minCount: 1,
    requiredAttributes: ['identifier'],
  };
  const reg = (extra: Partial<ReadinessEvidence> = {}) =>
    ev({ id: 'r1', kind: 'registration', provenance: 'documented', issuedAt: daysAgo(100), attributes: { identifier: '91330200MA2XXXXX' }, ...extra });
  it.each<Case>([
    { name: 'fresh extract with identifier', input: { evidence: [reg()] }, state: 'met' },
    { name: 'extract older than 12 months is stale', input: { evidence: [reg({ issuedAt: daysAgo(400) })] }, state: 'partly_met', why: /older than the maximum age/ },
    { name: 'age falls back to sharedAt', input: { evidence: [reg({ issuedAt: null, sharedAt: daysAgo(366) })] }, state: 'partly_met' },
    { name: 'no identifier', input: { evidence: [reg({ attributes: { identifier: ' ' } })] }, state: 'partly_met', why: /missing required details/ },
    { name: 'observed beats third-party: an observed extract counts', input: { evidence: [reg({ provenance: 'observed' })] }, state: 'met' },
  ])('registration: $name → $state', (c) => check(evaluateOne(registration, c.input), c));

  const references: Requirement = {
    id: 'refs',
    type: 'evidence',
    title,
    required: true,
    kinds: ['testimonial', 'attestation'],
    minProvenance: 'third_party',
    minCount: 2,
  };
  it.each<Case>([
    {
      name: 'two third-party references',
      input: { evidence: [ev({ id: 't1', kind: 'testimonial', provenance: 'third_party' }), ev({ id: 'a1', kind: 'attestation', provenance: 'observed' })] },
      state: 'met',
      evidenceIds: ['a1', 't1'],
    },
    {
      name: 'one of two',
      input: { evidence: [ev({ id: 't1', kind: 'testimonial', provenance: 'third_party' })] },
      state: 'partly_met',
      why: /1 of 2/,
    },
    {
      name: 'self-declared references do not count cross-border',
      input: { evidence: [ev({ kind: 'testimonial', provenance: 'self_declared' }), ev({ kind: 'testimonial', provenance: 'documented' })] },
      state: 'partly_met',
      why: /0 of 2.*2 below the minimum provenance/,
    },
  ])('references: $name → $state', (c) => check(evaluateOne(references, c.input), c));

  it('an observed minimum is not met by third-party evidence', () => {
    const r = evaluateOne({ ...references, minProvenance: 'observed', minCount: 1 }, { evidence: [ev({ kind: 'testimonial', provenance: 'third_party' })] });
    expect(r.state).toBe('partly_met');
    expect(r.considered.map((c) => c.verdict)).toEqual(['below_min_provenance']);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('claims_with_limits requirement', () => {
  const req: Requirement = {
    id: 'limits',
    type: 'claims_with_limits',
    title,
    required: true,
    claimType: 'capacity',
    requireStatedLimit: true,
    perProductLine: true,
  };
  const cap = (id: string, productLine: string, statedLimit: number | null = 45000) =>
    claim({ id, type: 'capacity', productLine, value: 40000, period: 'month', statedLimit });
  const lines = engagement({ phase: 'capability_validation', productLines: ['line-a', 'line-b'] });
  it.each<Case & { claimIds?: string[] }>([
    { name: 'both lines with limits', input: { engagement: lines, claims: [cap('a', 'line-a'), cap('b', 'line-b')] }, state: 'met', claimIds: ['a', 'b'] },
    { name: 'a line without a limit', input: { engagement: lines, claims: [cap('a', 'line-a'), cap('b', 'line-b', null)] }, state: 'partly_met', why: /no stated limit for line-b/ },
    { name: 'a line without a claim', input: { engagement: lines, claims: [cap('a', 'line-a')] }, state: 'partly_met', why: /no capacity claim for line-b/ },
    { name: 'no capacity claim', input: { engagement: lines, claims: [claim({ id: 'm', type: 'moq' })] }, state: 'unmet' },
    {
      name: 'lines out of scope are ignored',
      input: { engagement: engagement({ phase: 'capability_validation', productLines: ['line-a'] }), claims: [cap('a', 'line-a'), cap('z', 'line-z', null)] },
      state: 'met',
      claimIds: ['a'],
    },
    {
      name: 'no product lines named: every claim needs its limit',
      input: { engagement: engagement({ phase: 'capability_validation' }), claims: [cap('a', 'line-a'), cap('b', 'line-b', null)] },
      state: 'partly_met',
    },
  ])('$name → $state', (c) => {
    const r = evaluateOne(req, c.input, 'capability_validation');
    check(r, c);
    if (c.claimIds) expect(r.claimIds).toEqual(c.claimIds);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('response_time requirement', () => {
  const req: Requirement = { id: 'rt', type: 'response_time', title, required: true, maxMedianBusinessDays: 2, minInquiries: 3 };
  const answered = (hours: number, id?: string) => ({ id, askedAt: daysAgo(20), answeredAt: daysAgo(19), responseBusinessHours: hours });
  const shanghai = { timeZone: 'Asia/Shanghai' };
  it.each<Case & { messageIds?: string[] }>([
    {
      name: 'median one day over three',
      input: { inquiries: [answered(9, 'm1'), answered(18, 'm2'), answered(4, 'm3')] },
      state: 'met',
      why: /Median response time 1 business days over 3 inquiries/,
      messageIds: ['m1', 'm2', 'm3'],
    },
    { name: 'exactly two days is within', input: { inquiries: [answered(18), answered(18), answered(18)] }, state: 'met' },
    { name: 'only two inquiries', input: { inquiries: [answered(9), answered(9)] }, state: 'partly_met', key: 'response_time.too_few' },
    { name: 'too slow', input: { inquiries: [answered(27), answered(30), answered(9)] }, state: 'unmet', key: 'response_time.too_slow' },
    { name: 'no inquiry yet', input: {}, state: 'unmet', key: 'response_time.none' },
    {
      name: 'overdue open inquiries count against the median',
      input: {
        responderCalendar: shanghai,
        inquiries: [answered(9), answered(9), { askedAt: daysAgo(14), answeredAt: null }, { askedAt: daysAgo(14), answeredAt: null }],
      },
      state: 'unmet',
      why: /2 still unanswered and overdue/,
    },
    {
      name: 'recent open inquiries are pending, not counted',
      input: { responderCalendar: shanghai, inquiries: [answered(9), answered(9), answered(9), { askedAt: daysAgo(0.1), answeredAt: null }] },
      state: 'met',
    },
    {
      name: 'durations computed in the responder calendar',
      input: {
        responderCalendar: shanghai,
        // Friday 17:00 Shanghai → Monday 10:00: 2 business hours each.
        inquiries: [0, 1, 2].map(() => ({ askedAt: new Date('2025-05-30T09:00:00Z'), answeredAt: new Date('2025-06-02T02:00:00Z') })),
      },
      state: 'met',
      why: /0.22 business days/,
    },
  ])('$name → $state', (c) => {
    const r = evaluateOne(req, c.input);
    check(r, c);
    if (c.messageIds) expect(r.messageIds).toEqual(c.messageIds);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('pilot requirement', () => {
  const req: Requirement = {
    id: 'pilot',
    type: 'pilot',
    title,
    required: true,
    minMonths: 3,
    maxMonths: 6,
    requiresKpis: true,
    requiresEvaluationPoints: true,
  };
  const pilot = (extra: Partial<NonNullable<ReadinessInput['pilot']>> = {}) => ({
    id: 'pilot-1',
    startedAt: daysAgo(150),
    plannedEndAt: daysAgo(10),
    kpis: 4,
    evaluationPoints: 3,
    finalReview: { id: 'review-final', decision: 'continue' as const, at: daysAgo(9) },
    ...extra,
  });
  const kpi = ev({ id: 'kpi-1', kind: 'kpi_measurement', sharedAt: daysAgo(60) });
  const earlyKpi = ev({ id: 'kpi-0', kind: 'kpi_measurement', sharedAt: daysAgo(200) });
  it.each<Case>([
    { name: 'no pilot', input: {}, state: 'unmet', key: 'pilot.none' },
    { name: 'completed 4.6-month pilot, final review passed', input: { pilot: pilot(), evidence: [kpi, earlyKpi] }, state: 'met', evidenceIds: ['kpi-1'], why: /final review passed it/ },
    { name: 'ended early after 2 months', input: { pilot: pilot({ endedAt: daysAgo(90) }) }, state: 'partly_met', why: /less than 3/ },
    { name: 'shorter, with the reason shown', input: { pilot: pilot({ endedAt: daysAgo(90), durationReason: 'bridge volume' }) }, state: 'partly_met', why: /less than 3 \(reason given: bridge volume\)/ },
    { name: 'still running', input: { pilot: pilot({ startedAt: daysAgo(30), plannedEndAt: daysFromNow(120), finalReview: null }) }, state: 'partly_met', why: /still running/ },
    { name: 'planned end passed, final review missing', input: { pilot: pilot({ finalReview: null }) }, state: 'partly_met', why: /final evaluation point has not been reviewed/ },
    { name: 'stopped at a review', input: { pilot: pilot({ finalReview: { id: 'r', decision: 'stop', at: daysAgo(40) } }) }, state: 'unmet', key: 'pilot.stopped' },
    { name: 'planned for 8 months', input: { pilot: pilot({ startedAt: daysAgo(250), plannedEndAt: daysAgo(6) }) }, state: 'partly_met', why: /more than 6/ },
    { name: 'no KPIs', input: { pilot: pilot({ kpis: 0 }) }, state: 'partly_met', why: /no KPIs/ },
    { name: 'no evaluation points', input: { pilot: pilot({ evaluationPoints: 0 }) }, state: 'partly_met', why: /no evaluation points/ },
  ])('$name → $state', (c) => check(evaluateOne(req, c.input, 'operational_compatibility'), c));

  it('does not insist on KPIs when the policy does not', () => {
    const r = evaluateOne({ ...req, requiresKpis: false, requiresEvaluationPoints: false }, { pilot: pilot({ kpis: 0, evaluationPoints: 0 }) }, 'operational_compatibility');
    expect(r.state).toBe('met');
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('cadence requirement', () => {
  const req: Requirement = {
    id: 'cadence',
    type: 'cadence',
    title,
    required: true,
    progressUpdateEveryDays: 14,
    escalationLadderRequired: true,
  };
  const updates = (...days: number[]) => days.map((d, i) => ({ id: `u${i}`, sentAt: daysAgo(d) }));
  const comm = (days: number[], ladder: boolean) => ({ progressUpdates: updates(...days), proactiveDisclosures: [], escalationLadderNamed: ladder });
  const eng = engagement({ phase: 'operational_compatibility', startedPhaseAt: daysAgo(30) });
  it.each<Case & { req?: Requirement }>([
    { name: 'updates every two weeks, ladder named', input: { engagement: eng, communication: comm([20, 8], true) }, state: 'met' },
    { name: 'a 25-day gap', input: { engagement: eng, communication: comm([25], true) }, state: 'partly_met', why: /longest stretch .* 25 days/ },
    { name: 'no ladder', input: { engagement: eng, communication: comm([20, 8], false) }, state: 'partly_met', why: /no escalation ladder/ },
    { name: 'neither', input: { engagement: eng }, state: 'unmet', key: 'cadence.unmet' },
    {
      name: 'updates before the phase started do not count',
      input: { engagement: eng, communication: comm([40, 35, 20], true) },
      state: 'partly_met',
    },
    {
      name: 'ladder optional: cadence alone decides',
      req: { ...req, escalationLadderRequired: false },
      input: { engagement: eng, communication: comm([20, 8], false) },
      state: 'met',
    },
    {
      name: 'ladder optional and the gap exceeded',
      req: { ...req, escalationLadderRequired: false },
      input: { engagement: eng, communication: comm([25], false) },
      state: 'unmet',
    },
  ])('$name → $state', (c) => check(evaluateOne(c.req ?? req, c.input, 'operational_compatibility'), c));
});

// ---------------------------------------------------------------------------------------------------------------

describe('visit requirement', () => {
  const req: Requirement = {
    id: 'visit',
    type: 'visit',
    title,
    required: true,
    kinds: ['visit_observation', 'audit_report'],
    minProvenance: 'third_party',
    maxAgeDays: 730,
    waivableByAdvisor: true,
  };
  const qc = ev({ id: 'qc', kind: 'qc_procedure' });
  const eng = (extra = {}) => engagement({ phase: 'capability_validation', ...extra });
  const waiveEverything: Partial<VerificationPolicy> = {
    visitAdvisor: {
      baseScore: 0,
      thresholds: { needed: 2, recommended: 1 },
      rules: [
        {
          id: 'waive.iso13485',
          effect: 'waive',
          weight: 1,
          condition: { kind: 'certification_held', standard: 'ISO 13485' },
          explanation: { en: 'ISO 13485 certified', zh: '通过 ISO 13485 认证' },
        },
      ],
    },
  };
  const iso = ev({ id: 'iso', kind: 'certificate', attributes: { standard: 'ISO 13485' }, validTo: daysFromNow(100) });
  it.each<Case & { policy?: Partial<VerificationPolicy>; r?: Requirement }>([
    {
      name: 'third-party audit on record',
      input: { engagement: eng(), evidence: [qc, ev({ id: 'audit', kind: 'audit_report', provenance: 'third_party' })] },
      state: 'met',
      evidenceIds: ['audit'],
    },
    {
      name: 'observed visit on record',
      input: { engagement: eng(), evidence: [qc, ev({ id: 'v', kind: 'visit_observation', provenance: 'observed' })] },
      state: 'met',
    },
    {
      name: "the supplier's own documented audit does not count",
      input: { engagement: eng(), evidence: [qc, ev({ id: 'own', kind: 'audit_report', provenance: 'documented' })] },
      state: 'partly_met',
      key: 'visit.partly_met',
    },
    {
      name: 'an audit older than two years is stale',
      input: { engagement: eng(), evidence: [qc, ev({ kind: 'audit_report', provenance: 'third_party', issuedAt: daysAgo(800) })] },
      state: 'partly_met',
    },
    {
      name: 'advisor says it can be waived',
      policy: waiveEverything,
      input: { engagement: eng(), evidence: [qc, iso] },
      state: 'waived',
      key: 'visit.waived_by_advisor',
      evidenceIds: ['iso'],
      why: /ISO 13485 certified/,
    },
    {
      name: 'not waivable by the advisor',
      policy: waiveEverything,
      r: { ...req, waivableByAdvisor: false },
      input: { engagement: eng(), evidence: [qc, iso] },
      state: 'unmet',
    },
    {
      name: 'visit planned',
      input: { engagement: eng(), evidence: [qc], visit: { plannedFor: daysFromNow(14) } },
      state: 'partly_met',
      key: 'visit.planned',
      why: /2025-06-16.*visit recommended/,
    },
    {
      name: 'nothing, custom product',
      input: { engagement: eng({ productMaturity: 'custom' }), evidence: [qc] },
      state: 'unmet',
      why: /visit needed/,
    },
  ])('$name → $state', (c) => check(evaluateOne(c.r ?? req, c.input, 'capability_validation', c.policy), c));
});

// ---------------------------------------------------------------------------------------------------------------

describe('reverification requirement', () => {
  const req: Requirement = {
    id: 'rev',
    type: 'reverification',
    title,
    required: true,
    certificatesBeforeExpiry: true,
    reaudit: { everyMonths: 24, required: true, kinds: ['audit_report', 'visit_observation'], minProvenance: 'third_party' },
    batchRecordsPerLot: true,
  };
  const eng = engagement({ phase: 'partnership' });
  const cert = (id: string, validTo: Date, standard = 'ISO 9001') => ev({ id, kind: 'certificate', attributes: { standard }, validTo });
  const audit = (monthsAgo: number) => ev({ id: `audit-${monthsAgo}`, kind: 'audit_report', provenance: 'third_party', issuedAt: daysAgo(monthsAgo * 30.44) });
  const batch = (lot: string) => ev({ id: `batch-${lot}`, kind: 'batch_test_record', attributes: { lot } });
  const lots = [{ lot: 'L-001' }, { lot: 'L-002' }];
  it.each<Case & { r?: Requirement }>([
    {
      name: 'all current',
      input: { engagement: eng, lots, evidence: [cert('c', daysFromNow(200)), audit(10), batch('L-001'), batch('l-002')] },
      state: 'met',
    },
    {
      name: 'a certificate lapsed without renewal',
      input: { engagement: eng, lots, evidence: [cert('c', daysAgo(3)), audit(10), batch('L-001'), batch('L-002')] },
      state: 'partly_met',
      why: /lapsed without renewal: ISO 9001/,
    },
    {
      name: 'a renewed certificate is fine',
      input: { engagement: eng, lots, evidence: [cert('old', daysAgo(3)), cert('new', daysFromNow(1000)), audit(10), batch('L-001'), batch('L-002')] },
      state: 'met',
    },
    {
      name: 're-audit overdue',
      input: { engagement: eng, lots, evidence: [cert('c', daysFromNow(200)), audit(30), batch('L-001'), batch('L-002')] },
      state: 'partly_met',
      why: /30 months old/,
    },
    {
      name: 're-audit optional (domestic)',
      r: { ...req, reaudit: { ...req.reaudit, required: false } },
      input: { engagement: eng, lots, evidence: [cert('c', daysFromNow(200)), batch('L-001'), batch('L-002')] },
      state: 'met',
    },
    {
      name: 'a lot without a batch record',
      input: { engagement: eng, lots, evidence: [cert('c', daysFromNow(200)), audit(10), batch('L-001')] },
      state: 'partly_met',
      why: /lots without a batch test record: L-002/,
    },
    {
      name: 'nothing current',
      input: { engagement: eng, lots, evidence: [cert('c', daysAgo(3))] },
      state: 'unmet',
      why: /no re-audit on record/,
    },
  ])('$name → $state', (c) => check(evaluateOne(c.r ?? req, c.input, 'partnership'), c));
});

// ---------------------------------------------------------------------------------------------------------------

describe('appliesWhen', () => {
  const base: Requirement = {
    id: 'cond',
    type: 'evidence',
    title,
    required: true,
    kinds: ['registration'],
    minProvenance: 'self_declared',
    minCount: 1,
  };
  it.each([
    { name: 'cross-border only, domestic engagement', when: { crossBorder: true }, eng: { crossBorder: false }, applies: false, why: /cross-border engagements/ },
    { name: 'cross-border only, cross-border engagement', when: { crossBorder: true }, eng: { crossBorder: true }, applies: true },
    { name: 'category mismatch', when: { categories: ['electronics'] }, eng: { categories: ['machined_parts'] }, applies: false, why: /categories electronics/ },
    { name: 'category match ignores case', when: { categories: ['Machined_Parts', 'castings'] }, eng: { categories: ['machined_parts'] }, applies: true },
    { name: 'regulated sector missing', when: { regulatedSector: ['medical_devices'] }, eng: {}, applies: false, why: /medical devices/ },
    { name: 'regulated sector match', when: { regulatedSector: ['medical_devices'] }, eng: { regulatedSector: 'medical_devices' }, applies: true },
    {
      name: 'all conditions must hold',
      when: { crossBorder: true, regulatedSector: ['medical_devices'] },
      eng: { crossBorder: true, regulatedSector: 'automotive' },
      applies: false,
    },
  ])('$name', ({ when, eng, applies, why }) => {
    const result = evaluateReadiness(
      readinessInput({ engagement: engagement(eng), policy: policyWith([{ ...base, appliesWhen: when }]) }),
    );
    expect(result.requirements.map((r) => r.id)).toEqual(applies ? ['cond'] : []);
    expect(result.notApplicable.map((r) => r.id)).toEqual(applies ? [] : ['cond']);
    expect(result.summary.required).toBe(applies ? 1 : 0);
    if (why) expect(result.notApplicable[0].why).toMatch(why);
  });
});

it('evaluates at NOW without mutating the input', () => {
  const input = readinessInput({ evidence: [ev({ kind: 'registration' })] });
  const frozen = JSON.stringify(input);
  evaluateReadiness(input);
  expect(JSON.stringify(input)).toBe(frozen);
  expect(evaluateReadiness(input).evaluatedAt).toEqual(NOW);
});
