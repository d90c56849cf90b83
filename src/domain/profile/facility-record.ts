// A UNTP Digital Facility Record (uncefact/spec-untp, data-models/untp-dfr) for each published site of a supplier:
// a W3C VC 2.0 credential (unsigned here; the verifiable-record capability signs credentials) whose subject is the
// FacilityRecord — name, country, address, the operating party with its registry identifiers — and whose
// conformityClaim lists the supplier's published claims. A claim says `conformance: true` only when it is verified;
// anything else carries no conformance at all, so nothing unverified reads as conforming. Pure.
import type { ClaimType } from '../model.js';

export const DFR_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://test.uncefact.org/vocabulary/untp/dfr/0.5.0/'] as const;

export interface FacilityClaim {
  type: ClaimType;
  title: string;
  value: number | null;
  unit: string | null;
  period: string | null;
  /** The slug of the site the claim is about; null: the whole organization (listed under every site). */
  siteSlug: string | null;
  slug: string;
  verified: boolean;
  summary: string;
  /** YYYY-MM of the strongest evidence, when there is any. */
  month: string | null;
}

export interface FacilityRecordInput {
  /** e.g. https://bonafide.example */
  baseUrl: string;
  slug: string;
  organization: { name: string; identifiers: { scheme: string; value: string }[] };
  sites: { slug: string; name: string; address: string; country: string; processes: string[] }[];
  claims: FacilityClaim[];
  issuedAt: string;
}

/** UNECE Rec 20 codes for the units claims use; others are given as written. */
const REC20: Record<string, string> = { pcs: 'H87', piece: 'H87', pieces: 'H87', days: 'DAY', day: 'DAY', weeks: 'WEE', kg: 'KGM', t: 'TNE', h: 'HUR', hours: 'HUR' };

const TOPIC: Record<ClaimType, string> = {
  certification: 'governance.compliance',
  qc_process: 'governance.compliance',
  process_capability: 'governance.compliance',
  capacity: 'governance.transparency',
  lead_time: 'governance.transparency',
  moq: 'governance.transparency',
  limitation: 'governance.transparency',
};

/** did:web of the profile: the host (port percent-encoded, as did:web requires) and the profile path. */
export function profileDid(baseUrl: string, slug: string): string {
  const u = new URL(baseUrl);
  return `did:web:${encodeURIComponent(u.host)}:public:suppliers:${slug}`;
}

function identifierUri(scheme: string, value: string): string {
  return `urn:bonafide:identifier:${scheme}:${encodeURIComponent(value)}`;
}

export function facilityRecords(input: FacilityRecordInput): Record<string, unknown>[] {
  const profileUrl = `${input.baseUrl}/public/suppliers/${input.slug}`;
  const primary = input.organization.identifiers[0];
  const party = {
    id: primary ? identifierUri(primary.scheme, primary.value) : profileUrl,
    name: input.organization.name,
    ...(primary ? { registeredId: primary.value } : {}),
  };
  return input.sites.map((site) => {
    const claims = input.claims.filter((c) => c.siteSlug === null || c.siteSlug === site.slug);
    return {
      '@context': [...DFR_CONTEXT],
      type: ['DigitalFacilityRecord', 'VerifiableCredential'],
      id: `${profileUrl}/facilities.json#${site.slug}`,
      issuer: {
        type: ['CredentialIssuer'],
        id: profileDid(input.baseUrl, input.slug),
        name: input.organization.name,
        ...(input.organization.identifiers.length
          ? { issuerAlsoKnownAs: input.organization.identifiers.map((i) => ({ id: identifierUri(i.scheme, i.value), name: input.organization.name, registeredId: i.value })) }
          : {}),
      },
      validFrom: input.issuedAt,
      credentialSubject: {
        type: ['FacilityRecord'],
        id: `${profileUrl}#site-${site.slug}`,
        name: site.name,
        ...(site.processes.length ? { description: site.processes.join('; ') } : {}),
        countryOfOperation: site.country,
        operatedByParty: party,
        address: { type: ['Address'], streetAddress: site.address, addressCountry: site.country },
        conformityClaim: claims.map((c) => ({
          type: ['Claim', 'Declaration'],
          id: `${profileUrl}#claim-${c.slug}`,
          description: `${c.title} — ${c.summary}`,
          conformityTopic: TOPIC[c.type],
          ...(c.month ? { assessmentDate: `${c.month}-01` } : {}),
          ...(c.value !== null
            ? {
                declaredValue: [
                  {
                    metricName: c.period ? `${c.type.replace(/_/g, ' ')} per ${c.period}` : c.type.replace(/_/g, ' '),
                    metricValue: { value: c.value, unit: (c.unit && REC20[c.unit.toLowerCase()]) ?? c.unit ?? 'C62' },
                  },
                ],
              }
            : {}),
          ...(c.verified ? { conformance: true } : {}),
        })),
      },
    };
  });
}
