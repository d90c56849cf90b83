// A finding's follow-up: its statuses and who may move it where. One home for the server (which refuses) and the
// web app (which offers only what would succeed). Pure and browser-safe.

export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'done', 'verified'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** The side that recorded the finding verifies its follow-up; the other side reports progress up to "done". */
export function mayVerifyFollowUp(recordedByOrganizationId: string, actorOrganizationId: string): boolean {
  return recordedByOrganizationId === actorOrganizationId;
}

/** The statuses an organization may set (or see kept) on a follow-up: "verified" only for the side that recorded it. */
export function followUpStatusesFor(
  finding: { recordedByOrganizationId: string; status: FollowUpStatus | null },
  actorOrganizationId: string,
): FollowUpStatus[] {
  return FOLLOW_UP_STATUSES.filter(
    (s) => s !== 'verified' || finding.status === 'verified' || mayVerifyFollowUp(finding.recordedByOrganizationId, actorOrganizationId),
  );
}
