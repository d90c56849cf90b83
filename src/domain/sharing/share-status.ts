// Whether a share of evidence lets the other organization look right now. Pure: `now` is an argument, and the
// services ask this on every read, so revoking or reaching `validUntil` stops access at once.

export const SHARE_STATUSES = ['scheduled', 'active', 'expired', 'revoked'] as const;
export type ShareStatus = (typeof SHARE_STATUSES)[number];

export interface SharePeriod {
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
}

export function shareStatus(s: SharePeriod, now: Date): ShareStatus {
  if (s.revokedAt) return 'revoked';
  const t = now.getTime();
  if (Date.parse(s.validFrom) > t) return 'scheduled';
  if (s.validUntil !== null && Date.parse(s.validUntil) <= t) return 'expired';
  return 'active';
}

/** The end of a period of `days` days from `from` (a share "for a month" is 30 days unless the user picks a date). */
export function periodEnd(from: Date, days: number): Date {
  return new Date(from.getTime() + days * 86_400_000);
}
