// The buyer's home: engagements by phase, pilots at risk, evidence expiring within 60 days, contradicted claims and
// overdue items across all its suppliers, filtered by country, category and owner, with charts and a CSV export.
// One request (GET /api/v1/portfolio); the server reads each panel with a fixed number of queries.
import { Anchor, Badge, Button, Card, Grid, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { IconDownload } from '../../components/icons.js';
import { portfolioCsvUrl, type PortfolioFilters } from '../../components/pilots/api.js';
import { KpiStatusBadge } from '../../components/pilots/badges.js';
import { useKpiFormat } from '../../components/pilots/format.js';
import type { BuyerPortfolioT } from '../../components/pilots/types.js';
import { useFormat } from '../../lib/format.js';
import { PanelCard, PhaseChart, useItemLabel } from './panels.js';

/** Two filters a row on a phone (the Group's gap is xs). */
const HALF = 'calc(50% - var(--mantine-spacing-xs) / 2)';

const STATUS_FILL = { met: 'var(--mantine-color-teal-6)', at_risk: 'var(--mantine-color-yellow-5)', missed: 'var(--mantine-color-red-6)', no_data: 'var(--mantine-color-gray-4)' } as const;

export function PortfolioFiltersBar({ p, filters, onChange }: { p: { filters: BuyerPortfolioT['filters'] }; filters: PortfolioFilters; onChange: (f: PortfolioFilters) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Group gap="xs" wrap="wrap" align="flex-end" w={{ base: '100%', sm: 'auto' }} data-testid="portfolio-filters">
      <Select
        size="xs"
        w={{ base: HALF, sm: 170 }}
        label={t('portfolio.filters.country')}
        placeholder={t('portfolio.filters.all')}
        clearable
        data={p.filters.countries.map((c) => ({ value: c, label: fmt.country(c) }))}
        value={filters.country ?? null}
        onChange={(v) => onChange({ ...filters, country: v })}
        data-testid="filter-country"
      />
      <Select size="xs" w={{ base: HALF, sm: 190 }} label={t('portfolio.filters.category')} placeholder={t('portfolio.filters.all')} clearable data={p.filters.categories} value={filters.category ?? null} onChange={(v) => onChange({ ...filters, category: v })} data-testid="filter-category" />
      <Select
        size="xs"
        w={{ base: HALF, sm: 170 }}
        label={t('portfolio.filters.owner')}
        placeholder={t('portfolio.filters.all')}
        clearable
        data={p.filters.owners.map((o) => ({ value: o.id, label: o.displayName }))}
        value={filters.owner ?? null}
        onChange={(v) => onChange({ ...filters, owner: v })}
        data-testid="filter-owner"
      />
      <Button size="xs" w={{ base: HALF, sm: 'auto' }} variant="default" component="a" href={portfolioCsvUrl(filters)} download leftSection={<IconDownload size={14} />} data-testid="portfolio-csv">
        {t('portfolio.csv')}
      </Button>
    </Group>
  );
}

export function BuyerPortfolio({ p, filters, onFilters }: { p: BuyerPortfolioT; filters: PortfolioFilters; onFilters: (f: PortfolioFilters) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = useKpiFormat();
  const itemLabel = useItemLabel();
  const total = p.engagementsByPhase.reduce((s, x) => s + x.count, 0);
  const kpiData = (['met', 'at_risk', 'missed', 'no_data'] as const).map((s) => ({ status: s, label: t(`pilots.status.${s}`), value: p.pilotsAtRisk.kpiStatus[s] })).filter((d) => d.value > 0);
  return (
    <Stack gap="md" data-testid="portfolio" data-role="buyer">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={3} fw={650}>
          {t('portfolio.title')}
        </Title>
        <PortfolioFiltersBar p={p} filters={filters} onChange={onFilters} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <Stat label={t('portfolio.stats.engagements')} value={total} testId="stat-engagements" />
        <Stat label={t('portfolio.stats.pilotsAtRisk')} value={p.pilotsAtRisk.total} hint={t('portfolio.stats.running', { count: p.pilotsAtRisk.running })} color={p.pilotsAtRisk.total ? 'red' : undefined} testId="stat-pilots-at-risk" />
        <Stat label={t('portfolio.stats.expiring')} value={p.expiringEvidence.total} color={p.expiringEvidence.total ? 'orange' : undefined} testId="stat-expiring" />
        <Stat label={t('portfolio.stats.contradicted')} value={p.contradictedClaims.total} color={p.contradictedClaims.total ? 'red' : undefined} testId="stat-contradicted" />
        <Stat label={t('portfolio.stats.overdue')} value={p.overdue.total} color={p.overdue.total ? 'red' : undefined} testId="stat-overdue" />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PanelCard title={t('portfolio.byPhase')} testId="panel-phases">
            <PhaseChart counts={p.engagementsByPhase} />
          </PanelCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <PanelCard title={t('portfolio.kpiStatus')} testId="panel-kpi-status">
            {kpiData.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('portfolio.noPilots')}
              </Text>
            ) : (
              <div style={{ height: 180 }} data-testid="kpi-status-chart">
                <ResponsiveContainer width="100%" height="100%">
                  <PieChart>
                    <Pie data={kpiData} dataKey="value" nameKey="label" innerRadius={40} outerRadius={64} isAnimationActive={false}>
                      {kpiData.map((d) => (
                        <Cell key={d.status} fill={STATUS_FILL[d.status]} />
                      ))}
                    </Pie>
                    <Tooltip />
                    <Legend formatter={(value: string, entry: { payload?: { value?: number } }) => `${value}: ${entry.payload?.value ?? ''}`} wrapperStyle={{ fontSize: 12 }} />
                  </PieChart>
                </ResponsiveContainer>
              </div>
            )}
          </PanelCard>
        </Grid.Col>
      </Grid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <PanelCard title={t('portfolio.pilotsAtRisk')} count={p.pilotsAtRisk.total} testId="panel-pilots-at-risk" empty={t('portfolio.empty.pilots')}>
            {p.pilotsAtRisk.items.map((x) => (
              <div key={x.pilotId} data-testid="pilot-at-risk">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/pilots/${x.pilotId}`} size="sm" fw={600} data-testid="pilot-at-risk-link">
                    {x.title}
                  </Anchor>
                  {x.attainment !== null && (
                    <Text size="xs" c="dimmed" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
                      {t('portfolio.attainment', { value: f.num(x.attainment, 0) })}
                    </Text>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {x.engagement.counterpart.name} · {x.engagement.title}
                </Text>
                <Group gap={6} mt={4} wrap="wrap">
                  {x.kpis.map((k) => (
                    <Group key={k.key} gap={4} wrap="nowrap" data-testid="pilot-at-risk-kpi" data-key={k.key}>
                      <KpiStatusBadge status={k.status} size="xs" />
                      <Text size="xs">
                        {f.name(k)} {f.value(k, k.value)}
                      </Text>
                    </Group>
                  ))}
                </Group>
              </div>
            ))}
          </PanelCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <PanelCard title={t('portfolio.overdue')} count={p.overdue.total} testId="panel-overdue" empty={t('portfolio.empty.overdue')}>
            {p.overdue.items.map((o) => (
              <Group key={o.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="overdue-item" data-kind={o.kind}>
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={o.pilotId ? `/pilots/${o.pilotId}?tab=reviews` : `/engagements/${o.engagement.id}`} size="sm" lineClamp={2}>
                    {itemLabel(o)}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {t(`portfolio.kinds.${o.kind}`)} · {o.engagement.counterpart.name}
                  </Text>
                </div>
                <Badge color="red" variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t('portfolio.daysOverdue', { count: o.daysOverdue })}
                </Badge>
              </Group>
            ))}
          </PanelCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <PanelCard title={t('portfolio.expiring')} count={p.expiringEvidence.total} testId="panel-expiring" empty={t('portfolio.empty.expiring')}>
            {p.expiringEvidence.items.map((x) => (
              <Group key={`${x.engagement.id}:${x.evidenceId}`} justify="space-between" wrap="nowrap" gap="xs" data-testid="expiring-item">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/engagements/${x.engagement.id}?tab=evidence`} size="sm" lineClamp={2}>
                    {x.title}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {x.engagement.counterpart.name} · {fmt.date(x.validTo)}
                  </Text>
                </div>
                <Badge color={x.daysLeft <= 30 ? 'red' : 'orange'} variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t('portfolio.daysLeft', { count: x.daysLeft })}
                </Badge>
              </Group>
            ))}
          </PanelCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <PanelCard title={t('portfolio.contradicted')} count={p.contradictedClaims.total} testId="panel-contradicted" empty={t('portfolio.empty.contradicted')}>
            {p.contradictedClaims.items.map((c) => (
              <div key={`${c.engagement.id}:${c.claimId}`} data-testid="contradicted-item">
                <Anchor component={Link} to={`/engagements/${c.engagement.id}?tab=readiness`} size="sm" lineClamp={2}>
                  {c.title}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {c.engagement.counterpart.name} · {c.engagement.title}
                </Text>
              </div>
            ))}
          </PanelCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function Stat({ label, value, hint, color, testId }: { label: string; value: number; hint?: string; color?: string; testId: string }) {
  return (
    <Card padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {label}
      </Text>
      <Text fz={26} fw={650} c={color} data-testid="stat-value">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}
