// Closing an evaluation point with a review: the KPI values of that day frozen with the records behind them, the
// reviewing side's comment, and a decision — continue, adjust (targets changed, each change recorded) or stop. A
// final review that continues passes the pilot, which is what readiness needs for the phase-3 pilot requirement.
//
// Review creation is one function, createPilotReview, inside one transaction: whatever else a review must do (the
// verifiable record appending it, a track-record credential after a passing review) hooks in there.
import type { z } from 'zod';
import type { ReviewCommentInput, ReviewInput } from '../../contracts/pilots.js';
import { shareAndLog } from '../record/hooks.js';
import { logPilotReview } from '../record/contents.js';
import { endPilot, insertReview, insertReviewComment, listEvaluationPoints, listPilotKpis, listReviews, updatePilotKpi, type PilotReviewRow } from '../../db/repositories/pilots.js';
import { checkReview, isCatalogueKey, type EvaluationPointKind, type KpiEvaluation, type KpiRecord } from '../../domain/pilots/index.js';
import { insertEvidenceRecord } from '../engagements/evidence.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalid, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { loadPilot, requireBuyer } from './access.js';
import { evaluatePilot } from './evaluation.js';
import { loadReviews, type ReviewSnapshot } from './views.js';
import * as clock from '../../clock.js';

const POINT_TITLE: Record<EvaluationPointKind, string> = { month_1: 'month 1', mid_point: 'mid-point', final: 'final', custom: 'evaluation point' };
const UNIT_TEXT: Record<string, string> = { percent: ' %', ppm: ' PPM', business_days: ' business days' };

function valueText(k: KpiEvaluation): string {
  return k.value === null ? 'no data' : `${k.value}${UNIT_TEXT[k.unit] ?? (k.unit ? ` ${k.unit}` : '')}`;
}

function reviewTitleParams(point: string, label: string | null, kpis: KpiEvaluation[]): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = { point, label };
  for (const [i, k] of kpis.slice(0, 4).entries()) {
    params[`kpi${i + 1}`] = k.key;
    params[`value${i + 1}`] = k.value === null ? null : valueText(k);
  }
  return params;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}

