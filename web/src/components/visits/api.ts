// Visits: API shapes (inferred from the Zod contracts in src/contracts/visits.ts) and the queries of the
// visit screens. Keys start with 'visits' (lists) or 'visit' (one visit, everything below it).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EngagementView, SiteView } from '../../../../src/contracts/engagements.js';
import type { OrganizationView } from '../../../../src/contracts/accounts.js';
import type {
  AnswerResult,
  AnswerView,
  AttachmentView,
  CapacityObservationView,
  ChecklistQuestion,
  ChecklistSection,
  ChecklistTemplate,
  ChecklistTemplateView,
  ClaimCheckView,
  FindingView,
  SignOffView,
  SincerityView,
  SlotView,
  VisitDetailView,
  VisitEffectView,
  VisitView,
} from '../../../../src/contracts/visits.js';
import { api } from '../../api/client.js';

export type Visit = z.infer<typeof VisitView>;
export type VisitDetail = Omit<z.infer<typeof VisitDetailView>, 'templateDocument' | 'sincerityTemplateDocument'> & {
  templateDocument: ChecklistTemplate;
  sincerityTemplateDocument: ChecklistTemplate;
};
export type Answer = z.infer<typeof AnswerView>;
export type AnswerSaved = z.infer<typeof AnswerResult>;
export type Attachment = z.infer<typeof AttachmentView>;
export type Finding = z.infer<typeof FindingView>;
export type CapacityObservation = z.infer<typeof CapacityObservationView>;
export type CapacityResult = CapacityObservation & { claimStatus: ClaimCheck['status'] | null };
export type ClaimCheck = z.infer<typeof ClaimCheckView>;
export type Sincerity = z.infer<typeof SincerityView>;
export type SignOff = z.infer<typeof SignOffView>;
export type Slot = z.infer<typeof SlotView>;
export type Template = Omit<z.infer<typeof ChecklistTemplateView>, 'document'> & { document: ChecklistTemplate };
export type VisitEffect = z.infer<typeof VisitEffectView>;
export type EngagementLite = z.infer<typeof EngagementView>;
export type SiteLite = z.infer<typeof SiteView>;
export type OrganizationLite = z.infer<typeof OrganizationView>;
export type { ChecklistQuestion, ChecklistSection, ChecklistTemplate };

const enc = encodeURIComponent;

export const visitKey = (id: string) => ['visit', id] as const;

export function useVisits(filter: { status?: string; engagementId?: string } = {}) {
  return useQuery({ queryKey: ['visits', filter], queryFn: () => api.get<Visit[]>('/api/v1/visits', { ...filter, limit: 200 }) });
}

export function useVisit(id: string) {
  return useQuery({
    queryKey: visitKey(id),
    queryFn: () => api.get<VisitDetail>(`/api/v1/visits/${enc(id)}`),
    // The phone form keeps what it has while offline; it refetches when the connection is back.
    staleTime: 10_000,
  });
}

export function useEngagementSlots(engagementId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['visits', 'slots', engagementId],
    queryFn: () => api.get<Slot[]>(`/api/v1/engagements/${enc(engagementId!)}/visit-slots`),
    enabled: Boolean(engagementId) && enabled,
  });
}

export function useVisitEngagements(enabled = true) {
  return useQuery({ queryKey: ['engagements', { counterpartId: null }], queryFn: () => api.get<EngagementLite[]>('/api/v1/engagements'), enabled });
}

export function useSupplierSites(supplierId: string | null | undefined) {
  return useQuery({
    queryKey: ['sites', supplierId],
    queryFn: () => api.get<SiteLite[]>(`/api/v1/organizations/${enc(supplierId!)}/sites`),
    enabled: Boolean(supplierId),
  });
}

export function useChecklistTemplates(purpose?: 'visit_checklist' | 'buyer_sincerity', enabled = true) {
  return useQuery({
    queryKey: ['checklist-templates', purpose ?? 'all'],
    queryFn: () => api.get<Template[]>('/api/v1/checklist-templates', purpose ? { purpose } : {}),
    enabled,
  });
}

export function useAuditorOrganizations(enabled: boolean) {
  return useQuery({ queryKey: ['directory', { kind: 'auditor' }], queryFn: () => api.get<OrganizationLite[]>('/api/v1/organizations', { kind: 'auditor', limit: 200 }), enabled });
}

export function useVisitEffect(includeRemote: boolean) {
  return useQuery({ queryKey: ['visits', 'effect', includeRemote], queryFn: () => api.get<VisitEffect>('/api/v1/portfolio/visit-effect', { includeRemote }) });
}

/** After a planning step (confirm, reschedule, cancel, close…): the visit and every list. */
export function useRefreshVisits() {
  const qc = useQueryClient();
  return (detail?: VisitDetail) => {
    if (detail) qc.setQueryData(visitKey(detail.id), detail);
    return Promise.all([
      qc.invalidateQueries({ queryKey: ['visits'] }),
      detail ? qc.invalidateQueries({ queryKey: visitKey(detail.id) }) : Promise.resolve(),
      qc.invalidateQueries({ queryKey: ['engagement'] }),
    ]);
  };
}
