// Turns stored evidence and claims into the plain data the domain evaluates, and into API views.
import { listEngagementEvidenceLinks, listEvidenceFiles, listLinks, type EvidenceLinkRow, type EvidenceRow } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import type { ClaimRow } from '../../db/repositories/profile.js';
import { validityState } from '../../domain/evidence/provenance-rules.js';
import type { ClaimType, EvidenceEffect, EvidenceKind, OrganizationKind, Provenance } from '../../domain/model.js';
import type { ReadinessClaim, ReadinessEvidence } from '../../domain/readiness/index.js';
import type { ClaimPeriod } from '../../domain/periods.js';
import * as clock from '../../clock.js';
import { parseTextParams, type TextParams } from '../shared/text-params.js';

export interface EvidenceDetails {
  links: Map<string, { claimId: string; effect: EvidenceEffect; observedValue: number | null; note: string | null }[]>;
  files: Map<string, { id: string; filename: string; mediaType: string; size: number; sha256: string; organizationId: string }[]>;
}

type LinkRow = Pick<EvidenceLinkRow, 'evidence_id' | 'claim_id' | 'effect' | 'observed_value' | 'note'>;

function linksByEvidence(rows: readonly LinkRow[]): EvidenceDetails['links'] {
  const links: EvidenceDetails['links'] = new Map();
  for (const l of rows) {
    const list = links.get(l.evidence_id) ?? [];
    list.push({ claimId: l.claim_id, effect: l.effect as EvidenceEffect, observedValue: l.observed_value, note: l.note });
    links.set(l.evidence_id, list);
  }
  return links;
}

/** The claim links of the evidence shared into an engagement: what readiness needs of the details (no files). */
export async function loadEngagementEvidenceLinks(db: Executor, engagementId: string): Promise<Pick<EvidenceDetails, 'links'>> {
  return { links: linksByEvidence(await listEngagementEvidenceLinks(db, engagementId)) };
}

export async function loadEvidenceDetails(db: Executor, ids: string[]): Promise<EvidenceDetails> {
  const [links, files] = await Promise.all([listLinks(db, ids), listEvidenceFiles(db, ids)]);
  const d: EvidenceDetails = { links: linksByEvidence(links), files: new Map() };
  for (const f of files) {
    const list = d.files.get(f.evidence_id) ?? [];
    list.push({ id: f.id, filename: f.filename, mediaType: f.media_type, size: Number(f.size), sha256: f.sha256, organizationId: f.organization_id });
    d.files.set(f.evidence_id, list);
  }
  return d;
}

const date = (s: string | null) => (s ? new Date(s) : null);
/** Stored values are ISO date-times; rows written before that rule held may carry a plain date. */
const iso = (s: string | null) => (s ? new Date(s).toISOString() : null);

/** The columns of an evidence row that readiness evaluates (db/repositories/evidence.ts listEngagementEvidenceForReadiness). */
type ReadinessEvidenceRow = Pick<EvidenceRow, 'id' | 'kind' | 'provenance' | 'title' | 'issuer' | 'issued_at' | 'valid_from' | 'valid_to' | 'attributes'>;

/** `sharedAt`: when the piece was shared into the engagement, or, outside one, when it was recorded. */
export function readinessEvidence(e: ReadinessEvidenceRow, d: Pick<EvidenceDetails, 'links'>, recorderKind: OrganizationKind | null, sharedAt: string): ReadinessEvidence {
  return {
    id: e.id,
    kind: e.kind as EvidenceKind,
    provenance: e.provenance as Provenance,
    title: e.title,
    issuer: e.issuer,
    issuedAt: date(e.issued_at),
    validFrom: date(e.valid_from),
    validTo: date(e.valid_to),
    attributes: JSON.parse(e.attributes) as Record<string, string>,
    sharedAt: new Date(sharedAt),
    links: d.links.get(e.id) ?? [],
    fromOrganizationKind: recorderKind,
    attestedByOtherBuyer: e.kind === 'attestation' && e.provenance === 'third_party',
  };
}

export function readinessClaim(c: ClaimRow): ReadinessClaim {
  return {
    id: c.id,
    type: c.type as ClaimType,
    productLine: c.product_line,
    title: c.title,
    value: c.value,
    unit: c.unit,
    period: c.period as ClaimPeriod | null,
    statedLimit: c.stated_limit,
    attributes: JSON.parse(c.attributes) as Record<string, string>,
  };
}

export const SYSTEM_NAME = 'Bonafide';

/** The code and parameters of a title the system wrote, or null for a title a person typed. */
export function generatedTitle(e: Pick<EvidenceRow, 'title_key' | 'title_params'>): { key: string; params: TextParams } | null {
  if (!e.title_key) return null;
  const params = parseTextParams(e.title_params ?? '{}');
  return params ? { key: e.title_key, params } : null;
}

const num = (v: string | undefined) => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

/** Whether the system computed this evidence from data (demonstrated capacity from production logs). */
export function isComputedEvidence(e: Pick<EvidenceRow, 'attributes'>): boolean {
  return (JSON.parse(e.attributes) as Record<string, string>).derivedFrom === 'production_logs';
}

function computedView(e: EvidenceRow, attributes: Record<string, string>, subjectName: string, triggeredBy: string) {
  if (attributes.derivedFrom !== 'production_logs') return null;
  return {
    by: 'bonafide' as const,
    method: 'demonstrated_capacity' as const,
    source: { kind: 'production_logs' as const, organizationId: e.subject_organization_id, organizationName: subjectName, records: num(attributes.logs) ?? 0, from: attributes.from || null, to: attributes.to || null },
    triggeredBy: triggeredBy || null,
    inputs: {
      line: attributes.line ?? null,
      site: attributes.site ?? null,
      period: attributes.period ?? null,
      demonstrated: num(attributes.demonstrated),
      claimed: num(attributes.claimed),
      ratio: num(attributes.ratio),
      tolerance: num(attributes.tolerance),
      status: attributes.status ?? null,
      percentile: num(attributes.percentile),
      ratePerPlannedHour: num(attributes.ratePerPlannedHour),
      plannedHoursPerPeriod: num(attributes.plannedHoursPerPeriod),
      plannedHoursSource: attributes.plannedHoursSource ?? null,
      ratedRecords: num(attributes.ratedLogs),
      windowMonths: num(attributes.windowMonths),
    },
  };
}

export function evidenceView(e: EvidenceRow, d: EvidenceDetails, organizationName: string, recordedByName: string, sharedAt: string | null, now = clock.now(), subjectName = '') {
  const attributes = JSON.parse(e.attributes) as Record<string, string>;
  const computed = computedView(e, attributes, subjectName, recordedByName);
  return {
    id: e.id,
    organizationId: e.organization_id,
    organizationName,
    subjectOrganizationId: e.subject_organization_id,
    kind: e.kind as EvidenceKind,
    provenance: e.provenance as Provenance,
    title: e.title,
    description: e.description,
    issuer: e.issuer,
    issuedAt: iso(e.issued_at),
    validFrom: iso(e.valid_from),
    validTo: iso(e.valid_to),
    attributes,
    files: (d.files.get(e.id) ?? []).map(({ organizationId: _o, ...f }) => f),
    links: (d.links.get(e.id) ?? []).map((l) => ({ claimId: l.claimId, effect: l.effect, observedValue: l.observedValue, note: l.note })),
    recordedBy: computed ? SYSTEM_NAME : recordedByName,
    createdAt: e.created_at,
    sharedAt,
    validity: validityState(date(e.valid_from), date(e.valid_to), now),
    generatedTitle: generatedTitle(e),
    computed,
  };
}
