import { describe, expect, it } from 'vitest';
// The shipped policies (src/domain/policy/default-policies.ts) against the policy schema that validates uploads.
import { parsePolicy, VerificationPolicySchema, type Requirement, type VerificationPolicy } from './policy.js';
import { OPEN_PHASES, provenanceRank, type OpenPhase, type Provenance } from '../domain/model.js';
import {
  DEFAULT_ADVISOR_RULES,
  DEFAULT_CROSS_BORDER_POLICY,
  DEFAULT_DOMESTIC_POLICY,
  DEFAULT_POLICIES,
  defaultPolicyFor,
} from '../domain/policy/default-policies.js';

function find(policy: VerificationPolicy, id: string): { phase: OpenPhase; req: Requirement } {
  for (const phase of OPEN_PHASES) {
    const req = policy.phases[phase].find((r) => r.id === id);
    if (req) return { phase, req };
  }
  throw new Error(`no requirement ${id} in ${policy.key}`);
}

function minProvenance(req: Requirement): Provenance | null {
  return 'minProvenance' in req ? req.minProvenance : null;
}

describe('shipped default policies', () => {
  it.each(DEFAULT_POLICIES.map((p) => [p.key, p] as const))('%s is valid against the schema', (_key, policy) => {
    expect(VerificationPolicySchema.safeParse(policy).error?.issues).toBeUndefined();
    expect(parsePolicy(JSON.parse(JSON.stringify(policy)))).toEqual({ ok: true, policy });
  });

  it('picks the default by scope', () => {
    expect(defaultPolicyFor(true).scope).toBe('cross_border');
    expect(defaultPolicyFor(false).scope).toBe('domestic');
  });

  // DESIGN.md, "The shipped cross-border default" — one row per requirement:
  // [id, phase, type, cross-border {required, provenance, extra}, domestic {required, provenance, extra}]
  type Side = { required: boolean; provenance: Provenance | null; check?: (r: Requirement) => void };
  const table: [string, OpenPhase, Requirement['type'], Side, Side][] = [
    [
      'p1.registration',
      'credibility',
      'evidence',
      { required: true, provenance: 'documented', check: (r) => expect(r).toMatchObject({ maxAgeDays: 365, requiredAttributes: ['identifier'] }) },
      { required: true, provenance: 'self_declared', check: (r) => expect(r).not.toHaveProperty('maxAgeDays') },
    ],
    [
      'p1.qms_certification',
      'credibility',
      'evidence',
      { required: true, provenance: 'documented', check: (r) => expect(r).toMatchObject({ mustBeValid: true }) },
      { required: false, provenance: 'documented' },
    ],
    [
      'p1.iso13485',
      'credibility',
      'evidence',
      { required: true, provenance: 'documented', check: (r) => expect(r.appliesWhen).toEqual({ regulatedSector: ['medical_devices'] }) },
      { required: false, provenance: 'documented' },
    ],
    [
      'p1.response_time',
      'credibility',
      'response_time',
      { required: true, provenance: null, check: (r) => expect(r).toMatchObject({ maxMedianBusinessDays: 2, minInquiries: 3 }) },
      { required: true, provenance: null, check: (r) => expect(r).toMatchObject({ maxMedianBusinessDays: 2, minInquiries: 3 }) },
    ],
    [
      'p1.references',
      'credibility',
      'evidence',
      { required: true, provenance: 'third_party', check: (r) => expect(r).toMatchObject({ minCount: 2 }) },
      { required: false, provenance: 'self_declared', check: (r) => expect(r).toMatchObject({ minCount: 1 }) },
    ],
    ['p2.qc_processes', 'capability_validation', 'evidence', { required: true, provenance: 'documented' }, { required: true, provenance: 'documented' }],
    ['p2.sample_test', 'capability_validation', 'evidence', { required: true, provenance: 'third_party' }, { required: true, provenance: 'documented' }],
    [
      'p2.visit_or_audit',
      'capability_validation',
      'visit',
      { required: true, provenance: 'third_party', check: (r) => expect(r).toMatchObject({ waivableByAdvisor: true }) },
      { required: false, provenance: 'third_party' },
    ],
    [
      'p2.production_limits',
      'capability_validation',
      'claims_with_limits',
      { required: true, provenance: null, check: (r) => expect(r).toMatchObject({ claimType: 'capacity', requireStatedLimit: true }) },
      { required: true, provenance: null },
    ],
    [
      'p3.pilot',
      'operational_compatibility',
      'pilot',
      { required: true, provenance: null, check: (r) => expect(r).toMatchObject({ minMonths: 3, maxMonths: 6, requiresKpis: true }) },
      { required: true, provenance: null },
    ],
    [
      'p3.cadence',
      'operational_compatibility',
      'cadence',
      { required: true, provenance: null, check: (r) => expect(r).toMatchObject({ escalationLadderRequired: true }) },
      { required: false, provenance: null },
    ],
    [
      'p4.reverification',
      'partnership',
      'reverification',
      {
        required: true,
        provenance: null,
        check: (r) => expect(r).toMatchObject({ certificatesBeforeExpiry: true, batchRecordsPerLot: true, reaudit: { everyMonths: 24, required: true } }),
      },
      { required: true, provenance: null, check: (r) => expect(r).toMatchObject({ reaudit: { everyMonths: 24, required: false } }) },
    ],
  ];

  it.each(table)('%s follows the DESIGN.md table', (id, phase, type, cross, domestic) => {
    for (const [policy, side] of [
      [DEFAULT_CROSS_BORDER_POLICY, cross],
      [DEFAULT_DOMESTIC_POLICY, domestic],
    ] as const) {
      const found = find(policy, id);
      expect(found.phase).toBe(phase);
      expect(found.req.type).toBe(type);
      expect(found.req.required).toBe(side.required);
      expect(minProvenance(found.req)).toBe(side.provenance);
      side.check?.(found.req);
    }
  });

  it('covers every requirement of both policies with the table', () => {
    for (const policy of DEFAULT_POLICIES) {
      const ids = OPEN_PHASES.flatMap((ph) => policy.phases[ph].map((r) => r.id)).sort();
      expect(ids).toEqual(table.map((row) => row[0]).sort());
    }
  });

  it('is never weaker cross-border than domestic', () => {
    for (const phase of OPEN_PHASES) {
      for (const dom of DEFAULT_DOMESTIC_POLICY.phases[phase]) {
        const { req: cb } = find(DEFAULT_CROSS_BORDER_POLICY, dom.id);
        if (dom.required) expect(cb.required, dom.id).toBe(true);
        const pd = minProvenance(dom);
        const pc = minProvenance(cb);
        if (pd && pc) expect(provenanceRank(pc), dom.id).toBeGreaterThanOrEqual(provenanceRank(pd));
        if (dom.type === 'evidence' && cb.type === 'evidence') expect(cb.minCount).toBeGreaterThanOrEqual(dom.minCount);
      }
    }
    expect(DEFAULT_CROSS_BORDER_POLICY.visitAdvisor.baseScore).toBeGreaterThan(DEFAULT_DOMESTIC_POLICY.visitAdvisor.baseScore);
  });

  it('ships an advisor rule for every DESIGN.md waiving and raising condition', () => {
    const byId = Object.fromEntries(DEFAULT_ADVISOR_RULES.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual(
      [
        'waive.commercialized_certified',
        'waive.shared_network_track_record',
        'waive.regulated_framework',
        'raise.custom_product',
        'raise.new_product',
        'raise.large_claimed_capacity',
        'raise.contradicted_claims',
        'raise.no_formal_qc_system',
        'waive.verified_track_record',
      ].sort(),
    );
    for (const rule of DEFAULT_ADVISOR_RULES) {
      expect(rule.effect).toBe(rule.id.startsWith('waive.') ? 'waive' : 'raise');
      expect(rule.explanation.en.length).toBeGreaterThan(0);
      expect(rule.explanation.zh.length).toBeGreaterThan(0);
    }
  });
});
