// The organization's visits and audits (an auditor: only the ones it was invited into), with "Plan a visit"
// (buyer), "Offer open slots" (supplier) and the open slots the supplier offered (the buyer books one).
import { Anchor, Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { VisitStatus } from '../../../../src/contracts/visits.js';
import { OPEN_PHASES } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useRefreshVisits, useVisitEngagements, useVisits, type Slot, type Visit } from '../../components/visits/api.js';
import { VisitStatusBadge, VisitTypeBadge } from '../../components/visits/badges.js';
import { useSiteTime } from '../../components/visits/format.js';
import { IconCalendar, IconChecklist, IconVisit, IconX } from '../../components/visits/icons.js';
import '../../components/visits/outboxNotices.js';
import { OfferSlotsModal, PlanVisitModal } from '../../components/visits/PlanVisitModal.js';
import { SyncPill } from '../../components/visits/SyncPill.js';
import { IconPlus } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { notify } from '../../lib/notify.js';
import { useSyncStatus } from '../../offline/useOutbox.js';
import { visitTitle } from '../../lib/systemText.js';

const FILTERS = {
  upcoming: ['proposed', 'rescheduling', 'confirmed', 'in_progress'],
  closed: ['closed'],
  other: ['declined', 'cancelled'],
  all: [],
} as const satisfies Record<string, readonly VisitStatus[]>;
type Filter = keyof typeof FILTERS;

