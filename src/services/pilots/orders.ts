// Purchase-order lines, deliveries (goods receipts) and incoming inspections recorded one by one (the web app, the
// API), and the overview both parties read. The buyer records them: they are its orders and its receipts.
import type { z } from 'zod';
import type { DeliveryInput, InspectionInput, OrderLineInput, OrdersOverview } from '../../contracts/pilots.js';
import { findEngagementFor, type EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findDeliveriesByKey,
  findDelivery,
  findLotInspectionOf,
  findOrderLinesByKey,
  insertDeliveries,
  insertInspection,
  insertOrderLines,
  listDeliveries,
  listInspections,
  listOrderImports,
  listOrderLines,
  type DeliveryRow,
  type InspectionRow,
  type OrderLineRow,
} from '../../db/repositories/orders.js';
import { assessLines, dateOf, DEFAULT_WINDOW, deliveryKey, lotAccepted, orderLineKey, type InspectionDecision } from '../../domain/pilots/index.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { requireBuyer } from './access.js';
import { orderImportView } from './order-imports.js';
import * as clock from '../../clock.js';

type Overview = z.infer<typeof OrdersOverview>;

async function writableEngagement(ctx: ServiceContext, actor: Actor, engagementId: string, what: string): Promise<EngagementRow> {
  const e = await loadEngagement(ctx, actor, engagementId);
  requireBuyer(e, actor, 'orders.record', what);
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: orders and receipts are recorded while it is open`);
  return e;
}

export function orderLineView(r: OrderLineRow) {
  return {
    id: r.id,
    orderNo: r.order_no,
    line: r.line_no,
    item: r.item,
    orderedQty: Number(r.ordered_qty),
    unit: r.unit,
    orderedAt: r.ordered_at,
    requestedDate: r.requested_date,
    confirmedDate: r.confirmed_date,
    importId: r.import_id,
    sourceLine: r.source_line === null ? null : Number(r.source_line),
    createdAt: r.created_at,
  };
}

function inspectionView(i: InspectionRow) {
  return {
    id: i.id,
    deliveryId: i.delivery_id,
    inspectedAt: i.inspected_at,
    inspectedQty: Number(i.inspected_qty),
    rejectedQty: Number(i.rejected_qty),
    decision: i.decision as InspectionDecision,
    lotInspectionId: i.lot_inspection_id,
    note: i.note,
    createdAt: i.created_at,
  };
}

export function deliveryView(d: DeliveryRow, inspections: InspectionRow[]) {
  const own = inspections.filter((i) => i.delivery_id === d.id);
  const plain = { id: d.id, deliveryNo: d.delivery_no, orderNo: d.order_no, line: d.order_line, item: d.item, receivedAt: d.received_at, receivedQty: Number(d.received_qty), rejectedQty: Number(d.rejected_qty), lot: d.lot };
  return {
    ...plain,
    unit: d.unit,
    importId: d.import_id,
    sourceLine: d.source_line === null ? null : Number(d.source_line),
    inspections: own.map(inspectionView),
    lotAccepted: lotAccepted(plain, own.map((i) => ({ id: i.id, deliveryId: i.delivery_id, inspectedAt: i.inspected_at, inspectedQty: Number(i.inspected_qty), rejectedQty: Number(i.rejected_qty), decision: i.decision as InspectionDecision }))),
    createdAt: d.created_at,
  };
}

export async function recordOrderLine(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof OrderLineInput>) {
  const e = await writableEngagement(ctx, actor, engagementId, 'recording orders');
  if (input.orderedAt && input.requestedDate < input.orderedAt) throw invalidField('requestedDate', 'the requested date is before the order date');
  if (input.orderedAt && input.confirmedDate && input.confirmedDate < input.orderedAt) throw invalidField('confirmedDate', 'the confirmed date is before the order date');
  const key = orderLineKey({ orderNo: input.orderNo, line: input.line });
  const row: OrderLineRow = {
    id: newId(),
    engagement_id: e.id,
    import_id: null,
    natural_key: key,
    order_no: input.orderNo,
    line_no: input.line,
    item: input.item,
    ordered_qty: input.orderedQty,
    unit: input.unit ?? null,
    ordered_at: input.orderedAt ?? null,
    requested_date: input.requestedDate,
    confirmed_date: input.confirmedDate ?? null,
    source_line: null,
    recorded_by: actor.userId,
    recorded_by_organization_id: actor.organizationId,
    created_at: nowIso(),
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    if ((await findOrderLinesByKey(trx, e.id, [key])).length) throw conflict(`order ${input.orderNo} line ${input.line} is already recorded`, [{ path: 'line', message: 'already recorded', code: 'duplicate' }]);
    await insertOrderLines(trx, [row]);
    await recordAudit(trx, actor, 'orders.line_recorded', 'engagement', e.id, { orderNo: row.order_no, line: row.line_no });
  });
  return orderLineView(row);
}

export async function recordDelivery(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof DeliveryInput>) {
  const e = await writableEngagement(ctx, actor, engagementId, 'recording receipts');
  if (input.rejectedQty > input.receivedQty) throw invalidField('rejectedQty', `more rejected (${input.rejectedQty}) than received (${input.receivedQty})`);
  const plain = { deliveryNo: input.deliveryNo ?? null, orderNo: input.orderNo, line: input.line ?? null, lot: input.lot ?? null, receivedAt: input.receivedAt, receivedQty: input.receivedQty };
  const key = deliveryKey(plain);
  const row: DeliveryRow = {
    id: newId(),
    engagement_id: e.id,
    import_id: null,
    natural_key: key,
    delivery_no: plain.deliveryNo,
    order_no: input.orderNo,
    order_line: plain.line,
    item: input.item ?? null,
    received_at: input.receivedAt,
    received_qty: input.receivedQty,
    rejected_qty: input.rejectedQty,
    lot: plain.lot,
    unit: input.unit ?? null,
    source_line: null,
    recorded_by: actor.userId,
    recorded_by_organization_id: actor.organizationId,
    created_at: nowIso(),
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    if ((await findDeliveriesByKey(trx, e.id, [key])).length) throw conflict('this delivery is already recorded', [{ path: 'deliveryNo', message: 'already recorded', code: 'duplicate' }]);
    await insertDeliveries(trx, [row]);
    await recordAudit(trx, actor, 'orders.delivery_recorded', 'engagement', e.id, { deliveryId: row.id, orderNo: row.order_no, lot: row.lot });
  });
  return deliveryView(row, []);
}

/** A delivery of an engagement the organization is a party to; anything else does not exist for it. */
async function loadDelivery(db: Executor, actor: Actor, id: string) {
  authorize(actor, 'engagement.read');
  const d = await findDelivery(db, id);
  const e = d ? await findEngagementFor(db, actor.organizationId, d.engagement_id) : undefined;
  if (!d || !e) throw notFound('delivery');
  return { d, e };
}

export async function recordInspection(ctx: ServiceContext, actor: Actor, deliveryId: string, input: z.infer<typeof InspectionInput>) {
  const db = ctx.handle.db;
  const { d, e } = await loadDelivery(db, actor, deliveryId);
  requireBuyer(e, actor, 'orders.record', 'incoming inspection');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}`);
  if (input.inspectedQty > Number(d.received_qty)) throw invalidField('inspectedQty', `more inspected (${input.inspectedQty}) than received (${Number(d.received_qty)})`);
  if (input.rejectedQty > input.inspectedQty) throw invalidField('rejectedQty', `more rejected (${input.rejectedQty}) than inspected (${input.inspectedQty})`);
  if (input.inspectedAt < d.received_at) throw invalidField('inspectedAt', `inspected before it was received (${d.received_at})`);
  let decision: InspectionDecision = input.decision ?? (input.rejectedQty > 0 ? 'rejected' : 'accepted');
  if (input.lotInspectionId) {
    const lot = await findLotInspectionOf(db, e.id, input.lotInspectionId);
    if (!lot) throw invalidField('lotInspectionId', 'no such lot inspection in this engagement');
    const aql: InspectionDecision = lot.decision === 'accept' ? 'accepted' : 'rejected';
    if (input.decision && input.decision !== aql) throw invalidField('decision', `the linked lot inspection decided "${lot.decision}"`);
    decision = aql;
  }
  const row: InspectionRow = {
    id: newId(),
    engagement_id: e.id,
    delivery_id: d.id,
    inspected_at: input.inspectedAt,
    inspected_qty: input.inspectedQty,
    rejected_qty: input.rejectedQty,
    decision,
    lot_inspection_id: input.lotInspectionId ?? null,
    note: input.note ?? null,
    recorded_by: actor.userId,
    recorded_by_organization_id: actor.organizationId,
    created_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await insertInspection(trx, row);
    await recordAudit(trx, actor, 'orders.inspection_recorded', 'engagement', e.id, { deliveryId: d.id, decision });
  });
  const inspections = (await listInspections(db, e.id)).filter((i) => i.delivery_id === d.id);
  return deliveryView(d, inspections);
}

