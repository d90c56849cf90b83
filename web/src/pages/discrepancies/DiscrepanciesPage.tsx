// Discrepancies of every engagement the organization is a party to, open first, with the step each one is at,
// its due date and escalation level; "Raise a discrepancy" for either side.
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { useDiscrepancies, type DiscrepancySummary } from '../../components/discrepancies/api.js';
import { ClosureBadge, LevelBadge, SeverityBadge } from '../../components/discrepancies/badges.js';
import { IconAlertTriangle } from '../../components/discrepancies/icons.js';
import { IconPlus } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { RaiseModal } from './RaiseModal.js';
import { useTargetLabel } from '../../components/discrepancies/targetLabel.js';

type Filter = 'open' | 'closed' | 'all';

export function DiscrepanciesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: Filter = (['open', 'closed', 'all'] as const).includes(params.get('show') as Filter) ? (params.get('show') as Filter) : 'open';
  const engagementId = params.get('engagementId') ?? undefined;
  const list = useDiscrepancies({ ...(filter === 'all' ? {} : { status: filter }), ...(engagementId ? { engagementId } : {}) });
  const canRaise = useCan('engagement.contribute');
  const [raising, setRaising] = useState(params.get('raise') === '1');
  const phone = useMediaQuery('(max-width: 48em)');

  return (
    <>
      <PageHeader
        title={t('discrepancies.list.title')}
        subtitle={t('discrepancies.list.subtitle')}
        actions={
          canRaise && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)} data-testid="raise-open">
              {t('discrepancies.list.raise')}
            </Button>
          )
        }
      />
      <Group mb="md">
        <SegmentedControl
          value={filter}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            next.set('show', v);
            setParams(next, { replace: true });
          }}
          data={[
            { value: 'open', label: t('discrepancies.list.filterOpen') },
            { value: 'closed', label: t('discrepancies.list.filterClosed') },
            { value: 'all', label: t('discrepancies.list.filterAll') },
          ]}
          data-testid="discrepancy-filter"
        />
      </Group>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Empty icon={<IconAlertTriangle size={22} />} title={t('discrepancies.list.empty')} description={t('discrepancies.list.emptyHint')} testId="discrepancies-empty" />}
      {list.data && list.data.length > 0 && (phone ? <Cards items={list.data} /> : <Rows items={list.data} />)}
      <RaiseModal opened={raising} onClose={() => setRaising(false)} engagementId={engagementId} />
    </>
  );
}

function CurrentStep({ d }: { d: DiscrepancySummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (d.status === 'closed') return <ClosureBadge status={d.status} closedOnTime={d.closedOnTime} closureRequested={false} />;
  if (!d.currentStep) return <ClosureBadge status={d.status} closedOnTime={null} closureRequested={d.closureRequested} />;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} c={d.currentStep.overdue ? 'red' : undefined}>
        {d.currentStep.step}
      </Text>
      <Text size="xs" c={d.currentStep.overdue ? 'red' : 'dimmed'}>
        {t('discrepancies.list.due', { date: fmt.dateTime(d.currentStep.dueAt) })}
      </Text>
    </Stack>
  );
}

function Rows({ items }: { items: DiscrepancySummary[] }) {
  const { t } = useTranslation();
  const targetLabel = useTargetLabel();
  return (
    <Card p={0}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="discrepancy-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('discrepancies.list.columns.reference')}</Table.Th>
            <Table.Th>{t('discrepancies.list.columns.title')}</Table.Th>
            <Table.Th>{t('discrepancies.list.columns.engagement')}</Table.Th>
            <Table.Th>{t('discrepancies.list.columns.step')}</Table.Th>
            <Table.Th>{t('discrepancies.list.columns.level')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid="discrepancy-row" data-reference={d.reference}>
              <Table.Td>
                <Anchor component={Link} to={`/discrepancies/${d.id}`} fw={600}>
                  {d.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="wrap">
                  <SeverityBadge severity={d.severity} size="xs" />
                  {d.proactive && (
                    <Badge size="xs" color="teal" variant="outline" tt="none">
                      {t('discrepancies.proactive')}
                    </Badge>
                  )}
                </Group>
                <Anchor component={Link} to={`/discrepancies/${d.id}`} c="dark" size="sm">
                  {d.title}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {targetLabel(d.target)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.engagement.title}</Text>
                <Text size="xs" c="dimmed">
                  {d.myRole === 'buyer' ? d.engagement.supplier.name : d.engagement.buyer.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <CurrentStep d={d} />
                <Text size="xs" c="dimmed">
                  {t('discrepancies.list.stepsDone', { count: d.stepsDone })}
                </Text>
              </Table.Td>
              <Table.Td>{d.status === 'open' && <LevelBadge level={d.escalationLevel} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Cards({ items }: { items: DiscrepancySummary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {items.map((d) => (
        <Card key={d.id} component={Link} to={`/discrepancies/${d.id}`} data-testid="discrepancy-row" data-reference={d.reference}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text fw={700}>{d.reference}</Text>
                <SeverityBadge severity={d.severity} size="xs" />
              </Group>
              <Text size="sm" fw={500}>
                {d.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {d.engagement.title}
              </Text>
            </Stack>
            {d.status === 'open' && <LevelBadge level={d.escalationLevel} size="xs" />}
          </Group>
          <Group mt="xs" justify="space-between">
            <CurrentStep d={d} />
            <Text size="xs" c="dimmed">
              {t('discrepancies.list.stepsDone', { count: d.stepsDone })}
            </Text>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
