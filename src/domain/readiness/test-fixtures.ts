// Builders for readiness and advisor tests (pure data; also usable by service tests).
import type { Requirement, VerificationPolicy } from '../policy/types.js';
import type { OpenPhase } from '../model.js';
import { DEFAULT_CROSS_BORDER_POLICY } from '../policy/default-policies.js';
import type { ReadinessClaim, ReadinessEngagement, ReadinessEvidence, ReadinessInput } from './types.js';

/** Monday 2 June 2025, 10:00 UTC. */
export const NOW = new Date('2025-06-02T10:00:00Z');
const DAY = 86_400_000;

export const daysAgo = (n: number, from: Date = NOW): Date => new Date(from.getTime() - n * DAY);
export const daysFromNow = (n: number, from: Date = NOW): Date => new Date(from.getTime() + n * DAY);

let seq = 0;
export function ev(partial: Partial<ReadinessEvidence> & Pick<ReadinessEvidence, 'kind'>): ReadinessEvidence {
  seq++;
  return {
    id: partial.id ?? `ev-${seq}`,
    provenance: 'documented',
    title: `${partial.kind} ${seq}`,
    sharedAt: daysAgo(10),
    ...partial,
  };
}

export function claim(partial: Partial<ReadinessClaim> & Pick<ReadinessClaim, 'id' | 'type'>): ReadinessClaim {
  return { title: `${partial.type} claim ${partial.id}`, ...partial };
}

export function engagement(partial: Partial<ReadinessEngagement> = {}): ReadinessEngagement {
  return {
    id: 'eng-1',
    phase: 'credibility',
    crossBorder: true,
    categories: ['machined_parts'],
    startedPhaseAt: daysAgo(30),
    ...partial,
  };
}

/** The default cross-border policy with the given phase's requirements replaced. */
export function policyWith(
  requirements: Requirement[],
  phase: OpenPhase = 'credibility',
  overrides: Partial<VerificationPolicy> = {},
): VerificationPolicy {
  return {
    ...DEFAULT_CROSS_BORDER_POLICY,
    phases: {
      credibility: [],
      capability_validation: [],
      operational_compatibility: [],
      partnership: [],
      [phase]: requirements,
    },
    ...overrides,
  };
}

export function readinessInput(partial: Partial<ReadinessInput> = {}): ReadinessInput {
  const eng = partial.engagement ?? engagement();
  return {
    now: NOW,
    engagement: eng,
    policy: DEFAULT_CROSS_BORDER_POLICY,
    evidence: [],
    claims: [],
    inquiries: [],
    ...partial,
  };
}

export const title = { en: 'Requirement', zh: '要求' };
