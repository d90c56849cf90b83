// The one call services make when evidence enters an engagement: share it and log it in the same transaction.
import { shareEvidenceIntoEngagement, shareNewEvidenceIntoEngagement, type EvidenceRow } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { logEvidence, logNewEvidence } from './contents.js';

export async function shareAndLog(
  db: Executor,
  row: { engagement_id: string; evidence_id: string; shared_by_organization_id: string; shared_by: string; shared_at: string },
): Promise<boolean> {
  const added = await shareEvidenceIntoEngagement(db, row);
  if (added) await logEvidence(db, row.evidence_id, row.engagement_id, row.shared_at, row.shared_by_organization_id);
  return added;
}

/** Evidence recorded in this transaction without attachments (an import's lots), shared and logged in one batch. */
export async function shareNewAndLog(db: Executor, evidence: readonly EvidenceRow[], to: { engagementId: string; organizationId: string; userId: string; at: string }): Promise<void> {
  await shareNewEvidenceIntoEngagement(
    db,
    evidence.map((e) => ({ engagement_id: to.engagementId, evidence_id: e.id, shared_by_organization_id: to.organizationId, shared_by: to.userId, shared_at: to.at })),
  );
  await logNewEvidence(db, evidence, to.engagementId, to.at, to.organizationId);
}
