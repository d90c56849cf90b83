// Record a sample test under documented conditions: the specification it is judged against, who ran it (and the
// lab), method, equipment with calibration dates, environment, and the results grid (one row per sample, one
// column per characteristic; out-of-spec cells turn red as they are typed). It becomes sample-test evidence.
import { ActionIcon, Alert, Button, FileInput, Grid, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type ClipboardEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SampleTestInput } from '../../../../src/contracts/quality.js';
import { api } from '../../api/client.js';
import type { StoredFile } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../lib/format.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { IconAlert, IconFiles, IconPlus, IconTrash } from '../icons.js';
import { CriticalityBadge, VerdictBadge } from './badges.js';
import { valueDecimals } from './format.js';
import type { Characteristic, SampleTest, Specification } from './types.js';
import { localDate, sampleTestNeedsReport, sampleTestProvenance, sampleTestRunners, zonedIso } from '../../../../src/domain/browser.js';
import { FormErrors } from '../FormErrors.js';

type RunBy = SampleTest['runBy'];
interface Equipment {
  name: string;
  identifier: string;
  calibratedAt: string;
  calibrationDueAt: string;
}
interface SampleRow {
  sample: string;
  values: Record<string, number | string>;
}

const emptyEquipment = (): Equipment => ({ name: '', identifier: '', calibratedAt: '', calibrationDueAt: '' });
const sampleRows = (n: number, from = 1): SampleRow[] => Array.from({ length: n }, (_, i) => ({ sample: `S${from + i}`, values: {} }));
const toNumber = (v: number | string | undefined): number | null => {
  if (v === undefined || v === '' || v === '-') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.'));
  return Number.isFinite(n) ? n : null;
};

export function outOfSpec(c: Pick<Characteristic, 'lsl' | 'usl'>, v: number): boolean {
  return (c.lsl !== null && v < c.lsl) || (c.usl !== null && v > c.usl);
}

export function limitsText(c: Pick<Characteristic, 'lsl' | 'usl' | 'unit'>, d: number, f: (n: number, d: number) => string): string {
  if (c.lsl !== null && c.usl !== null) return `${f(c.lsl, d - 1 || 1)} … ${f(c.usl, d - 1 || 1)} ${c.unit}`;
  if (c.lsl !== null) return `≥ ${f(c.lsl, d - 1 || 1)} ${c.unit}`;
  return `≤ ${f(c.usl!, d - 1 || 1)} ${c.unit}`;
}

