// Track-record credentials from other buyers on the public profile (issued by the verifiable-record capability):
// the supplier chooses which of the credentials it holds are public; each is verified again on every request —
// proof, issuer key in the network and not revoked before signing, the issuer's revocation record, validity — and
// only one that verifies now is shown. Shown as a summary (issuer, scope, period, results), without internal ids.
import type { Executor } from '../../db/repositories/executor.js';
import * as clock from '../../clock.js';
import { credentialStanding } from '../record/credentials.js';

export interface PublicCredential {
  issuer: string;
  name: string;
  description: string;
  period: { from: string; until: string } | null;
  review: string | null;
  attainmentPercent: number | null;
  kpis: { label: string; status: string }[];
  discrepancies: { raised: number; closed: number; closedOnTime: number } | null;
  issuedAt: string;
  validUntil: string | null;
  verified: true;
  checked: string[];
}

export const NO_CREDENTIALS = 'No track-record credential from another buyer is published yet.';

/** The supplier's track-record credentials (as their subject), for it to choose from. */
export function listHeldTrackRecords(db: Executor, organizationId: string) {
  return db
    .selectFrom('credentials')
    .select(['id', 'document', 'issued_at', 'valid_until', 'revoked_at'])
    .where('subject_organization_id', '=', organizationId)
    .where('kind', '=', 'track_record')
    .orderBy('issued_at', 'desc')
    .execute();
}

interface TrackRecordDoc {
  name?: string;
  description?: string;
  issuer?: { name?: string };
  validFrom?: string;
  validUntil?: string;
  credentialSubject?: {
    trackRecord?: {
      period?: { from: string; until: string };
      review?: { label?: string };
      attainmentPercent?: number | null;
      kpis?: { label: string; status: string }[];
      discrepancies?: { raised: number; closed: number; closedOnTime: number };
    };
  };
}

export async function publishedCredentials(db: Executor, organizationId: string, chosen: ReadonlySet<string>): Promise<{ credentials: PublicCredential[]; credentialsNote: string | null }> {
  const now = clock.now();
  const out: PublicCredential[] = [];
  for (const row of await listHeldTrackRecords(db, organizationId)) {
    if (!chosen.has(row.id) || row.revoked_at) continue;
    const doc = JSON.parse(row.document) as TrackRecordDoc;
    const standing = await credentialStanding(db, doc, now);
    if (!standing.valid) continue;
    const tr = doc.credentialSubject?.trackRecord;
    out.push({
      issuer: standing.issuerName ?? doc.issuer?.name ?? '',
      name: doc.name ?? '',
      description: doc.description ?? '',
      period: tr?.period ?? null,
      review: tr?.review?.label ?? null,
      attainmentPercent: tr?.attainmentPercent ?? null,
      kpis: (tr?.kpis ?? []).map((k) => ({ label: k.label, status: k.status })),
      discrepancies: tr?.discrepancies ? { raised: tr.discrepancies.raised, closed: tr.discrepancies.closed, closedOnTime: tr.discrepancies.closedOnTime } : null,
      issuedAt: row.issued_at,
      validUntil: row.valid_until,
      verified: true,
      checked: standing.checked,
    });
  }
  return { credentials: out, credentialsNote: out.length ? null : NO_CREDENTIALS };
}
