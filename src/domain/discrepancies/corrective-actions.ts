// "Documented corrective actions closed in time" (DESIGN.md, behavioural sub-score): a discrepancy is closed in
// time when it was closed (effectiveness verified and accepted) by the due date of its closure step D8. An open one
// counts against the supplier only once one of its steps is overdue; one still on track is not yet measured.
import { isOverdue, type DueItem } from '../escalation/level.js';

export interface CorrectiveActionRecord {
  id: string;
  closedAt: Date | null;
  /** Due date of D8 (closure). */
  closureDueAt: Date;
  /** The steps' due dates and completion, to tell an open discrepancy on track from an overdue one. */
  steps: readonly DueItem[];
  evidenceIds?: readonly string[];
}

export interface CorrectiveActionCounts {
  closedOnTime: number;
  closedLate: number;
  openOverdue: number;
  openOnTrack: number;
  /** Evidence of the records that count (closed or overdue). */
  evidenceIds: string[];
}

export function closedInTime(r: Pick<CorrectiveActionRecord, 'closedAt' | 'closureDueAt'>): boolean | null {
  if (!r.closedAt) return null;
  return r.closedAt.getTime() <= r.closureDueAt.getTime();
}

export function countCorrectiveActions(records: readonly CorrectiveActionRecord[], now: Date): CorrectiveActionCounts {
  const out: CorrectiveActionCounts = { closedOnTime: 0, closedLate: 0, openOverdue: 0, openOnTrack: 0, evidenceIds: [] };
  for (const r of records) {
    const inTime = closedInTime(r);
    let counts = true;
    if (inTime === true) out.closedOnTime++;
    else if (inTime === false) out.closedLate++;
    else if (r.steps.some((s) => isOverdue(s, now)) || now.getTime() > r.closureDueAt.getTime()) out.openOverdue++;
    else {
      out.openOnTrack++;
      counts = false;
    }
    if (counts) out.evidenceIds.push(...(r.evidenceIds ?? []));
  }
  return out;
}
