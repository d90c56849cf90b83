// The column mapping for files from other systems: the file's header is read in the browser (with the server's
// own CSV reader), each field shows the column it will be read from — found by name, or chosen here — and
// only the choices that differ from what the server would find by itself are sent as the mapping. The first rows
// are read too, to pre-select the decimal separator.
import { Badge, Group, Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CsvReader, type FieldDefinition, fieldsOf, normalizeHeader } from '../../../../src/domain/browser.js';
import type { ImportKind } from './types.js';

export type ImportFormat = 'csv' | 'jsonl';
export type DecimalSeparator = '.' | ',';

export function formatOf(name: string, head: string): ImportFormat {
  const n = name.toLowerCase();
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson') || n.endsWith('.json')) return 'jsonl';
  if (n.endsWith('.csv') || n.endsWith('.tsv') || n.endsWith('.txt')) return 'csv';
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

const STOP = Symbol('enough read');
/** Data rows read to guess the decimal separator. */
const SAMPLE_ROWS = 50;
const COMMA_DECIMAL = /^[+-]?\d+,\d+$/;
const POINT_DECIMAL = /^[+-]?\d*\.\d+$/;

/**
 * The decimal separator to pre-select. Systems that write decimal commas export with ";" between the columns, so
 * such a file gets "," — unless its first rows show decimal points and no decimal commas (some exports use ";"
 * with points). Other delimiters keep "."; there a comma in a number is as likely a thousands separator.
 */
export function guessDecimalSeparator(delimiter: string | undefined, rows: readonly (readonly string[])[]): DecimalSeparator {
  if (delimiter !== ';') return '.';
  let commas = 0;
  let points = 0;
  for (const row of rows) {
    for (const field of row) {
      const t = field.trim();
      if (COMMA_DECIMAL.test(t)) commas++;
      else if (POINT_DECIMAL.test(t)) points++;
    }
  }
  return points > 0 && commas === 0 ? '.' : ',';
}

/**
 * The column names of a file — the CSV header line, or the keys of the first JSON line — with the CSV delimiter
 * the server will detect and the decimal separator to pre-select (from the delimiter and the first rows).
 */
export async function readColumns(file: File): Promise<{ format: ImportFormat; columns: string[]; delimiter?: string; decimalSeparator: DecimalSeparator }> {
  const head = await file.slice(0, 256 * 1024).text();
  const format = formatOf(file.name, head);
  if (format === 'jsonl') {
    const first = head.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '');
    try {
      const v = first ? (JSON.parse(first) as unknown) : null;
      return { format, columns: v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [], decimalSeparator: '.' };
    } catch {
      return { format, columns: [], decimalSeparator: '.' };
    }
  }
  let columns = null as string[] | null;
  const rows: string[][] = [];
  const reader = new CsvReader();
  const onRecord = (fields: string[]) => {
    if (columns === null) columns = fields;
    else rows.push(fields);
    if (rows.length >= SAMPLE_ROWS) throw STOP;
  };
  try {
    reader.push(head, onRecord);
    reader.end(onRecord);
  } catch (e) {
    // A syntax error after the header (or in a line cut off at 256 KB) is the server's to report.
    if (e !== STOP && columns === null) return { format, columns: [], decimalSeparator: '.' };
  }
  const delimiter = reader.detectedDelimiter;
  return { format, columns: (columns ?? []).map((c) => c.trim()).filter(Boolean), delimiter, decimalSeparator: guessDecimalSeparator(delimiter, rows) };
}

/** The column the server finds for a field by its name and aliases (as resolveColumns does without a mapping). */
export function autoColumns(kind: ImportKind, columns: readonly string[]): Record<string, string | null> {
  const normalized = columns.map(normalizeHeader);
  const used = new Set<number>();
  const out: Record<string, string | null> = {};
  for (const f of fieldsOf(kind)) {
    let found: number = -1;
    for (const alias of [normalizeHeader(f.name), ...f.aliases]) {
      const i = normalized.indexOf(alias);
      if (i >= 0 && !used.has(i)) {
        found = i;
        break;
      }
    }
    if (found >= 0) used.add(found);
    out[f.name] = found >= 0 ? columns[found]! : null;
  }
  return out;
}

/** Required fields that no column provides (for a one-of group, when none of its fields has a column). */
export function missingFields(kind: ImportKind, chosen: Record<string, string | null>): FieldDefinition[] {
  const fields = fieldsOf(kind);
  const missing: FieldDefinition[] = [];
  const groups = new Set<string>();
  for (const f of fields) {
    if (!f.required) continue;
    if (f.oneOf) {
      if (groups.has(f.oneOf)) continue;
      groups.add(f.oneOf);
      if (!fields.filter((g) => g.oneOf === f.oneOf).some((g) => chosen[g.name])) missing.push(f);
    } else if (!chosen[f.name]) missing.push(f);
  }
  return missing;
}

export function ColumnMappingEditor({
  kind,
  columns,
  chosen,
  auto,
  onChange,
  omit = [],
}: {
  kind: ImportKind;
  columns: string[];
  chosen: Record<string, string | null>;
  auto: Record<string, string | null>;
  onChange: (field: string, column: string | null) => void;
  /** Fields the file does not have (a wide file's characteristic, value and unit). */
  omit?: readonly string[];
}) {
  const { t } = useTranslation();
  const options = columns.map((c) => ({ value: c, label: c }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} data-testid="column-mapping">
      {fieldsOf(kind).filter((f) => !omit.includes(f.name)).map((f) => {
        const value = chosen[f.name] ?? null;
        const mapped = value !== (auto[f.name] ?? null);
        const required = f.required && !f.oneOf;
        return (
          <Select
            key={f.name}
            size="xs"
            label={
              <Group gap={4} wrap="nowrap" component="span">
                <Text span size="xs" fw={600} ff="monospace">
                  {f.name}
                </Text>
                {required && (
                  <Text span c="red" size="xs">
                    *
                  </Text>
                )}
                {mapped && value && (
                  <Badge size="xs" variant="light" color="violet" tt="none">
                    {t('quality.imports.mapped')}
                  </Badge>
                )}
              </Group>
            }
            description={t(`quality.imports.fields.${f.name}`, { defaultValue: f.description })}
            placeholder={t('quality.imports.notInFile')}
            data={options}
            value={value}
            onChange={(v) => onChange(f.name, v)}
            clearable
            searchable
            error={required && !value ? t('quality.imports.noColumn') : undefined}
            data-testid={`map-${f.name}`}
          />
        );
      })}
    </SimpleGrid>
  );
}
