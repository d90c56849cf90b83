import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, isApiError } from '../api/client.js';
import type { Organization } from '../api/types.js';
import { IconBuildings } from '../components/icons.js';
import { Empty, ErrorAlert, Loading } from '../components/States.js';
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
        {isApiError(org.error, 404) || isApiError(org.error, 400) ? (
          <Empty icon={<IconBuildings size={22} />} title={t('organization.notFound')} />
        ) : (
          <ErrorAlert error={org.error} onRetry={() => void org.refetch()} />
        )}
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
          <KindBadge kind={o.kind} />
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
            <Row label={t('home.identifiers')}>
              {o.identifiers.length ? (
                <Stack gap={2}>
                  {o.identifiers.map((i) => (
                    <Text key={`${i.scheme}:${i.value}`} className="bf-mono">
                      {i.scheme} {i.value}
                    </Text>
                  ))}
                </Stack>
              ) : (
                t('common.none')
              )}
            </Row>
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
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
