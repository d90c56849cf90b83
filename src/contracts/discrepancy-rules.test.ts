import { describe, expect, it } from 'vitest';
import { DEFAULT_CROSS_BORDER_POLICY } from '../domain/policy/default-policies.js';
import { parsePolicy } from './policy.js';

const withRules = (edit: (r: Record<string, any>) => void) => {
  const doc = structuredClone(DEFAULT_CROSS_BORDER_POLICY) as Record<string, any>;
  edit(doc.discrepancies);
  return parsePolicy(doc);
};

describe('policy section "discrepancies"', () => {
  it('the shipped policies carry the default 8D due dates', () => {
    expect(DEFAULT_CROSS_BORDER_POLICY.discrepancies?.stepDueHours.critical.D3).toBe(24);
    expect(DEFAULT_CROSS_BORDER_POLICY.discrepancies?.stepDueHours.critical.D4).toBe(7 * 24);
  });

  it('is optional: a policy written before it still parses', () => {
    const { discrepancies: _omit, ...older } = structuredClone(DEFAULT_CROSS_BORDER_POLICY);
    expect(parsePolicy(older).ok).toBe(true);
  });

  it.each<[string, (r: Record<string, any>) => void, string, string]>([
    ['a later step due before an earlier one', (r) => (r.stepDueHours.major.D5 = 1), 'discrepancies.stepDueHours.major.D5', 'must not be due before D4 (240 h)'],
    ['zero hours', (r) => (r.stepDueHours.minor.D0 = 0), 'discrepancies.stepDueHours.minor.D0', 'must be more than 0 hours'],
    ['a missing step', (r) => delete r.stepDueHours.critical.D7, 'discrepancies.stepDueHours.critical.D7', ''],
    ['an unknown key', (r) => (r.escalateEveryHours.blocker = 3), 'discrepancies.escalateEveryHours.blocker', 'unknown key'],
    ['a cadence of 0 days', (r) => (r.progressUpdateEveryDays = 0), 'discrepancies.progressUpdateEveryDays', ''],
  ])('refuses %s at its exact path', (_n, edit, path, message) => {
    const res = withRules(edit);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const hit = res.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(res.errors)).toBeDefined();
    if (message) expect(hit!.message).toBe(message);
  });
});
