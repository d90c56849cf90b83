import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client.js';
import type { Organization } from '../api/types.js';
import { useCan, useSession } from '../app/session.js';
import { useClaims, useEngagementsWith, useIdentifiers, useSites } from '../components/engagement/api.js';
import { PhaseBadge } from '../components/engagement/badges.js';
import { ClaimsTable, useVisibleEvidence } from '../components/engagement/ClaimsTable.js';
import { IconHandshake } from '../components/engagement/icons.js';
import { IdentifiersTable } from '../components/engagement/Identifiers.js';
import { OpenEngagementModal } from '../components/engagement/OpenEngagementModal.js';
import { SitesTable } from '../components/engagement/Sites.js';
import { IconBuildings } from '../components/icons.js';
import { ErrorAlert, LoadFailure, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { KindBadge } from './DirectoryPage.js';

export function OrganizationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const org = useQuery({ queryKey: ['organization', id], queryFn: () => api.get<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`) });

  const back = (
    <Anchor component={Link} to="/directory" size="sm">
      ← {t('directory.title')}
    </Anchor>
  );
  if (org.isPending) return <Loading />;
  if (org.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={org.error} onRetry={() => void org.refetch()} icon={<IconBuildings size={22} />} notFound={t('organization.notFound')} />
      </Stack>
    );
  }
  const o = org.data;
  return (
    <Stack gap="md">
      {back}
      <Card>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} fw={650} data-testid="organization-name">
              {o.name}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {fmt.country(o.country)} · {t('organization.since', { date: fmt.date(o.createdAt) })}
            </Text>
          </div>
          <Group gap="sm" wrap="nowrap">
            <KindBadge kind={o.kind} />
            <OpenEngagementButton organization={o} />
          </Group>
        </Group>
        <Text size="sm" mt="md" c={o.description ? undefined : 'dimmed'}>
          {o.description ?? t('organization.noDescription')}
        </Text>
        <Table withRowBorders={false} verticalSpacing={6} fz="sm" mt="md" layout="fixed">
          <Table.Tbody>
            {o.website && (
              <Row label={t('home.website')}>
                <Anchor href={o.website} target="_blank" rel="noreferrer noopener" size="sm">
                  {o.website}
                </Anchor>
              </Row>
            )}
            <Row label={t('home.categories')}>
              {o.categories.length ? (
                <Group gap={4}>
                  {o.categories.map((c) => (
                    <Badge key={c} variant="outline" color="gray" tt="none" fw={500}>
                      {c}
                    </Badge>
                  ))}
                </Group>
              ) : (
                t('common.none')
              )}
            </Row>
          </Table.Tbody>
        </Table>
      </Card>
      <IdentifiersCard organization={o} />
      {o.kind === 'supplier' && <SupplierSections organization={o} />}
    </Stack>
  );
}

function OpenEngagementButton({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const canCreate = useCan('engagement.create');
  const [opened, { open, close }] = useDisclosure(false);
  if (!canCreate || o.kind !== 'supplier') return null;
  return (
    <>
      <Button leftSection={<IconHandshake size={16} />} onClick={open} data-testid="open-engagement">
        {t('engagements.open.button')}
      </Button>
      <OpenEngagementModal opened={opened} onClose={close} supplier={o} />
    </>
  );
}

function IdentifiersCard({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const identifiers = useIdentifiers(o.id);
  return (
    <Card padding={0} data-testid="identifiers-card">
      <Stack gap={2} p="md">
        <Title order={4} fw={600}>
          {t('home.identifiers')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('supplier.identifiers.explainer')}
        </Text>
      </Stack>
      {identifiers.isPending ? (
        <Loading />
      ) : identifiers.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorAlert error={identifiers.error} onRetry={() => void identifiers.refetch()} />
        </div>
      ) : (
        <div style={{ padding: identifiers.data.length ? 0 : '0 16px 16px' }}>
          <IdentifiersTable identifiers={identifiers.data} />
        </div>
      )}
    </Card>
  );
}

function SupplierSections({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const { organization: own } = useSession();
  const isOwn = own.id === o.id;
  const sites = useSites(o.id);
  const claims = useClaims(o.id);
  const engagements = useEngagementsWith(o.id, !isOwn && own.kind === 'buyer');
  const evidence = useVisibleEvidence(o.id);
  return (
    <>
      {!isOwn && (engagements.data?.length ?? 0) > 0 && (
        <Card data-testid="supplier-engagements">
          <Title order={4} fw={600} mb="xs">
            {t('supplier.yourEngagements')}
          </Title>
          <Stack gap={6}>
            {engagements.data!.map((e) => (
              <Group key={e.id} gap="sm">
                <Anchor component={Link} to={`/engagements/${e.id}`} size="sm" fw={500}>
                  {e.title}
                </Anchor>
                <PhaseBadge phase={e.phase} size="sm" />
              </Group>
            ))}
          </Stack>
        </Card>
      )}
      <Card padding={0}>
        <Title order={4} fw={600} p="md">
          {t('supplier.sites.title')}
        </Title>
        {sites.isPending ? (
          <Loading />
        ) : sites.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />
          </div>
        ) : sites.data.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {t('supplier.sites.empty')}
          </Text>
        ) : (
          <SitesTable sites={sites.data} />
        )}
      </Card>
      <Card padding={0}>
        <Stack gap={2} p="md">
          <Title order={4} fw={600}>
            {t('supplier.claims.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('supplier.claims.hintBuyer')}
          </Text>
        </Stack>
        {claims.isPending ? (
          <Loading />
        ) : claims.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={claims.error} onRetry={() => void claims.refetch()} />
          </div>
        ) : claims.data.length === 0 ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            {t('supplier.claims.empty')}
          </Text>
        ) : (
          <ClaimsTable claims={claims.data} evidence={evidence} sites={sites.data ?? []} />
        )}
      </Card>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={170} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
