// Queries and mutations of the verifiable record screens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Dossier } from '../../../../src/domain/record/dossier.js';

export interface RecordEntry {
  leafIndex: number;
  seq: number;
  kind: string;
  recordId: string;
  organizationId: string;
  organizationName: string;
  recordedAt: string;
  leafHash: string;
  supersedes: number | null;
  content: Record<string, unknown>;
  attachments: { sha256: string; size: number; mediaType: string; filename: string }[];
  /** An evidence entry's system-written title as its code (not part of the logged content). */
  generatedTitle: { key: string; params: Record<string, string | number | null> } | null;
}
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: string;
  verifierKey: string;
}
export interface CredentialCheck {
  valid: boolean;
  issuer: string | null;
  issuerName: string | null;
  checked: string[];
  errors: { code: string; message: string }[];
}
export interface Credential {
  id: string;
  kind: 'track_record' | 'conformity';
  issuer: { organizationId: string; name: string; did: string };
  subject: { organizationId: string; name: string };
  engagementId: string | null;
  source: { kind: string; id: string };
  issuedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  summary: string;
  document: Record<string, unknown>;
}
export interface PresentedCredential {
  id: string;
  engagementId: string;
  credentialId: string;
  evidenceId: string;
  presentedAt: string;
  summary: string;
  document: Record<string, unknown>;
  check: CredentialCheck;
}

export const uuidOf = (urn: string) => urn.replace(/^urn:uuid:/, '');

export function useEngagementRecord(id: string) {
  return useQuery({ queryKey: ['record', id], queryFn: () => api.get<{ checkpoint: Checkpoint; entries: RecordEntry[] }>(`/api/v1/engagements/${id}/record`) });
}
export function fetchDossier(id: string) {
  return api.get<Dossier>(`/api/v1/engagements/${id}/dossier`);
}
export function useCredentials() {
  return useQuery({ queryKey: ['credentials'], queryFn: () => api.get<Credential[]>('/api/v1/credentials') });
}
export function usePresented(engagementId: string) {
  return useQuery({ queryKey: ['presented', engagementId], queryFn: () => api.get<PresentedCredential[]>(`/api/v1/engagements/${engagementId}/credentials/presented`) });
}
export function useIssueCredential(engagementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (source: { kind: 'pilot_review' | 'partnership_review'; id: string }) => api.post<Credential>(`/api/v1/engagements/${engagementId}/credentials`, { source }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['credentials'] });
      void qc.invalidateQueries({ queryKey: ['record', engagementId] });
    },
  });
}
export function usePresentCredential(engagementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (credential: Record<string, unknown>) => api.post<PresentedCredential>(`/api/v1/engagements/${engagementId}/credentials/presented`, { credential }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['presented', engagementId] });
      void qc.invalidateQueries({ queryKey: ['record', engagementId] });
      void qc.invalidateQueries({ queryKey: ['engagement'] });
    },
  });
}
export function useRevokeCredential() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.post<Credential>(`/api/v1/credentials/${uuidOf(id)}/revoke`, { reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['credentials'] }),
  });
}

/** Saves JSON as a file the user downloads. */
export function saveJson(value: unknown, filename: string): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
