// What pilots' KPIs read besides orders and deliveries, for one engagement or many at once (a portfolio): the
// supplier's production logs shared into the engagement, the message thread, corrective actions (discrepancies and
// their D8 closure step), the agreed update cadence, the supplier's lead-time claims and time zone, the policies.
// Each is one query whatever the number of engagements (ids in chunks, to stay under parameter limits).
import type { Executor } from './executor.js';

const CHUNK = 500;

/** Runs `run` over `ids` in chunks of 500 (parameter limits), concatenating the rows. */
export async function chunked<T>(ids: readonly string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length === 0) return [];
  if (ids.length <= CHUNK) return run([...ids]);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

/** Production-log records of the engagements' completed imports, from `since` on. */
export function listProductionForKpis(db: Executor, engagementIds: readonly string[], since: string) {
  return chunked(engagementIds, (ids) =>
    db
      .selectFrom('production_logs')
      .innerJoin('quality_imports', 'quality_imports.id', 'production_logs.import_id')
      .select(['quality_imports.engagement_id', 'production_logs.id', 'production_logs.period_start', 'production_logs.good_output', 'production_logs.scrap'])
      .where('quality_imports.engagement_id', 'in', ids)
      .where('quality_imports.status', '=', 'completed')
      .where('production_logs.period_start', '>=', since)
      .orderBy('production_logs.period_start')
      .execute(),
  );
}

/**
 * Corrective actions of the engagements: each discrepancy with the due date of its closure step (D8) and when it
 * was closed. Discrepancies are issue 11's records (migration 009); this is the one place the KPIs read them.
 */
export function listCorrectiveActionsForKpis(db: Executor, engagementIds: readonly string[]) {
  return chunked(engagementIds, (ids) =>
    db
      .selectFrom('discrepancies')
      .innerJoin('discrepancy_steps', (j) => j.onRef('discrepancy_steps.discrepancy_id', '=', 'discrepancies.id').on('discrepancy_steps.step', '=', 'D8'))
      .select(['discrepancies.engagement_id', 'discrepancies.id', 'discrepancies.number', 'discrepancies.closed_at', 'discrepancy_steps.due_at'])
      .where('discrepancies.engagement_id', 'in', ids)
      .orderBy('discrepancy_steps.due_at')
      .execute(),
  );
}

/** The progress-update cadence agreed per engagement (issue 11's engagement_cadence). */
export function listAgreedCadences(db: Executor, engagementIds: readonly string[]) {
  return chunked(engagementIds, (ids) => db.selectFrom('engagement_cadence').select(['engagement_id', 'progress_update_every_days']).where('engagement_id', 'in', ids).execute());
}

/** Messages that KPIs measure: technical inquiries, their responses, and progress updates. */
export function listInquiryMessages(db: Executor, engagementIds: readonly string[]) {
  return chunked(engagementIds, (ids) =>
    db
      .selectFrom('messages')
      .select(['id', 'engagement_id', 'kind', 'organization_id', 'in_reply_to', 'sent_at'])
      .where('engagement_id', 'in', ids)
      .where('kind', 'in', ['technical_inquiry', 'response', 'progress_update'])
      .orderBy('sent_at')
      .execute(),
  );
}

export function listSupplierTimeZones(db: Executor, organizationIds: readonly string[]) {
  return chunked(organizationIds, (ids) => db.selectFrom('sites').select(['organization_id', 'time_zone', 'created_at']).where('organization_id', 'in', ids).orderBy('created_at').execute());
}

export function listLeadTimeClaims(db: Executor, organizationIds: readonly string[]) {
  return chunked(organizationIds, (ids) =>
    db
      .selectFrom('claims')
      .select(['organization_id', 'product_line', 'value', 'unit'])
      .where('organization_id', 'in', ids)
      .where('type', '=', 'lead_time')
      .where('withdrawn_at', 'is', null)
      .orderBy('created_at')
      .execute(),
  );
}

export function listPoliciesByIds(db: Executor, ids: readonly string[]) {
  return chunked(ids, (chunk) => db.selectFrom('policies').selectAll().where('id', 'in', chunk).execute());
}
