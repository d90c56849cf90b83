// Setting up a pilot (the buyer, in phase 3) and reading it (both parties).
import type { z } from 'zod';
import type { NewPilotInput } from '../../contracts/pilots.js';
import { listPilotKpis, listPilots, insertPilot, listEvaluationPoints, listReviews, type EvaluationPointRow, type PilotKpiRow, type PilotRow } from '../../db/repositories/pilots.js';
import { checkEvaluationPoints, checkPilotDates, defaultEvaluationPoints, resolveKpis, type PeriodUnit, type PlanFault } from '../../domain/pilots/index.js';
import { loadEngagement } from '../engagements/access.js';
import { recordAudit } from '../shared/audit.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, invalid } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { loadPilot, requireBuyer } from './access.js';
import { pilotView } from './views.js';

function refuse(faults: PlanFault[]): AppError {
  return invalid(faults.map((f) => f.message).join('; '), faults.map((f) => ({ path: f.field, message: f.message, code: f.code })));
}

export async function createPilot(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof NewPilotInput>) {
  const db = ctx.handle.db;
  const e = await loadEngagement(ctx, actor, engagementId);
  requireBuyer(e, actor, 'pilot.manage', 'setting up a pilot');
  if (e.phase !== 'operational_compatibility') {
    throw conflict(`a pilot belongs to phase 3 (operational compatibility); this engagement is in ${e.phase.replace(/_/g, ' ')}`, [{ path: 'engagement', message: `phase is ${e.phase}`, code: 'wrong_phase' }]);
  }
  const faults = checkPilotDates(input.startDate, input.endDate, input.durationReason);
  if (faults.length) throw refuse(faults);
  const resolved = resolveKpis(input.kpis);
  if (resolved.faults.length) throw refuse(resolved.faults);
  const points = input.evaluationPoints?.map((p) => ({ kind: p.kind, label: p.label ?? null, dueDate: p.dueDate })) ?? defaultEvaluationPoints(input.startDate, input.endDate);
  const pointFaults = checkEvaluationPoints(points, input.startDate, input.endDate);
  if (pointFaults.length) throw refuse(pointFaults);

  const at = nowIso();
  const pilot: PilotRow = {
    id: newId(),
    engagement_id: e.id,
    title: input.title,
    start_date: input.startDate,
    end_date: input.endDate,
    duration_reason: input.durationReason?.trim() || null,
    products: JSON.stringify(input.products),
    period_unit: input.periodUnit,
    status: 'running',
    ended_at: null,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
  };
  const kpis: PilotKpiRow[] = resolved.kpis.map((k, i) => ({
    id: newId(),
    pilot_id: pilot.id,
    position: i,
    key: k.key,
    kind: k.kind,
    label: k.label,
    formula: k.formula,
    unit: k.unit,
    direction: k.direction,
    target: k.target,
    at_risk: k.atRisk,
    weight: k.weight,
    params: JSON.stringify(k.params),
    created_at: at,
    updated_at: at,
  }));
  const pointRows: EvaluationPointRow[] = points
    .map((p, i) => ({ id: newId(), pilot_id: pilot.id, position: i, kind: p.kind, label: p.label?.trim() || null, due_date: p.dueDate }))
    .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.position - b.position));
  await db.transaction().execute(async (trx) => {
    // Checked inside the transaction; the partial unique index settles a race between two set-ups.
    const running = (await listPilots(trx, e.id)).find((p) => p.status === 'running');
    if (running) throw conflict(`a pilot is already running in this engagement ("${running.title}"); review its final point or stop it first`, [{ path: 'engagement', message: 'pilot running', code: 'pilot_running' }]);
    await insertPilot(trx, pilot, kpis, pointRows);
    await recordAudit(trx, actor, 'pilot.created', 'engagement', e.id, { pilotId: pilot.id, title: pilot.title, start: pilot.start_date, end: pilot.end_date, kpis: kpis.map((k) => k.key) });
  });
  return pilotView(db, actor, e, pilot);
}

export async function getPilot(ctx: ServiceContext, actor: Actor, id: string, opts: { unit?: PeriodUnit } = {}) {
  const { pilot, engagement } = await loadPilot(ctx, actor, id);
  return pilotView(ctx.handle.db, actor, engagement, pilot, opts);
}

export async function listEngagementPilots(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const db = ctx.handle.db;
  const e = await loadEngagement(ctx, actor, engagementId);
  const pilots = await listPilots(db, e.id);
  const ids = pilots.map((p) => p.id);
  const [kpis, points, reviews] = await Promise.all([listPilotKpis(db, ids), listEvaluationPoints(db, ids), listReviews(db, ids)]);
  return pilots.map((p) => ({
    id: p.id,
    engagementId: e.id,
    title: p.title,
    startDate: p.start_date,
    endDate: p.end_date,
    status: p.status as 'running' | 'completed' | 'stopped',
    endedAt: p.ended_at,
    kpis: kpis.filter((k) => k.pilot_id === p.id).length,
    evaluationPoints: points.filter((x) => x.pilot_id === p.id).length,
    reviews: reviews.filter((r) => r.pilot_id === p.id).length,
    createdAt: p.created_at,
  }));
}
