// The portfolio's reads: each panel is one query over the organization's engagements (filtered in SQL by the
// counterpart's country, a scope category and the person who opened them), never a query per engagement.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from './executor.js';
import { chunked } from './kpi-sources.js';

export interface PortfolioFilter {
  organizationId: string;
  side: 'buyer' | 'supplier';
  country?: string;
  category?: string;
  owner?: string;
}

/** "50%" → "50\%": a category matched literally inside the engagement's scope JSON. */
function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The ids of the filtered engagements, as a subquery each panel narrows with. */
export function filteredEngagementIds(db: Executor, f: PortfolioFilter) {
  const own = f.side === 'buyer' ? 'fe.buyer_organization_id' : 'fe.supplier_organization_id';
  const other = f.side === 'buyer' ? 'fe.supplier_organization_id' : 'fe.buyer_organization_id';
  let q = db
    .selectFrom('engagements as fe')
    .innerJoin('organizations as fo', 'fo.id', other)
    .select('fe.id')
    .where(own, '=', f.organizationId);
  if (f.country) q = q.where('fo.country', '=', f.country);
  if (f.category) q = q.where(sql<SqlBool>`fe.scope like ${`%${likeLiteral(JSON.stringify(f.category))}%`} escape '\\'`);
  if (f.owner) q = q.where('fe.created_by', '=', f.owner);
  return q;
}

/**
 * Every engagement of the organization with its counterpart and opener (for references and the filter options),
 * and its portfolio revision (migration 016): figures derived from an engagement at that revision still hold
 * while it is unchanged. Read before the figures' data.
 */
export function listPortfolioEngagements(db: Executor, organizationId: string, side: 'buyer' | 'supplier') {
  const own = side === 'buyer' ? 'e.buyer_organization_id' : 'e.supplier_organization_id';
  const other = side === 'buyer' ? 'e.supplier_organization_id' : 'e.buyer_organization_id';
  return db
    .selectFrom('engagements as e')
    .innerJoin('organizations as o', 'o.id', other)
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .leftJoin('portfolio_revisions as pr', 'pr.engagement_id', 'e.id')
    .select(['e.id', 'e.title', 'e.phase', 'e.scope', 'e.policy_id', 'e.created_by', 'e.supplier_organization_id', 'e.buyer_organization_id', 'o.id as counterpart_id', 'o.name as counterpart_name', 'o.country as counterpart_country', 'u.display_name as created_by_name', 'pr.revision'])
    .where(own, '=', organizationId)
    .orderBy('e.created_at', 'desc')
    .execute();
}

