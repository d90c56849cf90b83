// Shared predicates on evidence: validity, age, subject matching, and which evidence counts for a criterion.
import type { EvidenceSubject } from '../policy/types.js';
import { provenanceAtLeast, provenanceRank, type EvidenceKind, type Provenance } from '../model.js';
import type { EvidenceVerdict, ReadinessEvidence } from './types.js';

export const MS_PER_DAY = 86_400_000;

/** Quality-management system standards (formal QC system). */
export const QMS_STANDARDS: readonly string[] = ['ISO 9001', 'ISO 13485', 'IATF 16949', 'AS9100'];

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_DAY;
}

export function isExpired(e: ReadinessEvidence, now: Date): boolean {
  return e.validTo != null && e.validTo.getTime() < now.getTime();
}

export function isNotYetValid(e: ReadinessEvidence, now: Date): boolean {
  return e.validFrom != null && e.validFrom.getTime() > now.getTime();
}

/** Not expired and already valid: the evidence counts at all. Expired evidence stops counting everywhere. */
export function isInForce(e: ReadinessEvidence, now: Date): boolean {
  return !isExpired(e, now) && !isNotYetValid(e, now);
}

/** Its validity period is known and covers `now`. */
export function isValidToday(e: ReadinessEvidence, now: Date): boolean {
  return e.validTo != null && isInForce(e, now);
}

/** Age in days from issuedAt, else validFrom, else sharedAt. */
export function evidenceAgeDays(e: ReadinessEvidence, now: Date): number {
  return daysBetween(e.issuedAt ?? e.validFrom ?? e.sharedAt, now);
}

export function normalizeLabel(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** "ISO 9001:2015" matches "ISO 9001"; "iso  13485" matches "ISO 13485"; "ISO 90011" does not match "ISO 9001". */
export function labelMatches(value: string, wanted: string): boolean {
  const v = normalizeLabel(value);
  const w = normalizeLabel(wanted);
  return v === w || v.startsWith(`${w}:`) || v.startsWith(`${w} `);
}

export function subjectMatches(e: ReadinessEvidence, subject: EvidenceSubject | undefined): boolean {
  if (!subject) return true;
  const value = e.attributes?.[subject.attribute];
  if (value === undefined || value.trim() === '') return false;
  return subject.anyOf.some((w) => labelMatches(value, w));
}

export function hasAttributes(e: ReadinessEvidence, names: readonly string[] | undefined): boolean {
  if (!names) return true;
  return names.every((n) => (e.attributes?.[n] ?? '').trim() !== '');
}

export interface EvidenceCriteria {
  kinds: readonly EvidenceKind[];
  minProvenance: Provenance;
  maxAgeDays?: number;
  mustBeValid?: boolean;
  subject?: EvidenceSubject;
  requiredAttributes?: readonly string[];
}

/** Evidence of the right kind and subject: the candidates a criterion considers at all. */
export function isCandidate(e: ReadinessEvidence, c: EvidenceCriteria): boolean {
  return c.kinds.includes(e.kind) && subjectMatches(e, c.subject);
}

/** Why a candidate does or does not count; the first failing check wins, in this order. */
export function verdictFor(e: ReadinessEvidence, c: EvidenceCriteria, now: Date): EvidenceVerdict {
  if (isExpired(e, now)) return 'expired';
  if (isNotYetValid(e, now)) return 'not_yet_valid';
  if (c.mustBeValid && e.validTo == null) return 'no_validity_period';
  if (!provenanceAtLeast(e.provenance, c.minProvenance)) return 'below_min_provenance';
  if (c.maxAgeDays !== undefined && evidenceAgeDays(e, now) > c.maxAgeDays) return 'stale';
  if (!hasAttributes(e, c.requiredAttributes)) return 'missing_attributes';
  return 'counted';
}

/** Strongest provenance first, then the most recent. */
export function byStrength(a: ReadinessEvidence, b: ReadinessEvidence): number {
  const p = provenanceRank(b.provenance) - provenanceRank(a.provenance);
  if (p !== 0) return p;
  return (b.issuedAt ?? b.sharedAt).getTime() - (a.issuedAt ?? a.sharedAt).getTime();
}

export interface Selection {
  counted: ReadinessEvidence[];
  rejected: { evidence: ReadinessEvidence; verdict: Exclude<EvidenceVerdict, 'counted'> }[];
}

export function selectEvidence(all: readonly ReadinessEvidence[], c: EvidenceCriteria, now: Date): Selection {
  const counted: ReadinessEvidence[] = [];
  const rejected: Selection['rejected'] = [];
  for (const e of all) {
    if (!isCandidate(e, c)) continue;
    const verdict = verdictFor(e, c, now);
    if (verdict === 'counted') counted.push(e);
    else rejected.push({ evidence: e, verdict });
  }
  counted.sort(byStrength);
  rejected.sort((a, b) => byStrength(a.evidence, b.evidence));
  return { counted, rejected };
}

/** A certificate (in force) for a QMS standard with at least the given provenance. */
export function qmsCertificates(all: readonly ReadinessEvidence[], now: Date, minProvenance: Provenance): ReadinessEvidence[] {
  return selectEvidence(all, { kinds: ['certificate'], minProvenance, subject: { attribute: 'standard', anyOf: [...QMS_STANDARDS] } }, now)
    .counted;
}
