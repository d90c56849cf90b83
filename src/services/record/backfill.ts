// Logs every record that existed before the log did, in the order the records were made (migration 010).
import type { Executor } from '../../db/repositories/executor.js';
import { logDiscrepancyClosure, logEvidence, logFinding, logGateDecision, logPilotReview, logSignOff, logVisitOutcome } from './contents.js';
import { createOrganizationKey } from './log.js';

interface Pending {
  at: string;
  order: number;
  id: string;
  run: () => Promise<unknown>;
}

export async function backfillLog(db: Executor): Promise<number> {
  const todo: Pending[] = [];
  const add = (at: string, order: number, id: string, run: () => Promise<unknown>) => todo.push({ at, order, id, run });

  for (const o of await db.selectFrom('organizations').select(['id', 'created_at']).execute()) add(o.created_at, 0, o.id, () => createOrganizationKey(db, o.id, o.created_at));
  const shared = await db.selectFrom('engagement_evidence').selectAll().execute();
  for (const s of shared) add(s.shared_at, 1, `${s.evidence_id}/${s.engagement_id}`, () => logEvidence(db, s.evidence_id, s.engagement_id, s.shared_at, s.shared_by_organization_id));
  const inEngagement = new Set(shared.map((s) => s.evidence_id));
  for (const e of await db.selectFrom('evidence').select(['id', 'created_at']).execute()) {
    if (!inEngagement.has(e.id)) add(e.created_at, 1, e.id, () => logEvidence(db, e.id, null));
  }
  for (const g of await db.selectFrom('gate_decisions').select(['id', 'decided_at']).execute()) add(g.decided_at, 2, g.id, () => logGateDecision(db, g.id));
  for (const f of await db.selectFrom('visit_findings').select(['id', 'created_at']).execute()) add(f.created_at, 3, f.id, () => logFinding(db, f.id));
  for (const v of await db.selectFrom('visits').select(['id', 'closed_at']).where('closed_at', 'is not', null).execute()) add(v.closed_at!, 4, v.id, () => logVisitOutcome(db, v.id));
  for (const s of await db.selectFrom('visit_sign_offs').select(['id', 'signed_at']).execute()) add(s.signed_at, 5, s.id, () => logSignOff(db, s.id));
  for (const r of await db.selectFrom('pilot_reviews').select(['id', 'reviewed_at']).execute()) add(r.reviewed_at, 6, r.id, () => logPilotReview(db, r.id));
  for (const d of await db.selectFrom('discrepancies').select(['id', 'closed_at']).where('closed_at', 'is not', null).execute()) add(d.closed_at!, 7, d.id, () => logDiscrepancyClosure(db, d.id));

  // Timestamps are ISO strings in UTC of one width, so text order is time order; ties keep a stable order.
  const norm = (s: string) => new Date(s).toISOString();
  todo.sort((a, b) => (norm(a.at) < norm(b.at) ? -1 : norm(a.at) > norm(b.at) ? 1 : a.order - b.order || (a.id < b.id ? -1 : 1)));
  for (const t of todo) await t.run();
  return todo.length;
}
