// `bonafide kpi --orders FILE --deliveries FILE [--window -0,+3] [--basis line|order|quantity] [--as-of DATE]
// [--period month|week] [--decimal-comma] [--orders-mapping JSON] [--deliveries-mapping JSON] [--json]`
//
// OTD, OTIF, defect PPM and lot acceptance from two files (purchase-order lines and goods receipts, CSV or JSON
// Lines, in the column names of ERPNext, Odoo or Bonafide, or mapped), offline: the same domain functions as the
// server (src/domain/pilots), no database, no network. Exit codes: 0 computed; 2 bad input — a usage error, an
// unreadable file, or a row that cannot be read (with its file and line number).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import * as clock from '../../clock.js';
import {
  ColumnError,
  evaluateKpis,
  isDate,
  OrderRowReader,
  parseWindow,
  dateOf,
  type DeliveryRecord,
  type DeliveryRow,
  type KpiSpec,
  type OrderImportKind,
  type OrderLineRecord,
  type OrderLineRow,
  type OtdBasis,
  type PeriodUnit,
  checkOrderMapping,
  EMPTY_KPI_DATA,
  matchDeliveries,
  CATALOGUE,
} from '../../domain/pilots/index.js';
import type { ColumnMapping } from '../../domain/quality/columns.js';
import { RecordSyntaxError } from '../../domain/quality/records.js';
import { RowError } from '../../domain/quality/rows.js';

export const EXIT_BAD_INPUT = 2;

class InputError extends Error {}

interface KpiCliOptions {
  orders?: string;
  deliveries?: string;
  window?: string;
  basis?: string;
  asOf?: string;
  period?: string;
  decimalComma?: boolean;
  ordersMapping?: string;
  deliveriesMapping?: string;
  json?: boolean;
}

function mappingOf(kind: OrderImportKind, text: string | undefined, option: string): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`${option} is not JSON; give an object such as {"orderNo":"Bestellnummer"}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${option} is a JSON object of field → column`);
  try {
    checkOrderMapping(kind, value as ColumnMapping);
  } catch (err) {
    if (err instanceof ColumnError) throw new InputError(`${option}: ${err.reason}`);
    throw err;
  }
  return value as ColumnMapping;
}

async function readRows<K extends OrderImportKind>(kind: K, file: string, mapping: ColumnMapping | undefined, comma: boolean): Promise<(K extends 'orders' ? OrderLineRow : DeliveryRow)[]> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new InputError(`${file} is not a file`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const rows: (K extends 'orders' ? OrderLineRow : DeliveryRow)[] = [];
  const format = /\.(jsonl|ndjson|json)$/i.test(file) ? 'jsonl' : 'csv';
  const reader = new OrderRowReader(kind, { format, mapping, decimalSeparator: comma ? ',' : '.' }, (r) => rows.push(r as never));
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of createReadStream(file)) reader.push(decoder.write(chunk as Buffer));
    const tail = decoder.end();
    if (tail) reader.push(tail);
    reader.end();
  } catch (e) {
    if (e instanceof RowError) throw new InputError(`${file} line ${e.line}: ${e.reason}`);
    if (e instanceof RecordSyntaxError) throw new InputError(`${file} line ${e.line}: ${e.reason}`);
    throw e;
  }
  if (rows.length === 0) throw new InputError(`${file} line 1: the file has no data rows`);
  return rows;
}

const KEYS = ['otd', 'otif', 'defect_ppm', 'lot_acceptance'] as const;

function fmtValue(key: (typeof KEYS)[number], v: number | null): string {
  if (v === null) return 'no data';
  return CATALOGUE[key].unit === 'ppm' ? `${v.toLocaleString('en-US')} PPM` : `${v} %`;
}

