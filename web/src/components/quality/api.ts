// Queries of the quality capability. Engagement-scoped data hangs below ['engagement', id, 'quality'], so it
// is refreshed with the engagement and reset on an organization switch like every other query.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client.js';
import type { AqlPlan, Capacity, Import, ImportKind, LotInspections, SampleTest, Spc, SpcCharacteristic, Specification } from './types.js';

const enc = encodeURIComponent;

export const qualityKey = (engagementId: string) => ['engagement', engagementId, 'quality'] as const;
export const SPECIFICATIONS_KEY = ['specifications'] as const;

export function useSpecifications(enabled = true) {
  return useQuery({ queryKey: SPECIFICATIONS_KEY, queryFn: () => api.get<Specification[]>('/api/v1/specifications'), enabled });
}

export function useSpecification(id: string | null) {
  return useQuery({ queryKey: [...SPECIFICATIONS_KEY, id], queryFn: () => api.get<Specification>(`/api/v1/specifications/${enc(id!)}`), enabled: Boolean(id), retry: false });
}

export const specificationsApi = {
  create: (body: unknown) => api.post<Specification>('/api/v1/specifications', body),
  update: (id: string, body: unknown) => request<Specification>('PUT', `/api/v1/specifications/${enc(id)}`, { body }),
  archive: (id: string) => api.delete(`/api/v1/specifications/${enc(id)}`),
};

export function useEngagementSpecifications(engagementId: string) {
  return useQuery({ queryKey: [...qualityKey(engagementId), 'specifications'], queryFn: () => api.get<Specification[]>(`/api/v1/engagements/${enc(engagementId)}/specifications`) });
}

export function useSampleTests(engagementId: string) {
  return useQuery({ queryKey: [...qualityKey(engagementId), 'sample-tests'], queryFn: () => api.get<SampleTest[]>(`/api/v1/engagements/${enc(engagementId)}/sample-tests`) });
}

export function useLotInspections(engagementId: string) {
  return useQuery({ queryKey: [...qualityKey(engagementId), 'lot-inspections'], queryFn: () => api.get<LotInspections>(`/api/v1/engagements/${enc(engagementId)}/lot-inspections`) });
}

export interface PlanQuery {
  lotSize: number;
  aql: number;
  level: string;
  severity: string;
}

/** The sampling plan for what is typed so far; disabled until the lot size and AQL are usable. */
export function useAqlPlan(q: PlanQuery | null) {
  return useQuery({
    queryKey: ['aql-plan', q],
    queryFn: ({ signal }) => api.get<AqlPlan>('/api/v1/aql/plan', { ...q! }, signal),
    enabled: Boolean(q),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}

export function useImports(engagementId: string) {
  return useQuery({ queryKey: [...qualityKey(engagementId), 'imports'], queryFn: () => api.get<Import[]>(`/api/v1/engagements/${enc(engagementId)}/imports`) });
}

export function importPath(engagementId: string, kind: ImportKind): string {
  return `/api/v1/engagements/${enc(engagementId)}/imports/${kind === 'batches' ? 'batches' : 'production-logs'}`;
}

/**
 * Multipart upload: the mapping and format fields go before the file (the server reads them with it). The decimal
 * separator goes in the query string, which the server has before any of the body; "." is its default.
 */
export function uploadImport(
  engagementId: string,
  kind: ImportKind,
  file: File,
  opts: { mapping?: Record<string, string> | null; format?: 'csv' | 'jsonl' | null; decimalSeparator?: Import['decimalSeparator'] | null },
) {
  const form = new FormData();
  if (opts.mapping && Object.keys(opts.mapping).length > 0) form.append('mapping', JSON.stringify(opts.mapping));
  if (opts.format) form.append('format', opts.format);
  form.append('file', file, file.name);
  const query = opts.decimalSeparator && opts.decimalSeparator !== '.' ? `?decimalSeparator=${enc(opts.decimalSeparator)}` : '';
  return api.upload<Import>(importPath(engagementId, kind) + query, form);
}

/** Withdraws an import (supplier): kept in the record, no longer read by any analysis. */
export function withdrawImport(engagementId: string, importId: string, body: unknown) {
  return api.post<Import>(`/api/v1/engagements/${enc(engagementId)}/imports/${enc(importId)}/withdraw`, body);
}

export function useSpcCharacteristics(engagementId: string) {
  return useQuery({ queryKey: [...qualityKey(engagementId), 'spc-characteristics'], queryFn: () => api.get<SpcCharacteristic[]>(`/api/v1/engagements/${enc(engagementId)}/spc/characteristics`) });
}

export interface SpcQuery {
  product: string;
  characteristic: string;
  subgroupSize?: number | null;
  line?: string | null;
  /** Production dates (YYYY-MM-DD, inclusive). */
  from?: string | null;
  to?: string | null;
}

export function useSpc(engagementId: string, q: SpcQuery | null) {
  return useQuery({
    queryKey: [...qualityKey(engagementId), 'spc', q],
    queryFn: ({ signal }) => api.get<Spc>(`/api/v1/engagements/${enc(engagementId)}/spc`, { ...q!, maxPoints: 600 }, signal),
    enabled: Boolean(q),
    retry: false,
  });
}

export function useCapacity(engagementId: string) {
  return useQuery({ queryKey: [...qualityKey(engagementId), 'capacity'], queryFn: () => api.get<Capacity>(`/api/v1/engagements/${enc(engagementId)}/capacity`) });
}

/** After a write: refetch the engagement's quality data (and the engagement, whose evidence and claims change). */
export function useRefreshQuality(engagementId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['engagement', engagementId] });
}
