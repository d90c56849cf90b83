// SPC per characteristic from the supplier's batch records: pick a characteristic, see its capability (Cp, Cpk,
// Pp, Ppk with n, mean and σ within/overall), the control chart with the Nelson-rule signals in red, the
// moving-range or range chart, the capability histogram against the spec limits, and the signals one by one.
import { Alert, Badge, Card, Grid, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Engagement } from '../../components/engagement/types.js';
import { IconInfo } from '../../components/icons.js';
import { useSpc, useSpcCharacteristics } from '../../components/quality/api.js';
import { capabilityClass } from '../../../../src/domain/browser.js';
import { CriticalityBadge, indexColor } from '../../components/quality/badges.js';
import { CapabilityHistogram, ControlChart, LegendItem, RangeChart } from '../../components/quality/charts.js';
import { useQualityFormat, valueDecimals } from '../../components/quality/format.js';
import { IconChartLine } from '../../components/quality/icons.js';
import type { Spc, SpcCharacteristic } from '../../components/quality/types.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';

const idOf = (c: SpcCharacteristic) => `${c.product}|${c.characteristic.key}`;

export function SpcTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const list = useSpcCharacteristics(e.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [line, setLine] = useState<string | null>(null);
  const [subgroup, setSubgroup] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const withData = useMemo(() => (list.data ?? []).filter((c) => c.n > 0), [list.data]);
  // Start with the characteristic that has the most signals (else the first with data).
  useEffect(() => {
    if (selected || withData.length === 0) return;
    const first = [...withData].sort((a, b) => b.signals - a.signals)[0]!;
    setSelected(idOf(first));
  }, [withData, selected]);
  const current = withData.find((c) => idOf(c) === selected) ?? null;
  const spc = useSpc(
    e.id,
    current ? { product: current.product, characteristic: current.characteristic.key, line, subgroupSize: subgroup ? Number(subgroup) : null, from: from || null, to: to || null } : null,
  );

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (withData.length === 0) {
    return (
      <Card>
        <Empty icon={<IconChartLine size={22} />} title={t('quality.spc.empty')} description={t(e.myRole === 'supplier' ? 'quality.spc.emptyHintSupplier' : 'quality.spc.emptyHintBuyer')} />
      </Card>
    );
  }
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(4, Math.max(2, withData.length)) }} spacing="sm" data-testid="spc-characteristics">
        {withData.map((c) => (
          <CharacteristicTile key={idOf(c)} c={c} active={idOf(c) === selected} onClick={() => setSelected(idOf(c))} />
        ))}
      </SimpleGrid>
      {current && (
        <Group gap="sm" align="flex-end">
          <Select
            label={t('quality.spc.line')}
            data={[{ value: '', label: t('quality.spc.allLines') }, ...current.lines.map((l) => ({ value: l, label: l }))]}
            value={line ?? ''}
            onChange={(v) => setLine(v || null)}
            allowDeselect={false}
            w={200}
            data-testid="spc-line"
          />
          <Select
            label={t('quality.spc.subgroup')}
            data={[{ value: '', label: t('quality.spc.subgroupAuto') }, { value: '1', label: t('quality.spc.subgroupOne') }, ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: String(n), label: t('quality.spc.subgroupN', { n }) }))]}
            value={subgroup ?? ''}
            onChange={(v) => setSubgroup(v || null)}
            allowDeselect={false}
            w={300}
            data-testid="spc-subgroup"
          />
          <TextInput type="date" label={t('quality.spc.from')} value={from} max={to || undefined} onChange={(ev) => setFrom(ev.currentTarget.value)} w={170} data-testid="spc-from" />
          <TextInput type="date" label={t('quality.spc.to')} value={to} min={from || undefined} onChange={(ev) => setTo(ev.currentTarget.value)} w={170} data-testid="spc-to" />
        </Group>
      )}
      {spc.isPending && spc.fetchStatus !== 'idle' ? <Loading /> : spc.isError ? <ErrorAlert error={spc.error} onRetry={() => void spc.refetch()} /> : spc.data ? <SpcView spc={spc.data} /> : null}
    </Stack>
  );
}

