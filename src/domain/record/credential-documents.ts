// The unsigned documents Bonafide issues as credentials: a buyer's attestation of a supplier's track record, and
// a UNTP Digital Conformity Credential (uncefact/spec-untp, untp-dcc) for a certificate or other conformity
// evidence. Both are W3C VC 2.0 and are signed with eddsa-jcs-2022 by the issuing organization's did:key.
import { VC_V2_CONTEXT, type JsonObject } from './credential.js';

export const TRACK_RECORD_TYPE = 'TrackRecordCredential';
export const DCC_CONTEXT = 'https://test.uncefact.org/vocabulary/untp/dcc/0.5.0/';

export interface TrackRecordInput {
  id: string;
  issuer: { did: string; name: string; country: string };
  subject: { did: string; name: string; country: string };
  issuedAt: string;
  validUntil: string;
  engagement: { id: string; title: string; products: string[] };
  review: { kind: 'pilot_review' | 'partnership_review'; id: string; decision: string; reviewedAt: string; label: string };
  period: { from: string; until: string };
  kpis: { key: string; label: string; unit: string; direction: string; target: number; value: number | null; status: string }[];
  attainmentPercent: number | null;
  discrepancies: { reference: string; severity: string; title: string; raisedAt: string; closedAt: string | null; closedOnTime: boolean | null }[];
  record: { origin: string; leafIndex: number | null };
}

export function trackRecordDocument(t: TrackRecordInput): JsonObject {
  const closed = t.discrepancies.filter((d) => d.closedAt !== null);
  return {
    '@context': [VC_V2_CONTEXT],
    id: t.id,
    type: ['VerifiableCredential', TRACK_RECORD_TYPE],
    name: `Track record of ${t.subject.name} with ${t.issuer.name}`,
    description: `${t.issuer.name} attests how ${t.subject.name} performed in “${t.engagement.title}” from ${t.period.from.slice(0, 10)} to ${t.period.until.slice(0, 10)}: ${t.review.label}.`,
    issuer: { id: t.issuer.did, name: t.issuer.name, country: t.issuer.country },
    validFrom: t.issuedAt,
    validUntil: t.validUntil,
    credentialSubject: {
      id: t.subject.did,
      name: t.subject.name,
      country: t.subject.country,
      trackRecord: {
        scope: { engagement: t.engagement.title, products: t.engagement.products },
        period: t.period,
        review: { kind: t.review.kind, decision: t.review.decision, reviewedAt: t.review.reviewedAt, label: t.review.label },
        kpis: t.kpis,
        attainmentPercent: t.attainmentPercent,
        discrepancies: {
          raised: t.discrepancies.length,
          closed: closed.length,
          closedOnTime: closed.filter((d) => d.closedOnTime === true).length,
          items: t.discrepancies,
        },
        record: t.record,
      },
    },
  };
}

export interface ConformityInput {
  id: string;
  issuer: { did: string; name: string };
  issuedAt: string;
  validUntil: string | null;
  /** Who holds the certificate, and who assessed (the certification body, or the recording party). */
  party: { id: string; name: string; identifier: string | null };
  evidence: {
    id: string;
    kind: string;
    provenance: string;
    title: string;
    description: string | null;
    issuer: string | null;
    issuedAt: string | null;
    standard: string | null;
    scope: string | null;
    files: { sha256: string; filename: string }[];
  };
}

const ATTESTATION: Record<string, string> = { certificate: 'certification', audit_report: 'inspection', sample_test: 'testing', batch_test_record: 'testing' };
const ASSESSOR: Record<string, string> = { third_party: '3rdParty', observed: '2ndParty', documented: 'Self', self_declared: 'Self' };

/** A UNTP DCC for one conformity evidence item; `conformance` is stated because the evidence is in force. */
export function conformityDocument(c: ConformityInput): JsonObject {
  const e = c.evidence;
  const file = e.files[0];
  return {
    '@context': [VC_V2_CONTEXT, DCC_CONTEXT],
    type: ['DigitalConformityCredential', 'VerifiableCredential'],
    id: c.id,
    issuer: { type: ['CredentialIssuer'], id: c.issuer.did, name: c.issuer.name },
    validFrom: c.issuedAt,
    ...(c.validUntil ? { validUntil: c.validUntil } : {}),
    credentialSubject: {
      type: ['ConformityAttestation', 'Attestation'],
      id: `urn:bonafide:evidence:${e.id}`,
      name: e.title,
      assessorLevel: ASSESSOR[e.provenance] ?? 'Self',
      assessmentLevel: e.provenance === 'third_party' ? 'Accredited' : 'Self-asserted',
      attestationType: ATTESTATION[e.kind] ?? 'certification',
      ...(e.description ? { description: e.description } : {}),
      issuedToParty: { id: c.party.id, name: c.party.name, ...(c.party.identifier ? { registeredId: c.party.identifier } : {}) },
      ...(file ? { conformityCertificate: { linkName: file.filename, linkType: 'https://test.uncefact.org/vocabulary/linkTypes/dcc', hashDigest: file.sha256, hashMethod: 'SHA-256' } } : {}),
      assessment: [
        {
          type: ['ConformityAssessment', 'Declaration'],
          id: `urn:bonafide:evidence:${e.id}#assessment`,
          name: e.title,
          ...(e.issuedAt ? { assessmentDate: e.issuedAt.slice(0, 10) } : {}),
          ...(e.standard ? { referenceStandard: { type: ['Standard'], id: `urn:bonafide:standard:${encodeURIComponent(e.standard)}`, name: e.standard, ...(e.issuer ? { issuingParty: { id: `urn:bonafide:issuer:${encodeURIComponent(e.issuer)}`, name: e.issuer } } : {}) } } : {}),
          ...(e.scope ? { assessmentCriteria: [{ id: `urn:bonafide:evidence:${e.id}#scope`, name: e.scope }] } : {}),
          conformance: true,
          conformityTopic: 'governance.compliance',
          assessedOrganisation: { id: c.party.id, name: c.party.name },
        },
      ],
    },
  };
}
