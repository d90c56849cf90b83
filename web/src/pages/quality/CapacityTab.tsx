// Verified capacity: per production line, the capacity demonstrated by the supplier's production logs (with the
// method that computed it) against the capacity claim — supported or contradicted beyond the policy's
// tolerance — with the monthly series and utilisation.
import { Alert, Anchor, Badge, Card, Grid, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { meetsCapacityTolerance } from '../../../../src/domain/browser.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconInfo } from '../../components/icons.js';
import { useCapacity } from '../../components/quality/api.js';
import { CapacityStatusBadge } from '../../components/quality/badges.js';
import { CapacityChart, partialMonths } from '../../components/quality/charts.js';
import { useQualityFormat } from '../../components/quality/format.js';
import { IconChartBar } from '../../components/quality/icons.js';
import type { Capacity, CapacityLine } from '../../components/quality/types.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';

export function CapacityTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  const capacity = useCapacity(e.id);
  if (capacity.isPending) return <Loading />;
  if (capacity.isError) return <ErrorAlert error={capacity.error} onRetry={() => void capacity.refetch()} />;
  const c = capacity.data;
  if (c.lines.length === 0) {
    return (
      <Card>
        <Empty
          icon={<IconChartBar size={22} />}
          title={t('quality.capacity.empty')}
          description={t(e.myRole === 'supplier' ? 'quality.capacity.emptyHintSupplier' : 'quality.capacity.emptyHintBuyer')}
          action={
            e.myRole === 'supplier' ? (
              <Anchor component={Link} to={`/engagements/${e.id}/quality?tab=imports`} size="sm">
                {t('quality.capacity.toImports')}
              </Anchor>
            ) : undefined
          }
        />
      </Card>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" data-testid="capacity-intro">
        {t('quality.capacity.intro', { logs: q.integer(c.logs), pct: Math.round(c.tolerance * 100), policy: `${c.policy.key} v${c.policy.version}` })}
      </Text>
      {c.lines.map((l) => (
        <LineCard key={`${l.site}|${l.line}`} line={l} capacity={c} />
      ))}
    </Stack>
  );
}

function LineCard({ line: l, capacity }: { line: CapacityLine; capacity: Capacity }) {
  const { t, i18n } = useTranslation();
  const q = useQualityFormat();
  const en = i18n.language.startsWith('en');
  const period = l.claim?.period ? t(`quality.capacity.periods.${l.claim.period}`, { defaultValue: l.claim.period }) : '';
  const status = l.comparison?.status ?? null;
  const d = l.demonstrated;
  const partial = partialMonths(l.byMonth);
  return (
    <Card data-testid="capacity-line" data-line={l.line} data-status={status ?? 'none'}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={4} fw={600}>
            {l.site} · {l.line}
          </Title>
          <Text size="sm" c="dimmed">
            {l.claim ? l.claim.title : t('quality.capacity.noClaim')}
          </Text>
        </div>
        <CapacityStatusBadge status={status} size="lg" />
      </Group>
      <Grid gap="md" mt="sm">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="xs">
            <Figure label={t('quality.capacity.claimed')} value={l.claim?.value != null ? `${q.integer(l.claim.value)} ${period}` : '—'} sub={l.claim?.statedLimit != null ? t('quality.capacity.statedLimit', { value: q.integer(l.claim.statedLimit) }) : undefined} />
            <Figure
              label={t('quality.capacity.demonstrated')}
              value={d ? `${q.integer(d.value)} ${period || t('quality.capacity.periods.month')}` : '—'}
              sub={d ? t('quality.capacity.rate', { rate: q.fixed(d.ratePerPlannedHour, 1), hours: q.integer(d.plannedHoursPerPeriod), per: t(`quality.capacity.periods.${d.period}`) }) : undefined}
              color={status === 'contradicted' ? 'red.8' : status === 'supported' ? 'green.8' : undefined}
              testId="capacity-demonstrated"
            />
            {l.comparison && (
              <Paper withBorder radius="md" p="sm" bg={status === 'contradicted' ? 'red.0' : 'green.0'} data-testid="capacity-comparison">
                <Text size="sm" fw={600}>
                  {t('quality.capacity.ratio', { ratio: q.percent(l.comparison.ratio), pct: Math.round(capacity.tolerance * 100), threshold: q.integer(l.comparison.threshold) })}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {en ? l.comparison.explanation : t(`quality.capacity.verdict.${l.comparison.status}`)}
                </Text>
              </Paper>
            )}
            {l.note && (
              <Alert variant="light" color="gray" icon={<IconInfo />} p="xs">
                <Text size="xs" data-testid="capacity-note">
                  {l.noteCode && !en ? t(`quality.capacity.notes.${l.noteCode}`, { line: l.line }) : l.note}
                </Text>
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <CapacityChart line={l} tolerance={capacity.tolerance} />
        </Grid.Col>
      </Grid>
      {d && (
        <Text size="xs" c="dimmed" mt="sm" data-testid="capacity-method">
          <Text span fw={600} size="xs">
            {t('quality.capacity.method')}:{' '}
          </Text>
          {en
            ? d.method
            : t('quality.capacity.methodSentence', {
                pct: Math.round(d.percentile * 100),
                logs: q.integer(d.logs),
                rate: q.fixed(d.ratePerPlannedHour, 2),
                hours: q.integer(d.plannedHoursPerPeriod),
                value: q.integer(d.value),
                per: t(`quality.capacity.periods.${d.period}`),
              })}
        </Text>
      )}
      {l.byMonth.length > 0 && (
        <Table.ScrollContainer minWidth={860} mt="sm">
          <Table className="bf-table" verticalSpacing={4} fz="xs" data-testid="utilisation-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('quality.capacity.cols.month')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.goodOutput')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.scrap')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.yield')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.plannedHours')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.downtimeHours')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.utilisation')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.demonstrated')}</Table.Th>
                <Table.Th ta="right">{t('quality.capacity.cols.claimed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {l.byMonth.map((m) => (
                <Table.Tr key={m.period}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {q.month(m.period)}
                      {partial.has(m.period) && (
                        <Tooltip label={t('quality.capacity.partialHint', { hours: q.integer(m.plannedHours) })} withArrow multiline maw={300}>
                          <Badge size="xs" variant="light" color="orange" tt="none">
                            {t('quality.capacity.partial')}
                          </Badge>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{q.integer(m.goodOutput)}</Table.Td>
                  <Table.Td ta="right">{q.integer(m.scrap)}</Table.Td>
                  <Table.Td ta="right">{q.percent(m.yield)}</Table.Td>
                  <Table.Td ta="right">{q.fixed(m.plannedHours, 0)}</Table.Td>
                  <Table.Td ta="right">{q.fixed(m.downtimeHours, 1)}</Table.Td>
                  <Table.Td ta="right">{q.percent(m.utilisation)}</Table.Td>
                  <Table.Td ta="right" c={m.demonstrated !== null && m.claimed !== null && !meetsCapacityTolerance(m.demonstrated, m.claimed, capacity.tolerance) ? 'red.8' : undefined} fw={600}>
                    {q.integer(m.demonstrated)}
                  </Table.Td>
                  <Table.Td ta="right" c="dimmed">
                    {q.integer(m.claimed)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function Figure({ label, value, sub, color, testId }: { label: string; value: string; sub?: string; color?: string; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="10px" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      )}
    </Paper>
  );
}
