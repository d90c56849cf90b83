// Who sees a visit: both parties of its engagement, and an auditor organization invited into that one visit.
// Everyone else gets the same 404 as for a visit that does not exist; an auditor still gets 404 on every
// engagement route. Every visit use case loads the visit through here.
import { RECORDING_STATUSES, type VisitStatus } from '../../contracts/visits.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findVisitFor, updateVisitInStatus, type VisitAccess, type VisitRow } from '../../db/repositories/visits.js';
import { canTransition } from '../../domain/visits/outcome.js';
import { authorize, type Actor } from '../shared/authz.js';
import { conflict, conflictBecause, forbidden, notFound } from '../shared/errors.js';
import { nowIso } from '../shared/ids.js';
import { utcToZonedLocal } from '../../domain/time/zones.js';
import { isOpen } from '../engagements/access.js';

export type { VisitAccess } from '../../db/repositories/visits.js';

/** The visit as the actor's organization may see it; a 404 exactly like a missing visit otherwise. */
export async function loadVisit(db: Executor, actor: Actor, visitId: string): Promise<VisitAccess> {
  authorize(actor, 'visit.read');
  const a = await findVisitFor(db, actor.organizationId, visitId);
  if (!a) throw notFound('visit');
  return a;
}

export function assertTransition(v: VisitRow, to: VisitStatus, what: string) {
  if (!canTransition(v.status as VisitStatus, to)) throw conflict(`the visit is ${v.status}: it cannot be ${what}`, [{ path: 'status', message: `visit is ${v.status}` }]);
}

/**
 * Changes the visit's status (with the rest of the patch) only if it is still the status the caller read: a
 * concurrent answer, cancellation or closing finds it changed and gets 409, instead of both being applied.
 */
export async function moveVisit(db: Executor, v: VisitRow, patch: Partial<VisitRow> & { status: VisitStatus }): Promise<void> {
  if (!(await updateVisitInStatus(db, v.id, v.status, patch))) {
    throw conflict('the visit changed in the meantime: reload it and try again', [{ path: 'status', message: `visit is no longer ${v.status}`, code: 'status_changed' }]);
  }
  Object.assign(v, patch);
}

/** The visiting side (buyer, invited auditor) records while the visit is confirmed or under way. */
export function requireRecording(actor: Actor, a: VisitAccess) {
  authorize(actor, 'visit.record');
  if (a.side === 'supplier') throw forbidden('the visiting side records the checklist; the supplier records its assessment of the buyer');
  if (!RECORDING_STATUSES.includes(a.visit.status as VisitStatus)) {
    throw conflict(`the visit is ${a.visit.status}: it is recorded once confirmed and until it closes`, [{ path: 'status', message: `visit is ${a.visit.status}` }]);
  }
  if (!isOpen(a.engagement.phase)) throw conflict(`the engagement is ${a.engagement.phase}`);
  // What is observed on a visit is dated inside it: nothing is "observed" before the visit's first day at the
  // site (a capacity counted a month early would contradict a claim with nothing seen).
  const startDay = utcToZonedLocal(a.visit.planned_start, a.visit.time_zone).slice(0, 10);
  const today = utcToZonedLocal(nowIso(), a.visit.time_zone).slice(0, 10);
  if (today < startDay) {
    throw conflictBecause('observed_before_visit', { start: startDay, today }, `the visit starts on ${startDay} at the site (today is ${today} there): observations are recorded from that day on`, [
      { path: 'status', message: `the visit starts on ${startDay}`, code: 'observed_before_visit', params: { start: startDay, today } },
    ]);
  }
}

/** When an observation is dated: now, but never after the visit's planned end (a late write-up is of the visit). */
export function observationTime(a: VisitAccess): string {
  const now = nowIso();
  return Date.parse(now) > Date.parse(a.visit.planned_end) ? a.visit.planned_end : now;
}

/** Whether the caller's side sees the checklist answers and their photos. */
export function answersVisibleTo(a: VisitAccess): boolean {
  return a.side !== 'supplier' || a.visit.checklist_shared === 1;
}

/** Photos of findings are seen by everyone who sees the visit; photos of answers only with the answers. */
export function attachmentVisible(a: VisitAccess, att: { finding_id: string | null }): boolean {
  return att.finding_id !== null || answersVisibleTo(a);
}
