// Purchase-order lines and deliveries (receipts) as imported from CSV or JSON Lines: the fields, the column names
// ERP exports use for them, and the validation of one row. Pure.
//
// Recognised without a mapping (matched as in the quality imports: lower-cased, letters and digits only):
// - ERPNext: Purchase Order Item (parent, idx, item_code, qty, uom, transaction_date, schedule_date,
//   expected_delivery_date) and Purchase Receipt Item (parent, purchase_order, item_code, received_qty,
//   rejected_qty, batch_no, posting_date).
// - Odoo: purchase.order.line (order_id, sequence, product_id, product_qty, product_uom, date_order, date_planned,
//   date_promised) and stock moves / receipts (origin, reference, product_id, qty_received or quantity, lot_id, date_done).
// Dates are calendar days: "2026-03-02", or a date-time whose date part is taken ("2026-03-02 10:00:00" as Odoo
// writes it).
import { ColumnError, type ColumnMapping, type FieldDefinition, checkFieldMapping, resolveFieldColumns } from '../quality/columns.js';
import { parseDecimal, RowError, type FieldGetter } from '../quality/rows.js';
import type { DecimalSeparator } from '../quality/units.js';
import { isDate } from './periods.js';

export const ORDER_IMPORT_KINDS = ['orders', 'deliveries'] as const;
export type OrderImportKind = (typeof ORDER_IMPORT_KINDS)[number];

export const ORDER_FIELDS: readonly FieldDefinition[] = [
  { name: 'orderNo', required: true, aliases: ['orderno', 'ordernumber', 'purchaseorder', 'ponumber', 'pono', 'po', 'parent', 'orderid', 'orderidname', 'order'], description: 'purchase order number' },
  { name: 'line', required: true, aliases: ['line', 'lineno', 'linenumber', 'orderline', 'poline', 'polineno', 'position', 'pos', 'idx', 'sequence'], description: 'line (position) within the order' },
  { name: 'item', required: true, aliases: ['item', 'itemcode', 'product', 'productid', 'partnumber', 'partno', 'sku', 'material', 'article', 'specification'], description: 'item or specification ordered' },
  { name: 'orderedQty', required: true, aliases: ['orderedqty', 'orderqty', 'qty', 'productqty', 'quantity', 'orderedquantity'], description: 'quantity ordered (greater than 0)' },
  { name: 'unit', required: false, aliases: ['unit', 'uom', 'stockuom', 'productuom', 'unitofmeasure'], description: 'unit of the quantity (optional)' },
  { name: 'orderedAt', required: false, aliases: ['orderedat', 'orderdate', 'transactiondate', 'dateorder', 'podate'], description: 'order date (optional; needed for lead-time adherence)' },
  { name: 'requestedDate', required: true, aliases: ['requesteddate', 'requireddate', 'scheduledate', 'dateplanned', 'requiredby', 'needbydate', 'duedate'], description: 'date requested by the buyer' },
  { name: 'confirmedDate', required: false, aliases: ['confirmeddate', 'expecteddeliverydate', 'datepromised', 'promiseddate', 'confirmeddeliverydate', 'committeddate'], description: "supplier's confirmed date (optional; OTD is measured against it, else the requested date)" },
];

export const DELIVERY_FIELDS: readonly FieldDefinition[] = [
  { name: 'deliveryNo', required: false, aliases: ['deliveryno', 'deliverynote', 'deliverynoteno', 'receiptno', 'receiptnumber', 'grn', 'grnno', 'parent', 'reference', 'picking'], description: 'receipt or delivery-note number (optional)' },
  { name: 'orderNo', required: true, aliases: ['orderno', 'ordernumber', 'purchaseorder', 'ponumber', 'pono', 'po', 'origin', 'orderid'], description: 'purchase order the delivery is against' },
  { name: 'line', required: false, aliases: ['line', 'lineno', 'linenumber', 'orderline', 'poline', 'polineno', 'position'], description: 'order line (optional when the order has one line, or the item tells)' },
  { name: 'item', required: false, aliases: ['item', 'itemcode', 'product', 'productid', 'partnumber', 'partno', 'sku'], description: 'item delivered (optional)' },
  { name: 'receivedAt', required: true, aliases: ['receivedat', 'receiptdate', 'receiveddate', 'postingdate', 'datedone', 'deliverydate', 'date'], description: 'date received' },
  { name: 'receivedQty', required: true, aliases: ['receivedqty', 'qtyreceived', 'receivedquantity', 'quantitydone', 'quantity', 'qty'], description: 'quantity received (greater than 0)' },
  { name: 'rejectedQty', required: false, aliases: ['rejectedqty', 'qtyrejected', 'rejectedquantity', 'rejected', 'rejects'], description: 'quantity rejected at receipt (optional, 0 when absent)' },
  { name: 'lot', required: false, aliases: ['lot', 'batchno', 'batch', 'lotid', 'lotname', 'lotnumber', 'batchnumber', 'lotno'], description: 'lot or batch (optional)' },
  { name: 'unit', required: false, aliases: ['unit', 'uom', 'stockuom', 'productuom'], description: 'unit of the quantities (optional)' },
];