export function registerKpiCommand(program: Command): void {
  program
    .command('kpi')
    .description('OTD, OTIF, defect PPM and lot acceptance from a file of purchase-order lines and a file of goods receipts (offline)')
    .requiredOption('--orders <file>', 'purchase-order lines (CSV or JSON Lines; ERPNext, Odoo or Bonafide column names)')
    .requiredOption('--deliveries <file>', 'deliveries / goods receipts (CSV or JSON Lines)')
    .option('--window <-before,+after>', 'on-time window in days around the due date (confirmed, else requested)', '-0,+3')
    .option('--basis <basis>', 'what OTD and OTIF count: line (default), order or quantity', 'line')
    .option('--as-of <date>', 'the day to compute for (default today): lines still inside their window then are not counted yet')
    .option('--period <unit>', 'also give the values per month or week')
    .option('--decimal-comma', 'numbers are written with a decimal comma ("12,5")')
    .option('--orders-mapping <json>', 'columns of the orders file for fields the names do not tell, e.g. {"orderNo":"Bestellnummer"}')
    .option('--deliveries-mapping <json>', 'columns of the deliveries file, e.g. {"receivedAt":"Eingangsdatum"}')
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .action(async (opts: KpiCliOptions) => {
      try {
        const window = parseWindow(opts.window ?? '-0,+3');
        if (!window) throw new InputError(`--window is "-before,+after" in days, e.g. -0,+3 (got "${opts.window}")`);
        const basis = opts.basis ?? 'line';
        if (basis !== 'line' && basis !== 'order' && basis !== 'quantity') throw new InputError(`--basis is line, order or quantity (got "${basis}")`);
        if (opts.period !== undefined && opts.period !== 'month' && opts.period !== 'week') throw new InputError(`--period is month or week (got "${opts.period}")`);
        if (opts.asOf !== undefined && !isDate(opts.asOf)) throw new InputError(`--as-of is a date YYYY-MM-DD (got "${opts.asOf}")`);
        const asOf = opts.asOf ?? dateOf(clock.now());
        const ordersMapping = mappingOf('orders', opts.ordersMapping, '--orders-mapping');
        const deliveriesMapping = mappingOf('deliveries', opts.deliveriesMapping, '--deliveries-mapping');
        const orderRows = await readRows('orders', opts.orders!, ordersMapping, opts.decimalComma === true);
        const deliveryRows = await readRows('deliveries', opts.deliveries!, deliveriesMapping, opts.decimalComma === true);

        const orderLines: OrderLineRecord[] = orderRows.map((r) => ({ id: `line:${r.sourceLine}`, orderNo: r.orderNo, line: r.line, item: r.item, orderedQty: r.orderedQty, unit: r.unit, orderedAt: r.orderedAt, requestedDate: r.requestedDate, confirmedDate: r.confirmedDate }));
        const deliveries: DeliveryRecord[] = deliveryRows.map((r) => ({ id: `line:${r.sourceLine}`, deliveryNo: r.deliveryNo, orderNo: r.orderNo, line: r.line, item: r.item, receivedAt: r.receivedAt, receivedQty: r.receivedQty, rejectedQty: r.rejectedQty, lot: r.lot }));
        const dates = [...orderLines.map((l) => l.confirmedDate ?? l.requestedDate), ...deliveries.map((d) => d.receivedAt)].sort();
        const from = dates[0]!;
        const to = dates[dates.length - 1]! > asOf ? dates[dates.length - 1]! : asOf;
        const specs: KpiSpec[] = KEYS.map((key) => ({
          key,
          kind: 'catalogue',
          unit: CATALOGUE[key].unit,
          direction: CATALOGUE[key].direction,
          target: CATALOGUE[key].defaultTarget,
          atRisk: CATALOGUE[key].defaultAtRisk,
          weight: 1,
          params: key === 'otd' || key === 'otif' ? { window, basis: basis as OtdBasis } : {},
        }));
        const unit: PeriodUnit = (opts.period as PeriodUnit | undefined) ?? 'month';
        const result = evaluateKpis(specs, { ...EMPTY_KPI_DATA, orderLines, deliveries }, { from, to, asOf }, unit);
        const unmatched = matchDeliveries(orderLines, deliveries).unmatched;
        const out = {
          asOf,
          window,
          basis,
          orders: { file: opts.orders, lines: orderLines.length },
          deliveries: { file: opts.deliveries, rows: deliveries.length, unmatched: unmatched.map((d) => Number(d.id.slice(5))) },
          kpis: result.kpis.map((k) => ({
            key: k.key,
            value: k.value,
            unit: k.unit,
            numerator: k.numerator,
            denominator: k.denominator,
            ...(k.noData ? { noData: k.noData.code } : {}),
            ...(opts.period ? { periods: k.periods.map((p) => ({ period: p.key, value: p.value, numerator: p.numerator, denominator: p.denominator })) } : {}),
          })),
        };
        if (opts.json === true) process.stdout.write(`${JSON.stringify(out)}\n`);
        else {
          const lines = [
            `${orderLines.length} order lines, ${deliveries.length} deliveries (${unmatched.length} matching no order line); as of ${asOf}, window -${window.before}/+${window.after} days, per ${basis}`,
            ...result.kpis.map((k) => `${k.key.toUpperCase().replace('_', ' ').padEnd(15)} ${fmtValue(k.key as (typeof KEYS)[number], k.value).padEnd(14)} ${k.denominator === null ? '' : `(${k.numerator} of ${k.denominator})`}`),
          ];
          if (opts.period) for (const k of result.kpis) lines.push(`${k.key}: ${k.periods.map((p) => `${p.key} ${p.value ?? '—'}`).join(', ')}`);
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        process.exitCode = 0;
      } catch (e) {
        if (e instanceof InputError) {
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = EXIT_BAD_INPUT;
        } else throw e;
      }
    });
}

