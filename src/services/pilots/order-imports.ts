// Imports of purchase-order lines and deliveries (goods receipts) from the buyer's ERP exports, the same rules as the
// quality imports: the file is read as a stream (CSV with a header, or JSON Lines; ERPNext and Odoo column names are
// recognised, others mapped), written in one transaction, and a bad row rejects the whole file with its line number
// (nothing stored). The same file (SHA-256) again adds nothing and answers with the earlier import.
//
// A row whose order line (or delivery) is already recorded with the same values is counted as unchanged, so a
// monthly export that repeats earlier lines imports cleanly. One recorded with other values is refused: a confirmed
// date moved after the delivery would rewrite on-time delivery after the fact.
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import {
  findCompletedOrderImport,
  findDeliveriesByKey,
  findOrderImport,
  findOrderLinesByKey,
  insertDeliveries,
  insertOrderImport,
  insertOrderLines,
  updateOrderImport,
  type DeliveryRow,
  type OrderImportRow,
  type OrderLineRow,
} from '../../db/repositories/orders.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  checkOrderMapping,
  ColumnError,
  deliveryKey,
  orderLineKey,
  OrderRowError,
  OrderRowReader,
  sameDelivery,
  sameOrderLine,
  type DeliveryRow as DeliveryImportRow,
  type OrderImportKind,
  type OrderLineRow as OrderLineImportRow,
} from '../../domain/pilots/index.js';
import type { ColumnMapping } from '../../domain/quality/columns.js';
import { RecordSyntaxError } from '../../domain/quality/records.js';
import { RowError } from '../../domain/quality/rows.js';
import { DECIMAL_SEPARATORS, type DecimalSeparator } from '../../domain/quality/units.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { ImportRejectedError, MAX_IMPORT_BYTES } from '../quality/imports.js';
import { withImportTransaction } from '../quality/import-writer.js';
import { recordAudit } from '../shared/audit.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, conflict, invalidField } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { requireBuyer } from './access.js';

export interface OrderImportOptions {
  format?: 'csv' | 'jsonl';
  mapping?: ColumnMapping;
  filename?: string | null;
  knownSha256?: string;
  decimalSeparator?: DecimalSeparator;
}

type ImportRow = OrderImportRow & { imported_by_name?: string | null };

export function orderImportView(r: ImportRow, duplicate = false) {
  return {
    id: r.id,
    engagementId: r.engagement_id,
    kind: r.kind as OrderImportKind,
    format: r.format as 'csv' | 'jsonl',
    filename: r.filename,
    sha256: r.sha256,
    bytes: Number(r.bytes),
    rows: Number(r.row_count),
    status: r.status,
    mapping: r.mapping ? (JSON.parse(r.mapping) as Record<string, string>) : null,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
    importedBy: { userId: r.imported_by, displayName: r.imported_by_name ?? '' },
    createdAt: r.created_at,
    completedAt: r.completed_at,
    duplicate,
  };
}

export function parseOrderMappingText(kind: OrderImportKind, text: string | undefined): ColumnMapping | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidField('mapping', 'the mapping is not JSON; give an object such as {"orderNo":"Bestellnummer","requestedDate":"Wunschtermin"}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidField('mapping', 'the mapping is a JSON object of field → source column');
  try {
    checkOrderMapping(kind, value as ColumnMapping);
  } catch (err) {
    if (err instanceof ColumnError) throw invalidField(err.field, err.reason);
    throw err;
  }
  return value as ColumnMapping;
}

class DuplicateFile extends Error {
  constructor(readonly sha256: string) {
    super('duplicate file');
  }
}

