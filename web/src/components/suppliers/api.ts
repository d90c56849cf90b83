// Queries and types of the supplier's side (sincerity, evidence room, public profile, invitations, file
// requests). Types come from the shared Zod contracts, so the web app reads exactly what the API sends.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccessLogEntryView,
  BuyerSincerityView,
  DisclosedSincerityView,
  FileRequestView,
  InvitationView,
  PublicProfileSettingsView,
  PublicSupplierProfile,
  SincerityScoredSignalView,
  SincerityWeightsView,
  ShareView,
} from '../../../../src/contracts/suppliers.js';
import { api, request } from '../../api/client.js';

export type BuyerSincerity = z.infer<typeof BuyerSincerityView>;
export type ScoredSignal = z.infer<typeof SincerityScoredSignalView>;
export type SincerityWeights = z.infer<typeof SincerityWeightsView>;
export type DisclosedSincerity = z.infer<typeof DisclosedSincerityView>;
export type Share = z.infer<typeof ShareView>;
export type AccessLogEntry = z.infer<typeof AccessLogEntryView>;
export type PublicProfileSettings = z.infer<typeof PublicProfileSettingsView>;
export type PublicProfile = z.infer<typeof PublicSupplierProfile>;
export type Invitation = z.infer<typeof InvitationView>;
export type FileRequest = z.infer<typeof FileRequestView>;

const enc = encodeURIComponent;
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });

export function useBuyerSincerity(enabled = true) {
  return useQuery({ queryKey: ['sincerity'], queryFn: () => api.get<BuyerSincerity[]>('/api/v1/buyers/sincerity'), enabled });
}
export function useSincerityWeights(enabled = true) {
  return useQuery({ queryKey: ['sincerity', 'weights'], queryFn: () => api.get<SincerityWeights>('/api/v1/buyers/sincerity/weights'), enabled });
}
export function useDisclosedSincerity(enabled = true) {
  return useQuery({ queryKey: ['sincerity-disclosed'], queryFn: () => api.get<DisclosedSincerity[]>('/api/v1/sincerity/disclosed'), enabled });
}
export function useShares() {
  return useQuery({ queryKey: ['shares'], queryFn: () => api.get<Share[]>('/api/v1/shares') });
}
export function useReceivedShares() {
  return useQuery({ queryKey: ['shares', 'received'], queryFn: () => api.get<Share[]>('/api/v1/shares/received') });
}
export function useShare(id: string) {
  // Never kept: a revoked share must disappear on the next look, not show from a cache.
  return useQuery({ queryKey: ['share', id], queryFn: () => api.get<Share>(`/api/v1/shares/${enc(id)}`), retry: false, gcTime: 0 });
}
export function useShareAccessLog(id: string | null) {
  return useQuery({ queryKey: ['shares', id, 'access-log'], queryFn: () => api.get<AccessLogEntry[]>(`/api/v1/shares/${enc(id!)}/access-log`), enabled: id !== null });
}
export function useOrganizationAccessLog() {
  return useQuery({ queryKey: ['access-log'], queryFn: () => api.get<AccessLogEntry[]>('/api/v1/access-log', { limit: 50 }) });
}
export function usePublicProfileSettings() {
  return useQuery({ queryKey: ['public-profile'], queryFn: () => api.get<PublicProfileSettings>('/api/v1/public-profile') });
}
export function useInvitations(engagementId: string) {
  return useQuery({ queryKey: ['engagement', engagementId, 'invitations'], queryFn: () => api.get<Invitation[]>(`/api/v1/engagements/${enc(engagementId)}/verification-invitations`) });
}
export function useFileRequests(engagementId: string) {
  return useQuery({ queryKey: ['engagement', engagementId, 'file-requests'], queryFn: () => api.get<FileRequest[]>(`/api/v1/engagements/${enc(engagementId)}/file-requests`) });
}

/** The address of a file of a share: viewed in the browser (inline) or downloaded (attachment). */
export function shareFileUrl(shareId: string, fileId: string, disposition: 'inline' | 'attachment'): string {
  return `/api/v1/shares/${enc(shareId)}/files/${enc(fileId)}/content?disposition=${disposition}`;
}