export async function ordersOverview(ctx: ServiceContext, actor: Actor, engagementId: string): Promise<Overview> {
  const db = ctx.handle.db;
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'pilot.read');
  const [lines, deliveries, inspections, imports] = await Promise.all([listOrderLines(db, e.id), listDeliveries(db, e.id), listInspections(db, e.id), listOrderImports(db, e.id)]);
  const asOf = dateOf(clock.now());
  const plainLines = lines.map((l) => ({ id: l.id, orderNo: l.order_no, line: l.line_no, item: l.item, orderedQty: Number(l.ordered_qty), unit: l.unit, orderedAt: l.ordered_at, requestedDate: l.requested_date, confirmedDate: l.confirmed_date }));
  const plainDeliveries = deliveries.map((d) => ({ id: d.id, deliveryNo: d.delivery_no, orderNo: d.order_no, line: d.order_line, item: d.item, receivedAt: d.received_at, receivedQty: Number(d.received_qty), rejectedQty: Number(d.rejected_qty), lot: d.lot }));
  const { lines: assessed, unmatched } = assessLines(plainLines, plainDeliveries, DEFAULT_WINDOW, asOf);
  return {
    orderLines: lines.map((l, i) => ({ ...orderLineView(l), due: assessed[i]!.due, timing: assessed[i]!.timing, receivedQty: assessed[i]!.receivedQty, acceptedQty: assessed[i]!.acceptedQty })),
    deliveries: deliveries.map((d) => deliveryView(d, inspections)),
    unmatchedDeliveryIds: unmatched.map((d) => d.id),
    imports: imports.map((r) => orderImportView(r)),
  };
}
