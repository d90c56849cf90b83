// Queries of pilots, orders and the portfolio. Engagement-scoped data hangs below ['engagement', id], pilots below
// ['pilot', id], the home page's below ['portfolio'], so a write refreshes what it changed.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client.js';
import { ME_KEY } from '../../api/session.js';
import type { Me } from '../../api/types.js';
import type { KpiRecords, OrderImport, Orders, Pilot, PilotSummary, Portfolio, Review } from './types.js';

const enc = encodeURIComponent;

export const pilotKey = (id: string) => ['pilot', id] as const;
export const ordersKey = (engagementId: string) => ['engagement', engagementId, 'orders'] as const;
export const PORTFOLIO_KEY = ['portfolio'] as const;

export function useEngagementPilots(engagementId: string) {
  return useQuery({ queryKey: ['engagement', engagementId, 'pilots'], queryFn: () => api.get<PilotSummary[]>(`/api/v1/engagements/${enc(engagementId)}/pilots`) });
}

export function usePilot(id: string, period?: 'week' | 'month') {
  return useQuery({ queryKey: [...pilotKey(id), period ?? 'default'], queryFn: () => api.get<Pilot>(`/api/v1/pilots/${enc(id)}`, period ? { period } : undefined), placeholderData: keepPreviousData, retry: false });
}

export function useKpiRecords(pilotId: string, key: string | null, period: string | null, reviewId: string | null) {
  return useQuery({
    queryKey: [...pilotKey(pilotId), 'records', key, period, reviewId],
    queryFn: () =>
      reviewId
        ? api.get<KpiRecords>(`/api/v1/pilots/${enc(pilotId)}/reviews/${enc(reviewId)}/records`, { key: key! })
        : api.get<KpiRecords>(`/api/v1/pilots/${enc(pilotId)}/kpis/${enc(key!)}/records`, period ? { period } : undefined),
    enabled: Boolean(key),
  });
}

export function useOrders(engagementId: string) {
  return useQuery({ queryKey: ordersKey(engagementId), queryFn: () => api.get<Orders>(`/api/v1/engagements/${enc(engagementId)}/orders`) });
}

export interface PortfolioFilters {
  country?: string | null;
  category?: string | null;
  owner?: string | null;
}

export function usePortfolio(f: PortfolioFilters) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...PORTFOLIO_KEY, f],
    // Read at fetch time: after an organization switch the cached queries refetch before the page re-renders, and an
    // auditor organization has no portfolio to ask for.
    queryFn: () => ((qc.getQueryData<Me | null>(ME_KEY)?.currentOrganization?.kind ?? 'buyer') === 'auditor' ? Promise.resolve(null) : api.get<Portfolio>('/api/v1/portfolio', { country: f.country, category: f.category, owner: f.owner })),
    placeholderData: keepPreviousData,
  });
}

export function portfolioCsvUrl(f: PortfolioFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return `/api/v1/portfolio/engagements.csv${s ? `?${s}` : ''}`;
}

export const pilotsApi = {
  create: (engagementId: string, body: unknown) => api.post<Pilot>(`/api/v1/engagements/${enc(engagementId)}/pilots`, body),
  review: (pilotId: string, body: unknown) => api.post<Review>(`/api/v1/pilots/${enc(pilotId)}/reviews`, body),
  comment: (pilotId: string, reviewId: string, body: unknown) => api.post<Review>(`/api/v1/pilots/${enc(pilotId)}/reviews/${enc(reviewId)}/comments`, body),
  inspect: (deliveryId: string, body: unknown) => api.post(`/api/v1/deliveries/${enc(deliveryId)}/inspections`, body),
  importFile: (engagementId: string, kind: 'orders' | 'deliveries', file: File, mapping: Record<string, string> | null) => {
    const form = new FormData();
    form.append('kind', kind);
    if (mapping && Object.keys(mapping).length) form.append('mapping', JSON.stringify(mapping));
    form.append('file', file, file.name);
    return request<OrderImport>('POST', `/api/v1/engagements/${enc(engagementId)}/imports`, { body: form });
  },
};

/** After a write: the pilot, the engagement's orders and readiness, and the home page are read again. */
export function useRefreshPilot() {
  const qc = useQueryClient();
  return (pilotId: string | null, engagementId: string) =>
    Promise.all([
      pilotId ? qc.invalidateQueries({ queryKey: pilotKey(pilotId) }) : Promise.resolve(),
      qc.invalidateQueries({ queryKey: ['engagement', engagementId] }),
      qc.invalidateQueries({ queryKey: PORTFOLIO_KEY }),
    ]);
}
