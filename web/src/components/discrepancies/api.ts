// Queries of the discrepancy screens. Discrepancies hang below ['discrepancies'], notifications below
// ['notifications']; both reset with everything else on an organization switch.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DiscrepancySummaryView,
  DiscrepancyView,
  EscalationSettingsView,
  NotificationList,
  PartnershipHealthView,
  TargetOptionView,
} from '../../../../src/contracts/discrepancies.js';
import { api, request } from '../../api/client.js';

export type DiscrepancySummary = z.infer<typeof DiscrepancySummaryView>;
export type Discrepancy = z.infer<typeof DiscrepancyView>;
export type Step = Discrepancy['steps'][number];
export type EscalationSettings = z.infer<typeof EscalationSettingsView>;
export type Notifications = z.infer<typeof NotificationList>;
export type Health = z.infer<typeof PartnershipHealthView>;
export type TargetOption = z.infer<typeof TargetOptionView>;

const enc = encodeURIComponent;
export const DISCREPANCIES_KEY = ['discrepancies'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;

export function useDiscrepancies(q: { status?: string; engagementId?: string }) {
  return useQuery({ queryKey: [...DISCREPANCIES_KEY, 'list', q], queryFn: () => api.get<DiscrepancySummary[]>('/api/v1/discrepancies', q) });
}

export function useDiscrepancy(id: string) {
  return useQuery({ queryKey: [...DISCREPANCIES_KEY, id], queryFn: () => api.get<Discrepancy>(`/api/v1/discrepancies/${enc(id)}`), retry: false });
}

export function useTargets(engagementId: string | null) {
  return useQuery({
    queryKey: ['engagement', engagementId, 'discrepancy-targets'],
    queryFn: () => api.get<TargetOption[]>(`/api/v1/engagements/${enc(engagementId!)}/discrepancy-targets`),
    enabled: Boolean(engagementId),
  });
}

export function useEscalation(engagementId: string) {
  return useQuery({ queryKey: ['engagement', engagementId, 'escalation'], queryFn: () => api.get<EscalationSettings>(`/api/v1/engagements/${enc(engagementId)}/escalation`) });
}

/** The bell polls: escalations and reminders arrive without anyone acting in this browser. */
export function useNotifications() {
  return useQuery({ queryKey: NOTIFICATIONS_KEY, queryFn: () => api.get<Notifications>('/api/v1/notifications', { limit: 30 }), refetchInterval: 30_000 });
}

export function useHealth() {
  return useQuery({ queryKey: ['partnership-health'], queryFn: () => api.get<Health[]>('/api/v1/partnership-health') });
}

export const discrepancyApi = {
  raise: (engagementId: string, body: unknown) => api.post<Discrepancy>(`/api/v1/engagements/${enc(engagementId)}/discrepancies`, body),
  step: (id: string, step: string, body: unknown) => api.post<Discrepancy>(`/api/v1/discrepancies/${enc(id)}/steps/${step}`, body),
  update: (id: string, body: string) => api.post<Discrepancy>(`/api/v1/discrepancies/${enc(id)}/updates`, { body }),
  close: (id: string, body: unknown) => api.post<Discrepancy>(`/api/v1/discrepancies/${enc(id)}/close`, body),
  saveEscalation: (engagementId: string, body: unknown) => request<EscalationSettings>('PUT', `/api/v1/engagements/${enc(engagementId)}/escalation`, { body }),
  markRead: (body: { ids: string[] } | { all: true }) => api.post<{ marked: number; unread: number }>('/api/v1/notifications/read', body),
};

/** After a change: the detail (set from the answer), the lists, the notifications and the scores that read them. */
export function useRefreshDiscrepancy() {
  const qc = useQueryClient();
  return (d: Discrepancy) => {
    qc.setQueryData([...DISCREPANCIES_KEY, d.id], d);
    void qc.invalidateQueries({ queryKey: [...DISCREPANCIES_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    void qc.invalidateQueries({ queryKey: ['partnership-health'] });
    void qc.invalidateQueries({ queryKey: ['engagement', d.engagement.id] });
  };
}
