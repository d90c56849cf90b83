// One visit: what, where and when (in the site's time zone), its planning steps (only those the API allows),
// the checklist's progress, claims checked, findings, the supplier's assessment of the buyer, closing, and the
// report with its sign-offs.
import { Alert, Anchor, Button, Card, Grid, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useVisit, type VisitDetail } from '../../components/visits/api.js';
import { VisitStatusBadge, VisitTypeBadge } from '../../components/visits/badges.js';
import { useSiteTime } from '../../components/visits/format.js';
import { IconCalendar, IconChecklist, IconVisit } from '../../components/visits/icons.js';
import '../../components/visits/outboxNotices.js';
import { SyncPill } from '../../components/visits/SyncPill.js';
import { AuditorsModal, CancelModal, ProposalList, RescheduleModal, RespondModal } from '../../components/visits/VisitActions.js';
import { AgendaCard, ChecklistCard, ClaimsCard, CloseCard, FindingsCard, OutcomeCard, ReportCard, SincerityCard } from '../../components/visits/VisitPanels.js';
import { IconChevronDown } from '../../components/icons.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { usePendingItems } from '../../offline/useOutbox.js';
import { visitTitle } from '../../lib/systemText.js';

export function VisitPage() {
  const { visitId = '' } = useParams();
  const { t } = useTranslation();
  const visit = useVisit(visitId);
  const back = (
    <Anchor component={Link} to="/visits" size="sm">
      ← {t('visits.title')}
    </Anchor>
  );
  if (visit.isPending) return <Loading />;
  if (visit.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={visit.error} onRetry={() => void visit.refetch()} icon={<IconVisit size={22} />} notFound={t('visits.notFound')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <VisitView visit={visit.data} />
    </Stack>
  );
}

type Dialog = 'respond' | 'reschedule' | 'cancel' | 'auditors' | null;

function VisitView({ visit: v }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  const location = useLocation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const pending = usePendingItems(v.id);
  const other = v.myRole === 'supplier' ? v.buyer : v.supplier;

  useEffect(() => {
    if (location.hash === '#close') setTimeout(() => document.getElementById('close')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 150);
  }, [location.hash]);

  const more = [
    v.can.reschedule && { key: 'reschedule', label: t('visits.actions.reschedule') },
    v.can.inviteAuditor && { key: 'auditors', label: t('visits.actions.auditors') },
    v.can.cancel && { key: 'cancel', label: t('visits.actions.cancel'), color: 'red' },
  ].filter(Boolean) as { key: Dialog; label: string; color?: string }[];

  return (
    <>
      <Card data-testid="visit-header">
        <Stack gap={6}>
          <Group gap="xs" wrap="wrap">
            <VisitStatusBadge status={v.status} />
            <VisitTypeBadge type={v.type} />
            {pending.length > 0 && <SyncPill visitId={v.id} />}
          </Group>
          <Title order={2} fw={650} data-testid="visit-title" style={{ wordBreak: 'break-word' }}>
            {visitTitle(t, v)}
          </Title>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconCalendar size={16} style={{ marginTop: 3, flexShrink: 0 }} />
            <Text size="sm" fw={500} data-testid="visit-when">
              {st.range(v.plannedStartLocal, v.plannedEndLocal, v.timeZone)}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconVisit size={16} style={{ marginTop: 3, flexShrink: 0 }} />
            <Text size="sm">
              <b>{v.site.name}</b> · {v.site.address}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {v.myRole === 'auditor'
              ? t('visits.detail.auditorLine', { buyer: v.buyer.name, supplier: v.supplier.name })
              : t('visits.detail.with', { name: other.name })}
            {v.myRole !== 'auditor' && (
              <>
                {' · '}
                <Anchor component={Link} to={`/engagements/${v.engagementId}`} size="sm">
                  {v.engagementTitle}
                </Anchor>
              </>
            )}
            {v.lead ? ` · ${t('visits.detail.lead', { name: v.lead.displayName })}` : ''}
          </Text>
        </Stack>

        {v.responseNote && (
          <Text size="sm" mt="sm" c="dimmed" fs="italic">
            “{v.responseNote}”
          </Text>
        )}
        {v.declineReason && (
          <Alert color="red" variant="light" mt="sm" title={t('visits.detail.declined')}>
            {v.declineReason}
          </Alert>
        )}
        {v.cancelReason && (
          <Alert color="gray" variant="light" mt="sm" title={t('visits.detail.cancelled')}>
            {v.cancelReason}
          </Alert>
        )}
        {v.status === 'proposed' && v.myRole === 'buyer' && (
          <Text size="sm" mt="sm" c="blue.8" data-testid="awaiting-supplier">
            {t('visits.detail.awaitingSupplier', { supplier: v.supplier.name })}
          </Text>
        )}

        <Group gap="xs" mt="md" wrap="wrap">
          {v.can.respond && (
            <Button size="md" onClick={() => setDialog('respond')} data-testid="respond-open">
              {t('visits.actions.respond')}
            </Button>
          )}
          {v.can.record && (
            <Button size="md" component={Link} to={`/visits/${v.id}/form`} leftSection={<IconChecklist size={18} />} data-testid="form-open">
              {v.status === 'in_progress' ? t('visits.actions.continue') : t('visits.actions.start')}
            </Button>
          )}
          {more.length > 0 && (
            <Menu position="bottom-start" shadow="md">
              <Menu.Target>
                <Button size="md" variant="default" rightSection={<IconChevronDown size={14} />} data-testid="visit-more">
                  {t('visits.actions.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {more.map((m) => (
                  <Menu.Item key={m.key} color={m.color} onClick={() => setDialog(m.key)} data-testid={`visit-${m.key}`}>
                    {m.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        {v.status === 'rescheduling' && (
          <div style={{ marginTop: 16 }}>
            <ProposalList visit={v} />
          </div>
        )}
      </Card>

      <OutcomeCard visit={v} />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {v.status !== 'proposed' && v.status !== 'declined' && v.status !== 'cancelled' && v.status !== 'rescheduling' && <ChecklistCard visit={v} />}
            <ClaimsCard visit={v} />
            {(v.findings.length > 0 || v.status === 'in_progress' || v.status === 'closed') && <FindingsCard visit={v} />}
            {v.can.close && <CloseCard visit={v} />}
            {(v.status === 'closed' || v.status === 'in_progress' || v.status === 'confirmed') && <ReportCard visit={v} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <AgendaCard visit={v} />
            <SincerityCard visit={v} />
          </Stack>
        </Grid.Col>
      </Grid>

      <RespondModal visit={v} opened={dialog === 'respond'} onClose={() => setDialog(null)} />
      <RescheduleModal visit={v} opened={dialog === 'reschedule'} onClose={() => setDialog(null)} />
      <CancelModal visit={v} opened={dialog === 'cancel'} onClose={() => setDialog(null)} />
      <AuditorsModal visit={v} opened={dialog === 'auditors'} onClose={() => setDialog(null)} />
    </>
  );
}