export function orderFieldsOf(kind: OrderImportKind): readonly FieldDefinition[] {
  return kind === 'orders' ? ORDER_FIELDS : DELIVERY_FIELDS;
}

export const ORDER_NUMERIC_FIELDS: Readonly<Record<OrderImportKind, readonly string[]>> = {
  orders: ['orderedQty'],
  deliveries: ['receivedQty', 'rejectedQty'],
};

export function checkOrderMapping(kind: OrderImportKind, mapping: ColumnMapping | undefined): Record<string, string> {
  return checkFieldMapping(orderFieldsOf(kind), kind, mapping);
}

export function resolveOrderColumns(kind: OrderImportKind, names: readonly string[], mapping: ColumnMapping | undefined): Map<string, number> {
  return resolveFieldColumns(orderFieldsOf(kind), kind, names, mapping);
}

export { ColumnError };

/** Why a row of an order or delivery file is refused, as a code with parameters, so that clients word it. */
export type OrderRefusalCode =
  | 'empty'
  | 'too_long'
  | 'not_a_date'
  | 'not_a_number'
  | 'not_positive'
  | 'negative'
  | 'implausible'
  | 'before_order_date'
  | 'rejected_over_received'
  | 'column_count'
  | 'not_an_object'
  | 'duplicate_in_file'
  | 'already_recorded'
  | 'file_empty'
  | 'no_rows';

/** A refused row (a RowError: line, field, English reason) that also says why as a code with parameters. */
export class OrderRowError extends RowError {
  constructor(
    line: number,
    field: string,
    reason: string,
    readonly code: OrderRefusalCode,
    readonly params: Record<string, string | number> = {},
    suggestedSeparator?: DecimalSeparator,
  ) {
    super(line, field, reason, suggestedSeparator);
  }
}

export interface OrderLineRow {
  orderNo: string;
  line: string;
  item: string;
  orderedQty: number;
  unit: string | null;
  orderedAt: string | null;
  requestedDate: string;
  confirmedDate: string | null;
  sourceLine: number;
}

export interface DeliveryRow {
  deliveryNo: string | null;
  orderNo: string;
  line: string | null;
  item: string | null;
  receivedAt: string;
  receivedQty: number;
  rejectedQty: number;
  lot: string | null;
  unit: string | null;
  sourceLine: number;
}

const MAX_TEXT = 100;

function text(get: FieldGetter, field: string, line: number, required: boolean): string | null {
  const raw = get(field);
  const t = raw === undefined ? '' : raw.trim();
  if (t.length === 0) {
    if (required) throw new OrderRowError(line, field, `${field} is empty`, 'empty', { field });
    return null;
  }
  if (t.length > MAX_TEXT) throw new OrderRowError(line, field, `${field} is longer than ${MAX_TEXT} characters`, 'too_long', { field, max: MAX_TEXT });
  return t;
}

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** A calendar date from "2026-03-02" or a date-time (its own date part). */
export function parseDay(textValue: string): string | null {
  const m = DATE_PREFIX.exec(textValue.trim());
  if (!m || !isDate(m[1]!)) return null;
  const y = Number(m[1]!.slice(0, 4));
  return y >= 1900 && y <= 2200 ? m[1]! : null;
}

function day(get: FieldGetter, field: string, line: number, required: boolean): string | null {
  const t = text(get, field, line, required);
  if (t === null) return null;
  const d = parseDay(t);
  if (d === null) throw new OrderRowError(line, field, `${field} "${t.slice(0, 40)}" is not a date (YYYY-MM-DD, or a date-time)`, 'not_a_date', { field, value: t.slice(0, 40) });
  return d;
}

function quantity(get: FieldGetter, field: string, line: number, sep: DecimalSeparator, opts: { required: boolean; positive: boolean }): number | null {
  const t = text(get, field, line, opts.required);
  if (t === null) return null;
  const n = parseDecimal(t, sep);
  if (n === null) {
    throw new OrderRowError(
      line,
      field,
      `${field} "${t.slice(0, 40)}" is not a number${sep === '.' ? ' (use a decimal point and no thousands separator)' : ' (use a decimal comma and no thousands separator)'}`,
      'not_a_number',
      { field, value: t.slice(0, 40), separator: sep },
      sep === '.' && /^\d+,\d+$/.test(t) ? ',' : undefined,
    );
  }
  if (n < 0 || (opts.positive && n === 0)) throw new OrderRowError(line, field, `${field} must be ${opts.positive ? 'greater than 0' : 'at least 0'}`, opts.positive ? 'not_positive' : 'negative', { field });
  if (n > 1e12) throw new OrderRowError(line, field, `${field} ${t} is implausibly large`, 'implausible', { field, value: t });
  return n;
}