function sniff(buf: Buffer): 'csv' | 'jsonl' {
  return buf.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

const BATCH = 500;

/** Writes a batch of rows: new ones inserted, repeated ones counted, changed ones refused with their line. */
async function writeOrderLines(trx: Executor, engagementId: string, importId: string, actor: Actor, rows: OrderLineImportRow[], at: string): Promise<{ added: number; unchanged: number }> {
  const keys = rows.map(orderLineKey);
  const existing = new Map((await findOrderLinesByKey(trx, engagementId, keys)).map((r) => [r.natural_key, r]));
  const fresh: OrderLineRow[] = [];
  let unchanged = 0;
  rows.forEach((r, i) => {
    const old = existing.get(keys[i]!);
    if (old) {
      const differs = sameOrderLine(r, {
        orderNo: old.order_no,
        line: old.line_no,
        item: old.item,
        orderedQty: Number(old.ordered_qty),
        unit: old.unit,
        orderedAt: old.ordered_at,
        requestedDate: old.requested_date,
        confirmedDate: old.confirmed_date,
      });
      if (differs) {
        const was = { item: old.item, orderedQty: Number(old.ordered_qty), unit: old.unit, orderedAt: old.ordered_at, requestedDate: old.requested_date, confirmedDate: old.confirmed_date }[differs];
        throw new OrderRowError(r.sourceLine, differs, `order ${r.orderNo} line ${r.line} is already recorded with ${differs} ${was ?? 'empty'}, not ${r[differs] ?? 'empty'}; a recorded order line is not rewritten by an import`, 'already_recorded', { kind: 'orders', field: differs, was: String(was ?? ''), now: String(r[differs] ?? '') });
      }
      unchanged++;
      return;
    }
    fresh.push({
      id: newId(),
      engagement_id: engagementId,
      import_id: importId,
      natural_key: keys[i]!,
      order_no: r.orderNo,
      line_no: r.line,
      item: r.item,
      ordered_qty: r.orderedQty,
      unit: r.unit,
      ordered_at: r.orderedAt,
      requested_date: r.requestedDate,
      confirmed_date: r.confirmedDate,
      source_line: r.sourceLine,
      recorded_by: actor.userId,
      recorded_by_organization_id: actor.organizationId,
      created_at: at,
    });
  });
  await insertOrderLines(trx, fresh);
  return { added: fresh.length, unchanged };
}

async function writeDeliveries(trx: Executor, engagementId: string, importId: string, actor: Actor, rows: DeliveryImportRow[], at: string): Promise<{ added: number; unchanged: number }> {
  const keys = rows.map(deliveryKey);
  const existing = new Map((await findDeliveriesByKey(trx, engagementId, keys)).map((r) => [r.natural_key, r]));
  const fresh: DeliveryRow[] = [];
  let unchanged = 0;
  rows.forEach((r, i) => {
    const old = existing.get(keys[i]!);
    if (old) {
      const differs = sameDelivery(r, {
        deliveryNo: old.delivery_no,
        orderNo: old.order_no,
        line: old.order_line,
        item: old.item,
        receivedAt: old.received_at,
        receivedQty: Number(old.received_qty),
        rejectedQty: Number(old.rejected_qty),
        lot: old.lot,
        unit: old.unit,
      });
      if (differs) {
        const was = { item: old.item, receivedAt: old.received_at, receivedQty: Number(old.received_qty), rejectedQty: Number(old.rejected_qty), unit: old.unit }[differs];
        throw new OrderRowError(r.sourceLine, differs, `this delivery is already recorded with ${differs} ${was ?? 'empty'}, not ${r[differs] ?? 'empty'}; a recorded delivery is not rewritten by an import`, 'already_recorded', { kind: 'deliveries', field: differs, was: String(was ?? ''), now: String(r[differs] ?? '') });
      }
      unchanged++;
      return;
    }
    fresh.push({
      id: newId(),
      engagement_id: engagementId,
      import_id: importId,
      natural_key: keys[i]!,
      delivery_no: r.deliveryNo,
      order_no: r.orderNo,
      order_line: r.line,
      item: r.item,
      received_at: r.receivedAt,
      received_qty: r.receivedQty,
      rejected_qty: r.rejectedQty,
      lot: r.lot,
      unit: r.unit,
      source_line: r.sourceLine,
      recorded_by: actor.userId,
      recorded_by_organization_id: actor.organizationId,
      created_at: at,
    });
  });
  await insertDeliveries(trx, fresh);
  return { added: fresh.length, unchanged };
}

/**
 * Imports one file of purchase-order lines or deliveries into an engagement (the buyer). `source` yields the file's
 * bytes in order. Throws ImportRejectedError (422, line and reason) for a bad file; nothing of it is stored.
 */
export async function importOrderFile(
  ctx: ServiceContext,
  actor: Actor,
  engagementId: string,
  kind: OrderImportKind,
  source: AsyncIterable<Buffer | string>,
  opts: OrderImportOptions = {},
) {
  const e = await loadEngagement(ctx, actor, engagementId);
  requireBuyer(e, actor, 'orders.record', kind === 'orders' ? 'importing purchase orders' : 'importing receipts');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: orders and receipts are imported while it is open`);
  let mapping: ColumnMapping | undefined;
  try {
    mapping = opts.mapping ? (checkOrderMapping(kind, opts.mapping), opts.mapping) : undefined;
  } catch (err) {
    if (err instanceof ColumnError) throw invalidField(err.field, err.reason);
    throw err;
  }
  const decimalSeparator = opts.decimalSeparator ?? '.';
  if (!(DECIMAL_SEPARATORS as readonly string[]).includes(decimalSeparator)) throw invalidField('decimalSeparator', 'the decimal separator is "." or ","');
  const db = ctx.handle.db;
  if (opts.knownSha256) {
    const earlier = await findCompletedOrderImport(db, e.id, kind, opts.knownSha256);
    if (earlier) return orderImportView(earlier, true);
  }
  const importId = newId();
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let format = opts.format;
  const startedAt = nowIso();
  let added = 0;
  let unchanged = 0;
  let first: string | null = null;
  let last: string | null = null;

  try {
    const view = await withImportTransaction(ctx.handle, async (trx) => {
      await insertOrderImport(trx, {
        id: importId,
        engagement_id: e.id,
        organization_id: actor.organizationId,
        kind,
        format: format ?? 'csv',
        filename: opts.filename ?? null,
        sha256: `pending:${importId}`,
        bytes: 0,
        row_count: 0,
        status: 'running',
        mapping: mapping ? JSON.stringify(mapping) : null,
        summary: '{}',
        imported_by: actor.userId,
        created_at: startedAt,
        completed_at: null,
      });
      let pending: (OrderLineImportRow | DeliveryImportRow)[] = [];
      const flush = async (all: boolean) => {
        if (pending.length < BATCH && !(all && pending.length)) return;
        const batch = pending;
        pending = [];
        const r =
          kind === 'orders'
            ? await writeOrderLines(trx, e.id, importId, actor, batch as OrderLineImportRow[], startedAt)
            : await writeDeliveries(trx, e.id, importId, actor, batch as DeliveryImportRow[], startedAt);
        added += r.added;
        unchanged += r.unchanged;
      };
      let reader: OrderRowReader<OrderImportKind> | null = null;
      for await (const chunk of source) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (buf.length === 0) continue;
        bytes += buf.length;
        if (bytes > MAX_IMPORT_BYTES) throw new AppError(413, 'payload_too_large', `the file exceeds the import limit of ${MAX_IMPORT_BYTES} bytes`);
        hash.update(buf);
        if (!reader) {
          format ??= sniff(buf);
          reader = new OrderRowReader(kind, { format, mapping, decimalSeparator }, (row) => {
            pending.push(row);
            const d = 'requestedDate' in row ? (row.confirmedDate ?? row.requestedDate) : row.receivedAt;
            if (first === null || d < first) first = d;
            if (last === null || d > last) last = d;
          });
        }
        reader.push(decoder.write(buf));
        await flush(false);
      }
      if (!reader) throw new OrderRowError(1, '', 'the file is empty', 'file_empty');
      const tail = decoder.end();
      if (tail) reader.push(tail);
      reader.end();
      await flush(true);
      if (reader.rows === 0) throw new OrderRowError(1, '', 'the file has a header but no data rows', 'no_rows');
      const sha256 = hash.digest('hex');
      if (await findCompletedOrderImport(trx, e.id, kind, sha256)) throw new DuplicateFile(sha256);
      const summary = { added, unchanged, decimalSeparator, from: first, to: last };
      await updateOrderImport(trx, importId, { sha256, bytes, row_count: reader.rows, status: 'completed', format: format!, summary: JSON.stringify(summary), completed_at: nowIso() });
      await recordAudit(trx, actor, 'orders.imported', 'engagement', e.id, { importId, kind, rows: reader.rows, added, unchanged, bytes, sha256, filename: opts.filename ?? null });
      return orderImportView((await findOrderImport(trx, e.id, importId))!);
    });
    return view;
  } catch (err) {
    if (err instanceof DuplicateFile) {
      const earlier = await findCompletedOrderImport(db, e.id, kind, err.sha256);
      if (earlier) return orderImportView(earlier, true);
    }
    if (err instanceof RowError) {
      const rejected = new ImportRejectedError(err.line, err.field || null, err.reason, err.suggestedSeparator ?? null);
      // The reason as a code with parameters too, so that the web words it in the reader's language.
      if (err instanceof OrderRowError && rejected.issues?.[0]) rejected.issues[0] = { ...rejected.issues[0], code: err.code, params: err.params };
      throw rejected;
    }
    if (err instanceof RecordSyntaxError) throw new ImportRejectedError(err.line, null, err.reason);
    throw err;
  }
}
