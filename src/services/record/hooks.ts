// The one call services make when evidence enters an engagement: share it and log it in the same transaction.
import { shareEvidenceIntoEngagement } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { logEvidence } from './contents.js';

export async function shareAndLog(
  db: Executor,
  row: { engagement_id: string; evidence_id: string; shared_by_organization_id: string; shared_by: string; shared_at: string },
): Promise<boolean> {
  const added = await shareEvidenceIntoEngagement(db, row);
  if (added) await logEvidence(db, row.evidence_id, row.engagement_id, row.shared_at, row.shared_by_organization_id);
  return added;
}
