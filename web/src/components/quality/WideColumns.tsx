// Wide batch files — a coordinate measuring machine's export: one row per part or lot, one column per
// characteristic. The supplier says which column holds which characteristic of the buyer's specification; the
// mapping sent is the server's own ("characteristic:<key>": column, see src/domain/quality/columns.ts), so the
// API, the CLI and this dialog read a file the same way. Each non-empty cell is one measurement in the
// specification's unit.
import { Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { normalizeHeader, WIDE_PREFIX } from '../../../../src/domain/browser.js';

/** Fields a wide file does not have (its columns are the characteristics). */
export const WIDE_REPLACES = ['characteristic', 'value', 'unit'];

export interface CharacteristicOption {
  key: string;
  name: string;
  unit: string;
  product: string;
}

/** Whether a batch file looks wide: no characteristic or value column, and some column named like a characteristic. */
export function looksWide(columns: readonly string[], auto: Record<string, string | null>, characteristics: readonly CharacteristicOption[]): boolean {
  if (auto.characteristic && auto.value) return false;
  return Object.keys(guessCharacteristics(columns, auto, characteristics)).length > 0;
}

/** Column → characteristic key for the columns named like a characteristic's key or name (the server matches keys so). */
export function guessCharacteristics(columns: readonly string[], auto: Record<string, string | null>, characteristics: readonly CharacteristicOption[]): Record<string, string> {
  const taken = new Set(Object.entries(auto).filter(([f, c]) => c && !WIDE_REPLACES.includes(f)).map(([, c]) => c!));
  const out: Record<string, string> = {};
  for (const column of columns) {
    if (taken.has(column)) continue;
    const n = normalizeHeader(column);
    const c = characteristics.find((x) => normalizeHeader(x.key) === n || normalizeHeader(x.name) === n);
    if (c && !Object.values(out).includes(c.key)) out[column] = c.key;
  }
  return out;
}

/** The mapping entries of the characteristic columns. */
export function wideMapping(chosen: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [column, key] of Object.entries(chosen)) if (key) out[`${WIDE_PREFIX}${key}`] = column;
  return out;
}

export function WideColumnsEditor({
  columns,
  used,
  characteristics,
  chosen,
  onChange,
}: {
  /** The file's columns. */
  columns: string[];
  /** Columns read as lot, product, producedAt or line: not offered. */
  used: ReadonlySet<string>;
  characteristics: readonly CharacteristicOption[];
  chosen: Record<string, string | null>;
  onChange: (column: string, key: string | null) => void;
}) {
  const { t } = useTranslation();
  const free = columns.filter((c) => !used.has(c));
  const taken = new Set(Object.values(chosen).filter(Boolean));
  return (
    <div data-testid="wide-columns">
      <Text size="xs" c="dimmed" mb={6}>
        {t('quality.imports.wide.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
        {free.map((column) => (
          <Select
            key={column}
            size="xs"
            label={
              <Text span size="xs" fw={600} ff="monospace">
                {column}
              </Text>
            }
            placeholder={t('quality.imports.wide.notCharacteristic')}
            data={characteristics.map((c) => ({
              value: c.key,
              label: `${c.name} (${c.key}, ${c.unit})`,
              disabled: taken.has(c.key) && chosen[column] !== c.key,
            }))}
            value={chosen[column] ?? null}
            onChange={(v) => onChange(column, v)}
            clearable
            searchable
            data-testid="wide-column"
            data-column={column}
          />
        ))}
      </SimpleGrid>
    </div>
  );
}
