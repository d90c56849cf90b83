// An engagement's pilot: the running (or latest) one opens; without one, the buyer sets it up here in phase 3, and
// everyone else is told when a pilot comes.
import { Alert, Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { useEngagement } from '../../components/engagement/api.js';
import { PhaseBadge } from '../../components/engagement/badges.js';
import { IconGauge } from '../../components/engagement/icons.js';
import { IconInfo } from '../../components/icons.js';
import { useEngagementPilots } from '../../components/pilots/api.js';
import { PilotStatusBadge } from '../../components/pilots/badges.js';
import { PilotSetupForm } from '../../components/pilots/PilotSetupForm.js';
import { OrdersPanel } from '../../components/pilots/OrdersPanel.js';
import { ErrorAlert, LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';

export function EngagementPilotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const engagement = useEngagement(id);
  const pilots = useEngagementPilots(id);
  const canManage = useCan('pilot.manage');
  const back = (
    <Anchor component={Link} to={`/engagements/${id}`} size="sm">
      ← {engagement.data?.title ?? t('engagements.title')}
    </Anchor>
  );
  if (engagement.isPending || pilots.isPending) return <Loading />;
  if (engagement.isError) return <Stack>{back}<LoadFailure error={engagement.error} onRetry={() => void engagement.refetch()} icon={<IconGauge size={22} />} notFound={t('engagements.notFound')} /></Stack>;
  if (pilots.isError) return <Stack>{back}<ErrorAlert error={pilots.error} onRetry={() => void pilots.refetch()} /></Stack>;
  const e = engagement.data;
  const running = pilots.data.find((p) => p.status === 'running');
  if (running) return <Navigate to={`/pilots/${running.id}`} replace />;
  const phase3 = e.phase === 'operational_compatibility';
  const buyer = e.myRole === 'buyer' && canManage;
  return (
    <Stack gap="md">
      {back}
      <Group gap="sm">
        <Title order={2} fw={650} data-testid="page-title">
          {t('pilots.page.engagementTitle')}
        </Title>
        <PhaseBadge phase={e.phase} />
      </Group>
      {pilots.data.length > 0 && (
        <Card padding={0}>
          <Table fz="sm" data-testid="past-pilots">
            <Table.Tbody>
              {pilots.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/pilots/${p.id}`}>
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {fmt.date(p.startDate)} – {fmt.date(p.endDate)}
                  </Table.Td>
                  <Table.Td>
                    <PilotStatusBadge status={p.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {phase3 && buyer ? (
        <PilotSetupForm engagementId={e.id} productHint={(e.scope.products[0] ?? '').replace(/^.*\(([^)]+)\)\s*$/, '$1')} />
      ) : (
        <Alert color="blue" variant="light" icon={<IconInfo />} data-testid="pilot-none">
          <Text size="sm">{t(phase3 ? 'pilots.page.noneSupplier' : 'pilots.page.notPhase3')}</Text>
        </Alert>
      )}
      {phase3 && <OrdersPanel engagementId={e.id} pilotId={null} canRecord={buyer} />}
    </Stack>
  );
}
