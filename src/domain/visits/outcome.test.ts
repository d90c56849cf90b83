import { describe, expect, it } from 'vitest';
import type { VisitOutcome, VisitSide, VisitStatus, VisitType } from './checklist.js';
import { canTransition, checkOutcome, visitProvenance, type OutcomeFinding } from './outcome.js';

const f = (severity: OutcomeFinding['severity'], hasFollowUp = false): OutcomeFinding => ({ severity, hasFollowUp });

describe('checkOutcome', () => {
  it.each<{ outcome: VisitOutcome; findings: OutcomeFinding[]; error: RegExp | null }>([
    { outcome: 'satisfactory', findings: [], error: null },
    { outcome: 'satisfactory', findings: [f('observation'), f('minor', true)], error: null },
    { outcome: 'satisfactory', findings: [f('major', true)], error: /1 major finding:/ },
    { outcome: 'satisfactory', findings: [f('major', true), f('major', true)], error: /2 major findings/ },
    { outcome: 'satisfactory_with_actions', findings: [f('minor', true)], error: null },
    { outcome: 'satisfactory_with_actions', findings: [f('observation')], error: /name the actions/ },
    { outcome: 'satisfactory_with_actions', findings: [], error: /name the actions/ },
    { outcome: 'unsatisfactory', findings: [], error: null },
    { outcome: 'unsatisfactory', findings: [f('major', true)], error: null },
  ])('$outcome with $findings.length findings', ({ outcome, findings, error }) => {
    const r = checkOutcome(outcome, findings);
    if (error === null) expect(r).toBeNull();
    else {
      expect(r?.path).toBe('outcome');
      expect(r?.message).toMatch(error);
    }
  });
});

describe('visit status transitions', () => {
  it.each<[VisitStatus, VisitStatus, boolean]>([
    ['proposed', 'confirmed', true],
    ['proposed', 'rescheduling', true],
    ['proposed', 'declined', true],
    ['rescheduling', 'confirmed', true],
    ['confirmed', 'in_progress', true],
    ['confirmed', 'proposed', true],
    ['in_progress', 'closed', true],
    ['proposed', 'closed', false],
    ['declined', 'confirmed', false],
    ['closed', 'in_progress', false],
    ['cancelled', 'proposed', false],
    ['in_progress', 'proposed', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('visitProvenance', () => {
  it.each<[VisitType, VisitSide, string]>([
    ['buyer_visit', 'buyer', 'observed'],
    ['third_party_audit', 'buyer', 'observed'],
    ['remote_video', 'buyer', 'documented'],
    ['buyer_visit', 'auditor', 'third_party'],
    ['third_party_audit', 'auditor', 'third_party'],
    ['remote_video', 'auditor', 'third_party'],
  ])('%s recorded by the %s side → %s', (type, side, provenance) => {
    expect(visitProvenance(type, side)).toBe(provenance);
  });
});