export function SampleTestForm({
  engagementId,
  specifications,
  onDone,
  onCancel,
  submitTo,
  initialMethod,
}: {
  engagementId: string;
  specifications: Specification[];
  onDone: (t: SampleTest) => void;
  onCancel: () => void;
  /** Where the test goes instead of the engagement's sample tests (e.g. against an accepted sample offer). */
  submitTo?: (body: Record<string, unknown>) => Promise<SampleTest>;
  /** The test method agreed beforehand (the supplier's stated conditions). */
  initialMethod?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { organization } = useSession();
  const isBuyer = organization.kind === 'buyer';
  const runners: RunBy[] = sampleTestRunners(organization.kind);
  const [specId, setSpecId] = useState<string | null>(specifications[0]?.id ?? null);
  const spec = specifications.find((s) => s.id === specId) ?? null;
  const [runBy, setRunBy] = useState<RunBy>(runners[0]!);
  const [lab, setLab] = useState({ name: '', accreditation: '', reportNumber: '' });
  const [method, setMethod] = useState(() => initialMethod ?? defaultMethod(specifications[0]));
  const [methodTouched, setMethodTouched] = useState(Boolean(initialMethod));
  const [location, setLocation] = useState('');
  const [testedOn, setTestedOn] = useState(() => localDate(Date.now(), fmt.timeZone));
  const [equipment, setEquipment] = useState<Equipment[]>([emptyEquipment()]);
  const [env, setEnv] = useState<{ temperatureC: number | string; relativeHumidityPct: number | string; note: string }>({ temperatureC: '', relativeHumidityPct: '', note: '' });
  const [samples, setSamples] = useState<SampleRow[]>(() => sampleRows(5));
  const [note, setNote] = useState('');
  const [report, setReport] = useState<File | null>(null);
  const { errors, setErrors, clear } = useFieldErrors();
  const reportNeeded = sampleTestNeedsReport(sampleTestProvenance(organization.kind, runBy) ?? 'documented');
  const characteristics = spec?.characteristics ?? [];

  const record = useMutation({
    mutationFn: async (body: Record<string, unknown>) => {
      let reportFileId: string | null = null;
      if (report) {
        const form = new FormData();
        form.append('file', report, report.name);
        reportFileId = (await api.upload<StoredFile>('/api/v1/files', form)).id;
      }
      if (submitTo) return submitTo({ ...body, reportFileId });
      return api.post<SampleTest>(`/api/v1/engagements/${encodeURIComponent(engagementId)}/sample-tests`, { ...body, reportFileId });
    },
    onSuccess: onDone,
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const chooseSpec = (id: string | null) => {
    setSpecId(id);
    const s = specifications.find((x) => x.id === id);
    if (!methodTouched) setMethod(defaultMethod(s));
    clear('specificationId');
  };

  const setCell = (row: number, key: string, value: number | string) => {
    setSamples((rows) => rows.map((r, i) => (i === row ? { ...r, values: { ...r.values, [key]: value } } : r)));
    clear('samples', `samples.${row}.values`, `samples.${row}.values.${key}`);
  };

  /** Pasting a block copied from a spreadsheet or lab report fills the grid from the cell pasted into. */
  const paste = (row: number, col: number) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const lines = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');
    setSamples((rows) => {
      const next = rows.map((r) => ({ ...r, values: { ...r.values } }));
      lines.forEach((line, i) => {
        const target = row + i;
        while (next.length <= target && next.length < 500) next.push({ sample: `S${next.length + 1}`, values: {} });
        const cells = line.split('\t');
        cells.forEach((cell, j) => {
          const c = characteristics[col + j];
          const n = toNumber(cell);
          if (c && n !== null && next[target]) next[target].values[c.key] = n;
        });
      });
      return next;
    });
  };

  const preview = useMemo(
    () =>
      characteristics.map((c) => {
        const values = samples.map((s) => toNumber(s.values[c.key])).filter((v): v is number => v !== null);
        const verdict: 'pass' | 'fail' | 'not_tested' = values.length === 0 ? 'not_tested' : values.some((v) => outOfSpec(c, v)) ? 'fail' : 'pass';
        return { key: c.key, verdict };
      }),
    [characteristics, samples],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      specificationId: specId ?? '',
      runBy,
      ...(runBy === 'third_party_lab'
        ? { lab: { name: lab.name, accreditation: lab.accreditation.trim() || null, reportNumber: lab.reportNumber.trim() || null } }
        : {}),
      conditions: {
        method,
        location: location.trim() || null,
        equipment: equipment
          .filter((q, i) => i === 0 || q.name.trim() || q.calibratedAt)
          .map((q) => ({ name: q.name, identifier: q.identifier.trim() || null, calibratedAt: q.calibratedAt, calibrationDueAt: q.calibrationDueAt || null })),
        environment: {
          temperatureC: toNumber(env.temperatureC),
          relativeHumidityPct: toNumber(env.relativeHumidityPct),
          note: env.note.trim() || null,
        },
      },
      testedAt: testedOn ? zonedIso(testedOn, '12:00', fmt.timeZone) : '',
      samples: samples
        .map((s) => ({
          sample: s.sample.trim(),
          values: Object.fromEntries(
            Object.entries(s.values)
              .map(([k, v]) => [k, toNumber(v)] as const)
              .filter(([k, v]) => v !== null && characteristics.some((c) => c.key === k)),
          ) as Record<string, number>,
        }))
        .filter((s) => Object.keys(s.values).length > 0),
      note: note.trim() || null,
    };
    const v = validate(SampleTestInput, body, t);
    const errs: Record<string, string> = v.ok ? {} : { ...v.errors };
    if (body.samples.length === 0) errs.samples = t('quality.samples.form.noValues');
    if (reportNeeded && !report) errs.reportFileId = t('quality.samples.form.reportNeeded');
    if (Object.keys(errs).length > 0) return setErrors(errs);
    setErrors({});
    record.mutate(body);
  };

  const sampleErrors = Object.entries(errors).filter(([k]) => k === 'samples' || k.startsWith('samples.'));
  return (
    <form onSubmit={submit} noValidate data-testid="sample-test-form">
      <Stack gap="md">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label={t('quality.samples.form.specification')}
              withAsterisk
              data={specifications.map((s) => ({ value: s.id, label: `${s.product} · ${s.title} (v${s.currentVersion})` }))}
              value={specId}
              onChange={chooseSpec}
              allowDeselect={false}
              error={errors.specificationId}
              data-testid="sample-spec"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Text size="sm" fw={500} mb={4}>
              {t('quality.samples.form.runBy')}
            </Text>
            <SegmentedControl
              fullWidth
              data={runners.map((r) => ({ value: r, label: t(`quality.samples.runBy.${r}`) }))}
              value={runBy}
              onChange={(v) => {
                setRunBy(v as RunBy);
                clear('runBy', 'lab', 'lab.name', 'reportFileId');
              }}
              data-testid="sample-run-by"
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t(`quality.samples.form.provenanceHint.${isBuyer ? runBy : runBy === 'supplier' ? 'supplierSelf' : 'supplierLab'}`)}
            </Text>
          </Grid.Col>
        </Grid>

        {runBy === 'third_party_lab' && (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput
                label={t('quality.samples.form.labName')}
                withAsterisk
                value={lab.name}
                onChange={(e) => {
                  setLab({ ...lab, name: e.currentTarget.value });
                  clear('lab', 'lab.name');
                }}
                error={errors['lab.name'] ?? errors.lab}
                data-testid="sample-lab-name"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t('quality.samples.form.accreditation')} placeholder="CNAS L0599" value={lab.accreditation} onChange={(e) => setLab({ ...lab, accreditation: e.currentTarget.value })} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput label={t('quality.samples.form.reportNumber')} value={lab.reportNumber} onChange={(e) => setLab({ ...lab, reportNumber: e.currentTarget.value })} />
            </Grid.Col>
          </Grid>
        )}

        <Paper withBorder p="sm" radius="md">
          <Text fw={600} size="sm" mb="xs">
            {t('quality.samples.form.conditions')}
          </Text>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <TextInput
                label={t('quality.samples.form.method')}
                withAsterisk
                value={method}
                onChange={(e) => {
                  setMethod(e.currentTarget.value);
                  setMethodTouched(true);
                  clear('conditions.method');
                }}
                error={errors['conditions.method']}
                data-testid="sample-method"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <TextInput
                type="date"
                label={t('quality.samples.form.testedOn')}
                withAsterisk
                value={testedOn}
                onChange={(e) => {
                  setTestedOn(e.currentTarget.value);
                  clear('testedAt');
                }}
                error={errors.testedAt}
                data-testid="sample-tested-on"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <TextInput label={t('quality.samples.form.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} data-testid="sample-location" />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 2 }}>
              <NumberInput label={t('quality.samples.form.temperature')} suffix=" °C" hideControls value={env.temperatureC} onChange={(v) => setEnv({ ...env, temperatureC: v })} error={errors['conditions.environment.temperatureC']} data-testid="sample-temperature" />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 2 }}>
              <NumberInput label={t('quality.samples.form.humidity')} suffix=" %" hideControls min={0} max={100} value={env.relativeHumidityPct} onChange={(v) => setEnv({ ...env, relativeHumidityPct: v })} error={errors['conditions.environment.relativeHumidityPct']} data-testid="sample-humidity" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 2 }}>
              <TextInput label={t('quality.samples.form.envNote')} value={env.note} onChange={(e) => setEnv({ ...env, note: e.currentTarget.value })} />
            </Grid.Col>
          </Grid>
          <Text size="sm" fw={500} mt="sm" mb={4}>
            {t('quality.samples.form.equipment')}
          </Text>
          <Stack gap={6}>
            {equipment.map((q, i) => (
              <Group key={i} gap="xs" wrap="nowrap" align="flex-start" data-testid="equipment-row">
                <TextInput
                  style={{ flex: 2 }}
                  placeholder={t('quality.samples.form.equipmentName')}
                  aria-label={t('quality.samples.form.equipmentName')}
                  value={q.name}
                  onChange={(e) => {
                    setEquipment(equipment.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)));
                    clear(`conditions.equipment.${i}.name`);
                  }}
                  error={errors[`conditions.equipment.${i}.name`]}
                  data-testid="equipment-name"
                />
                <TextInput
                  style={{ flex: 1 }}
                  placeholder={t('quality.samples.form.equipmentId')}
                  aria-label={t('quality.samples.form.equipmentId')}
                  value={q.identifier}
                  onChange={(e) => setEquipment(equipment.map((x, j) => (j === i ? { ...x, identifier: e.currentTarget.value } : x)))}
                />
                <TextInput
                  type="date"
                  w={200}
                  leftSection={<Text size="10px" c="dimmed">{t('quality.samples.form.calibratedShort')}</Text>}
                  leftSectionWidth={62}
                  aria-label={t('quality.samples.form.calibratedAt')}
                  title={t('quality.samples.form.calibratedAt')}
                  value={q.calibratedAt}
                  onChange={(e) => {
                    setEquipment(equipment.map((x, j) => (j === i ? { ...x, calibratedAt: e.currentTarget.value } : x)));
                    clear(`conditions.equipment.${i}.calibratedAt`);
                  }}
                  error={errors[`conditions.equipment.${i}.calibratedAt`]}
                  data-testid="equipment-calibrated"
                />
                <TextInput
                  type="date"
                  w={180}
                  leftSection={<Text size="10px" c="dimmed">{t('quality.samples.form.dueShort')}</Text>}
                  leftSectionWidth={40}
                  aria-label={t('quality.samples.form.calibrationDueAt')}
                  title={t('quality.samples.form.calibrationDueAt')}
                  value={q.calibrationDueAt}
                  onChange={(e) => setEquipment(equipment.map((x, j) => (j === i ? { ...x, calibrationDueAt: e.currentTarget.value } : x)))}
                  error={errors[`conditions.equipment.${i}.calibrationDueAt`]}
                />
                <ActionIcon variant="subtle" color="gray" mt={6} disabled={equipment.length <= 1} onClick={() => setEquipment(equipment.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          <Button variant="subtle" size="xs" mt={4} leftSection={<IconPlus size={14} />} onClick={() => setEquipment([...equipment, emptyEquipment()])} disabled={equipment.length >= 20}>
            {t('quality.samples.form.addEquipment')}
          </Button>
        </Paper>

        <div>
          <Group justify="space-between" mb={4}>
            <Text fw={600} size="sm">
              {t('quality.samples.form.results')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('quality.samples.form.pasteHint')}
            </Text>
          </Group>
          {spec ? (
            <Table.ScrollContainer minWidth={140 + characteristics.length * 150}>
              <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing={6} data-testid="results-grid">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={110}>{t('quality.samples.form.sample')}</Table.Th>
                    {characteristics.map((c) => (
                      <Table.Th key={c.key} miw={140}>
                        <Group gap={4} wrap="nowrap">
                          <Text size="xs" fw={600} lineClamp={1} title={c.name}>
                            {c.name}
                          </Text>
                          {c.criticality === 'critical' && <CriticalityBadge criticality="critical" size="xs" />}
                        </Group>
                        <Text size="10px" c="dimmed" fw={400}>
                          {limitsText(c, valueDecimals(c), (n, d) => n.toFixed(d))}
                        </Text>
                      </Table.Th>
                    ))}
                    <Table.Th w={36} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {samples.map((s, i) => (
                    <Table.Tr key={i} data-testid="results-row">
                      <Table.Td>
                        <TextInput
                          size="xs"
                          variant="unstyled"
                          value={s.sample}
                          onChange={(e) => setSamples(samples.map((r, j) => (j === i ? { ...r, sample: e.currentTarget.value } : r)))}
                          aria-label={t('quality.samples.form.sample')}
                          error={Boolean(errors[`samples.${i}.sample`])}
                          data-testid="results-sample"
                        />
                      </Table.Td>
                      {characteristics.map((c, j) => {
                        const n = toNumber(s.values[c.key]);
                        const bad = n !== null && outOfSpec(c, n);
                        return (
                          <Table.Td key={c.key} bg={bad ? 'red.0' : undefined}>
                            <NumberInput
                              size="xs"
                              variant="unstyled"
                              hideControls
                              allowNegative
                              decimalSeparator="."
                              value={s.values[c.key] ?? ''}
                              onChange={(v) => setCell(i, c.key, v)}
                              onPaste={paste(i, j)}
                              styles={{ input: { color: bad ? 'var(--mantine-color-red-8)' : undefined, fontWeight: bad ? 600 : undefined, fontVariantNumeric: 'tabular-nums' } }}
                              aria-label={`${s.sample} · ${c.name}`}
                              data-testid={`cell-${i}-${c.key}`}
                              data-out-of-spec={bad || undefined}
                            />
                          </Table.Td>
                        );
                      })}
                      <Table.Td>
                        <ActionIcon variant="subtle" color="gray" size="sm" disabled={samples.length <= 1} onClick={() => setSamples(samples.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr bg="gray.0">
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {t('quality.samples.form.preview')}
                      </Text>
                    </Table.Td>
                    {preview.map((p) => (
                      <Table.Td key={p.key} data-testid={`preview-${p.key}`}>
                        <VerdictBadge verdict={p.verdict} size="xs" />
                      </Table.Td>
                    ))}
                    <Table.Td />
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              {t('quality.samples.form.chooseSpec')}
            </Text>
          )}
          <Button variant="subtle" size="xs" mt={4} leftSection={<IconPlus size={14} />} onClick={() => setSamples([...samples, ...sampleRows(1, samples.length + 1)])} disabled={samples.length >= 500} data-testid="results-add">
            {t('quality.samples.form.addSample')}
          </Button>
          {sampleErrors.length > 0 && (
            <Stack gap={2} mt={4} data-testid="results-errors">
              {sampleErrors.map(([k, m]) => (
                <Text key={k} size="xs" c="red">
                  {k === 'samples' ? m : `${k.replace(/^samples\.(\d+)/, (_, n: string) => samples[Number(n)]?.sample || `#${Number(n) + 1}`)}: ${m}`}
                </Text>
              ))}
            </Stack>
          )}
        </div>

        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <FileInput
              label={t('quality.samples.form.report')}
              description={reportNeeded ? t('quality.samples.form.reportHint') : t('quality.samples.form.reportOptional')}
              withAsterisk={reportNeeded}
              leftSection={<IconFiles size={16} />}
              value={report}
              onChange={(f) => {
                setReport(f);
                clear('reportFileId');
              }}
              clearable
              error={errors.reportFileId}
              data-testid="sample-report"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Textarea label={t('quality.samples.form.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          </Grid.Col>
        </Grid>

        <FormErrors errors={errors} error={record.isError ? record.error : undefined} testId="sample-error" />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('quality.samples.form.becomesEvidence')}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Tooltip label={t('quality.samples.form.chooseSpec')} disabled={Boolean(spec)}>
              <Button type="submit" loading={record.isPending} disabled={!spec} data-testid="sample-submit">
                {t('quality.samples.form.submit')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function defaultMethod(s: Specification | undefined): string {
  if (!s) return '';
  return [...new Set(s.characteristics.map((c) => c.method).filter((m): m is string => Boolean(m)))].join('; ').slice(0, 300);
}
