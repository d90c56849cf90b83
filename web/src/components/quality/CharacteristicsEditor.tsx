// The characteristics of a specification as an editable table: name (and the key data files use), unit,
// nominal, LSL, USL (one of them may be empty: a one-sided specification), criticality and test method.
import { ActionIcon, Button, NumberInput, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconPlus, IconTrash } from '../icons.js';
import { CRITICALITIES, type Criticality } from './types.js';

export interface CharacteristicRow {
  key: string;
  /** The key was typed by the user (else it follows the name). */
  keyTouched: boolean;
  name: string;
  unit: string;
  nominal: number | string;
  lsl: number | string;
  usl: number | string;
  criticality: Criticality;
  method: string;
}

export const emptyRow = (): CharacteristicRow => ({ key: '', keyTouched: false, name: '', unit: '', nominal: '', lsl: '', usl: '', criticality: 'major', method: '' });

/** "Bore Ø 32 H7" → "bore_32_h7": a key data files can use. */
export function keyFromName(name: string): string {
  const k = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return /^[a-z]/.test(k) ? k : k ? `c_${k}`.slice(0, 64) : '';
}

const num = (v: number | string) => (v === '' || v === '-' ? null : Number(v));

export function rowToInput(r: CharacteristicRow) {
  return {
    key: r.key.trim(),
    name: r.name,
    unit: r.unit,
    nominal: num(r.nominal),
    lsl: num(r.lsl),
    usl: num(r.usl),
    criticality: r.criticality,
    method: r.method.trim() ? r.method : null,
  };
}

export function CharacteristicsEditor({
  rows,
  onChange,
  errors,
  clear,
  lockedUnits,
  readOnly,
}: {
  rows: CharacteristicRow[];
  onChange: (rows: CharacteristicRow[]) => void;
  errors: Record<string, string>;
  clear: (...keys: string[]) => void;
  /** Keys whose unit cannot change (a revision keeps the units of existing characteristics). */
  lockedUnits?: ReadonlySet<string>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<CharacteristicRow>, field: string) => {
    const next = rows.map((r, j) => {
      if (j !== i) return r;
      const merged = { ...r, ...patch };
      if (patch.name !== undefined && !r.keyTouched) merged.key = keyFromName(patch.name);
      return merged;
    });
    onChange(next);
    clear(`characteristics.${i}.${field}`, ...(field === 'name' ? [`characteristics.${i}.key`] : []), ...(field === 'lsl' || field === 'usl' ? [`characteristics.${i}.usl`, `characteristics.${i}.nominal`] : []), 'characteristics');
  };
  const err = (i: number, f: string) => errors[`characteristics.${i}.${f}`];

  return (
    <div>
      <Table.ScrollContainer minWidth={980}>
        <Table className="bf-table" verticalSpacing={6} data-testid="characteristics-table" style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={30}>#</Table.Th>
              <Table.Th w={220}>{t('quality.specs.cols.name')}</Table.Th>
              <Table.Th w={70}>{t('quality.specs.cols.unit')}</Table.Th>
              <Table.Th w={96}>{t('quality.specs.cols.nominal')}</Table.Th>
              <Table.Th w={96}>{t('quality.specs.cols.lsl')}</Table.Th>
              <Table.Th w={96}>{t('quality.specs.cols.usl')}</Table.Th>
              <Table.Th w={116}>{t('quality.specs.cols.criticality')}</Table.Th>
              <Table.Th>{t('quality.specs.cols.method')}</Table.Th>
              {!readOnly && <Table.Th w={44} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i} data-testid="characteristic-row" style={{ verticalAlign: 'top' }}>
                <Table.Td pt={14}>
                  <Text size="xs" c="dimmed">
                    {i + 1}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    placeholder={t('quality.specs.placeholders.name')}
                    value={r.name}
                    onChange={(e) => set(i, { name: e.currentTarget.value }, 'name')}
                    error={err(i, 'name')}
                    readOnly={readOnly}
                    aria-label={t('quality.specs.cols.name')}
                    data-testid="char-name"
                  />
                  <TextInput
                    size="xs"
                    mt={4}
                    variant="filled"
                    leftSection={
                      <Text size="10px" c="dimmed" fw={600}>
                        {t('quality.specs.cols.key')}
                      </Text>
                    }
                    leftSectionWidth={36}
                    styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    value={r.key}
                    onChange={(e) => set(i, { key: e.currentTarget.value, keyTouched: true }, 'key')}
                    error={err(i, 'key')}
                    readOnly={readOnly}
                    aria-label={t('quality.specs.cols.key')}
                    data-testid="char-key"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    placeholder="mm"
                    value={r.unit}
                    onChange={(e) => set(i, { unit: e.currentTarget.value }, 'unit')}
                    error={err(i, 'unit')}
                    readOnly={readOnly || lockedUnits?.has(r.key)}
                    aria-label={t('quality.specs.cols.unit')}
                    data-testid="char-unit"
                  />
                </Table.Td>
                {(['nominal', 'lsl', 'usl'] as const).map((f) => (
                  <Table.Td key={f}>
                    <NumberInput
                      size="xs"
                      hideControls
                      allowNegative
                      value={r[f]}
                      placeholder={f === 'nominal' ? t('common.optional') : t('quality.specs.placeholders.noLimit')}
                      onChange={(v) => set(i, { [f]: v } as Partial<CharacteristicRow>, f)}
                      error={err(i, f)}
                      readOnly={readOnly}
                      aria-label={t(`quality.specs.cols.${f}`)}
                      data-testid={`char-${f}`}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <Select
                    size="xs"
                    data={CRITICALITIES.map((c) => ({ value: c, label: t(`quality.criticality.${c}`) }))}
                    value={r.criticality}
                    allowDeselect={false}
                    onChange={(v) => v && set(i, { criticality: v as Criticality }, 'criticality')}
                    readOnly={readOnly}
                    aria-label={t('quality.specs.cols.criticality')}
                    data-testid="char-criticality"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    placeholder={t('quality.specs.placeholders.method')}
                    value={r.method}
                    onChange={(e) => set(i, { method: e.currentTarget.value }, 'method')}
                    error={err(i, 'method')}
                    readOnly={readOnly}
                    aria-label={t('quality.specs.cols.method')}
                    data-testid="char-method"
                  />
                </Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Tooltip label={t('quality.specs.removeCharacteristic')} withArrow>
                      <ActionIcon variant="subtle" color="gray" onClick={() => onChange(rows.filter((_, j) => j !== i))} disabled={rows.length <= 1} aria-label={t('quality.specs.removeCharacteristic')}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors.characteristics && (
        <Text size="xs" c="red" mt={4}>
          {errors.characteristics}
        </Text>
      )}
      {!readOnly && (
        <Button variant="subtle" size="xs" mt="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, emptyRow()])} disabled={rows.length >= 100} data-testid="char-add">
          {t('quality.specs.addCharacteristic')}
        </Button>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {t('quality.specs.limitsHint')}
      </Text>
    </div>
  );
}