function CharacteristicTile({ c, active, onClick }: { c: SpcCharacteristic; active: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  const notInControl = c.capability?.status === 'not_in_control';
  return (
    <UnstyledButton onClick={onClick} data-testid="spc-characteristic" data-key={c.characteristic.key} data-active={active || undefined} aria-pressed={active}>
      <Paper
        withBorder
        p="sm"
        radius="md"
        style={{
          borderColor: active ? 'var(--mantine-color-blue-5)' : undefined,
          boxShadow: active ? '0 0 0 1px var(--mantine-color-blue-5)' : undefined,
          background: active ? 'var(--mantine-color-blue-0)' : undefined,
        }}
      >
        <Group justify="space-between" wrap="nowrap" gap={6} align="flex-start">
          <Text size="sm" fw={600} lineClamp={1} title={c.characteristic.name}>
            {c.characteristic.name}
          </Text>
          <div style={{ flexShrink: 0 }}>
            <CriticalityBadge criticality={c.characteristic.criticality} size="xs" />
          </div>
        </Group>
        <Text size="xs" c="dimmed" ff="monospace">
          {c.product} · {c.characteristic.key}
        </Text>
        <Group gap={6} mt={6}>
          {/* Not in statistical control: the indices are shown grey, marked as not meaningful. */}
          <Badge size="sm" variant="light" color={notInControl ? 'gray' : indexColor(c.cpk)} tt="none" td={notInControl ? 'line-through' : undefined} title={notInControl ? t('quality.spc.notInControlHint', { cpk: q.index(c.cpk) }) : undefined}>
            Cpk {q.index(c.cpk)}
          </Badge>
          <Badge size="sm" variant="light" color={notInControl ? 'gray' : indexColor(c.ppk)} tt="none" td={notInControl ? 'line-through' : undefined}>
            Ppk {q.index(c.ppk)}
          </Badge>
          {notInControl && (
            <Badge size="sm" variant="filled" color="orange" tt="none" data-testid="tile-capability" data-status="not_in_control">
              {t('quality.spc.notInControl')}
            </Badge>
          )}
          <Badge size="sm" variant={c.signals > 0 ? 'filled' : 'light'} color={c.signals > 0 ? 'red' : 'gray'} tt="none" data-testid="tile-signals">
            {t('quality.spc.signalsCount', { count: c.signals })}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('quality.spc.nLots', { n: q.integer(c.n), lots: q.integer(c.lots) })}
        </Text>
      </Paper>
    </UnstyledButton>
  );
}

const CLASS_TEXT = { capable: 'quality.spc.capable', marginal: 'quality.spc.marginal', not_capable: 'quality.spc.notCapable' } as const;

