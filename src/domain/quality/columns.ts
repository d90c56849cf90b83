// The fields of batch test records and production logs, the column names recognised for each, and the column
// mapping for files from other systems. Pure.
//
// A header matches a field when, lower-cased and stripped of everything but letters and digits, it equals the
// field's name or one of its aliases ("Produced at", "produced_at" and "producedAt" all name producedAt). A
// mapping names the source column for a field, e.g. {"lot": "Batch No", "value": "Messwert"}; mapped names are
// matched the same way, and a mapping wins over the aliases. Columns that no field uses are ignored.
//
// Wide batch files (a coordinate measuring machine's export: one row per part or lot, one column per
// characteristic) are read with a mapping of those columns to characteristics: "characteristic:<key>" names the
// column of each characteristic, e.g. {"lot":"Part No","characteristic:bore_diameter":"Bore D1"}. Such a file has
// no characteristic, value or unit column: each non-empty cell of a mapped column is one measurement of that
// characteristic in the specification's unit (an empty cell: not measured on that part). See wideColumnsOf.

export const IMPORT_KINDS = ['batches', 'production_logs'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface FieldDefinition {
  name: string;
  required: boolean;
  aliases: readonly string[];
  /** Fields of which exactly one must be present (e.g. planned minutes or planned hours). */
  oneOf?: string;
  description: string;
}

export const BATCH_FIELDS: readonly FieldDefinition[] = [
  { name: 'lot', required: true, aliases: ['lot', 'batch', 'lotid', 'batchid', 'lotno', 'batchno', 'lotnumber', 'batchnumber'], description: 'batch or lot id' },
  { name: 'product', required: true, aliases: ['product', 'partnumber', 'partno', 'part', 'item', 'article', 'sku'], description: "product, as named in the buyer's specification" },
  { name: 'producedAt', required: true, aliases: ['producedat', 'productiondate', 'produced', 'manufacturedat', 'date', 'timestamp'], description: 'when the lot (or the part) was produced: a date or a date-time with zone' },
  { name: 'characteristic', required: true, aliases: ['characteristic', 'feature', 'parameter', 'characteristicid', 'characteristickey'], description: "characteristic, by the key or name in the buyer's specification" },
  { name: 'value', required: true, aliases: ['value', 'measuredvalue', 'measurement', 'result', 'reading'], description: 'measured value (a decimal point, or a decimal comma with the decimal-separator option; no thousands separator)' },
  { name: 'unit', required: true, aliases: ['unit', 'uom', 'units', 'unitofmeasure'], description: "unit of the value; converted to the specification's unit when the conversion is an exact power of ten" },
  { name: 'line', required: false, aliases: ['line', 'productionline', 'productline'], description: 'production line (optional)' },
];

export const PRODUCTION_LOG_FIELDS: readonly FieldDefinition[] = [
  { name: 'site', required: true, aliases: ['site', 'plant', 'factory'], description: 'site (plant)' },
  { name: 'line', required: true, aliases: ['line', 'productionline', 'productline'], description: "production line; matched to the supplier's capacity claims by product line" },
  { name: 'periodStart', required: true, aliases: ['periodstart', 'start', 'from', 'shiftstart', 'startedat'], description: 'start of the period (date or date-time with zone)' },
  { name: 'periodEnd', required: true, aliases: ['periodend', 'end', 'to', 'shiftend', 'endedat'], description: 'end of the period, after its start' },
  { name: 'plannedMinutes', required: true, oneOf: 'planned', aliases: ['plannedminutes', 'plannedtime', 'plannedtimemin', 'plannedmin'], description: 'planned production time in minutes' },
  { name: 'plannedHours', required: true, oneOf: 'planned', aliases: ['plannedhours', 'plannedtimeh', 'plannedh'], description: 'planned production time in hours (instead of minutes)' },
  { name: 'downtimeMinutes', required: true, oneOf: 'downtime', aliases: ['downtimeminutes', 'downtime', 'downtimemin'], description: 'downtime in minutes, at most the planned time' },
  { name: 'downtimeHours', required: true, oneOf: 'downtime', aliases: ['downtimehours', 'downtimeh'], description: 'downtime in hours (instead of minutes)' },
  { name: 'goodOutput', required: true, aliases: ['goodoutput', 'good', 'goodparts', 'goodqty', 'goodquantity', 'output'], description: 'good parts produced' },
  { name: 'scrap', required: true, aliases: ['scrap', 'scrapqty', 'scrapped', 'rejects', 'rejected'], description: 'scrapped parts' },
];

export function fieldsOf(kind: ImportKind): readonly FieldDefinition[] {
  return kind === 'batches' ? BATCH_FIELDS : PRODUCTION_LOG_FIELDS;
}

/** "Produced at", "produced_at", "producedAt" → "producedat". */
export function normalizeHeader(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export type ColumnMapping = Readonly<Record<string, string>>;

export class ColumnError extends Error {
  override readonly name = 'ColumnError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The mapping key prefix of a wide file's characteristic columns: "characteristic:<key>" → source column. */
export const WIDE_PREFIX = 'characteristic:';
/** Fields a wide file does not have: each mapped column is a characteristic, each cell a value in the spec's unit. */
const WIDE_REPLACES = ['characteristic', 'value', 'unit'];

/** The "characteristic:<key>" entries of a mapping, in order. */
function wideEntries(mapping: ColumnMapping | undefined): { key: string; column: string; entry: string }[] {
  return Object.entries(mapping ?? {})
    .filter(([k]) => k.startsWith(WIDE_PREFIX))
    .map(([entry, column]) => ({ key: entry.slice(WIDE_PREFIX.length).trim(), column, entry }));
}

/** Checks a mapping's keys against the fields of the kind; returns it keyed by canonical field name. */
export function checkMapping(kind: ImportKind, mapping: ColumnMapping | undefined): Record<string, string> {
  const wide = kind === 'batches' ? wideEntries(mapping) : [];
  if (wide.length === 0) return checkFieldMapping(fieldsOf(kind), kind.replace('_', ' '), mapping);
  const rest = Object.fromEntries(Object.entries(mapping!).filter(([k]) => !k.startsWith(WIDE_PREFIX)));
  const out = checkFieldMapping(fieldsOf(kind), kind.replace('_', ' '), rest);
  for (const f of WIDE_REPLACES) {
    if (out[f] !== undefined) throw new ColumnError(`mapping.${f}`, `a wide file maps its characteristic columns ("${WIDE_PREFIX}<key>"); it has no ${f} column to map`);
  }
  const columns = new Map<string, string>();
  for (const w of wide) {
    if (w.key.length === 0) throw new ColumnError(`mapping.${w.entry}`, `name the characteristic after "${WIDE_PREFIX}", e.g. "${WIDE_PREFIX}bore_diameter"`);
    if (typeof w.column !== 'string' || w.column.trim().length === 0) throw new ColumnError(`mapping.${w.entry}`, 'name the source column as a non-empty string');
    const earlier = columns.get(normalizeHeader(w.column));
    if (earlier !== undefined) throw new ColumnError(`mapping.${w.entry}`, `column "${w.column}" is already mapped to ${earlier}`);
    columns.set(normalizeHeader(w.column), w.key);
    out[`${WIDE_PREFIX}${w.key}`] = w.column;
  }
  return out;
}

/**
 * The characteristic columns of a wide file, from the columns resolveColumns returned: characteristic key and the
 * index of its column, in mapping order; null for a file with one measurement per row.
 */
export function wideColumnsOf(columns: ReadonlyMap<string, number>): { key: string; index: number }[] | null {
  const out: { key: string; index: number }[] = [];
  for (const [field, index] of columns) if (field.startsWith(WIDE_PREFIX)) out.push({ key: field.slice(WIDE_PREFIX.length), index });
  return out.length ? out : null;
}

/** checkMapping for any set of fields (other imports, e.g. orders and deliveries, share the rules). */
export function checkFieldMapping(fields: readonly FieldDefinition[], label: string, mapping: ColumnMapping | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!mapping) return out;
  for (const [key, source] of Object.entries(mapping)) {
    const f = fields.find((x) => normalizeHeader(x.name) === normalizeHeader(key));
    if (!f) throw new ColumnError(`mapping.${key}`, `unknown field ${key}; the fields of ${label} are ${fields.map((x) => x.name).join(', ')}`);
    if (typeof source !== 'string' || source.trim().length === 0) throw new ColumnError(`mapping.${key}`, 'name the source column as a non-empty string');
    out[f.name] = source;
  }
  return out;
}

/**
 * Where each field is found among `names` (CSV header cells or JSON keys): field name → index into `names`.
 * Throws ColumnError for a missing required field, a mapped column that is absent, or two fields in one column.
 */
export function resolveColumns(kind: ImportKind, names: readonly string[], mapping: ColumnMapping | undefined): Map<string, number> {
  const wide = kind === 'batches' ? wideEntries(mapping) : [];
  if (wide.length === 0) return resolveFieldColumns(fieldsOf(kind), kind.replace('_', ' '), names, mapping);
  // A wide file: the other fields as usual (without characteristic, value and unit), then each mapped column.
  checkMapping(kind, mapping);
  const rest = Object.fromEntries(Object.entries(mapping!).filter(([k]) => !k.startsWith(WIDE_PREFIX)));
  const result = resolveFieldColumns(
    fieldsOf(kind).filter((f) => !WIDE_REPLACES.includes(f.name)),
    'wide batch records',
    names,
    rest,
  );
  const normalized = names.map(normalizeHeader);
  const taken = new Map([...result].map(([f, i]) => [i, f]));
  for (const w of wide) {
    const index = normalized.indexOf(normalizeHeader(w.column));
    if (index < 0) throw new ColumnError(w.entry, `the mapping names column "${w.column}" for characteristic ${w.key}, but there is no such column (columns: ${names.join(', ')})`);
    if (taken.has(index)) throw new ColumnError(w.entry, `column "${names[index]}" cannot be both ${taken.get(index)} and characteristic ${w.key}`);
    taken.set(index, w.entry);
    result.set(`${WIDE_PREFIX}${w.key}`, index);
  }
  return result;
}

/** resolveColumns for any set of fields. */
export function resolveFieldColumns(fields: readonly FieldDefinition[], label: string, names: readonly string[], mapping: ColumnMapping | undefined): Map<string, number> {
  const mapped = checkFieldMapping(fields, label, mapping);
  const normalized = names.map(normalizeHeader);
  const result = new Map<string, number>();
  const used = new Map<number, string>();
  for (const f of fields) {
    let index = -1;
    if (mapped[f.name] !== undefined) {
      index = normalized.indexOf(normalizeHeader(mapped[f.name]!));
      if (index < 0) throw new ColumnError(f.name, `the mapping names column "${mapped[f.name]}" for ${f.name}, but there is no such column (columns: ${names.join(', ')})`);
    } else {
      // A column claimed by the mapping for another field is not reused through an alias.
      const claimed = new Set(Object.values(mapped).map(normalizeHeader));
      for (const alias of [normalizeHeader(f.name), ...f.aliases]) {
        const i = normalized.indexOf(alias);
        if (i >= 0 && !claimed.has(normalized[i]!) && !used.has(i)) {
          index = i;
          break;
        }
      }
    }
    if (index < 0) continue;
    if (used.has(index)) throw new ColumnError(f.name, `column "${names[index]}" cannot be both ${used.get(index)} and ${f.name}`);
    used.set(index, f.name);
    result.set(f.name, index);
  }
  const groups = new Map<string, FieldDefinition[]>();
  for (const f of fields) if (f.oneOf) groups.set(f.oneOf, [...(groups.get(f.oneOf) ?? []), f]);
  for (const f of fields) {
    if (!f.required) continue;
    if (f.oneOf) {
      const group = groups.get(f.oneOf)!;
      const present = group.filter((g) => result.has(g.name));
      if (present.length === 0 && group[0] === f) {
        throw new ColumnError(f.name, `missing column for ${group.map((g) => g.name).join(' or ')} (map one with mapping.${f.name})`);
      }
      if (present.length > 1 && group[0] === f) throw new ColumnError(f.name, `give ${group.map((g) => g.name).join(' or ')}, not both`);
      continue;
    }
    if (!result.has(f.name)) {
      throw new ColumnError(
        f.name,
        `missing column for ${f.name} (${f.description}); accepted names: ${[f.name, ...f.aliases.filter((a) => a !== normalizeHeader(f.name))].join(', ')} — or map it with mapping.${f.name}`,
      );
    }
  }
  return result;
}
