import { describe, expect, it } from 'vitest';
import { DEFAULT_CROSS_BORDER_POLICY, DEFAULT_DOMESTIC_POLICY } from '../domain/policy/default-policies.js';
import { formatPolicyPath, parsePolicy, VerificationPolicySchema } from './policy.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function mutated(mutate: (p: Json) => void): unknown {
  const doc = JSON.parse(JSON.stringify(DEFAULT_CROSS_BORDER_POLICY)) as Json;
  mutate(doc);
  return doc;
}

describe('parsePolicy', () => {
  it.each([
    ['cross-border default', DEFAULT_CROSS_BORDER_POLICY],
    ['domestic default', DEFAULT_DOMESTIC_POLICY],
  ])('accepts the %s as JSON', (_name, policy) => {
    const result = parsePolicy(JSON.parse(JSON.stringify(policy)));
    expect(result).toEqual({ ok: true, policy });
  });

  const cases: { name: string; doc: unknown; path: string; message: RegExp }[] = [
    {
      name: 'unknown provenance',
      doc: mutated((p) => (p.phases.credibility[2].minProvenance = 'notarized')),
      path: 'phases.credibility[2].minProvenance',
      message: /self_declared/,
    },
    { name: 'unknown key at the root', doc: mutated((p) => (p.colour = 'blue')), path: 'colour', message: /unknown key/ },
    {
      name: 'unknown key in a requirement',
      doc: mutated((p) => (p.phases.credibility[0].maxAge = 365)),
      path: 'phases.credibility[0].maxAge',
      message: /unknown key/,
    },
    {
      name: 'unknown requirement type',
      doc: mutated((p) => (p.phases.partnership[0].type = 'magic')),
      path: 'phases.partnership[0].type',
      message: /evidence/,
    },
    {
      name: 'missing minCount',
      doc: mutated((p) => delete p.phases.capability_validation[0].minCount),
      path: 'phases.capability_validation[0].minCount',
      message: /number/,
    },
    {
      name: 'fractional minCount',
      doc: mutated((p) => (p.phases.credibility[4].minCount = 1.5)),
      path: 'phases.credibility[4].minCount',
      message: /int/,
    },
    { name: 'version 0', doc: mutated((p) => (p.version = 0)), path: 'version', message: /0/ },
    { name: 'bad key', doc: mutated((p) => (p.key = 'Default Policy')), path: 'key', message: /lowercase/ },
    { name: 'bad scope', doc: mutated((p) => (p.scope = 'global')), path: 'scope', message: /cross_border/ },
    {
      name: 'title without Chinese',
      doc: mutated((p) => delete p.phases.operational_compatibility[0].title.zh),
      path: 'phases.operational_compatibility[0].title.zh',
      message: /string/,
    },
    {
      name: 'unknown evidence kind in a list',
      doc: mutated((p) => (p.phases.capability_validation[2].kinds[1] = 'selfie')),
      path: 'phases.capability_validation[2].kinds[1]',
      message: /registration/,
    },
    {
      name: 'empty appliesWhen categories',
      doc: mutated((p) => (p.phases.credibility[0].appliesWhen = { categories: [] })),
      path: 'phases.credibility[0].appliesWhen.categories',
      message: /1/,
    },
    {
      name: 'capacity tolerance above 1',
      doc: mutated((p) => (p.claimTolerance.capacity = 1.5)),
      path: 'claimTolerance.capacity',
      message: /1/,
    },
    {
      name: 'duplicate requirement id across phases',
      doc: mutated((p) => (p.phases.capability_validation[1].id = 'p1.registration')),
      path: 'phases.capability_validation[1].id',
      message: /duplicate requirement id "p1.registration" \(also at phases.credibility\[0\]\)/,
    },
    {
      name: 'pilot shorter maximum than minimum',
      doc: mutated((p) => (p.phases.operational_compatibility[0].maxMonths = 2)),
      path: 'phases.operational_compatibility[0].maxMonths',
      message: /minMonths/,
    },
    {
      name: 'thresholds inverted',
      doc: mutated((p) => (p.visitAdvisor.thresholds = { needed: 0, recommended: 2 })),
      path: 'visitAdvisor.thresholds.needed',
      message: /recommended/,
    },
    {
      name: 'duplicate advisor rule id',
      doc: mutated((p) => (p.visitAdvisor.rules[1].id = p.visitAdvisor.rules[0].id)),
      path: 'visitAdvisor.rules[1].id',
      message: /duplicate rule id/,
    },
    {
      name: 'unknown advisor condition',
      doc: mutated((p) => (p.visitAdvisor.rules[3].condition = { kind: 'gut_feeling' })),
      path: 'visitAdvisor.rules[3].condition.kind',
      message: /product_maturity/,
    },
    {
      name: 'nested all_of',
      doc: mutated((p) => (p.visitAdvisor.rules[0].condition.conditions[0] = { kind: 'all_of', conditions: [] })),
      path: 'visitAdvisor.rules[0].condition.conditions[0].kind',
      message: /product_maturity/,
    },
    {
      name: 'negative rule weight',
      doc: mutated((p) => (p.visitAdvisor.rules[2].weight = -1)),
      path: 'visitAdvisor.rules[2].weight',
      message: /0/,
    },
    {
      name: 'unknown capacity period',
      doc: mutated((p) => (p.visitAdvisor.rules[5].condition.period = 'fortnight')),
      path: 'visitAdvisor.rules[5].condition.period',
      message: /month/,
    },
    { name: 'not an object', doc: null, path: '', message: /object/ },
    { name: 'missing phases', doc: mutated((p) => delete p.phases), path: 'phases', message: /object/ },
  ];

  it.each(cases)('refuses $name at $path', ({ doc, path, message }) => {
    const result = parsePolicy(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path === path);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error?.message).toMatch(message);
  });

  it('reports every error at once', () => {
    const result = parsePolicy(
      mutated((p) => {
        p.version = 'two';
        p.phases.credibility[0].minProvenance = 'rumour';
        p.phases.partnership[0].extra = true;
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(
      ['phases.credibility[0].minProvenance', 'phases.partnership[0].extra', 'version'].sort(),
    );
  });

  it('is the schema (safeParse agrees)', () => {
    expect(VerificationPolicySchema.safeParse(DEFAULT_DOMESTIC_POLICY).success).toBe(true);
  });
});

describe('formatPolicyPath', () => {
  it.each([
    [[], ''],
    [['version'], 'version'],
    [['phases', 'credibility', 2, 'minProvenance'], 'phases.credibility[2].minProvenance'],
    [['visitAdvisor', 'rules', 0, 'condition', 'conditions', 1, 'kind'], 'visitAdvisor.rules[0].condition.conditions[1].kind'],
    [['attributes', 'odd key'], 'attributes["odd key"]'],
  ] as const)('%j → %s', (path, expected) => {
    expect(formatPolicyPath(path)).toBe(expected);
  });
});
