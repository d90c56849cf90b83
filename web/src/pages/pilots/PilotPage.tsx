// A pilot, as both sides see it: its dates and length (with the reason when outside 3–6 months), the KPIs computed
// from the recorded orders and deliveries with their trend — every value opening to its records —, the evaluation
// points and their reviews, and the orders and deliveries themselves (imported by the buyer).
import { Alert, Anchor, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { IconClipboardCheck, IconGauge } from '../../components/engagement/icons.js';
import { IconArrowRight, IconInfo } from '../../components/icons.js';
import { usePilot } from '../../components/pilots/api.js';
import { PilotStatusBadge } from '../../components/pilots/badges.js';
import { useKpiFormat } from '../../components/pilots/format.js';
import { KpiCard } from '../../components/pilots/KpiCard.js';
import { KpiRecordsDrawer, type RecordsTarget } from '../../components/pilots/KpiRecordsDrawer.js';
import { OrdersPanel } from '../../components/pilots/OrdersPanel.js';
import { ReviewModal } from '../../components/pilots/ReviewModal.js';
import { ReviewsPanel } from '../../components/pilots/ReviewsPanel.js';
import type { Pilot } from '../../components/pilots/types.js';
import { IconFileImport } from '../../components/quality/icons.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';

const TABS = ['kpis', 'reviews', 'orders'] as const;
type Tab = (typeof TABS)[number];

export function PilotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [unit, setUnit] = useState<'month' | 'week' | undefined>(undefined);
  const pilot = usePilot(id, unit);
  if (pilot.isPending) return <Loading />;
  if (pilot.isError) {
    return (
      <Stack>
        <Anchor component={Link} to="/engagements" size="sm">
          ← {t('engagements.title')}
        </Anchor>
        <LoadFailure error={pilot.error} onRetry={() => void pilot.refetch()} icon={<IconGauge size={22} />} notFound={t('pilots.page.notFound')} />
      </Stack>
    );
  }
  return <PilotView pilot={pilot.data} unit={unit ?? pilot.data.periodUnit} onUnit={setUnit} />;
}

function PilotView({ pilot: p, unit, onUnit }: { pilot: Pilot; unit: 'month' | 'week'; onUnit: (u: 'month' | 'week') => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = useKpiFormat();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'kpis';
  const [records, setRecords] = useState<RecordsTarget | null>(null);
  const [reviewing, setReviewing] = useState<string | null | false>(false);
  const due = p.evaluationPoints.find((x) => x.state === 'overdue' || x.state === 'due');
  const counted = p.kpis.filter((k) => k.status !== 'no_data').length;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Anchor component={Link} to={`/engagements/${p.engagementId}`} size="sm" data-testid="pilot-engagement-link">
          ← {p.engagement.title}
        </Anchor>
      </Group>
      <Card data-testid="pilot-header">
        <Group justify="space-between" align="flex-start" gap="md">
          <div style={{ minWidth: 0 }}>
            <Group gap="sm" wrap="wrap">
              <Title order={2} fw={650} data-testid="page-title">
                {p.title}
              </Title>
              <PilotStatusBadge status={p.status} />
            </Group>
            <Group gap={8} mt={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {p.engagement.buyer.name}
              </Text>
              <IconArrowRight size={14} />
              <Text size="sm" fw={600}>
                {p.engagement.supplier.name}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" mt={4} data-testid="pilot-dates">
              {t('pilots.page.dates', { start: fmt.date(p.startDate), end: fmt.date(p.endDate), months: p.length.months })} · {p.products.map((x) => t('pilots.page.product', { product: x.product, volume: fmt.number(x.volume), unit: x.unit === 'pcs' ? t('pilots.units.pcs') : x.unit })).join(', ')}
            </Text>
          </div>
          <Stack gap={4} align="flex-end">
            <Text size="xs" c="dimmed">
              {t('pilots.page.attainment')}
            </Text>
            <Text fz={26} fw={650} data-testid="pilot-attainment">
              {p.attainment.value === null ? t('pilots.kpi.noData') : `${f.num(p.attainment.value, 0)} %`}
            </Text>
            <Text size="xs" c="dimmed">
              {t('pilots.page.attainmentHint', { count: counted, total: p.kpis.length })}
            </Text>
          </Stack>
        </Group>
        {!p.length.inRange && (
          <Alert mt="sm" color="orange" variant="light" icon={<IconInfo />} data-testid="pilot-duration-reason">
            {t('pilots.page.outsideRange', { months: p.length.months })} {p.durationReason}
          </Alert>
        )}
        {due && p.can.review && (
          <Alert mt="sm" color={due.state === 'overdue' ? 'red' : 'yellow'} variant="light" icon={<IconClipboardCheck />} data-testid="pilot-review-due">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm">{t(`pilots.page.reviewDue.${due.state}`, { point: t(`pilots.points.kind.${due.kind}`, { defaultValue: due.label ?? due.kind }), date: fmt.date(due.dueDate) })}</Text>
              <Button size="xs" onClick={() => setReviewing(due.id)} data-testid="pilot-review-open">
                {t('pilots.review.open')}
              </Button>
            </Group>
          </Alert>
        )}
      </Card>

      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'kpis' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="kpis" leftSection={<IconGauge size={16} />} data-testid="pilot-tab-kpis">
            {t('pilots.tabs.kpis')}
          </Tabs.Tab>
          <Tabs.Tab value="reviews" leftSection={<IconClipboardCheck size={16} />} data-testid="pilot-tab-reviews">
            {t('pilots.tabs.reviews')}
          </Tabs.Tab>
          <Tabs.Tab value="orders" leftSection={<IconFileImport size={16} />} data-testid="pilot-tab-orders">
            {t('pilots.tabs.orders')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="kpis">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('pilots.page.asOf', { date: fmt.date(p.asOf) })}
            </Text>
            <SegmentedControl
              size="xs"
              value={unit}
              onChange={(v) => onUnit(v as 'month' | 'week')}
              data={[
                { value: 'month', label: t('pilots.page.byMonth') },
                { value: 'week', label: t('pilots.page.byWeek') },
              ]}
              data-testid="pilot-period-unit"
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="md" data-testid="kpi-grid">
            {p.kpis.map((k) => (
              <KpiCard key={k.key} kpi={k} onRecords={(period) => setRecords({ kpi: k, period, reviewId: null })} />
            ))}
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="reviews">
          <ReviewsPanel pilot={p} onReview={(pointId) => setReviewing(pointId)} onRecords={(kpi, reviewId) => setRecords({ kpi, period: null, reviewId })} />
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          <OrdersPanel engagementId={p.engagementId} pilotId={p.id} canRecord={p.can.recordOrders} />
        </Tabs.Panel>
      </Tabs>
      <KpiRecordsDrawer pilotId={p.id} target={records} onClose={() => setRecords(null)} />
      {p.can.review && <ReviewModal pilot={p} opened={reviewing !== false} pointId={reviewing || null} onClose={() => setReviewing(false)} />}
    </Stack>
  );
}
