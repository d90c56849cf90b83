import { describe, expect, it } from 'vitest';
import { checkRules, DEFAULT_DISCREPANCY_RULES, planSteps, type DiscrepancyRules } from './rules.js';
import type { DiscrepancySeverity, EightDStep } from './model.js';

const RAISED = new Date('2026-03-02T08:00:00Z');

describe('planSteps: default due dates by severity', () => {
  it.each<[DiscrepancySeverity, EightDStep, string]>([
    ['critical', 'D0', '2026-03-02T12:00:00.000Z'],
    ['critical', 'D3', '2026-03-03T08:00:00.000Z'], // containment within 24 h
    ['critical', 'D4', '2026-03-09T08:00:00.000Z'], // root cause within 7 days
    ['critical', 'D8', '2026-05-01T08:00:00.000Z'],
    ['major', 'D3', '2026-03-05T08:00:00.000Z'],
    ['major', 'D4', '2026-03-12T08:00:00.000Z'],
    ['minor', 'D0', '2026-03-05T08:00:00.000Z'],
    ['minor', 'D8', '2026-05-31T08:00:00.000Z'],
  ])('%s %s is due %s', (severity, step, due) => {
    const plan = planSteps(RAISED, severity);
    expect(plan.map((p) => p.step)).toEqual(['D0', 'D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8']);
    expect(plan.find((p) => p.step === step)!.dueAt.toISOString()).toBe(due);
  });

  it('takes the due hours from the rules it is given (policy data)', () => {
    const rules: DiscrepancyRules = structuredClone(DEFAULT_DISCREPANCY_RULES);
    rules.stepDueHours.critical.D3 = 12;
    expect(planSteps(RAISED, 'critical', rules).find((p) => p.step === 'D3')!.dueAt.toISOString()).toBe('2026-03-02T20:00:00.000Z');
  });
});

describe('checkRules', () => {
  it('accepts the shipped defaults', () => {
    expect(checkRules(DEFAULT_DISCREPANCY_RULES)).toEqual([]);
  });
  it('refuses a step due before the one it follows, naming its path', () => {
    const rules = structuredClone(DEFAULT_DISCREPANCY_RULES);
    rules.stepDueHours.major.D5 = 100;
    expect(checkRules(rules)).toEqual([{ path: 'stepDueHours.major.D5', message: 'must not be due before D4 (240 h)' }]);
  });
});
