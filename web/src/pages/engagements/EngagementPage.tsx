// One engagement, as both sides see it: parties, phase stepper, policy version, and the tabs Overview,
// Readiness, Evidence, Visit advice and Messages. The buyer decides gates; the supplier accepts or declines.
import { Anchor, Badge, Button, Card, Group, Menu, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { useEngagement } from '../../components/engagement/api.js';
import { PhaseBadge } from '../../components/engagement/badges.js';
import { IconClipboardCheck, IconFactory, IconGauge, IconHandshake, IconMessage, IconStack } from '../../components/engagement/icons.js';
import { PhaseStepper } from '../../components/engagement/PhaseStepper.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconArrowRight, IconChevronDown } from '../../components/icons.js';
import { KeptPanel, useKeptTabs } from '../../components/KeptTabs.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { CloseModal } from './CloseModal.js';
import { EvidenceTab } from './EvidenceTab.js';
import { GateModal } from './GateModal.js';
import { isOpenPhase } from './hooks.js';
import { MessagesTab } from './MessagesTab.js';
import { OverviewTab } from './OverviewTab.js';
import { PolicyLine } from './PolicyLine.js';
import { ReadinessTab } from './ReadinessTab.js';
import { ResponseBanner } from './ResponseBanner.js';
import { VisitAdviceTab } from './VisitAdviceTab.js';
import { FileRequestsPanel } from '../../components/suppliers/FileRequestsPanel.js';
import { InvitationsPanel } from '../../components/suppliers/InvitationsPanel.js';
import { IconChartLine } from '../../components/quality/icons.js';
import { IconShieldCheck } from '../../components/icons.js';
import { IconAlertTriangle, IconLadder } from '../../components/discrepancies/icons.js';

const TABS = ['overview', 'readiness', 'evidence', 'visit', 'messages'] as const;
type Tab = (typeof TABS)[number];
const TAB_ICONS = { overview: IconHandshake, readiness: IconGauge, evidence: IconStack, visit: IconFactory, messages: IconMessage } as const;

export function EngagementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const engagement = useEngagement(id);
  const back = (
    <Anchor component={Link} to="/engagements" size="sm">
      ← {t('engagements.title')}
    </Anchor>
  );
  if (engagement.isPending) return <Loading />;
  if (engagement.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={engagement.error} onRetry={() => void engagement.refetch()} icon={<IconHandshake size={22} />} notFound={t('engagements.notFound')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <EngagementView engagement={engagement.data} />
    </Stack>
  );
}

function EngagementView({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tabs = useKeptTabs<Tab>('engagement', TABS, 'overview');
  const canDecide = useCan('engagement.decide') && e.myRole === 'buyer';
  const canContribute = useCan('engagement.contribute');
  const [gateOpened, gate] = useDisclosure(false);
  const [closeAction, setCloseAction] = useState<'withdraw' | 'terminate' | null>(null);
  const open = isOpenPhase(e.phase);
  const me = e.myRole === 'buyer' ? e.buyer : e.supplier;
  const other = e.myRole === 'buyer' ? e.supplier : e.buyer;

  return (
    <>
      <Card data-testid="engagement-header">
        {/* On a phone the actions go below the title and wrap, instead of squeezing it. */}
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Group gap="sm" wrap="wrap">
              <Title order={2} fw={650} data-testid="engagement-title">
                {e.title}
              </Title>
              <PhaseBadge phase={e.phase} size="lg" />
            </Group>
            <Group gap={8} mt={8} wrap="wrap" data-testid="engagement-parties">
              <Party name={e.buyer.name} kind="buyer" country={fmt.country(e.buyer.country)} you={me.id === e.buyer.id} />
              <IconArrowRight size={14} />
              <Party name={e.supplier.name} kind="supplier" country={fmt.country(e.supplier.country)} you={me.id === e.supplier.id} link={e.myRole === 'buyer' ? `/directory/${e.supplier.id}` : undefined} />
              <Badge variant="light" color={e.crossBorder ? 'brand' : 'gray'} tt="none" fw={500}>
                {e.crossBorder ? t('engagements.crossBorder') : t('engagements.domestic')}
              </Badge>
            </Group>
            <PolicyLine engagement={e} canMove={canDecide && open} />
          </div>
          <Group gap="xs" wrap="wrap" justify="flex-end" style={{ flex: '0 1 auto' }} data-testid="engagement-actions">
            <Button component={Link} to={`/engagements/${e.id}/quality`} variant="default" leftSection={<IconChartLine size={16} />} data-testid="quality-link">
              {t('quality.nav.quality')}
            </Button>
            {(e.phase === 'operational_compatibility' || e.phase === 'partnership') && (
              <Button component={Link} to={`/engagements/${e.id}/pilot`} variant="default" leftSection={<IconGauge size={16} />} data-testid="pilot-link">
                {t('pilots.nav.pilot')}
              </Button>
            )}
            <Button component={Link} to={`/engagements/${e.id}/record`} variant="default" leftSection={<IconShieldCheck size={16} />} data-testid="record-link">
              {t('record.open')}
            </Button>
            <Button component={Link} to={`/discrepancies?engagementId=${e.id}`} variant="default" leftSection={<IconAlertTriangle size={16} />} data-testid="discrepancies-link">
              {t('ux.engagement.discrepancies')}
            </Button>
            <Button component={Link} to={`/engagements/${e.id}/escalation`} variant="default" leftSection={<IconLadder size={16} />} data-testid="escalation-link">
              {t('ux.engagement.escalation')}
            </Button>
            {canDecide && open && (
              <Button leftSection={<IconClipboardCheck size={16} />} onClick={gate.open} data-testid="gate-open">
                {t('engagements.gate.button')}
              </Button>
            )}
            {canContribute && (open || e.phase === 'proposed') && (
              <Menu position="bottom-end" shadow="md">
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="engagement-more">
                    {t('engagements.more')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setCloseAction('withdraw')} data-testid="engagement-withdraw">
                    {t('engagements.close.withdraw')}
                  </Menu.Item>
                  {(e.phase === 'operational_compatibility' || e.phase === 'partnership') && (
                    <Menu.Item color="red" onClick={() => setCloseAction('terminate')} data-testid="engagement-terminate">
                      {t('engagements.close.terminate')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t('engagements.openedOn', { date: fmt.date(e.createdAt), counterpart: other.name })} · {t('engagements.phaseSinceDate', { date: fmt.date(e.phaseStartedAt) })}
        </Text>
        <div style={{ marginTop: 20 }}>
          <PhaseStepper engagement={e} />
        </div>
      </Card>

      <ResponseBanner engagement={e} />

      <Tabs id={tabs.id} value={tabs.tab} onChange={tabs.select}>
        <Tabs.List mb="md">
          {TABS.map((k) => {
            const Icon = TAB_ICONS[k];
            return (
              <Tabs.Tab key={k} value={k} leftSection={<Icon size={16} />} data-testid={`tab-${k}`}>
                {t(`engagements.tabs.${k}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <KeptPanel value="overview" tabs={tabs}>
        <OverviewTab engagement={e} />
      </KeptPanel>
      <KeptPanel value="readiness" tabs={tabs}>
        <ReadinessTab engagement={e} canDecide={canDecide && open} onDecide={gate.open} />
      </KeptPanel>
      <KeptPanel value="evidence" tabs={tabs}>
        <EvidenceTab engagement={e} />
        <FileRequestsPanel engagement={e} />
      </KeptPanel>
      <KeptPanel value="visit" tabs={tabs}>
        {/* Visits of this engagement (web/src/pages/visits): the list, and planning one for the buyer. */}
        <Group justify="flex-end" gap="xs" mb="sm">
          <Button component={Link} to={`/visits?engagementId=${e.id}&show=all`} variant="default" leftSection={<IconFactory size={16} />} data-testid="engagement-visits">
            {t('visits.engagementLink')}
          </Button>
          {e.myRole === 'buyer' && open && (
            <Button component={Link} to={`/visits?engagementId=${e.id}&plan=1`} data-testid="engagement-plan-visit">
              {t('visits.plan.open')}
            </Button>
          )}
        </Group>
        <InvitationsPanel engagement={e} />
        <VisitAdviceTab engagement={e} />
      </KeptPanel>
      <KeptPanel value="messages" tabs={tabs}>
        <MessagesTab engagement={e} />
      </KeptPanel>

      {canDecide && <GateModal engagement={e} opened={gateOpened} onClose={gate.close} />}
      <CloseModal engagement={e} action={closeAction} onClose={() => setCloseAction(null)} />
    </>
  );
}

function Party({ name, kind, country, you, link }: { name: string; kind: 'buyer' | 'supplier'; country: string; you: boolean; link?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" data-testid={`party-${kind}`}>
      {link ? (
        <Anchor component={Link} to={link} size="sm" fw={600}>
          {name}
        </Anchor>
      ) : (
        <Text size="sm" fw={600}>
          {name}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t(`kinds.${kind}`)} · {country}
      </Text>
      {you && (
        <Badge size="xs" variant="light" color="teal">
          {t('common.you')}
        </Badge>
      )}
    </Group>
  );
}
