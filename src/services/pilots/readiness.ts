// What readiness needs of an engagement's pilot (the phase-3 requirement "pilot of 3–6 months with KPIs and
// evaluation points"): the latest pilot — its dates, its KPIs and evaluation points counted, and its final review,
// which decides the requirement.
import type { Executor } from '../../db/repositories/executor.js';
import { listEvaluationPoints, listPilotKpis, listPilots, listReviews } from '../../db/repositories/pilots.js';
import type { PilotSummary } from '../../domain/readiness/types.js';

export async function pilotSummaryOf(db: Executor, engagementId: string): Promise<PilotSummary | null> {
  const pilots = await listPilots(db, engagementId);
  // The running pilot, else the most recent one.
  const p = pilots.find((x) => x.status === 'running') ?? pilots[0];
  if (!p) return null;
  const [kpis, points, reviews] = await Promise.all([listPilotKpis(db, [p.id]), listEvaluationPoints(db, [p.id]), listReviews(db, [p.id])]);
  const final = points.find((x) => x.kind === 'final');
  const review = final ? reviews.find((r) => r.evaluation_point_id === final.id) : undefined;
  const stop = reviews.find((r) => r.decision === 'stop');
  const decisive = stop ?? review;
  return {
    id: p.id,
    startedAt: new Date(`${p.start_date}T00:00:00.000Z`),
    plannedEndAt: new Date(`${p.end_date}T00:00:00.000Z`),
    endedAt: p.ended_at ? new Date(p.ended_at) : null,
    kpis: kpis.length,
    evaluationPoints: points.length,
    finalReview: decisive ? { id: decisive.id, decision: decisive.decision as 'continue' | 'adjust' | 'stop', at: new Date(decisive.reviewed_at) } : null,
    durationReason: p.duration_reason,
  };
}
