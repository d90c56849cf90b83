// Setting up a pilot (the buyer, in phase 3): dates (3–6 months, else a reason that stays visible), the product
// and volume, the KPIs from the catalogue with target, at-risk threshold and weight, and custom KPIs as formulas
// over recorded quantities — checked as they are typed with the server's own parser, the fault shown where it is.
import { Alert, Button, Card, Checkbox, Grid, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { addMonths, CATALOGUE, CATALOGUE_KEYS, type CatalogueKey, parseFormula, PILOT_MAX_MONTHS, PILOT_MIN_MONTHS, pilotLength, QUANTITIES, QUANTITY_NAMES } from '../../../../src/domain/browser.js';
import { IconAlert, IconPlus, IconTrash } from '../icons.js';
import { errorText, serverFieldErrors } from '../../lib/validation.js';
import { notify } from '../../lib/notify.js';
import { pilotsApi, useRefreshPilot } from './api.js';
import type { Pilot } from './types.js';

interface CatalogueRow {
  on: boolean;
  target: number;
  atRisk: number;
  weight: number;
}

interface CustomRow {
  key: string;
  label: string;
  formula: string;
  unit: string;
  direction: 'higher' | 'lower';
  target: number | string;
  atRisk: number | string;
  weight: number;
}

const DEFAULT_ON: readonly CatalogueKey[] = ['otd', 'otif', 'defect_ppm', 'lot_acceptance', 'response_time'];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function PilotSetupForm({ engagementId, productHint }: { engagementId: string; productHint: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const refresh = useRefreshPilot();
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState(today());
  const [endDate, setEndDate] = useState(addMonths(today(), 4));
  const [reason, setReason] = useState('');
  const [product, setProduct] = useState(productHint);
  const [volume, setVolume] = useState<number | string>(2000);
  const [before, setBefore] = useState<number | string>(0);
  const [after, setAfter] = useState<number | string>(3);
  const [rows, setRows] = useState<Record<CatalogueKey, CatalogueRow>>(
    () => Object.fromEntries(CATALOGUE_KEYS.map((k) => [k, { on: DEFAULT_ON.includes(k), target: CATALOGUE[k].defaultTarget, atRisk: CATALOGUE[k].defaultAtRisk, weight: k === 'otd' || k === 'defect_ppm' ? 3 : 1 }])) as Record<CatalogueKey, CatalogueRow>,
  );
  const [custom, setCustom] = useState<CustomRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const length = /^\d{4}-\d{2}-\d{2}$/.test(startDate) && /^\d{4}-\d{2}-\d{2}$/.test(endDate) && endDate > startDate ? pilotLength(startDate, endDate) : null;
  const formulaFaults = useMemo(() => custom.map((c) => (c.formula.trim() ? parseFormula(c.formula, QUANTITY_NAMES) : null)), [custom]);

  const body = () => {
    const window = { before: Number(before) || 0, after: Number(after) || 0 };
    const kpis = [
      ...CATALOGUE_KEYS.filter((k) => rows[k].on).map((k) => ({
        key: k,
        target: rows[k].target,
        atRisk: rows[k].atRisk,
        weight: rows[k].weight,
        ...(k === 'otd' || k === 'otif' ? { params: { window } } : {}),
      })),
      ...custom.map((c) => ({
        key: c.key.trim(),
        label: c.label.trim() || null,
        formula: c.formula,
        unit: c.unit.trim(),
        direction: c.direction,
        target: Number(c.target),
        atRisk: c.atRisk === '' ? Number(c.target) : Number(c.atRisk),
        weight: c.weight,
      })),
    ];
    return {
      title: title.trim(),
      startDate,
      endDate,
      durationReason: reason.trim() || null,
      products: [{ product: product.trim(), volume: Number(volume), unit: 'pcs', period: 'month' }],
      periodUnit: 'month',
      kpis,
    };
  };
  const create = useMutation({
    mutationFn: () => pilotsApi.create(engagementId, body()),
    onSuccess: async (p: Pilot) => {
      notify.success(t('pilots.setup.created'));
      await refresh(p.id, engagementId);
      navigate(`/pilots/${p.id}`);
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
  });
  const submit = () => {
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = t('validation.required');
    if (!product.trim()) local['products.0.product'] = t('validation.required');
    if (length && !length.inRange && !reason.trim()) local.durationReason = t('pilots.setup.reasonRequired', { months: length.months });
    custom.forEach((c, i) => {
      const r = formulaFaults[i];
      if (!c.formula.trim()) local[`custom.${i}.formula`] = t('validation.required');
      else if (r && !r.ok) local[`custom.${i}.formula`] = t('pilots.formula.fault', { character: r.fault.position + 1, message: t(`pilots.formula.codes.${r.fault.code}`, { ...r.fault.params, defaultValue: r.fault.message }) });
      if (!/^[a-z][a-z0-9_]{1,39}$/.test(c.key.trim())) local[`custom.${i}.key`] = t('pilots.setup.keyHint');
      if (c.target === '' || Number.isNaN(Number(c.target))) local[`custom.${i}.target`] = t('validation.required');
    });
    setErrors(local);
    if (Object.keys(local).length === 0) create.mutate();
  };
  // Server issues name kpis.<n>.<field>; custom rows come after the catalogue rows.
  const onCount = CATALOGUE_KEYS.filter((k) => rows[k].on).length;
  const customError = (i: number, field: string) => errors[`custom.${i}.${field}`] ?? errors[`kpis.${onCount + i}.${field}`];

  return (
    <Card data-testid="pilot-setup">
      <Title order={3} fw={650}>
        {t('pilots.setup.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t('pilots.setup.intro', { min: PILOT_MIN_MONTHS, max: PILOT_MAX_MONTHS })}
      </Text>
      <Stack gap="md" mt="md">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TextInput label={t('pilots.setup.name')} placeholder={t('pilots.setup.namePlaceholder')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-testid="setup-title" />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <TextInput type="date" label={t('pilots.setup.start')} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} error={errors.startDate} data-testid="setup-start" />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <TextInput type="date" label={t('pilots.setup.end')} value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} error={errors.endDate} data-testid="setup-end" />
          </Grid.Col>
        </Grid>
        {length && (
          <Text size="sm" c={length.inRange ? 'dimmed' : 'orange'} data-testid="setup-length">
            {t(length.inRange ? 'pilots.setup.lengthOk' : 'pilots.setup.lengthOutside', { months: length.months, min: PILOT_MIN_MONTHS, max: PILOT_MAX_MONTHS })}
          </Text>
        )}
        {length && !length.inRange && (
          <Textarea label={t('pilots.setup.reason')} description={t('pilots.setup.reasonHint')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.durationReason} data-testid="setup-reason" />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('pilots.setup.product')} value={product} onChange={(e) => setProduct(e.currentTarget.value)} error={errors['products.0.product']} data-testid="setup-product" />
          <NumberInput label={t('pilots.setup.volume')} min={1} thousandSeparator=" " value={volume} onChange={setVolume} error={errors['products.0.volume']} data-testid="setup-volume" />
        </SimpleGrid>

        <div>
          <Text fw={600} size="sm">
            {t('pilots.setup.kpis')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('pilots.setup.kpisHint')}
          </Text>
          {/* On a phone the table scrolls sideways (the card clipped the weight column before). */}
          <Table.ScrollContainer minWidth={560} type="native" mt="xs">
            <Table fz="sm" data-testid="setup-catalogue" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pilots.setup.kpi')}</Table.Th>
                  <Table.Th>{t('pilots.setup.target')}</Table.Th>
                  <Table.Th>{t('pilots.setup.atRisk')}</Table.Th>
                  <Table.Th>{t('pilots.setup.weight')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CATALOGUE_KEYS.map((k) => {
                  const i = CATALOGUE_KEYS.filter((x) => rows[x].on).indexOf(k);
                  return (
                  <Table.Tr key={k} data-testid={`setup-kpi-${k}`}>
                    <Table.Td>
                      <Checkbox
                        checked={rows[k].on}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setRows((s) => ({ ...s, [k]: { ...s[k], on } }));
                        }}
                        label={
                          <span>
                            {t(`pilots.catalogue.${k}.name`)}{' '}
                            <Text span size="xs" c="dimmed">
                              ({t(CATALOGUE[k].direction === 'higher' ? 'pilots.setup.higher' : 'pilots.setup.lower')}, {t(`pilots.units.${CATALOGUE[k].unit}`)})
                            </Text>
                          </span>
                        }
                      />
                      {i >= 0 && errors[`kpis.${i}.atRisk`] && (
                        <Text size="xs" c="red">
                          {errors[`kpis.${i}.atRisk`]}
                        </Text>
                      )}
                    </Table.Td>
                    {(['target', 'atRisk', 'weight'] as const).map((field) => (
                      <Table.Td key={field}>
                        <NumberInput size="xs" w={86} disabled={!rows[k].on} value={rows[k][field]} onChange={(v) => setRows((s) => ({ ...s, [k]: { ...s[k], [field]: Number(v) || 0 } }))} data-testid={`setup-${k}-${field}`} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group gap="sm" mt="xs" align="flex-end">
            <Text size="sm">{t('pilots.setup.window')}</Text>
            <NumberInput size="xs" w={80} min={0} max={60} prefix="−" value={before} onChange={setBefore} aria-label={t('pilots.setup.windowBefore')} data-testid="setup-window-before" />
            <NumberInput size="xs" w={80} min={0} max={60} prefix="+" value={after} onChange={setAfter} aria-label={t('pilots.setup.windowAfter')} data-testid="setup-window-after" />
            <Text size="xs" c="dimmed">
              {t('pilots.setup.windowHint')}
            </Text>
          </Group>
        </div>

        <div>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('pilots.setup.custom')}
            </Text>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCustom((c) => [...c, { key: '', label: '', formula: '', unit: '%', direction: 'higher', target: '', atRisk: '', weight: 1 }])}
              data-testid="setup-add-custom"
            >
              {t('pilots.setup.addCustom')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('pilots.setup.customHint')}
          </Text>
          {custom.map((c, i) => {
            const r = formulaFaults[i];
            const set = (patch: Partial<CustomRow>) => setCustom((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <Card key={i} withBorder mt="xs" padding="sm" data-testid="setup-custom-row">
                <Grid gap="xs">
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput size="xs" label={t('pilots.setup.key')} placeholder="acceptance_rate" value={c.key} onChange={(e) => set({ key: e.currentTarget.value })} error={customError(i, 'key')} data-testid="custom-key" />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 8 }}>
                    <TextInput size="xs" label={t('pilots.setup.label')} value={c.label} onChange={(e) => set({ label: e.currentTarget.value })} data-testid="custom-label" />
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <TextInput
                      size="xs"
                      label={t('pilots.setup.formula')}
                      placeholder="accepted_qty / received_qty * 100"
                      value={c.formula}
                      onChange={(e) => set({ formula: e.currentTarget.value })}
                      error={customError(i, 'formula')}
                      classNames={{ input: 'bf-mono' }}
                      data-testid="custom-formula"
                    />
                    {r && !r.ok && (
                      // The formula with a caret under the fault (scrolls sideways rather than widening a phone's
                      // page), then the fault in words with its position, wrapping like any text.
                      <div data-testid="custom-formula-caret">
                        <Text size="xs" c="red" className="bf-mono" style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
                          {c.formula.slice(0, 80)}
                          {'\n'}
                          {' '.repeat(Math.min(r.fault.position, 80))}^
                        </Text>
                        <Text size="xs" c="red">
                          {t('pilots.formula.fault', { character: r.fault.position + 1, message: t(`pilots.formula.codes.${r.fault.code}`, { ...r.fault.params, defaultValue: r.fault.message }) })}
                          {r.fault.params.suggestion ? ` — ${t('pilots.formula.codes.didYouMean', { suggestion: r.fault.params.suggestion })}` : ''}
                        </Text>
                      </div>
                    )}
                    {r && r.ok && (
                      <Text size="xs" c="teal" data-testid="custom-formula-ok">
                        {t('pilots.formula.ok', { quantities: r.formula.quantities.join(', ') })}
                      </Text>
                    )}
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <Select
                      size="xs"
                      label={t('pilots.setup.direction')}
                      value={c.direction}
                      onChange={(v) => set({ direction: (v as 'higher' | 'lower') ?? 'higher' })}
                      data={[
                        { value: 'higher', label: t('pilots.setup.higher') },
                        { value: 'lower', label: t('pilots.setup.lower') },
                      ]}
                      allowDeselect={false}
                      data-testid="custom-direction"
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, sm: 2 }}>
                    <TextInput size="xs" label={t('pilots.setup.unit')} value={c.unit} onChange={(e) => set({ unit: e.currentTarget.value })} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 4, sm: 2 }}>
                    <NumberInput size="xs" label={t('pilots.setup.target')} value={c.target} onChange={(v) => set({ target: v })} error={customError(i, 'target')} data-testid="custom-target" />
                  </Grid.Col>
                  <Grid.Col span={{ base: 4, sm: 2 }}>
                    <NumberInput size="xs" label={t('pilots.setup.atRisk')} value={c.atRisk} onChange={(v) => set({ atRisk: v })} error={customError(i, 'atRisk')} data-testid="custom-at-risk" />
                  </Grid.Col>
                  <Grid.Col span={{ base: 4, sm: 2 }}>
                    <NumberInput size="xs" label={t('pilots.setup.weight')} min={0.1} value={c.weight} onChange={(v) => set({ weight: Number(v) || 1 })} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 1 }} style={{ display: 'flex', alignItems: 'flex-end' }}>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setCustom((list) => list.filter((_, j) => j !== i))} aria-label={t('pilots.setup.remove')}>
                      <IconTrash size={14} />
                    </Button>
                  </Grid.Col>
                </Grid>
              </Card>
            );
          })}
          {custom.length > 0 && (
            <Text size="xs" c="dimmed" mt={6}>
              {t('pilots.setup.quantities')} <span className="bf-mono">{QUANTITIES.map((q) => q.name).join(', ')}</span>
            </Text>
          )}
        </div>
        <Text size="xs" c="dimmed">
          {t('pilots.setup.pointsHint')}
        </Text>
        {create.isError && Object.keys(serverFieldErrors(create.error)).length === 0 && (
          <Alert color="red" icon={<IconAlert />} data-testid="setup-error">
            {errorText(create.error, t)}
          </Alert>
        )}
        {create.isError && Object.keys(serverFieldErrors(create.error)).length > 0 && (
          <Alert color="red" icon={<IconAlert />} data-testid="setup-error">
            {t('errors.fixFields')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={submit} loading={create.isPending} data-testid="setup-submit">
            {t('pilots.setup.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