export async function createPilotReview(ctx: ServiceContext, actor: Actor, pilotId: string, input: z.infer<typeof ReviewInput>) {
  const db = ctx.handle.db;
  const { pilot, engagement: e } = await loadPilot(ctx, actor, pilotId);
  requireBuyer(e, actor, 'pilot.manage', 'reviewing an evaluation point');
  if (pilot.status !== 'running') throw conflict(`the pilot is ${pilot.status}: its evaluation points are closed`, [{ path: 'pilot', message: `pilot ${pilot.status}`, code: 'pilot_closed' }]);
  const [points, kpiRows, reviews] = await Promise.all([listEvaluationPoints(db, [pilot.id]), listPilotKpis(db, [pilot.id]), listReviews(db, [pilot.id])]);
  const point = points.find((p) => p.id === input.evaluationPointId);
  if (!point) throw invalidField('evaluationPointId', 'no such evaluation point in this pilot');
  if (reviews.some((r) => r.evaluation_point_id === point.id)) throw conflict('this evaluation point has been reviewed already', [{ path: 'evaluationPointId', message: 'reviewed', code: 'already_reviewed' }]);
  const check = checkReview(
    { decision: input.decision, pointKind: point.kind as EvaluationPointKind, adjustments: input.adjustments },
    kpiRows.map((k) => ({ key: k.key, direction: k.direction as 'higher' | 'lower', target: Number(k.target), atRisk: Number(k.at_risk), weight: Number(k.weight) })),
  );
  if (check.faults.length) throw invalid(check.faults.map((f) => f.message).join('; '), check.faults.map((f) => ({ path: f.field, message: f.message, code: f.code })));

  const now = clock.now();
  const evaluation = await evaluatePilot(db, e, pilot, kpiRows, { now });
  const snapshot: ReviewSnapshot = {
    scope: evaluation.scope,
    unit: evaluation.unit,
    kpis: evaluation.kpis.map((k) => ({ ...k, label: kpiRows.find((r) => r.key === k.key)?.label ?? null })),
    attainment: evaluation.attainment,
  };
  const at = nowIso();
  const reviewId = newId();
  const pointName = point.kind === 'custom' ? point.label ?? 'evaluation point' : POINT_TITLE[point.kind as EvaluationPointKind];
  const passes = point.kind === 'final' && input.decision === 'continue';

  try {
    await db.transaction().execute(async (trx) => {
      // The KPI values of the review become evidence about the supplier: measured by the buyer from its records.
      const evidence = await insertEvidenceRecord(
        trx,
        actor,
        {
          kind: 'kpi_measurement',
          provenance: 'observed',
          title: `Pilot ${pointName} review: ${evaluation.kpis
            .slice(0, 4)
            .map((k) => `${isCatalogueKey(k.key) ? k.key.toUpperCase().replace(/_/g, ' ') : k.key} ${valueText(k)}`)
            .join(', ')}`.slice(0, 300),
          description: `${pilot.title}, ${pointName} review as of ${evaluation.scope.asOf}: decision ${input.decision}. ${evaluation.kpis
            .map((k) => `${k.key} ${valueText(k)} (${k.status.replace('_', ' ')}, target ${k.direction === 'higher' ? '≥' : '≤'} ${k.target})`)
            .join('; ')}.`.slice(0, 5000),
          issuer: null,
          issuedAt: at,
          validFrom: null,
          validTo: null,
          attributes: {
            pilotId: pilot.id,
            reviewId,
            evaluationPoint: point.kind,
            decision: input.decision,
            asOf: evaluation.scope.asOf,
            ...Object.fromEntries(evaluation.kpis.slice(0, 12).map((k) => [`kpi.${k.key}`, `${k.value ?? 'no data'} ${k.status}`])),
          },
          fileIds: [],
          links: [],
        },
        e.supplier_organization_id,
        // Worded by the web in the reader's language: the point, and up to four KPIs (key, value text or null).
        { key: 'pilot_review', params: reviewTitleParams(point.kind, point.kind === 'custom' ? point.label ?? null : null, evaluation.kpis) },
      );
      await shareAndLog(trx, { engagement_id: e.id, evidence_id: evidence.id, shared_by_organization_id: actor.organizationId, shared_by: actor.userId, shared_at: at });
      const row: PilotReviewRow = {
        id: reviewId,
        pilot_id: pilot.id,
        evaluation_point_id: point.id,
        decision: input.decision,
        as_of: evaluation.scope.asOf,
        reviewed_at: at,
        snapshot: JSON.stringify(snapshot),
        changes: JSON.stringify(check.changes),
        evidence_id: evidence.id,
        recorded_by: actor.userId,
        recorded_by_organization_id: actor.organizationId,
      };
      await insertReview(trx, row);
      await logPilotReview(trx, reviewId);
      await insertReviewComment(trx, { id: newId(), review_id: reviewId, organization_id: actor.organizationId, author_id: actor.userId, body: input.comment, created_at: at });
      for (const k of check.next) {
        const before = kpiRows.find((r) => r.key === k.key)!;
        if (Number(before.target) !== k.target || Number(before.at_risk) !== k.atRisk || Number(before.weight) !== k.weight) {
          await updatePilotKpi(trx, pilot.id, k.key, { target: k.target, at_risk: k.atRisk, weight: k.weight, updated_at: at });
        }
      }
      if (input.decision === 'stop' || passes) {
        if (!(await endPilot(trx, pilot.id, passes ? 'completed' : 'stopped', at))) throw conflict('the pilot was closed meanwhile');
      }
      await recordAudit(trx, actor, 'pilot.reviewed', 'engagement', e.id, {
        pilotId: pilot.id,
        reviewId,
        evaluationPoint: point.kind,
        decision: input.decision,
        changes: check.changes,
        passed: passes,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('this evaluation point has been reviewed already', [{ path: 'evaluationPointId', message: 'reviewed', code: 'already_reviewed' }]);
    throw err;
  }
  const { views } = await loadReviews(db, e, [pilot.id]);
  return views.find((v) => v.id === reviewId)!;
}

/** The other side (or the same side again) adds its comment to a review. */
export async function addReviewComment(ctx: ServiceContext, actor: Actor, pilotId: string, reviewId: string, input: z.infer<typeof ReviewCommentInput>) {
  const db = ctx.handle.db;
  const { pilot, engagement: e } = await loadPilot(ctx, actor, pilotId);
  authorize(actor, 'pilot.comment');
  const review = (await listReviews(db, [pilot.id])).find((r) => r.id === reviewId);
  if (!review) throw notFound('review');
  await db.transaction().execute(async (trx) => {
    await insertReviewComment(trx, { id: newId(), review_id: review.id, organization_id: actor.organizationId, author_id: actor.userId, body: input.body, created_at: nowIso() });
    await recordAudit(trx, actor, 'pilot.review_commented', 'engagement', e.id, { pilotId: pilot.id, reviewId });
  });
  const { views } = await loadReviews(db, e, [pilot.id]);
  return views.find((v) => v.id === reviewId)!;
}

/** The records behind one KPI value of a review, as they were on the review's day. */
export async function reviewRecords(ctx: ServiceContext, actor: Actor, pilotId: string, reviewId: string, key: string) {
  const { pilot } = await loadPilot(ctx, actor, pilotId);
  const review = (await listReviews(ctx.handle.db, [pilot.id])).find((r) => r.id === reviewId);
  if (!review) throw notFound('review');
  const snap = JSON.parse(review.snapshot) as ReviewSnapshot;
  const k = snap.kpis.find((x) => x.key === key);
  if (!k) throw notFound('KPI');
  return recordsView(k, null, snap.scope.asOf);
}

export function recordsView(k: KpiEvaluation, period: { key: string; start: string; end: string } | null, asOf: string) {
  const records = period ? k.records.filter((r) => r.date >= period.start && r.date <= period.end) : k.records;
  const span = period ? k.periods.find((p) => p.key === period.key)! : k;
  return {
    key: k.key,
    period,
    asOf,
    value: span.value,
    status: span.status,
    noData: span.noData,
    numerator: span.numerator,
    denominator: span.denominator,
    counted: span.counted,
    records: records.map((r: KpiRecord) => ({
      source: r.source,
      id: r.id,
      label: r.label,
      date: r.date,
      outcome: r.outcome,
      numerator: r.numerator,
      denominator: r.denominator,
      sample: r.sample ?? null,
      // A custom KPI sums every record of its quantities' sources; a catalogue KPI counts those with a denominator.
      counted: k.kind === 'custom' ? true : r.denominator > 0,
      facts: r.facts,
      refs: r.refs ?? [],
    })),
  };
}
