// Closing a visit: the outcome must agree with the findings. And who may do what with a visit in which status.
import type { VisitOutcome, VisitSide, VisitStatus, VisitType } from './checklist.js';
import type { FindingSeverity, Provenance } from '../model.js';

export interface OutcomeFinding {
  severity: FindingSeverity;
  hasFollowUp: boolean;
}

/**
 * A visit with a major finding is not satisfactory; "satisfactory with actions" names its actions (at least one
 * finding with a follow-up). Returns the problem, or null when the outcome fits.
 */
export function checkOutcome(outcome: VisitOutcome, findings: readonly OutcomeFinding[]): { path: string; message: string } | null {
  const majors = findings.filter((f) => f.severity === 'major').length;
  if (outcome === 'satisfactory' && majors > 0) {
    return { path: 'outcome', message: `${majors} major finding${majors === 1 ? '' : 's'}: the outcome is "satisfactory_with_actions" or "unsatisfactory"` };
  }
  if (outcome === 'satisfactory_with_actions' && !findings.some((f) => f.hasFollowUp)) {
    return { path: 'outcome', message: 'name the actions: record at least one finding with its follow-up (owner and due date)' };
  }
  return null;
}

/** Allowed status changes; anything else is a conflict. */
export const VISIT_TRANSITIONS: Readonly<Record<VisitStatus, readonly VisitStatus[]>> = {
  proposed: ['confirmed', 'rescheduling', 'declined', 'proposed', 'cancelled'],
  rescheduling: ['confirmed', 'proposed', 'cancelled'],
  confirmed: ['in_progress', 'proposed', 'cancelled', 'closed'],
  in_progress: ['closed', 'cancelled'],
  declined: [],
  closed: [],
  cancelled: [],
};

export function canTransition(from: VisitStatus, to: VisitStatus): boolean {
  return VISIT_TRANSITIONS[from].includes(to);
}

/**
 * How strong what a visit records is as evidence (DESIGN.md provenance order): an invited third-party auditor's
 * record is `third_party`; what the buyer saw on site is `observed`; a remote video walk-through shows what the
 * supplier chose to film, so the buyer's record of it counts as `documented` (with the report attached).
 */
export function visitProvenance(type: VisitType, recorderSide: VisitSide): Provenance {
  if (recorderSide === 'auditor') return 'third_party';
  return type === 'remote_video' ? 'documented' : 'observed';
}
