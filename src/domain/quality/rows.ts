// Validation of one imported row of a batch test record or a production log. Pure; built for millions of rows
// (a few map lookups and one regular expression per value; repeated texts are parsed once).
import { normalizeHeader, WIDE_PREFIX, type ImportKind } from './columns.js';
import { DECIMAL_COMMA_PATTERN, DECIMAL_PATTERN, normalizeUnit, pointDecimal, shiftDecimal, unitConversion, type DecimalSeparator } from './units.js';

export const CRITICALITIES = ['critical', 'major', 'minor'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export interface CharacteristicSpec {
  /** Stable key used in data files, e.g. "bore_diameter". */
  key: string;
  name: string;
  unit: string;
  nominal: number | null;
  lsl: number | null;
  usl: number | null;
  criticality: Criticality;
  method: string | null;
}

export interface ProductSpecification {
  specificationId: string;
  version: number;
  product: string;
  characteristics: readonly CharacteristicSpec[];
}

export class RowError extends Error {
  override readonly name = 'RowError';
  constructor(
    readonly line: number,
    readonly field: string,
    readonly reason: string,
    /** The decimal separator that would read the refused value, when the file looks written with the other one. */
    readonly suggestedSeparator?: DecimalSeparator,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** "IP-7  Rear " and "ip-7 rear" are one product. */
export function productKey(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Whether a specification's product is in an engagement's scope: a scope product names it exactly, names its
 * title, or contains it as a whole token ("IP-7 housing, rear (NM-4472-A)" contains "NM-4472-A").
 */
export function productInScope(product: string, title: string, scopeProducts: readonly string[]): boolean {
  const p = productKey(product);
  const t = productKey(title);
  for (const raw of scopeProducts) {
    const s = productKey(raw);
    if (s === p || s === t) return true;
    let from = 0;
    for (;;) {
      const i = s.indexOf(p, from);
      if (i < 0) break;
      const before = i === 0 ? '' : s[i - 1]!;
      const after = s[i + p.length] ?? '';
      if (!/[\p{L}\p{N}_-]/u.test(before) && !/[\p{L}\p{N}_-]/u.test(after)) return true;
      from = i + 1;
    }
  }
  return false;
}

/** "bore_diameter", "Bore diameter" and "BORE-DIAMETER" are one characteristic. */
export function characteristicKey(s: string): string {
  return normalizeHeader(s);
}

const MAX_TEXT = 200;

function shortText(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function parseDecimal(text: string, separator: DecimalSeparator = '.'): number | null {
  const t = pointDecimal(text.trim(), separator);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Options of the row validators. */
export interface RowOptions {
  /** The file's decimal mark ('.' unless given); the validators read text, JSON numbers come via jsonNumberText. */
  decimalSeparator?: DecimalSeparator;
}

/** The fields read as numbers, per kind: where the file's decimal separator applies. */
export const NUMERIC_FIELDS: Readonly<Record<ImportKind, readonly string[]>> = {
  batches: ['value'],
  production_logs: ['plannedMinutes', 'plannedHours', 'downtimeMinutes', 'downtimeHours', 'goodOutput', 'scrap'],
};

/**
 * A JSON number as the text of a numeric field read with `separator`. The row validators read text; a JSON number
 * is already a number, so it is written in the file's notation rather than refused for its decimal point.
 */
export function jsonNumberText(n: number, separator: DecimalSeparator): string {
  const s = String(n);
  return separator === '.' ? s : s.replace('.', ',');
}

const THOUSANDS_GROUPED = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * What follows "… is not a number" for a value (trimmed, not empty) refused with `separator`. A file written with
 * the other decimal mark is the common cause, so the reason says which option reads it.
 */
function separatorAdvice(text: string, separator: DecimalSeparator): { advice: string; suggest?: DecimalSeparator } {
  if (separator === '.') {
    return text.includes(',') && DECIMAL_COMMA_PATTERN.test(text)
      ? { advice: '; if the file uses decimal commas, import it with the decimal separator ","', suggest: ',' }
      : { advice: '' };
  }
  if (!text.includes('.')) return { advice: ' (use a decimal comma and no thousands separator)' };
  const grouped = THOUSANDS_GROUPED.test(text);
  if (text.includes(',')) return { advice: `: thousands separators are not accepted${grouped ? ` (write ${text.replaceAll('.', '')})` : ''}` };
  // "32.012" alone cannot tell a decimal point from a thousands separator; the file's other values can.
  if (DECIMAL_PATTERN.test(text)) {
    return {
      advice: ': a "." is not accepted with decimal commas (neither as decimal point nor as thousands separator); if the file uses decimal points, import it with the decimal separator "."',
      suggest: '.',
    };
  }
  return { advice: grouped ? ': thousands separators are not accepted' : ' (use a decimal comma and no thousands separator)' };
}

/** "… is not a number" for a field, with the separator advice and its suggestion. */
function notANumber(line: number, field: string, label: string, text: string, how: string, separator: DecimalSeparator): RowError {
  const { advice, suggest } = separatorAdvice(text, separator);
  return new RowError(line, field, `${label} "${shortText(text)}" is not a number${how}${advice}`, suggest);
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m - 1]!;
}

export type InstantResult = { ok: true; iso: string } | { ok: false; reason: string };

/**
 * A date ("2025-06-01", midnight UTC) or a date-time with its zone ("2025-06-01T08:30:00+08:00", "…Z") as an ISO
 * string in UTC. A date-time without a zone is refused: whose 08:30 would it be?
 */
export function parseInstant(text: string): InstantResult {
  const t = text.trim();
  const m = INSTANT.exec(t);
  if (!m) return { ok: false, reason: `"${shortText(t)}" is not a date (YYYY-MM-DD) or a date-time with zone (YYYY-MM-DDThh:mm:ssZ)` };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return { ok: false, reason: `"${t}" is not a calendar date` };
  if (m[4] === undefined) return { ok: true, iso: `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z` };
  const hh = Number(m[4]);
  const mi = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  if (hh > 23 || mi > 59 || ss > 59) return { ok: false, reason: `"${t}" is not a valid time of day` };
  const zone = m[8];
  if (zone === undefined) return { ok: false, reason: `"${t}" has no time zone; add Z or an offset such as +08:00` };
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) return { ok: false, reason: `"${t}" has an invalid offset` };
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000);
  const at = Date.UTC(y, mo - 1, d, hh, mi, ss, ms) - offsetMin * 60_000;
  return { ok: true, iso: new Date(at).toISOString() };
}

// ---------------------------------------------------------------------------------------------------------------
// Batch test records

export interface BatchRow {
  /** The specification's spelling of the product. */
  product: string;
  lot: string;
  line: string | null;
  producedAt: string;
  /** The characteristic's key in the specification. */
  characteristic: string;
  /** In the specification's unit. */
  value: number;
  sourceLine: number;
}

/** Text of each field of one record (undefined where the file has no such column). */
export type FieldGetter = (field: string) => string | undefined;

interface ProductEntry {
  spec: ProductSpecification;
  byKey: Map<string, CharacteristicSpec>;
  /** Characteristic texts as written in the file, resolved once. */
  byText: Map<string, CharacteristicSpec>;
}

/** Index of each batch field in a record's fields (-1: the file has no such column). */
export interface BatchColumns {
  lot: number;
  product: number;
  producedAt: number;
  characteristic: number;
  value: number;
  unit: number;
  line: number;
}

export function batchColumns(columns: ReadonlyMap<string, number>): BatchColumns {
  const at = (f: string) => columns.get(f) ?? -1;
  return { lot: at('lot'), product: at('product'), producedAt: at('producedAt'), characteristic: at('characteristic'), value: at('value'), unit: at('unit'), line: at('line') };
}

const GETTER_COLUMNS: BatchColumns = { lot: 0, product: 1, producedAt: 2, characteristic: 3, value: 4, unit: 5, line: 6 };

function requiredText(get: FieldGetter, field: string, line: number, label: string): string {
  return checkText(get(field), field, line, label);
}

function checkText(raw: string | undefined, field: string, line: number, label: string): string {
  const t = raw === undefined ? '' : raw.trim();
  if (t.length === 0) throw new RowError(line, field, `${label} is empty`);
  if (t.length > MAX_TEXT) throw new RowError(line, field, `${label} is longer than ${MAX_TEXT} characters`);
  return t;
}

function badValue(line: number, text: string, separator: DecimalSeparator): RowError {
  if (text.length === 0) return new RowError(line, 'value', 'value is empty');
  return notANumber(line, 'value', 'value', text, separator === '.' ? ' (use a decimal point and no thousands separator)' : '', separator);
}

export class BatchRowValidator {
  private readonly products = new Map<string, ProductEntry>();
  private lastProductText: string | undefined;
  private lastProduct: ProductEntry | undefined;
  private lastInstantText: string | undefined;
  private lastInstant = '';
  /** Per characteristic: unit text as written → conversion (or why there is none). */
  private readonly conversions = new Map<CharacteristicSpec, Map<string, { shift: number; label: string; count: number } | { reason: string }>>();

  /** Values converted to the specification's unit, by "from → to". */
  get converted(): Map<string, number> {
    const out = new Map<string, number>();
    for (const byUnit of this.conversions.values()) {
      for (const c of byUnit.values()) if ('count' in c && c.count > 0) out.set(c.label, (out.get(c.label) ?? 0) + c.count);
    }
    return out;
  }

  private readonly separator: DecimalSeparator;

  constructor(specs: readonly ProductSpecification[], opts: RowOptions = {}) {
    this.separator = opts.decimalSeparator ?? '.';
    for (const spec of specs) {
      const byKey = new Map<string, CharacteristicSpec>();
      for (const c of spec.characteristics) {
        byKey.set(characteristicKey(c.key), c);
        if (!byKey.has(characteristicKey(c.name))) byKey.set(characteristicKey(c.name), c);
      }
      this.products.set(productKey(spec.product), { spec, byKey, byText: new Map() });
    }
  }

  /** One record given field by field (JSON, tests). */
  validate(get: FieldGetter, line: number): BatchRow {
    return this.validateFields([get('lot'), get('product'), get('producedAt'), get('characteristic'), get('value'), get('unit'), get('line')], GETTER_COLUMNS, line);
  }

  /** One record as the fields of a CSV line; `c` says where each field is. Built for millions of rows. */
  validateFields(f: readonly (string | undefined)[], c: BatchColumns, line: number): BatchRow {
    const productText = f[c.product] ?? '';
    let entry: ProductEntry;
    if (productText === this.lastProductText && this.lastProduct) entry = this.lastProduct;
    else {
      const found = this.products.get(productKey(productText));
      if (!found) {
        const t = productText.trim();
        throw new RowError(
          line,
          'product',
          t.length === 0
            ? 'product is empty'
            : `no specification for product "${shortText(t)}" in this engagement (specified: ${[...this.products.values()].map((p) => p.spec.product).join(', ') || 'none'})`,
        );
      }
      entry = found;
      this.lastProductText = productText;
      this.lastProduct = entry;
    }
    const lot = checkText(f[c.lot], 'lot', line, 'lot');
    const charText = f[c.characteristic] ?? '';
    let ch = entry.byText.get(charText);
    if (ch === undefined) {
      ch = entry.byKey.get(characteristicKey(charText));
      if (!ch) {
        const t = charText.trim();
        throw new RowError(
          line,
          'characteristic',
          t.length === 0 ? 'characteristic is empty' : `unknown characteristic "${shortText(t)}" for ${entry.spec.product} (specified: ${entry.spec.characteristics.map((x) => x.key).join(', ')})`,
        );
      }
      if (entry.byText.size < 1000) entry.byText.set(charText, ch);
    }
    // No unit column (a wide file, see columns.ts): values are in the specification's unit.
    const unitText = c.unit < 0 ? ch.unit : (f[c.unit] ?? '');
    let byUnit = this.conversions.get(ch);
    if (byUnit === undefined) this.conversions.set(ch, (byUnit = new Map()));
    let conv = byUnit.get(unitText);
    if (conv === undefined) {
      const r = unitConversion(unitText, ch.unit);
      conv = r.ok ? { shift: r.exponentShift, label: `${unitText.trim()} → ${ch.unit}`, count: 0 } : { reason: `${r.reason} (characteristic ${ch.key})` };
      if (byUnit.size < 100) byUnit.set(unitText, conv);
    }
    if ('reason' in conv) throw new RowError(line, 'unit', conv.reason);
    const rawValue = f[c.value] ?? '';
    let valueText: string;
    if (this.separator === '.') {
      valueText = DECIMAL_PATTERN.test(rawValue) ? rawValue : rawValue.trim();
      if (!DECIMAL_PATTERN.test(valueText)) throw badValue(line, valueText, '.');
    } else {
      const t = rawValue.trim();
      const p = pointDecimal(t, this.separator);
      if (p === null) throw badValue(line, t, this.separator);
      valueText = p;
    }
    const value = shiftDecimal(valueText, conv.shift);
    if (!Number.isFinite(value)) throw new RowError(line, 'value', `value "${shortText(rawValue.trim())}" is out of range`);
    if (conv.shift !== 0) conv.count++;
    const instantText = f[c.producedAt] ?? '';
    if (instantText !== this.lastInstantText) {
      const r = parseInstant(instantText);
      if (!r.ok) throw new RowError(line, 'producedAt', `producedAt: ${r.reason}`);
      this.lastInstantText = instantText;
      this.lastInstant = r.iso;
    }
    const lineText = c.line < 0 ? undefined : f[c.line]?.trim();
    if (lineText !== undefined && lineText.length > MAX_TEXT) throw new RowError(line, 'line', `line is longer than ${MAX_TEXT} characters`);
    return {
      product: entry.spec.product,
      lot,
      line: lineText ? lineText : null,
      producedAt: this.lastInstant,
      characteristic: ch.key,
      value,
      sourceLine: line,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Production logs

export interface ProductionLogImportRow {
  site: string;
  line: string;
  periodStart: string;
  periodEnd: string;
  plannedMinutes: number;
  downtimeMinutes: number;
  goodOutput: number;
  scrap: number;
  sourceLine: number;
}

const MAX_PERIOD_MS = 31 * 24 * 3_600_000;

function nonNegative(get: FieldGetter, field: string, line: number, label: string, separator: DecimalSeparator): number | undefined {
  const raw = get(field);
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (t.length === 0) throw new RowError(line, field, `${label} is empty`);
  const n = parseDecimal(t, separator);
  if (n === null) throw notANumber(line, field, label, t, '', separator);
  if (n < 0) throw new RowError(line, field, `${label} must not be negative`);
  return n;
}

function instant(get: FieldGetter, field: string, line: number): string {
  const r = parseInstant(get(field) ?? '');
  if (!r.ok) throw new RowError(line, field, `${field}: ${r.reason}`);
  return r.iso;
}

export function validateProductionLogRow(get: FieldGetter, line: number, opts: RowOptions = {}): ProductionLogImportRow {
  const sep = opts.decimalSeparator ?? '.';
  const site = requiredText(get, 'site', line, 'site');
  const lineName = requiredText(get, 'line', line, 'line');
  const periodStart = instant(get, 'periodStart', line);
  const periodEnd = instant(get, 'periodEnd', line);
  const span = Date.parse(periodEnd) - Date.parse(periodStart);
  if (span <= 0) throw new RowError(line, 'periodEnd', 'periodEnd must be after periodStart');
  if (span > MAX_PERIOD_MS) throw new RowError(line, 'periodEnd', 'a production log record covers at most 31 days');
  const plannedMin = nonNegative(get, 'plannedMinutes', line, 'planned minutes', sep);
  const plannedH = nonNegative(get, 'plannedHours', line, 'planned hours', sep);
  const plannedMinutes = plannedMin ?? (plannedH ?? 0) * 60;
  const downMin = nonNegative(get, 'downtimeMinutes', line, 'downtime minutes', sep);
  const downH = nonNegative(get, 'downtimeHours', line, 'downtime hours', sep);
  const downtimeMinutes = downMin ?? (downH ?? 0) * 60;
  if (plannedMinutes > span / 60_000 + 1e-9) {
    throw new RowError(line, plannedMin !== undefined ? 'plannedMinutes' : 'plannedHours', `planned time (${plannedMinutes} min) is longer than the period (${span / 60_000} min)`);
  }
  if (downtimeMinutes > plannedMinutes + 1e-9) {
    throw new RowError(line, downMin !== undefined ? 'downtimeMinutes' : 'downtimeHours', `downtime (${downtimeMinutes} min) exceeds the planned time (${plannedMinutes} min)`);
  }
  const goodOutput = nonNegative(get, 'goodOutput', line, 'good output', sep)!;
  const scrap = nonNegative(get, 'scrap', line, 'scrap', sep)!;
  return { site, line: lineName, periodStart, periodEnd, plannedMinutes, downtimeMinutes, goodOutput, scrap, sourceLine: line };
}

/** Normalizes a unit as the specification stores it. */
export { normalizeUnit };

// ---------------------------------------------------------------------------------------------------------------
// Wide batch files

/**
 * The measurements of a wide file's rows (one row per part or lot, one column per characteristic; see columns.ts):
 * each non-empty cell of a characteristic column becomes the fields of one measurement — the row's own fields
 * followed by the characteristic's key and the cell — read through `columns` like a file with one measurement per
 * row (no unit column: the specification's unit). A refused value names its column.
 */
export class WideRows {
  /** Where each field of a measurement is: the row's columns, then characteristic and value. */
  readonly columns: Map<string, number>;
  private readonly wide: { key: string; index: number; name: string }[];

  constructor(
    columns: ReadonlyMap<string, number>,
    private readonly width: number,
    names: readonly string[],
  ) {
    this.wide = [];
    this.columns = new Map();
    for (const [field, index] of columns) {
      if (field.startsWith(WIDE_PREFIX)) this.wide.push({ key: field.slice(WIDE_PREFIX.length), index, name: names[index] ?? field });
      else this.columns.set(field, index);
    }
    this.columns.set('characteristic', width);
    this.columns.set('value', width + 1);
  }

  forEach(fields: readonly string[], line: number, each: (measurement: string[]) => void): void {
    const g = fields.slice(0, this.width);
    g.length = this.width + 2;
    let measured = 0;
    for (const w of this.wide) {
      const cell = fields[w.index];
      if (cell === undefined || cell.trim().length === 0) continue;
      g[this.width] = w.key;
      g[this.width + 1] = cell;
      measured++;
      try {
        each(g as string[]);
      } catch (err) {
        if (err instanceof RowError && (err.field === 'value' || err.field === 'characteristic' || err.field === 'unit')) {
          throw new RowError(line, w.name, `column "${w.name}" (${w.key}): ${err.reason}`, err.suggestedSeparator);
        }
        throw err;
      }
    }
    if (measured === 0) throw new RowError(line, '', `no value in any characteristic column (${this.wide.map((w) => w.name).join(', ')})`);
  }
}
