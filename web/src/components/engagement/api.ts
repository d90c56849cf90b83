// Queries of the engagement capability. Keys start with the entity, so one invalidation of
// ['engagement', id] refreshes the engagement and everything below it (readiness, evidence, messages).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Advice, Claim, Engagement, Evidence, IdentifierConfirmation, Messages, Policy, Readiness, Site, Waiver } from './types.js';

const enc = encodeURIComponent;

export const engagementKey = (id: string) => ['engagement', id] as const;

export function useEngagement(id: string) {
  return useQuery({ queryKey: engagementKey(id), queryFn: () => api.get<Engagement>(`/api/v1/engagements/${enc(id)}`) });
}

export function useReadiness(id: string, enabled = true) {
  return useQuery({ queryKey: [...engagementKey(id), 'readiness'], queryFn: () => api.get<Readiness>(`/api/v1/engagements/${enc(id)}/readiness`), enabled });
}

/** Waivers in force (the buyer's; the supplier sees them too). */
export function useWaivers(id: string, enabled = true) {
  return useQuery({ queryKey: [...engagementKey(id), 'waivers'], queryFn: () => api.get<Waiver[]>(`/api/v1/engagements/${enc(id)}/waivers`), enabled });
}

export function useVisitAdvice(id: string) {
  return useQuery({ queryKey: [...engagementKey(id), 'visit-advice'], queryFn: () => api.get<Advice>(`/api/v1/engagements/${enc(id)}/visit-advice`) });
}

export function useEngagementEvidence(id: string) {
  return useQuery({ queryKey: [...engagementKey(id), 'evidence'], queryFn: () => api.get<Evidence[]>(`/api/v1/engagements/${enc(id)}/evidence`) });
}

export function useMessages(id: string) {
  return useQuery({ queryKey: [...engagementKey(id), 'messages'], queryFn: () => api.get<Messages>(`/api/v1/engagements/${enc(id)}/messages`) });
}

/** The caller's engagements with one counterpart (null: all of them). */
export function useEngagementsWith(counterpartId: string | null, enabled = true) {
  return useQuery({
    queryKey: ['engagements', { counterpartId }],
    queryFn: () => api.get<Engagement[]>('/api/v1/engagements', counterpartId ? { counterpartId } : {}),
    enabled,
  });
}

export function useEvidenceLibrary(enabled = true) {
  return useQuery({ queryKey: ['evidence-library'], queryFn: () => api.get<Evidence[]>('/api/v1/evidence'), enabled });
}

export function useClaims(organizationId: string, enabled = true) {
  return useQuery({ queryKey: ['claims', organizationId], queryFn: () => api.get<Claim[]>(`/api/v1/organizations/${enc(organizationId)}/claims`), enabled });
}

export function useSites(organizationId: string, enabled = true) {
  return useQuery({ queryKey: ['sites', organizationId], queryFn: () => api.get<Site[]>(`/api/v1/organizations/${enc(organizationId)}/sites`), enabled });
}

export function useIdentifiers(organizationId: string) {
  return useQuery({
    queryKey: ['identifiers', organizationId],
    queryFn: () => api.get<IdentifierConfirmation[]>(`/api/v1/organizations/${enc(organizationId)}/identifiers`),
  });
}

export function usePolicies(enabled = true) {
  return useQuery({ queryKey: ['policies'], queryFn: () => api.get<Policy[]>('/api/v1/policies'), enabled });
}

export function usePolicy(id: string | null | undefined) {
  return useQuery({ queryKey: ['policy', id], queryFn: () => api.get<Policy>(`/api/v1/policies/${enc(id!)}`), enabled: Boolean(id), retry: false });
}

/** After anything that changes an engagement (a decision, shared evidence, a message): refetch it all. */
export function useRefreshEngagement(id: string) {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: engagementKey(id) }), qc.invalidateQueries({ queryKey: ['engagements'] })]);
}