function SpcView({ spc }: { spc: Spc }) {
  const { t, i18n } = useTranslation();
  const q = useQualityFormat();
  const fmt = useFormat();
  const c = spc.characteristic;
  const d = valueDecimals(c);
  const oneSided = c.lsl === null || c.usl === null;
  const pointLot = useMemo(() => new Map(spc.chart.points.map((p) => [p.index, p])), [spc.chart.points]);
  // A signalled point by its lot when it is drawn, else by its number.
  const pointLabel = (i: number) => pointLot.get(i)?.lot ?? `#${i + 1}`;
  const pointDetail = (i: number) => {
    const p = pointLot.get(i);
    return p ? `#${i + 1} ${p.lot} (${fmt.date(p.producedAt)})` : `#${i + 1}`;
  };
  const chartName = spc.chart.type === 'xbar-r' ? t('quality.spc.chart.xbarR') : t('quality.spc.chart.imr');
  const subgrouping =
    spc.subgrouping.by === 'lot'
      ? t('quality.spc.subgroupedByLot', { n: spc.subgrouping.size })
      : spc.subgrouping.by === 'consecutive'
        ? t('quality.spc.subgroupedConsecutive', { n: spc.subgrouping.size, dropped: spc.subgrouping.dropped })
        : t('quality.spc.individuals');
  return (
    <Stack gap="md" data-testid="spc-view" data-characteristic={c.key}>
      {spc.window && (
        <Alert variant="light" color="blue" icon={<IconInfo />} data-testid="spc-window">
          {t('quality.spc.window', { limit: q.integer(spc.window.limit), date: fmt.date(spc.window.from) })}
        </Alert>
      )}
      {!spc.capability.inControl && (
        <Alert variant="light" color="orange" icon={<IconInfo />} title={t('quality.spc.verdict.title')} data-testid="capability-verdict" data-status={spc.capability.status}>
          <Stack gap={4}>
            {spc.capability.recentRules.length > 0 && (
              <Text size="sm">{t('quality.spc.verdict.recent', { rules: spc.capability.recentRules.join(', '), n: spc.capability.recentPoints })}</Text>
            )}
            {spc.capability.rule1Points >= 2 && (
              <Text size="sm">{t('quality.spc.verdict.rule1', { count: spc.capability.rule1Points, points: q.integer(spc.capability.points) })}</Text>
            )}
            <Text size="sm" c="dimmed">
              {t('quality.spc.verdict.why')}
            </Text>
          </Stack>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="capability-cards" data-status={spc.capability.status}>
        {(
          [
            ['cp', spc.cp, 'within'],
            ['cpk', spc.cpk, 'within'],
            ['pp', spc.pp, 'overall'],
            ['ppk', spc.ppk, 'overall'],
          ] as const
        ).map(([k, v, sigma]) => (
          <Paper key={k} withBorder radius="md" p="sm" data-testid={`index-${k}`} data-value={v ?? ''}>
            <Group justify="space-between" align="flex-start">
              <Text size="sm" fw={700} c="dimmed">
                {t(`quality.spc.indices.${k}`)}
              </Text>
              <Text size="10px" c="dimmed">
                {t(`quality.spc.indices.${sigma}`)}
              </Text>
            </Group>
            <Text fz={30} fw={700} lh={1.2} c={v === null || !spc.capability.inControl ? 'dimmed' : `${indexColor(v) as string}.8`} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {q.index(v)}
            </Text>
            <Text size="xs" c={v !== null && !spc.capability.inControl ? 'orange.8' : 'dimmed'} data-testid={v === null ? 'index-reason' : 'index-verdict'}>
              {v === null
                ? oneSided
                  ? t('quality.spc.oneSided')
                  : t('quality.spc.notComputable')
                : !spc.capability.inControl
                  ? t('quality.spc.notMeaningful')
                  : t(CLASS_TEXT[capabilityClass(v)])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Card padding="sm">
        <Group gap="xl" wrap="wrap" data-testid="spc-stats">
          <Stat label="n" value={q.integer(spc.n)} />
          <Stat label={t('quality.spc.lots')} value={q.integer(spc.lots)} />
          <Stat label={t('quality.spc.mean')} value={`${q.fixed(spc.mean, d + 1)} ${c.unit}`} />
          <Stat label={t('quality.spc.sigmaWithin')} value={q.fixed(spc.stdevWithin, d + 1)} />
          <Stat label={t('quality.spc.sigmaOverall')} value={q.fixed(spc.stdevOverall, d + 1)} />
          <Stat label={t('quality.spc.limits')} value={limits(c, d, q.fixed)} />
          <Stat label={t('quality.spc.spec')} value={`v${spc.specification.version}`} />
        </Group>
      </Card>

      <Card>
        <Group justify="space-between" align="flex-start" mb={4}>
          <div>
            <Title order={4} fw={600}>
              {chartName}
            </Title>
            <Text size="xs" c="dimmed">
              {subgrouping}
              {spc.chart.decimated ? ` · ${t('quality.spc.decimated', { shown: spc.chart.points.length, total: spc.chart.totalPoints })}` : ''}
            </Text>
          </div>
          <Badge size="lg" variant={spc.signals.length > 0 ? 'filled' : 'light'} color={spc.signals.length > 0 ? 'red' : 'green'} tt="none" radius="sm" data-testid="spc-signal-badge">
            {spc.signals.length > 0 ? t('quality.spc.rulesFired', { count: spc.signals.length }) : t('quality.spc.inControl')}
          </Badge>
        </Group>
        <Text size="xs" fw={600} c="dimmed" mt="xs">
          {spc.chart.type === 'xbar-r' ? t('quality.spc.chart.xbarAxis', { unit: c.unit }) : t('quality.spc.chart.iAxis', { unit: c.unit })}
        </Text>
        <ControlChart spc={spc} decimals={d + 1} />
        <Group gap="md" justify="center" mb="sm" data-testid="chart-legend">
          <LegendItem color="var(--mantine-color-teal-7)" kind="line" label={t('quality.spc.legend.center')} />
          <LegendItem color="var(--mantine-color-red-6)" kind="dash" label={t('quality.spc.legend.limits')} />
          <LegendItem color="var(--mantine-color-gray-5)" kind="dash" label={t('quality.spc.legend.zones')} />
          <LegendItem color="var(--mantine-color-blue-6)" kind="dot" label={t('quality.spc.legend.point')} />
          <LegendItem color="var(--mantine-color-red-6)" kind="dot" label={t('quality.spc.legend.signal')} />
        </Group>
        {spc.signals.length > 0 && (
          <Group gap="xs" mb="sm" data-testid="rules-legend">
            {spc.signals.map((s) => (
              <Badge key={s.rule} variant="light" color="red" tt="none" radius="sm" size="md">
                {t('quality.spc.ruleShort', { rule: s.rule })}: {t(`quality.spc.rules.${s.rule}`, { defaultValue: s.description })}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="xs" fw={600} c="dimmed" mt="xs">
          {spc.chart.type === 'xbar-r' ? t('quality.spc.chart.rAxis', { unit: c.unit }) : t('quality.spc.chart.mrAxis', { unit: c.unit })}
        </Text>
        <RangeChart spc={spc} decimals={d + 1} />
      </Card>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card h="100%">
            <Title order={4} fw={600} mb={4}>
              {t('quality.spc.histogram.title')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('quality.spc.histogram.subtitle', { n: q.integer(spc.n), unit: c.unit })}
            </Text>
            <CapabilityHistogram spc={spc} decimals={d} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card h="100%" padding={0}>
            <Title order={4} fw={600} p="md" pb="xs">
              {t('quality.spc.signalsTitle')}
            </Title>
            {spc.signals.length === 0 ? (
              <Text size="sm" c="dimmed" px="md" pb="md" data-testid="no-signals">
                {t('quality.spc.noSignals')}
              </Text>
            ) : (
              <Table className="bf-table" verticalSpacing={6} data-testid="signals-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={60}>{t('quality.spc.cols.rule')}</Table.Th>
                    <Table.Th miw={220}>{t('quality.spc.cols.what')}</Table.Th>
                    <Table.Th>{t('quality.spc.cols.points')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {spc.signals.map((s) => (
                    <Table.Tr key={s.rule} data-testid="signal-row" data-rule={s.rule}>
                      <Table.Td>
                        <Badge color="red" variant="filled" radius="sm" tt="none">
                          {s.rule}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`quality.spc.rules.${s.rule}`, { defaultValue: s.description })}</Text>
                        <Text size="xs" c="dimmed">
                          {t(`quality.spc.ruleMeaning.${s.rule}`, { defaultValue: '' })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <SignalPoints signal={s} label={pointLabel} detail={pointDetail} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      {i18n.language.startsWith('en') && (
        <Alert variant="light" color="gray" icon={<IconInfo />} data-testid="spc-explanation">
          <Text size="xs">{spc.explanation}</Text>
        </Alert>
      )}
    </Stack>
  );
}

/** Runs listed in the tooltip at most; the cell shows what two lines hold. */
const TOOLTIP_RUNS = 50;

/**
 * A signal's points: how many, and its runs of consecutive points (one point, or first – last). A long series can
 * flag most of a million points: the answer lists at most the first 1,000 runs (`ranges`, of `rangeCount`).
 */
function SignalPoints({ signal: s, label, detail }: { signal: Spc['signals'][number]; label: (i: number) => string; detail: (i: number) => string }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  const run = (f: (i: number) => string) => ([a, b]: [number, number]) => (a === b ? f(a) : `${f(a)} – ${f(b)}`);
  const unlisted = s.rangeCount - s.ranges.length;
  const more = (n: number) => (n > 0 ? ` ${t('quality.spc.moreRuns', { count: n, n: q.integer(n) })}` : '');
  return (
    <>
      <Text size="xs" fw={600} data-testid="signal-count" data-count={s.count} data-runs={s.rangeCount}>
        {t('quality.spc.pointsCount', { count: s.count, n: q.integer(s.count) })}
        {s.rangeCount < s.count ? ` ${t('quality.spc.inRuns', { count: s.rangeCount, n: q.integer(s.rangeCount) })}` : ''}
      </Text>
      <Tooltip multiline maw={420} withArrow label={s.ranges.slice(0, TOOLTIP_RUNS).map(run(detail)).join(' · ') + more(s.rangeCount - Math.min(s.ranges.length, TOOLTIP_RUNS))}>
        <Text size="xs" c="dimmed" lineClamp={2} ff="monospace" data-testid="signal-runs">
          {s.ranges.map(run(label)).join(', ') + more(unlisted)}
        </Text>
      </Tooltip>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="10px" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="sm" fw={600} ff="monospace">
        {value}
      </Text>
    </div>
  );
}

function limits(c: Spc['characteristic'], d: number, f: (n: number | null, d: number) => string): string {
  const dl = Math.max(1, d - 1);
  if (c.lsl !== null && c.usl !== null) return `${f(c.lsl, dl)} … ${f(c.usl, dl)}`;
  if (c.lsl !== null) return `≥ ${f(c.lsl, dl)}`;
  return `≤ ${f(c.usl, dl)}`;
}
