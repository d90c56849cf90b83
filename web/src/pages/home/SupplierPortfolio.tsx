// The supplier's home: its buyers with what each is waiting for, and its obligations with their due dates —
// deliveries confirmed, reviews coming, corrective-action steps, evidence about to expire.
import { Anchor, Badge, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PhaseBadge } from '../../components/engagement/badges.js';
import type { PortfolioFilters } from '../../components/pilots/api.js';
import type { SupplierPortfolioT } from '../../components/pilots/types.js';
import { useFormat } from '../../lib/format.js';
import { PortfolioFiltersBar, Stat } from './BuyerPortfolio.js';
import { PanelCard, PhaseChart, useItemLabel } from './panels.js';

const OBLIGATION_COLORS: Record<SupplierPortfolioT['obligations']['items'][number]['kind'], string> = {
  delivery_due: 'blue',
  evaluation_point: 'indigo',
  discrepancy_step: 'red',
  evidence_expiring: 'orange',
};

export function SupplierPortfolio({ p, filters, onFilters }: { p: SupplierPortfolioT; filters: PortfolioFilters; onFilters: (f: PortfolioFilters) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const itemLabel = useItemLabel();
  const waiting = p.buyers.reduce((s, b) => s + b.waitingFor.reduce((n, w) => n + w.count, 0), 0);
  const overdue = p.obligations.items.filter((o) => o.overdue).length;
  return (
    <Stack gap="md" data-testid="portfolio" data-role="supplier">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={3} fw={650}>
          {t('portfolio.supplierTitle')}
        </Title>
        <PortfolioFiltersBar p={p} filters={filters} onChange={onFilters} />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Group grow>
              <Stat label={t('portfolio.stats.buyers')} value={p.buyers.length} testId="stat-buyers" />
              <Stat label={t('portfolio.stats.waiting')} value={waiting} color={waiting ? 'orange' : undefined} testId="stat-waiting" />
              <Stat label={t('portfolio.stats.overdueObligations')} value={overdue} color={overdue ? 'red' : undefined} testId="stat-overdue-obligations" />
            </Group>
            <PanelCard title={t('portfolio.byPhase')} testId="panel-phases">
              <PhaseChart counts={p.engagementsByPhase} />
            </PanelCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PanelCard title={t('portfolio.buyers')} testId="panel-buyers" empty={t('portfolio.empty.buyers')} maxHeight={520}>
            {p.buyers.map((b) => (
              <Card key={b.buyer.id} withBorder padding="sm" data-testid="buyer-card">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} size="sm">
                    {b.buyer.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt.country(b.buyer.country)}
                  </Text>
                </Group>
                {/* Each engagement with what the buyer waits for in it, so that two "comment on a review" chips say which. */}
                <Stack gap={6} mt={6}>
                  {b.engagements.map((e) => {
                    const waits = b.waitingFor.filter((w) => w.engagementId === e.id);
                    return (
                      <div key={e.id} data-testid="buyer-engagement">
                        <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
                          <Anchor component={Link} to={`/engagements/${e.id}`} size="sm" lineClamp={2}>
                            {e.title}
                          </Anchor>
                          <div style={{ flexShrink: 0 }}>
                            <PhaseBadge phase={e.phase} size="xs" />
                          </div>
                        </Group>
                        {waits.length > 0 && (
                          <Group gap={6} mt={4} wrap="wrap">
                            {waits.map((w) => (
                              <Badge key={w.kind} component={Link} to={`/engagements/${w.engagementId}${w.kind === 'answer_inquiries' ? '?tab=messages' : ''}`} variant="light" color="orange" radius="sm" tt="none" style={{ cursor: 'pointer' }} data-testid="waiting-chip" data-kind={w.kind}>
                                {t(`portfolio.waiting.${w.kind}`, { count: w.count })}
                              </Badge>
                            ))}
                          </Group>
                        )}
                      </div>
                    );
                  })}
                </Stack>
                {b.waitingFor.length === 0 && (
                  <Text size="xs" c="dimmed" mt={6}>
                    {t('portfolio.nothingWaiting')}
                  </Text>
                )}
              </Card>
            ))}
          </PanelCard>
        </Grid.Col>
      </Grid>
      <PanelCard title={t('portfolio.obligations')} count={p.obligations.total} testId="panel-obligations" empty={t('portfolio.empty.obligations')} maxHeight={560}>
        {p.obligations.items.map((o) => (
          <Group key={`${o.kind}:${o.id}`} justify="space-between" wrap="wrap" gap="xs" style={{ rowGap: 2 }} data-testid="obligation" data-kind={o.kind} data-overdue={o.overdue}>
            {/* On a phone the due date goes under the item instead of squeezing it to a few letters. */}
            <div style={{ minWidth: 0, flex: '1 1 260px' }}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge size="xs" variant="light" color={OBLIGATION_COLORS[o.kind]} radius="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t(`portfolio.kinds.${o.kind}`)}
                </Badge>
                <Anchor component={Link} to={o.pilotId ? `/pilots/${o.pilotId}` : `/engagements/${o.engagement.id}`} size="sm" lineClamp={2}>
                  {itemLabel(o)}
                </Anchor>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {o.engagement.counterpart.name} · {o.engagement.title}
              </Text>
            </div>
            <Text size="xs" fw={o.overdue ? 600 : 400} c={o.overdue ? 'red' : 'dimmed'} style={{ flexShrink: 0 }}>
              {o.overdue ? t('portfolio.overdueSince', { date: fmt.date(o.dueAt) }) : t('portfolio.dueOn', { date: fmt.date(o.dueAt) })}
            </Text>
          </Group>
        ))}
      </PanelCard>
    </Stack>
  );
}
