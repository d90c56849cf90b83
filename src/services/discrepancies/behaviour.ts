// What the engagement's discrepancies say about the supplier's behaviour (DESIGN.md, behavioural sub-score):
// corrective actions closed in time (closed by the D8 due date; open ones count once overdue), the supplier's
// proactive disclosures, and whether the escalation ladder is named on both sides.
import { listDiscrepanciesOfEngagements, listSteps } from '../../db/repositories/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { listLadder } from '../../db/repositories/escalation.js';
import type { Executor } from '../../db/repositories/executor.js';
import { countCorrectiveActions } from '../../domain/discrepancies/corrective-actions.js';
import { ladderNamed } from '../../domain/escalation/ladder.js';
import type { CorrectiveActionSummary, TimedMessage } from '../../domain/readiness/types.js';
import { ladderOf } from './views.js';

export interface DiscrepancyBehaviour {
  correctiveActions: CorrectiveActionSummary | null;
  proactiveDisclosures: TimedMessage[];
  ladderNamed: boolean;
}

/** As of `now`: discrepancies raised later do not exist yet (the health view evaluates past dates too). */
export async function discrepancyBehaviour(db: Executor, e: EngagementRow, now: Date): Promise<DiscrepancyBehaviour> {
  const all = (await listDiscrepanciesOfEngagements(db, [e.id])).filter((d) => Date.parse(d.raised_at) <= now.getTime());
  const steps = await listSteps(db, all.map((d) => d.id));
  const records = all.map((d) => {
    const own = steps.filter((s) => s.discrepancy_id === d.id);
    const closedAt = d.closed_at && Date.parse(d.closed_at) <= now.getTime() ? new Date(d.closed_at) : null;
    return {
      id: d.id,
      closedAt,
      closureDueAt: new Date(own.find((s) => s.step === 'D8')!.due_at),
      steps: own.map((s) => ({ dueAt: new Date(s.due_at), doneAt: s.done_at && Date.parse(s.done_at) <= now.getTime() ? new Date(s.done_at) : null })),
      evidenceIds: closedAt && d.evidence_id ? [d.evidence_id] : [],
    };
  });
  const counts = countCorrectiveActions(records, now);
  return {
    correctiveActions: records.length ? { closedOnTime: counts.closedOnTime, closedLate: counts.closedLate, openOverdue: counts.openOverdue, evidenceIds: counts.evidenceIds } : null,
    proactiveDisclosures: all.filter((d) => d.proactive === 1).map((d) => ({ id: d.id, sentAt: new Date(d.raised_at) })),
    ladderNamed: ladderNamed(ladderOf(await listLadder(db, [e.id]))),
  };
}