export function validateOrderLineRow(get: FieldGetter, line: number, opts: { decimalSeparator?: DecimalSeparator } = {}): OrderLineRow {
  const sep = opts.decimalSeparator ?? '.';
  const orderNo = text(get, 'orderNo', line, true)!;
  const lineNo = text(get, 'line', line, true)!;
  const item = text(get, 'item', line, true)!;
  const orderedQty = quantity(get, 'orderedQty', line, sep, { required: true, positive: true })!;
  const unit = text(get, 'unit', line, false);
  const orderedAt = day(get, 'orderedAt', line, false);
  const requestedDate = day(get, 'requestedDate', line, true)!;
  const confirmedDate = day(get, 'confirmedDate', line, false);
  if (orderedAt && requestedDate < orderedAt) throw new OrderRowError(line, 'requestedDate', `requestedDate ${requestedDate} is before the order date ${orderedAt}`, 'before_order_date', { field: 'requestedDate', date: requestedDate, orderedAt });
  if (orderedAt && confirmedDate && confirmedDate < orderedAt) throw new OrderRowError(line, 'confirmedDate', `confirmedDate ${confirmedDate} is before the order date ${orderedAt}`, 'before_order_date', { field: 'confirmedDate', date: confirmedDate, orderedAt });
  return { orderNo, line: lineNo, item, orderedQty, unit, orderedAt, requestedDate, confirmedDate, sourceLine: line };
}

export function validateDeliveryRow(get: FieldGetter, line: number, opts: { decimalSeparator?: DecimalSeparator } = {}): DeliveryRow {
  const sep = opts.decimalSeparator ?? '.';
  const deliveryNo = text(get, 'deliveryNo', line, false);
  const orderNo = text(get, 'orderNo', line, true)!;
  const lineNo = text(get, 'line', line, false);
  const item = text(get, 'item', line, false);
  const receivedAt = day(get, 'receivedAt', line, true)!;
  const receivedQty = quantity(get, 'receivedQty', line, sep, { required: true, positive: true })!;
  const rejectedQty = quantity(get, 'rejectedQty', line, sep, { required: false, positive: false }) ?? 0;
  if (rejectedQty > receivedQty) throw new OrderRowError(line, 'rejectedQty', `rejectedQty ${rejectedQty} is more than the ${receivedQty} received`, 'rejected_over_received', { rejected: rejectedQty, received: receivedQty });
  const lot = text(get, 'lot', line, false);
  const unit = text(get, 'unit', line, false);
  return { deliveryNo, orderNo, line: lineNo, item, receivedAt, receivedQty, rejectedQty, lot, unit, sourceLine: line };
}

const norm = (s: string | null) => (s ?? '').trim().toLowerCase();

/** One order line per order number and line. (Fields joined by U+001F: PostgreSQL text cannot hold NUL.) */
export function orderLineKey(r: Pick<OrderLineRow, 'orderNo' | 'line'>): string {
  return `${norm(r.orderNo)}\u001f${norm(r.line)}`;
}

/** One delivery per receipt number, order line and lot; without a receipt number, per order line, day, lot and quantity. */
export function deliveryKey(r: Pick<DeliveryRow, 'deliveryNo' | 'orderNo' | 'line' | 'lot' | 'receivedAt' | 'receivedQty'>): string {
  return r.deliveryNo
    ? `n\u001f${norm(r.deliveryNo)}\u001f${norm(r.orderNo)}\u001f${norm(r.line)}\u001f${norm(r.lot)}`
    : `d\u001f${norm(r.orderNo)}\u001f${norm(r.line)}\u001f${r.receivedAt}\u001f${norm(r.lot)}\u001f${r.receivedQty}`;
}

const ORDER_COMPARED = ['item', 'orderedQty', 'unit', 'orderedAt', 'requestedDate', 'confirmedDate'] as const;
const DELIVERY_COMPARED = ['item', 'receivedAt', 'receivedQty', 'rejectedQty', 'unit'] as const;

/** The first field in which a row differs from the one recorded before; null when it says the same. */
export function sameOrderLine(a: OrderLineRow, b: Omit<OrderLineRow, 'sourceLine'>): (typeof ORDER_COMPARED)[number] | null {
  for (const f of ORDER_COMPARED) {
    if ((a[f] ?? null) !== (b[f] ?? null)) return f;
  }
  return null;
}

export function sameDelivery(a: DeliveryRow, b: Omit<DeliveryRow, 'sourceLine'>): (typeof DELIVERY_COMPARED)[number] | null {
  for (const f of DELIVERY_COMPARED) {
    if ((a[f] ?? null) !== (b[f] ?? null)) return f;
  }
  return null;
}
