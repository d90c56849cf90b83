// Imports of batch test records and production logs, and the reads over their rows. Rows are visible through
// their import only: every read names the engagement and takes the completed imports of it.
import { sql, type Selectable } from 'kysely';
import type { DialectName } from '../connection.js';
import type { QualityImportsTable } from '../schema/quality.js';
import type { Executor } from './executor.js';

export type QualityImportRow = Selectable<QualityImportsTable>;

export async function insertImport(db: Executor, row: QualityImportRow) {
  await db.insertInto('quality_imports').values(row).execute();
}
export async function updateImport(db: Executor, id: string, patch: Partial<QualityImportRow>) {
  await db.updateTable('quality_imports').set(patch).where('id', '=', id).execute();
}
export function findCompletedImportByFile(db: Executor, engagementId: string, kind: string, sha256: string) {
  return db
    .selectFrom('quality_imports')
    .leftJoin('users', 'users.id', 'quality_imports.imported_by')
    .selectAll('quality_imports')
    .select('users.display_name as imported_by_name')
    .where('quality_imports.engagement_id', '=', engagementId)
    .where('quality_imports.kind', '=', kind)
    .where('quality_imports.sha256', '=', sha256)
    .where('quality_imports.status', '=', 'completed')
    .executeTakeFirst();
}
/** Completed and withdrawn imports, newest first (a running import is visible to its own transaction only). */
export function listImports(db: Executor, engagementId: string) {
  return db
    .selectFrom('quality_imports')
    .leftJoin('users', 'users.id', 'quality_imports.imported_by')
    .leftJoin('users as withdrawer', 'withdrawer.id', 'quality_imports.withdrawn_by')
    .selectAll('quality_imports')
    .select(['users.display_name as imported_by_name', 'withdrawer.display_name as withdrawn_by_name'])
    .where('quality_imports.engagement_id', '=', engagementId)
    .where('quality_imports.status', 'in', ['completed', 'withdrawn'])
    .orderBy('quality_imports.created_at', 'desc')
    .execute();
}

/** Marks a completed import withdrawn; false when it was not completed (withdrawn already, by someone else). */
export async function markImportWithdrawn(db: Executor, id: string, by: string, at: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('quality_imports')
    .set({ status: 'withdrawn', withdrawn_by: by, withdrawn_at: at, withdrawal_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export function findImportById(db: Executor, engagementId: string, id: string) {
  return db
    .selectFrom('quality_imports')
    .leftJoin('users', 'users.id', 'quality_imports.imported_by')
    .leftJoin('users as withdrawer', 'withdrawer.id', 'quality_imports.withdrawn_by')
    .selectAll('quality_imports')
    .select(['users.display_name as imported_by_name', 'withdrawer.display_name as withdrawn_by_name'])
    .where('quality_imports.engagement_id', '=', engagementId)
    .where('quality_imports.id', '=', id)
    .executeTakeFirst();
}

function completedImports(db: Executor, engagementId: string, kind: 'batches' | 'production_logs') {
  return db
    .selectFrom('quality_imports')
    .select('quality_imports.id')
    .where('quality_imports.engagement_id', '=', engagementId)
    .where('quality_imports.kind', '=', kind)
    .where('quality_imports.status', '=', 'completed');
}

export interface MeasurementFilter {
  engagementId: string;
  supplierOrganizationId: string;
  product: string;
  characteristic: string;
  line?: string;
  /** Inclusive ISO bounds on produced_at. */
  from?: string;
  to?: string;
  /** Only the most recent `last` values (still returned in production order). */
  last?: number;
}

export interface MeasurementPoint {
  value: number;
  lot: string;
  produced_at: string;
  line: string | null;
}

/** Values of one characteristic in production order (produced_at, then file order). */
export async function measurementSeries(db: Executor, f: MeasurementFilter): Promise<MeasurementPoint[]> {
  let q = db
    .selectFrom('batch_measurements')
    .select(['value', 'lot', 'produced_at', 'line'])
    .where('supplier_organization_id', '=', f.supplierOrganizationId)
    .where('product', '=', f.product)
    .where('characteristic', '=', f.characteristic)
    .where('import_id', 'in', completedImports(db, f.engagementId, 'batches'));
  if (f.line) q = q.where('line', '=', f.line);
  if (f.from) q = q.where('produced_at', '>=', f.from);
  if (f.to) q = q.where('produced_at', '<=', f.to);
  if (f.last) {
    const rows = await q.orderBy('produced_at', 'desc').orderBy('id', 'desc').limit(f.last).execute();
    return rows.reverse().map((r) => ({ ...r, value: Number(r.value) }));
  }
  const rows = await q.orderBy('produced_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

/** Per product and characteristic of the engagement's batch records: counts, lots, dates. */
export async function measurementOverview(db: Executor, engagementId: string, supplierOrganizationId: string) {
  const rows = await db
    .selectFrom('batch_measurements')
    .select([
      'product',
      'characteristic',
      sql<number>`count(*)`.as('n'),
      sql<number>`count(distinct lot)`.as('lots'),
      sql<string>`min(produced_at)`.as('first_at'),
      sql<string>`max(produced_at)`.as('last_at'),
    ])
    .where('supplier_organization_id', '=', supplierOrganizationId)
    .where('import_id', 'in', completedImports(db, engagementId, 'batches'))
    .groupBy(['product', 'characteristic'])
    .execute();
  const lines = await db
    .selectFrom('batch_measurements')
    .select(['product', 'characteristic', 'line'])
    .distinct()
    .where('supplier_organization_id', '=', supplierOrganizationId)
    .where('import_id', 'in', completedImports(db, engagementId, 'batches'))
    .where('line', 'is not', null)
    .execute();
  return rows.map((r) => ({
    product: r.product,
    characteristic: r.characteristic,
    n: Number(r.n),
    lots: Number(r.lots),
    firstAt: r.first_at,
    lastAt: r.last_at,
    lines: lines.filter((l) => l.product === r.product && l.characteristic === r.characteristic).map((l) => l.line!).sort(),
  }));
}

/**
 * The engagement's production logs in time order, as chunks. On SQLite the rows are streamed (one statement, read in
 * chunks): better-sqlite3 reads synchronously, and half a million rows read at once kept the event loop, and every
 * other request of the process, waiting for seconds. The caller yields between chunks. PostgreSQL reads them at once
 * (its driver is asynchronous; streaming would need a cursor package).
 */
export async function* productionLogChunks(db: Executor, dialect: DialectName, engagementId: string, supplierOrganizationId: string, chunkSize = 5000) {
  const q = db
    .selectFrom('production_logs')
    .select(['site', 'line', 'period_start', 'period_end', 'planned_minutes', 'downtime_minutes', 'good_output', 'scrap'])
    .where('supplier_organization_id', '=', supplierOrganizationId)
    .where('import_id', 'in', completedImports(db, engagementId, 'production_logs'))
    .orderBy('period_start')
    .orderBy('id');
  type Raw = Awaited<ReturnType<typeof q.execute>>[number];
  const typed = (r: Raw) => ({
    ...r,
    planned_minutes: Number(r.planned_minutes),
    downtime_minutes: Number(r.downtime_minutes),
    good_output: Number(r.good_output),
    scrap: Number(r.scrap),
  });
  if (dialect !== 'sqlite') {
    yield (await q.execute()).map(typed);
    return;
  }
  let chunk: ReturnType<typeof typed>[] = [];
  for await (const r of q.stream(chunkSize)) {
    chunk.push(typed(r));
    if (chunk.length === chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}
