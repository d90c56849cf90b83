// Reads order-line or delivery files (CSV with a header, or JSON Lines) into validated rows, chunk by chunk. Pure:
// the service streams an upload through it, the CLI a file; both get the same rows and the same line-numbered
// refusals (RowError, RecordSyntaxError).
import { ColumnError, type ColumnMapping } from '../quality/columns.js';
import { CsvReader, JsonLinesReader } from '../quality/records.js';
import { jsonNumberText, RowError } from '../quality/rows.js';
import type { DecimalSeparator } from '../quality/units.js';
import {
  deliveryKey,
  orderLineKey,
  ORDER_NUMERIC_FIELDS,
  OrderRowError,
  resolveOrderColumns,
  validateDeliveryRow,
  validateOrderLineRow,
  type DeliveryRow,
  type OrderImportKind,
  type OrderLineRow,
} from './import-rows.js';

export type OrderRow<K extends OrderImportKind> = K extends 'orders' ? OrderLineRow : DeliveryRow;

export interface OrderReaderOptions {
  format: 'csv' | 'jsonl';
  mapping?: ColumnMapping;
  decimalSeparator?: DecimalSeparator;
}

/**
 * Feeds text in, hands validated rows out. A row that repeats an earlier row of the same file (same order line, or
 * same delivery) is refused with both line numbers: which of the two is right cannot be guessed.
 */
export class OrderRowReader<K extends OrderImportKind> {
  private readonly csv: CsvReader | null;
  private readonly jsonl: JsonLinesReader | null;
  private columns: Map<string, number> | null = null;
  private headerLength = 0;
  private readonly seen = new Map<string, number>();
  private readonly separator: DecimalSeparator;
  rows = 0;

  constructor(
    private readonly kind: K,
    private readonly opts: OrderReaderOptions,
    private readonly onRow: (row: OrderRow<K>) => void,
  ) {
    this.csv = opts.format === 'csv' ? new CsvReader() : null;
    this.jsonl = opts.format === 'jsonl' ? new JsonLinesReader() : null;
    this.separator = opts.decimalSeparator ?? '.';
  }

  push(text: string): void {
    if (this.csv) this.csv.push(text, this.onCsv);
    else this.jsonl!.push(text, this.onJson);
  }

  end(): void {
    if (this.csv) this.csv.end(this.onCsv);
    else this.jsonl!.end(this.onJson);
  }

  private resolve(names: string[], line: number): Map<string, number> {
    try {
      return resolveOrderColumns(this.kind, names, this.opts.mapping);
    } catch (err) {
      if (err instanceof ColumnError) throw new RowError(line, err.field, err.reason);
      throw err;
    }
  }

  private readonly onCsv = (fields: string[], line: number): void => {
    if (this.columns === null) {
      this.columns = this.resolve(fields, line);
      this.headerLength = fields.length;
      return;
    }
    if (fields.length !== this.headerLength) {
      throw new OrderRowError(
        line,
        '',
        `expected ${this.headerLength} columns, found ${fields.length}: ${fields.length < this.headerLength ? 'the line is truncated or a delimiter is missing' : 'an unquoted delimiter inside a value?'}`,
        'column_count',
        { expected: this.headerLength, found: fields.length },
      );
    }
    const cols = this.columns;
    this.accept((f) => {
      const i = cols.get(f);
      return i === undefined ? undefined : fields[i];
    }, line);
  };

  private readonly onJson = (value: unknown, line: number): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new OrderRowError(line, '', 'each line must be a JSON object', 'not_an_object');
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const cols = this.resolve(keys, line);
    const numeric = new Set(ORDER_NUMERIC_FIELDS[this.kind]);
    this.accept((f) => {
      const i = cols.get(f);
      if (i === undefined) return undefined;
      const v = obj[keys[i]!];
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return numeric.has(f) ? jsonNumberText(v, this.separator) : String(v);
      if (v === null || v === undefined) return '';
      return JSON.stringify(v);
    }, line);
  };

  private accept(get: (f: string) => string | undefined, line: number): void {
    const opts = { decimalSeparator: this.separator };
    const row = (this.kind === 'orders' ? validateOrderLineRow(get, line, opts) : validateDeliveryRow(get, line, opts)) as OrderRow<K>;
    const key = this.kind === 'orders' ? orderLineKey(row as OrderLineRow) : deliveryKey(row as DeliveryRow);
    const earlier = this.seen.get(key);
    if (earlier !== undefined) {
      throw new OrderRowError(line, this.kind === 'orders' ? 'line' : 'deliveryNo', `the same ${this.kind === 'orders' ? 'order line' : 'delivery'} as line ${earlier}`, 'duplicate_in_file', { kind: this.kind, earlier });
    }
    if (this.seen.size < 1_000_000) this.seen.set(key, line);
    this.rows++;
    this.onRow(row);
  }
}

/** Reads a whole text (tests, small files). */
export function readOrderRows<K extends OrderImportKind>(kind: K, text: string, opts: OrderReaderOptions): OrderRow<K>[] {
  const out: OrderRow<K>[] = [];
  const r = new OrderRowReader(kind, opts, (row) => out.push(row));
  r.push(text);
  r.end();
  return out;
}
