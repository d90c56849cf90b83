// The API's views of pilots and reviews, built from stored rows and an evaluation.
import type { z } from 'zod';
import type { KpiView, PilotView, ReviewView } from '../../contracts/pilots.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import {
  listEvaluationPoints,
  listPilotKpis,
  listReviewComments,
  listReviews,
  type EvaluationPointRow,
  type PilotKpiRow,
  type PilotReviewRow,
  type PilotRow,
  type ReviewCommentRow,
} from '../../db/repositories/pilots.js';
import { findUserById } from '../../db/repositories/users.js';
import { isOpen } from '../engagements/access.js';
import { can, type Actor } from '../shared/authz.js';
import { pilotLength, pointState, type EvaluationPointKind, type KpiEvaluation, type PeriodUnit, type PilotKpiEvaluation, type ReviewDecision, type TargetChange } from '../../domain/pilots/index.js';
import { evaluatePilot } from './evaluation.js';
import { sideOf } from './access.js';

export type PilotViewT = z.infer<typeof PilotView>;
export type ReviewViewT = z.infer<typeof ReviewView>;

/** What a review froze: the evaluation as of its day, each KPI with its periods and the records behind it. */
export interface ReviewSnapshot {
  scope: PilotKpiEvaluation['scope'];
  unit: PeriodUnit;
  kpis: (KpiEvaluation & { label: string | null })[];
  attainment: PilotKpiEvaluation['attainment'];
}

function kpiView(row: PilotKpiRow | undefined, k: KpiEvaluation): z.infer<typeof KpiView> {
  return {
    key: k.key,
    kind: k.kind,
    label: row?.label ?? null,
    formula: k.formula,
    unit: k.unit,
    target: k.target,
    direction: k.direction,
    weight: k.weight,
    atRisk: k.atRisk,
    params: k.params,
    value: k.value,
    status: k.status,
    noData: k.noData,
    numerator: k.numerator,
    denominator: k.denominator,
    counted: k.counted,
    periods: k.periods,
  };
}

export function reviewView(
  r: PilotReviewRow & { recorded_by_name: string },
  point: EvaluationPointRow,
  comments: (ReviewCommentRow & { author_name: string })[],
  e: EngagementRow,
): ReviewViewT {
  const snap = JSON.parse(r.snapshot) as ReviewSnapshot;
  return {
    id: r.id,
    pilotId: r.pilot_id,
    evaluationPoint: { id: point.id, kind: point.kind as EvaluationPointKind, label: point.label, dueDate: point.due_date },
    decision: r.decision as ReviewDecision,
    asOf: r.as_of,
    reviewedAt: r.reviewed_at,
    recordedBy: { id: r.recorded_by, displayName: r.recorded_by_name },
    kpis: snap.kpis.map((k) => ({
      key: k.key,
      kind: k.kind,
      label: k.label,
      unit: k.unit,
      direction: k.direction,
      target: k.target,
      atRisk: k.atRisk,
      weight: k.weight,
      value: k.value,
      status: k.status,
      noData: k.noData,
      numerator: k.numerator,
      denominator: k.denominator,
      counted: k.counted,
      periods: k.periods,
    })),
    attainment: snap.attainment,
    changes: JSON.parse(r.changes) as TargetChange[],
    comments: comments
      .filter((c) => c.review_id === r.id)
      .map((c) => ({
        id: c.id,
        side: c.organization_id === e.buyer_organization_id ? ('buyer' as const) : ('supplier' as const),
        organizationId: c.organization_id,
        author: { id: c.author_id, displayName: c.author_name },
        body: c.body,
        createdAt: c.created_at,
      })),
    evidenceId: r.evidence_id,
  };
}

export async function loadReviews(db: Executor, e: EngagementRow, pilotIds: string[]) {
  const [points, reviews] = await Promise.all([listEvaluationPoints(db, pilotIds), listReviews(db, pilotIds)]);
  const comments = await listReviewComments(db, reviews.map((r) => r.id));
  const pointById = new Map(points.map((p) => [p.id, p]));
  return { points, reviews, views: reviews.map((r) => reviewView(r, pointById.get(r.evaluation_point_id)!, comments, e)) };
}

export async function pilotView(db: Executor, actor: Actor, e: EngagementRow, pilot: PilotRow, opts: { unit?: PeriodUnit } = {}): Promise<PilotViewT> {
  const kpiRows = await listPilotKpis(db, [pilot.id]);
  const evaluation = await evaluatePilot(db, e, pilot, kpiRows, opts);
  const { points, reviews, views } = await loadReviews(db, e, [pilot.id]);
  const [buyer, supplier, creator] = await Promise.all([findOrganization(db, e.buyer_organization_id), findOrganization(db, e.supplier_organization_id), findUserById(db, pilot.created_by)]);
  const reviewOf = new Map(reviews.map((r) => [r.evaluation_point_id, r.id]));
  const side = sideOf(e, actor);
  const running = pilot.status === 'running';
  return {
    id: pilot.id,
    engagementId: e.id,
    engagement: { title: e.title, phase: e.phase, buyer: { id: e.buyer_organization_id, name: buyer?.name ?? '' }, supplier: { id: e.supplier_organization_id, name: supplier?.name ?? '' } },
    myRole: side,
    title: pilot.title,
    startDate: pilot.start_date,
    endDate: pilot.end_date,
    durationReason: pilot.duration_reason,
    length: pilotLength(pilot.start_date, pilot.end_date),
    products: JSON.parse(pilot.products) as PilotViewT['products'],
    periodUnit: evaluation.unit,
    status: pilot.status as PilotViewT['status'],
    endedAt: pilot.ended_at,
    asOf: evaluation.scope.asOf,
    kpis: evaluation.kpis.map((k) => kpiView(kpiRows.find((r) => r.key === k.key), k)),
    attainment: evaluation.attainment,
    evaluationPoints: points.map((p) => ({
      id: p.id,
      kind: p.kind as EvaluationPointKind,
      label: p.label,
      dueDate: p.due_date,
      state: pointState(p.due_date, reviewOf.has(p.id), evaluation.scope.asOf, pilot.status !== 'running'),
      reviewId: reviewOf.get(p.id) ?? null,
    })),
    reviews: views,
    createdBy: { id: pilot.created_by, displayName: creator?.display_name ?? '' },
    createdAt: pilot.created_at,
    can: {
      review: side === 'buyer' && can(actor, 'pilot.manage') && running,
      comment: can(actor, 'pilot.comment'),
      recordOrders: side === 'buyer' && can(actor, 'orders.record') && isOpen(e.phase),
    },
  };
}
