// How a claim stands on the supplier's public profile: its status and the strongest provenance behind it, said
// without naming any other organization ("observed on site by a buyer, March 2026"). Nothing unverified is ever
// called verified: a claim is verified only when evidence in force supports it, nothing at least as strong
// contradicts it, and that evidence is more than the supplier's own word. Pure.
import type { ClaimStatus, EvidenceKind, OrganizationKind, Provenance } from '../model.js';

export type PublicSource = 'supplier' | 'buyer' | 'auditor' | 'issuer';
export type PublicStanding = 'verified' | 'self_declared' | 'unverified' | 'contradicted';

export interface PublicEvidenceFact {
  provenance: Provenance;
  kind: EvidenceKind;
  /** Kind of the organization that recorded it. */
  recorderKind: OrganizationKind;
  issuer: string | null;
  recordedAt: string;
  validTo: string | null;
}

export interface PublicStrongest {
  provenance: Provenance;
  source: PublicSource;
  /** YYYY-MM, the month it was recorded. */
  month: string;
  kind: EvidenceKind;
  validTo: string | null;
}

export interface PublicClaimStanding {
  standing: PublicStanding;
  verified: boolean;
  strongest: PublicStrongest | null;
  /** English; the HTML page words it per language from the other fields. */
  summary: string;
}

export function publicSource(e: Pick<PublicEvidenceFact, 'recorderKind' | 'issuer' | 'provenance'>): PublicSource {
  if (e.recorderKind === 'buyer') return 'buyer';
  if (e.recorderKind === 'auditor') return 'auditor';
  return e.issuer && e.provenance !== 'self_declared' ? 'issuer' : 'supplier';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

const KIND_WORDS: Partial<Record<EvidenceKind, string>> = {
  certificate: 'certificate',
  registration: 'registry extract',
  audit_report: 'audit report',
  sample_test: 'sample test',
  batch_test_record: 'batch records',
  production_log: 'production logs',
  visit_observation: 'visit',
  testimonial: 'reference',
  kpi_measurement: 'KPI measurement',
  qc_procedure: 'QC procedure',
  attestation: 'attestation',
};

const SOURCE_WORDS: Record<PublicSource, string> = { supplier: 'the supplier', buyer: 'a buyer', auditor: 'an auditor', issuer: 'the issuer' };

export function publicClaimStanding(status: ClaimStatus, strongest: PublicEvidenceFact | null): PublicClaimStanding {
  if (!strongest || status === 'unverified') {
    return { standing: 'unverified', verified: false, strongest: null, summary: 'Not verified: no evidence yet.' };
  }
  const s: PublicStrongest = {
    provenance: strongest.provenance,
    source: publicSource(strongest),
    month: strongest.recordedAt.slice(0, 7),
    kind: strongest.kind,
    validTo: strongest.validTo,
  };
  const when = monthName(s.month);
  const what = KIND_WORDS[s.kind] ?? s.kind.replace(/_/g, ' ');
  if (status === 'contradicted') {
    return { standing: 'contradicted', verified: false, strongest: s, summary: `Contradicted by ${what} (${s.provenance.replace('_', '-')}) from ${SOURCE_WORDS[s.source]}, ${when}.` };
  }
  if (s.provenance === 'self_declared') {
    return { standing: 'self_declared', verified: false, strongest: s, summary: 'Self-declared by the supplier; not verified.' };
  }
  const until = s.validTo ? `, valid until ${s.validTo.slice(0, 10)}` : '';
  const summary =
    s.provenance === 'observed'
      ? `Observed${s.kind === 'visit_observation' ? ' on site' : ` in ${what}`} by ${SOURCE_WORDS[s.source]}, ${when}${until}.`
      : s.provenance === 'third_party'
        ? `Confirmed by a third party (${what}), ${when}${until}.`
        : `${what[0].toUpperCase()}${what.slice(1)} documented${until || `, ${when}`}.`;
  return { standing: 'verified', verified: true, strongest: s, summary };
}

/** Evidence items that run out within `days` (and have not yet), soonest first. */
export function expiringWithin<T extends { validTo: string | null }>(items: readonly T[], now: Date, days = 90): (T & { daysLeft: number })[] {
  const out: (T & { daysLeft: number })[] = [];
  for (const i of items) {
    if (!i.validTo) continue;
    const left = Math.ceil((Date.parse(i.validTo) - now.getTime()) / 86_400_000);
    if (left >= 0 && left <= days) out.push({ ...i, daysLeft: left });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}

/** A URL-safe name: lower-case ASCII words joined by hyphens; '' when nothing ASCII is left (e.g. only Chinese). */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}
