// Purchase-order lines, deliveries, incoming inspections and their imports. Every read names the engagement; the
// services load the engagement through its parties first, so another tenant's rows are never reached.
import type { Selectable } from 'kysely';
import type { DeliveriesTable, IncomingInspectionsTable, OrderImportsTable, PurchaseOrderLinesTable } from '../schema/pilots.js';
import type { Executor } from './executor.js';

export type OrderLineRow = Selectable<PurchaseOrderLinesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type InspectionRow = Selectable<IncomingInspectionsTable>;
export type OrderImportRow = Selectable<OrderImportsTable>;

export async function insertOrderLines(db: Executor, rows: OrderLineRow[]) {
  // 17 columns: batches stay under SQLite's 999-parameter limit.
  for (let i = 0; i < rows.length; i += 50) await db.insertInto('purchase_order_lines').values(rows.slice(i, i + 50)).execute();
}
export async function insertDeliveries(db: Executor, rows: DeliveryRow[]) {
  for (let i = 0; i < rows.length; i += 50) await db.insertInto('deliveries').values(rows.slice(i, i + 50)).execute();
}
export async function insertInspection(db: Executor, row: InspectionRow) {
  await db.insertInto('incoming_inspections').values(row).execute();
}

export function listOrderLines(db: Executor, engagementId: string) {
  return db.selectFrom('purchase_order_lines').selectAll().where('engagement_id', '=', engagementId).orderBy('requested_date').orderBy('order_no').orderBy('line_no').execute();
}
export function listDeliveries(db: Executor, engagementId: string) {
  return db.selectFrom('deliveries').selectAll().where('engagement_id', '=', engagementId).orderBy('received_at').orderBy('created_at').execute();
}
export function listInspections(db: Executor, engagementId: string) {
  return db.selectFrom('incoming_inspections').selectAll().where('engagement_id', '=', engagementId).orderBy('inspected_at').orderBy('created_at').execute();
}
export function findDelivery(db: Executor, id: string) {
  return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Existing rows with these natural keys, to tell a repeated row from a changed one. */
export async function findOrderLinesByKey(db: Executor, engagementId: string, keys: string[]) {
  const out: OrderLineRow[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    out.push(...(await db.selectFrom('purchase_order_lines').selectAll().where('engagement_id', '=', engagementId).where('natural_key', 'in', keys.slice(i, i + 500)).execute()));
  }
  return out;
}
export async function findDeliveriesByKey(db: Executor, engagementId: string, keys: string[]) {
  const out: DeliveryRow[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    out.push(...(await db.selectFrom('deliveries').selectAll().where('engagement_id', '=', engagementId).where('natural_key', 'in', keys.slice(i, i + 500)).execute()));
  }
  return out;
}

export async function insertOrderImport(db: Executor, row: OrderImportRow) {
  await db.insertInto('order_imports').values(row).execute();
}
export async function updateOrderImport(db: Executor, id: string, patch: Partial<OrderImportRow>) {
  await db.updateTable('order_imports').set(patch).where('id', '=', id).execute();
}
export function findCompletedOrderImport(db: Executor, engagementId: string, kind: string, sha256: string) {
  return db
    .selectFrom('order_imports')
    .leftJoin('users', 'users.id', 'order_imports.imported_by')
    .selectAll('order_imports')
    .select('users.display_name as imported_by_name')
    .where('order_imports.engagement_id', '=', engagementId)
    .where('order_imports.kind', '=', kind)
    .where('order_imports.sha256', '=', sha256)
    .where('order_imports.status', '=', 'completed')
    .executeTakeFirst();
}
export function findOrderImport(db: Executor, engagementId: string, id: string) {
  return db
    .selectFrom('order_imports')
    .leftJoin('users', 'users.id', 'order_imports.imported_by')
    .selectAll('order_imports')
    .select('users.display_name as imported_by_name')
    .where('order_imports.engagement_id', '=', engagementId)
    .where('order_imports.id', '=', id)
    .executeTakeFirst();
}
export function listOrderImports(db: Executor, engagementId: string) {
  return db
    .selectFrom('order_imports')
    .leftJoin('users', 'users.id', 'order_imports.imported_by')
    .selectAll('order_imports')
    .select('users.display_name as imported_by_name')
    .where('order_imports.engagement_id', '=', engagementId)
    .where('order_imports.status', '=', 'completed')
    .orderBy('order_imports.created_at', 'desc')
    .execute();
}

/** The ISO 2859-1 lot inspection an incoming inspection links to, within the engagement. */
export function findLotInspectionOf(db: Executor, engagementId: string, id: string) {
  return db.selectFrom('lot_inspections').select(['id', 'lot', 'decision', 'inspected_at']).where('engagement_id', '=', engagementId).where('id', '=', id).executeTakeFirst();
}

/**
 * Order lines, deliveries and inspections of several engagements at once (a portfolio), by engagement id: the
 * columns KPIs read (a portfolio reads thousands of rows; every column is a value made for each).
 */
async function ofEngagements<T>(ids: readonly string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await run(ids.slice(i, i + 500))));
  return out;
}
export function listOrderLinesOf(db: Executor, engagementIds: readonly string[]) {
  return ofEngagements(engagementIds, (ids) =>
    db
      .selectFrom('purchase_order_lines')
      .select(['id', 'engagement_id', 'order_no', 'line_no', 'item', 'ordered_qty', 'unit', 'ordered_at', 'requested_date', 'confirmed_date'])
      .where('engagement_id', 'in', ids)
      .orderBy('requested_date')
      .orderBy('order_no')
      .orderBy('line_no')
      .execute(),
  );
}
export function listDeliveriesOf(db: Executor, engagementIds: readonly string[]) {
  return ofEngagements(engagementIds, (ids) =>
    db
      .selectFrom('deliveries')
      .select(['id', 'engagement_id', 'delivery_no', 'order_no', 'order_line', 'item', 'received_at', 'received_qty', 'rejected_qty', 'lot'])
      .where('engagement_id', 'in', ids)
      .orderBy('received_at')
      .orderBy('created_at')
      .execute(),
  );
}
export function listInspectionsOf(db: Executor, engagementIds: readonly string[]) {
  return ofEngagements(engagementIds, (ids) =>
    db
      .selectFrom('incoming_inspections')
      .select(['id', 'engagement_id', 'delivery_id', 'inspected_at', 'inspected_qty', 'rejected_qty', 'decision'])
      .where('engagement_id', 'in', ids)
      .orderBy('inspected_at')
      .orderBy('created_at')
      .execute(),
  );
}
