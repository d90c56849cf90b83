// What the engagement's quality data contribute to readiness: process capability per characteristic (the
// behavioural sub-score's batch-to-batch consistency) and the lots delivered (re-verification: batch records per
// lot). Read-only; used by buildReadinessInput.
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { listEngagementEvidence } from '../../db/repositories/evidence.js';
import type { Executor } from '../../db/repositories/executor.js';
import { listLotInspections } from '../../db/repositories/quality.js';
import type { LotRecord, ProcessCapabilityInput } from '../../domain/readiness/index.js';
import { RECENT_VALUES, recentCapability, specificationsForEngagement } from './data.js';

/**
 * Cpk of each specified characteristic with batch data in the engagement, over its most recent RECENT_VALUES
 * values (subgrouped by lot when the lots allow it), with the number of Nelson rules that fired there. The
 * evidence named is the batch test records of the lots analysed (at most 20, the latest).
 */
export async function processCapabilityOf(
  db: Executor,
  e: EngagementRow,
  /**
   * The engagement's evidence when the caller has read it already (readiness does): not read a second time; its
   * attributes as stored (JSON) or already parsed.
   */
  evidence?: readonly { id: string; kind: string; attributes?: string | Readonly<Record<string, string>> }[],
): Promise<ProcessCapabilityInput[]> {
  const specs = await specificationsForEngagement(db, e);
  if (specs.length === 0) return [];
  const batchRecords = (evidence ?? (await listEngagementEvidence(db, e.id))).filter((r) => r.kind === 'batch_test_record');
  const lotEvidence = new Map<string, string>();
  for (const r of batchRecords) {
    const a = (typeof r.attributes === 'string' ? JSON.parse(r.attributes) : (r.attributes ?? {})) as Record<string, string>;
    if (a.lot && a.product) lotEvidence.set(`${a.product}\u0000${a.lot}`, r.id);
  }
  const out: ProcessCapabilityInput[] = [];
  for (const spec of specs) {
    for (const c of spec.characteristics) {
      const recent = await recentCapability(db, e, spec, c);
      if (!recent || recent.result.cpk === null) continue;
      const ids = recent.lots
        .slice(-20)
        .map((lot) => lotEvidence.get(`${spec.product}\u0000${lot}`))
        .filter((x): x is string => x !== undefined);
      out.push({
        characteristic: `${spec.product} ${c.name}`,
        cpk: Math.round(recent.result.cpk * 100) / 100,
        signals: recent.result.signals.length,
        evidenceIds: ids,
      });
    }
  }
  return out;
}

/** The lots the buyer inspected on receipt (each needs its batch test record), oldest first. */
export async function lotsOf(db: Executor, e: EngagementRow): Promise<LotRecord[]> {
  const seen = new Map<string, LotRecord>();
  for (const r of await listLotInspections(db, e.id)) {
    if (!seen.has(r.lot)) seen.set(r.lot, { lot: r.lot, producedAt: new Date(r.inspected_at) });
  }
  return [...seen.values()];
}

export { RECENT_VALUES };
