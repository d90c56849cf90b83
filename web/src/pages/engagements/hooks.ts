// Helpers shared by the engagement page's tabs.
import { useMemo } from 'react';
import { OPEN_PHASES } from '../../../../src/domain/browser.js';
import { useEngagementEvidence, usePolicy, useReadiness } from '../../components/engagement/api.js';
import { useLocalized } from '../../components/engagement/explain.js';
import type { Engagement, Evidence } from '../../components/engagement/types.js';

export function isOpenPhase(phase: string): boolean {
  return (OPEN_PHASES as readonly string[]).includes(phase);
}

/** Requirement id → its title in the UI language, from the engagement's policy (else the readiness result). */
export function useRequirementTitles(e: Engagement | undefined) {
  const policy = usePolicy(e?.policy.id);
  const readiness = useReadiness(e?.id ?? '', Boolean(e));
  const loc = useLocalized();
  return useMemo(() => {
    const titles = new Map<string, { en: string; zh: string }>();
    const doc = policy.data?.document;
    if (doc) for (const phase of OPEN_PHASES) for (const r of doc.phases[phase] ?? []) titles.set(r.id, r.title);
    for (const r of readiness.data?.requirements ?? []) titles.set(r.id, r.title);
    return (id: string) => (titles.has(id) ? loc(titles.get(id)) : id);
  }, [policy.data, readiness.data, loc]);
}

export function useEvidenceMap(id: string, enabled = true): ReadonlyMap<string, Evidence> {
  const evidence = useEngagementEvidence(id);
  return useMemo(() => new Map((enabled ? evidence.data ?? [] : []).map((e) => [e.id, e])), [evidence.data, enabled]);
}