export function countEngagementsByPhase(db: Executor, f: PortfolioFilter) {
  return db
    .selectFrom('engagements')
    .select(['phase', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', 'in', filteredEngagementIds(db, f))
    .groupBy('phase')
    .execute();
}

/** Running pilots of the filtered engagements. */
export function listRunningPilots(db: Executor, f: PortfolioFilter) {
  return db
    .selectFrom('pilots')
    .select(['pilots.id', 'pilots.engagement_id', 'pilots.title', 'pilots.start_date', 'pilots.end_date', 'pilots.period_unit'])
    .where('pilots.status', '=', 'running')
    .where('pilots.engagement_id', 'in', filteredEngagementIds(db, f))
    .orderBy('pilots.end_date')
    .orderBy('pilots.id')
    .execute();
}

/** The KPI definitions of these pilots (the columns an evaluation reads), in each pilot's order. */
export function listKpisOfPilots(db: Executor, pilotIds: readonly string[]) {
  return chunked(pilotIds, (ids) =>
    db
      .selectFrom('pilot_kpis')
      .select(['pilot_id', 'key', 'kind', 'label', 'formula', 'unit', 'direction', 'target', 'at_risk', 'weight', 'params'])
      .where('pilot_id', 'in', ids)
      .orderBy('pilot_id')
      .orderBy('position')
      .execute(),
  );
}

/**
 * Where a panel reads rows reached through engagement_evidence: the filter's engagements, joined (by primary key)
 * instead of `engagement_id in (…)`. With the list, SQLite probes the (engagement_id, evidence_id) key once per
 * engagement for every row; with the join each row needs one lookup, so the panel can start from the few rows it
 * wants (evidence expiring soon, claim links) instead of from every item of every engagement.
 */
function inFilteredEngagements<Q extends { where: (...args: any[]) => Q }>(q: Q, f: PortfolioFilter): Q { // eslint-disable-line @typescript-eslint/no-explicit-any
  const own = f.side === 'buyer' ? 'fe.buyer_organization_id' : 'fe.supplier_organization_id';
  let r = q.where(own, '=', f.organizationId);
  if (f.country) r = r.where('fo.country', '=', f.country);
  if (f.category) r = r.where(sql<SqlBool>`fe.scope like ${`%${likeLiteral(JSON.stringify(f.category))}%`} escape '\\'`);
  if (f.owner) r = r.where('fe.created_by', '=', f.owner);
  return r;
}

/**
 * Evidence shared into the filtered engagements whose validity ends in [from, to]; the first `limit` and the count.
 * Read from the evidence ending in the window (index on valid_to; CROSS JOIN keeps that order on SQLite), each
 * joined to the engagements it is shared into (index on evidence_id) and kept when one is the caller's.
 */
export async function listExpiringEvidence(db: Executor, f: PortfolioFilter, from: string, to: string, limit: number, recordedBy?: string) {
  const other = f.side === 'buyer' ? 'fe.supplier_organization_id' : 'fe.buyer_organization_id';
  let base = db
    .selectFrom('evidence as ev')
    .crossJoin('engagement_evidence as ee')
    .innerJoin('engagements as fe', 'fe.id', 'ee.engagement_id')
    .innerJoin('organizations as fo', 'fo.id', other)
    .whereRef('ee.evidence_id', '=', 'ev.id')
    .where('ev.valid_to', '>=', from)
    .where('ev.valid_to', '<=', to)
    .where('ee.withdrawn_at', 'is', null);
  base = inFilteredEngagements(base, f);
  if (recordedBy) base = base.where('ev.organization_id', '=', recordedBy);
  const [items, total] = await Promise.all([
    limited(base.select(['ee.engagement_id', 'ev.id', 'ev.title', 'ev.kind', 'ev.valid_to']).orderBy('ev.valid_to'), limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Claims by id (not withdrawn): the claims the portfolio's claim links point at. */
export async function listClaimsByIds(db: Executor, ids: readonly string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await db.selectFrom('claims').selectAll().where('withdrawn_at', 'is', null).where('id', 'in', ids.slice(i, i + 500)).execute()));
  }
  return out;
}

/**
 * Evidence shared into the filtered engagements that links to a claim, one row per link: from the links, each to
 * its evidence and the engagements that evidence is shared into (CROSS JOIN keeps that order on SQLite).
 */
export function listPortfolioClaimLinks(db: Executor, f: PortfolioFilter) {
  const other = f.side === 'buyer' ? 'fe.supplier_organization_id' : 'fe.buyer_organization_id';
  const q = db
    .selectFrom('evidence_claim_links as l')
    .crossJoin('evidence as ev')
    .crossJoin('engagement_evidence as ee')
    .innerJoin('engagements as fe', 'fe.id', 'ee.engagement_id')
    .innerJoin('organizations as fo', 'fo.id', other)
    .whereRef('ev.id', '=', 'l.evidence_id')
    .whereRef('ee.evidence_id', '=', 'l.evidence_id')
    .select(['ee.engagement_id', 'ee.shared_at', 'l.claim_id', 'l.effect', 'l.observed_value', 'ev.id', 'ev.kind', 'ev.provenance', 'ev.title', 'ev.valid_from', 'ev.valid_to'])
    .where('ee.withdrawn_at', 'is', null);
  return inFilteredEngagements(q, f).execute();
}

/** The first `limit` rows; all of them when it is Infinity. */
function limited<Q extends { limit: (n: number) => Q }>(q: Q, limit: number): Q {
  return Number.isFinite(limit) ? q.limit(limit) : q;
}

/** Every row's count of all rows, whatever the limit (a window over the whole result). */
const totalRows = sql<number | string>`count(*) over ()`.as('total');

/**
 * Evaluation points of running pilots due before `today` and not reviewed, most overdue first: the first `limit`
 * (all of them by default), each row with the count of all.
 */
export function listOverdueEvaluationPoints(db: Executor, f: PortfolioFilter, today: string, limit = Infinity) {
  const q = db
    .selectFrom('pilot_evaluation_points as p')
    .innerJoin('pilots', 'pilots.id', 'p.pilot_id')
    .leftJoin('pilot_reviews as r', 'r.evaluation_point_id', 'p.id')
    .select(['p.id', 'p.kind', 'p.label', 'p.due_date', 'pilots.id as pilot_id', 'pilots.title as pilot_title', 'pilots.engagement_id'])
    .where('pilots.status', '=', 'running')
    .where('r.id', 'is', null)
    .select(totalRows)
    .where('p.due_date', '<', today)
    .where('pilots.engagement_id', 'in', filteredEngagementIds(db, f))
    .orderBy('p.due_date')
    .orderBy('p.id');
  return limited(q, limit).execute();
}

/** Evaluation points of running pilots due from `from` to `to` and not reviewed. */
export function listUpcomingEvaluationPoints(db: Executor, f: PortfolioFilter, from: string, to: string) {
  return db
    .selectFrom('pilot_evaluation_points as p')
    .innerJoin('pilots', 'pilots.id', 'p.pilot_id')
    .leftJoin('pilot_reviews as r', 'r.evaluation_point_id', 'p.id')
    .select(['p.id', 'p.kind', 'p.label', 'p.due_date', 'pilots.id as pilot_id', 'pilots.title as pilot_title', 'pilots.engagement_id'])
    .where('pilots.status', '=', 'running')
    .where('r.id', 'is', null)
    .where('p.due_date', '>=', from)
    .where('p.due_date', '<=', to)
    .where('pilots.engagement_id', 'in', filteredEngagementIds(db, f))
    .orderBy('p.due_date')
    .execute();
}

/**
 * 8D steps of open discrepancies (issue 11's records) not done and due before `before`, earliest due first: the
 * first `limit` (all of them by default), each row with the count of all.
 */
export function listDueDiscrepancySteps(db: Executor, f: PortfolioFilter, before: string, extra?: (eb: any) => Expression<SqlBool>, limit = Infinity) { // eslint-disable-line @typescript-eslint/no-explicit-any
  let q = db
    .selectFrom('discrepancy_steps as s')
    .innerJoin('discrepancies as d', 'd.id', 's.discrepancy_id')
    .select(['s.discrepancy_id', 's.step', 's.due_at', 'd.number', 'd.title', 'd.engagement_id', 'd.raised_by_side'])
    .select(totalRows)
    .where('d.status', '=', 'open')
    .where('s.done_at', 'is', null)
    .where('s.due_at', '<', before)
    .where('d.engagement_id', 'in', filteredEngagementIds(db, f));
  if (extra) q = q.where(extra);
  return limited(q.orderBy('s.due_at').orderBy('s.discrepancy_id').orderBy('s.step'), limit).execute();
}

/** Order lines of the filtered engagements due in [from, to] (confirmed date, else requested) with what arrived. */
export function listDueOrderLines(db: Executor, f: PortfolioFilter, from: string, to: string) {
  const due = sql<string>`coalesce(l.confirmed_date, l.requested_date)`;
  return db
    .selectFrom('purchase_order_lines as l')
    .select(['l.id', 'l.engagement_id', 'l.order_no', 'l.line_no', 'l.item', 'l.ordered_qty', due.as('due')])
    .select((eb) =>
      eb
        .selectFrom('deliveries as d')
        .select(sql<number>`coalesce(sum(d.received_qty), 0)`.as('received'))
        .whereRef('d.engagement_id', '=', 'l.engagement_id')
        .whereRef('d.order_no', '=', 'l.order_no')
        .where((w) => w.or([w('d.order_line', 'is', null), w('d.order_line', '=', w.ref('l.line_no'))]))
        .as('received'),
    )
    .where('l.engagement_id', 'in', filteredEngagementIds(db, f))
    .where(due, '>=', from)
    .where(due, '<=', to)
    .orderBy(due)
    .execute();
}

/** Per engagement, what the buyer waits for from the supplier: one grouped count per kind. */
export async function supplierWaitingCounts(db: Executor, f: PortfolioFilter) {
  const ids = () => filteredEngagementIds(db, f);
  const [requests, inquiries, visits, reviews, discrepancies] = await Promise.all([
    db.selectFrom('engagements').select(['id as engagement_id', (eb) => eb.fn.countAll<number>().as('n')]).where('id', 'in', ids()).where('phase', '=', 'proposed').groupBy('id').execute(),
    db
      .selectFrom('messages as m')
      .select(['m.engagement_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('m.engagement_id', 'in', ids())
      .where('m.kind', '=', 'technical_inquiry')
      .where('m.organization_id', '<>', f.organizationId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('messages as r').select('r.id').whereRef('r.in_reply_to', '=', 'm.id').where('r.kind', '=', 'response').where('r.organization_id', '=', f.organizationId))))
      .groupBy('m.engagement_id')
      .execute(),
    db.selectFrom('visits').select(['engagement_id', (eb) => eb.fn.countAll<number>().as('n')]).where('engagement_id', 'in', ids()).where('status', 'in', ['proposed', 'rescheduling']).groupBy('engagement_id').execute(),
    db
      .selectFrom('pilot_reviews as r')
      .innerJoin('pilots as p', 'p.id', 'r.pilot_id')
      .select(['p.engagement_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('p.engagement_id', 'in', ids())
      .where((eb) => eb.not(eb.exists(eb.selectFrom('pilot_review_comments as c').select('c.id').whereRef('c.review_id', '=', 'r.id').where('c.organization_id', '=', f.organizationId))))
      .groupBy('p.engagement_id')
      .execute(),
    db.selectFrom('discrepancies').select(['engagement_id', (eb) => eb.fn.countAll<number>().as('n')]).where('engagement_id', 'in', ids()).where('status', '=', 'open').where('raised_by_side', '=', 'buyer').groupBy('engagement_id').execute(),
  ]);
  return { requests, inquiries, visits, reviews, discrepancies };
}
