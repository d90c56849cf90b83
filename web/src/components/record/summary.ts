// A credential in one line, in the reader's language, from the signed document itself.
import type { TFunction } from 'i18next';

interface TrackRecordDoc {
  issuer?: { name?: string } | string;
  credentialSubject?: {
    name?: string;
    trackRecord?: { scope?: { engagement?: string }; period?: { from?: string; until?: string }; review?: { kind?: string; decision?: string; reviewedAt?: string } };
  };
}

/**
 * A track-record credential's name and description in the reader's language, worded from the signed document's
 * structured fields (issuer, subject, engagement, period, review). The signed `name` and `description` are English
 * and stay as they were signed; the page shows them as the signed original. Null for other credentials (their
 * name is the evidence title a person wrote).
 */
export function trackRecordText(t: TFunction, day: (iso: string) => string, document: Record<string, unknown>): { name: string; description: string } | null {
  const d = document as TrackRecordDoc;
  const tr = d.credentialSubject?.trackRecord;
  if (!tr) return null;
  const issuer = typeof d.issuer === 'object' ? (d.issuer.name ?? '') : '';
  const subject = d.credentialSubject?.name ?? '';
  const date = tr.review?.reviewedAt ? day(tr.review.reviewedAt) : '—';
  const review =
    tr.review?.kind === 'partnership_review'
      ? t('record.credential.review.partnership_review', { date })
      : t('record.credential.review.pilot_review', { date, decision: t(`pilots.review.decision.${tr.review?.decision ?? ''}`, { defaultValue: tr.review?.decision ?? '' }) });
  return {
    name: t('record.credential.trackRecordName', { subject, issuer }),
    description: t('record.credential.trackRecordDescription', {
      issuer,
      subject,
      engagement: tr.scope?.engagement ?? '',
      from: tr.period?.from ? day(tr.period.from) : '—',
      until: tr.period?.until ? day(tr.period.until) : '—',
      review,
    }),
  };
}

export function credentialSummary(t: TFunction, document: Record<string, unknown>, fallback: string): string {
  const tr = (document.credentialSubject as { trackRecord?: { kpis?: { status: string }[]; discrepancies?: { raised: number; closed: number } } } | undefined)?.trackRecord;
  if (!tr) return fallback;
  const kpis = tr.kpis ?? [];
  return t('record.credential.summary', {
    met: kpis.filter((k) => k.status === 'met').length,
    total: kpis.length,
    closed: tr.discrepancies?.closed ?? 0,
    raised: tr.discrepancies?.raised ?? 0,
  });
}

/** A check's name as the verifier reports it ("issuer key"), in the reader's language. */
export function checkName(t: TFunction, name: string): string {
  const key = `record.credential.checkNames.${name.replace(/ /g, '_')}`;
  return t(key, { defaultValue: name });
}
