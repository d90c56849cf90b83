// One KPI: its value and status against target and at-risk threshold, what it counts, and its trend per period.
// The value and every period open the records that made them (KpiRecordsDrawer).
import { Button, Card, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { KPI_STATUS_COLORS, KpiStatusBadge } from './badges.js';
import { useKpiFormat } from './format.js';
import type { Kpi } from './types.js';

const BAR: Record<Kpi['status'], string> = {
  met: 'var(--mantine-color-teal-6)',
  at_risk: 'var(--mantine-color-yellow-6)',
  missed: 'var(--mantine-color-red-6)',
  no_data: 'var(--mantine-color-gray-3)',
};

/** Why a KPI has no value, in words. */
export function useNoDataText() {
  const { t } = useTranslation();
  return (noData: Kpi['noData']) => (noData ? t(`pilots.noData.${noData.code}`, { ...noData.params, defaultValue: t('pilots.noData.no_records') }) : '');
}

export function KpiCard({ kpi, onRecords }: { kpi: Kpi; onRecords: (period: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const f = useKpiFormat();
  const noDataText = useNoDataText();
  const compact = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });
  const data = kpi.periods.map((p) => ({ key: p.key, label: f.period(p.key), value: p.value, status: p.status, shown: p.value ?? 0 }));
  const counts = kpi.denominator !== null && kpi.numerator !== null && kpi.unit !== 'ppm' ? t('pilots.kpi.counts', { numerator: f.num(kpi.numerator), denominator: f.num(kpi.denominator) }) : t('pilots.kpi.records', { count: kpi.counted });
  return (
    <Card data-testid={`kpi-${kpi.key}`} data-status={kpi.status} padding="md" style={{ borderTop: `3px solid var(--mantine-color-${KPI_STATUS_COLORS[kpi.status]}-5)` }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" truncate>
            {f.name(kpi)}
          </Text>
          <Text size="xs" c="dimmed">
            {f.target(kpi)} · {t('pilots.kpi.weight', { weight: kpi.weight })}
          </Text>
        </div>
        <KpiStatusBadge status={kpi.status} />
      </Group>
      <Group align="baseline" gap="xs" mt="sm">
        <Text fz={28} fw={650} lh={1.1} data-testid="kpi-value">
          {f.value(kpi, kpi.value)}
        </Text>
        {kpi.value !== null && (
          <Text size="xs" c="dimmed">
            {counts}
          </Text>
        )}
      </Group>
      {kpi.value === null && (
        <Text size="xs" c="dimmed" mt={4} data-testid="kpi-no-data">
          {noDataText(kpi.noData)}
        </Text>
      )}
      {kpi.formula && (
        <Text size="xs" c="dimmed" mt={4} className="bf-mono" data-testid="kpi-formula">
          {kpi.formula}
        </Text>
      )}
      {data.some((d) => d.value !== null) && (
        <div style={{ height: 90, marginTop: 8 }} data-testid="kpi-trend">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" tickLine={false} />
              <YAxis tick={{ fontSize: 10 }} width={36} tickFormatter={(v: number) => compact.format(v)} />
              {kpi.unit !== 'ppm' && kpi.unit !== 'business_days' && <ReferenceLine y={kpi.target} stroke="var(--mantine-color-gray-6)" strokeDasharray="3 3" />}
              <Bar dataKey="shown" isAnimationActive={false} onClick={(d: { payload?: { key?: string } }) => d.payload?.key && onRecords(d.payload.key)} cursor="pointer">
                {data.map((d) => (
                  <Cell key={d.key} fill={BAR[d.status]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <Group gap={4} mt={6} wrap="wrap">
        {data.map((d) => (
          <Tooltip key={d.key} label={d.value === null ? t('pilots.kpi.noData') : f.value(kpi, d.value)}>
            <UnstyledButton onClick={() => onRecords(d.key)} data-testid="kpi-period" data-period={d.key} data-status={d.status}>
              <Text size="xs" c={d.value === null ? 'dimmed' : undefined} style={{ borderBottom: '1px dotted currentColor' }}>
                {d.label}: {d.value === null ? t('pilots.kpi.noData') : f.value(kpi, d.value)}
              </Text>
            </UnstyledButton>
          </Tooltip>
        ))}
      </Group>
      <Stack gap={0} mt="xs">
        <Button variant="subtle" size="compact-xs" onClick={() => onRecords(null)} data-testid="kpi-records-open" style={{ alignSelf: 'flex-start' }}>
          {t('pilots.kpi.openRecords')}
        </Button>
      </Stack>
    </Card>
  );
}