export function VisitsPage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  const canPlan = useCan('visit.plan');
  const canOffer = useCan('visit.respond');
  const [params, setParams] = useSearchParams();
  const engagementId = params.get('engagementId') ?? undefined;
  const filter: Filter = (Object.keys(FILTERS) as Filter[]).includes(params.get('show') as Filter) ? (params.get('show') as Filter) : 'upcoming';
  const visits = useVisits(engagementId ? { engagementId } : {});
  const [planning, setPlanning] = useState<{ slot: Slot | null } | null>(params.get('plan') === '1' ? { slot: null } : null);
  const [offering, setOffering] = useState(false);
  const sync = useSyncStatus();
  const kind = organization.kind;
  const list = useMemo(() => {
    const statuses = FILTERS[filter] as readonly string[];
    return (visits.data ?? [])
      .filter((v) => statuses.length === 0 || statuses.includes(v.status))
      .sort((a, b) => (filter === 'upcoming' ? a.plannedStart.localeCompare(b.plannedStart) : b.plannedStart.localeCompare(a.plannedStart)));
  }, [visits.data, filter]);
  const engagementTitle = engagementId ? visits.data?.find((v) => v.engagementId === engagementId)?.engagementTitle : undefined;
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('plan');
    setParams(next, { replace: true });
  };

  const phone = useMediaQuery('(max-width: 48em)');
  const actions = (
    <>
      {(sync.pending > 0 || sync.state === 'offline') && <SyncPill />}
      {canPlan && (
        <Button leftSection={<IconPlus size={16} />} onClick={() => setPlanning({ slot: null })} data-testid="plan-open">
          {t('visits.plan.open')}
        </Button>
      )}
      {canOffer && (
        <Button variant="default" leftSection={<IconCalendar size={16} />} onClick={() => setOffering(true)} data-testid="slots-open">
          {t('visits.slots.open')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('visits.title')} subtitle={t(`visits.subtitle.${kind}`)} actions={phone ? undefined : actions} />
      <Stack gap="md">
        {phone && (
          <Group gap="xs" mt={-8}>
            {actions}
          </Group>
        )}
        <Group justify="space-between" wrap="wrap" gap="xs">
          <SegmentedControl
            size="sm"
            style={{ maxWidth: '100%', overflowX: 'auto' }}
            value={filter}
            onChange={(v) => set('show', v === 'upcoming' ? null : v)}
            data={(Object.keys(FILTERS) as Filter[]).map((f) => ({ value: f, label: t(`visits.filters.${f}`) }))}
            data-testid="visits-filter"
          />
          {engagementId && (
            <Badge
              size="lg"
              variant="light"
              tt="none"
              fw={500}
              rightSection={
                <IconX size={12} style={{ cursor: 'pointer' }} onClick={() => set('engagementId', null)} aria-label={t('common.clear')} />
              }
            >
              {t('visits.list.engagementFilter', { title: engagementTitle ?? '…' })}
            </Badge>
          )}
        </Group>

        {kind !== 'auditor' && <OpenSlots engagementId={engagementId} onBook={(slot) => setPlanning({ slot })} />}

        {visits.isPending ? (
          <Loading />
        ) : visits.isError ? (
          <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} />
        ) : list.length === 0 ? (
          <Card>
            <Empty
              icon={<IconVisit size={22} />}
              title={t(filter === 'upcoming' ? 'visits.list.emptyUpcoming' : 'visits.list.empty')}
              description={t(`visits.list.emptyHint.${kind}`)}
              action={
                canPlan && (
                  <Button onClick={() => setPlanning({ slot: null })} leftSection={<IconPlus size={16} />}>
                    {t('visits.plan.open')}
                  </Button>
                )
              }
            />
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="visits-list">
            {list.map((v) => (
              <VisitCard key={v.id} visit={v} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <PlanVisitModal opened={planning !== null} onClose={() => setPlanning(null)} engagementId={engagementId ?? null} slot={planning?.slot ?? null} />
      <OfferSlotsModal opened={offering} onClose={() => setOffering(false)} />
    </>
  );
}

function VisitCard({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  const other = v.myRole === 'supplier' ? v.buyer : v.supplier;
  const todo =
    v.can.respond ? t('visits.list.todo.respond') : v.can.record && v.status === 'confirmed' ? t('visits.list.todo.record') : v.can.close ? t('visits.list.todo.close') : v.can.signOff ? t('visits.list.todo.sign') : null;
  return (
    <Card padding="md" data-testid="visit-card" data-status={v.status} data-visit-id={v.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/visits/${v.id}`} fw={600} size="md" data-testid="visit-link" style={{ wordBreak: 'break-word' }}>
            {visitTitle(t, v)}
          </Anchor>
          <Text size="sm" c="dimmed" truncate>
            {v.myRole === 'auditor' ? `${v.buyer.name} → ${v.supplier.name}` : other.name} · {v.engagementTitle}
          </Text>
        </div>
        <span style={{ flexShrink: 0 }}>
          <VisitStatusBadge status={v.status} size="sm" />
        </span>
      </Group>
      <Group gap={6} mt="sm" wrap="nowrap" align="flex-start">
        <IconCalendar size={15} style={{ marginTop: 2, flexShrink: 0 }} />
        <Text size="sm">{st.range(v.plannedStartLocal, v.plannedEndLocal, v.timeZone)}</Text>
      </Group>
      <Group gap={6} mt={4} wrap="nowrap">
        <IconVisit size={15} style={{ flexShrink: 0 }} />
        <Text size="sm" truncate>
          {v.site.name}
        </Text>
      </Group>
      <Group justify="space-between" mt="sm" gap="xs" wrap="wrap">
        <Group gap={6}>
          <VisitTypeBadge type={v.type} size="sm" />
          {v.auditors.length > 0 && (
            <Badge size="sm" variant="light" color="grape" tt="none">
              {v.auditors.map((a) => a.name).join(', ')}
            </Badge>
          )}
        </Group>
        {todo && (
          <Text size="xs" c="brand.8" fw={600}>
            {todo}
          </Text>
        )}
      </Group>
      {v.can.record && (
        <Button component={Link} to={`/visits/${v.id}/form`} mt="sm" size="md" fullWidth variant="light" leftSection={<IconChecklist size={18} />} data-testid="visit-card-form">
          {v.status === 'in_progress' ? t('visits.actions.continue') : t('visits.actions.start')}
        </Button>
      )}
    </Card>
  );
}

/** Open slots the supplier offered: the buyer books one, the supplier withdraws one. */
function OpenSlots({ engagementId, onBook }: { engagementId?: string; onBook: (slot: Slot) => void }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  const canPlan = useCan('visit.plan');
  const canOffer = useCan('visit.respond');
  const refresh = useRefreshVisits();
  const engagements = useVisitEngagements();
  const ids = (engagements.data ?? []).filter((e) => (OPEN_PHASES as readonly string[]).includes(e.phase) && (!engagementId || e.id === engagementId)).map((e) => e.id);
  const slotQueries = useQueries({
    queries: ids.map((id) => ({ queryKey: ['visits', 'slots', id], queryFn: () => api.get<Slot[]>(`/api/v1/engagements/${encodeURIComponent(id)}/visit-slots`) })),
  });
  const slots = slotQueries.flatMap((q) => q.data ?? []).sort((a, b) => a.start.localeCompare(b.start));
  const withdraw = useMutation({
    mutationFn: (s: Slot) => api.delete(`/api/v1/engagements/${encodeURIComponent(s.engagementId)}/visit-slots/${encodeURIComponent(s.id)}`),
    onSuccess: () => {
      void refresh();
      notify.success(t('visits.slots.withdrawn'));
    },
  });
  if (slots.length === 0) return null;
  const byEngagement = new Map((engagements.data ?? []).map((e) => [e.id, e]));
  return (
    <Card padding="md" data-testid="open-slots">
      <Title order={5} fw={600} mb={4}>
        {canPlan ? t('visits.slots.forBuyer') : t('visits.slots.forSupplier')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {canPlan ? t('visits.slots.forBuyerHint') : t('visits.slots.forSupplierHint')}
      </Text>
      <Stack gap="xs">
        {slots.map((s) => {
          const e = byEngagement.get(s.engagementId);
          return (
            <Group key={s.id} justify="space-between" wrap="wrap" gap="xs" data-testid="slot-row">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {st.range(s.startLocal, s.endLocal, s.timeZone)}
                </Text>
                <Text size="xs" c="dimmed">
                  {s.siteName} · {e ? (e.myRole === 'buyer' ? e.supplier.name : e.buyer.name) : ''}
                  {s.note ? ` — ${s.note}` : ''}
                </Text>
              </div>
              {canPlan && (
                <Button size="xs" onClick={() => onBook(s)} data-testid="slot-book">
                  {t('visits.slots.book')}
                </Button>
              )}
              {canOffer && (
                <Button size="xs" variant="subtle" color="red" loading={withdraw.isPending && withdraw.variables?.id === s.id} onClick={() => withdraw.mutate(s)}>
                  {t('visits.slots.withdraw')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
