// The buyer's product specifications: one row per product with its current version and characteristics.
import { Anchor, Badge, Button, Card, Group, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { IconPlus } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SPECIFICATIONS_KEY } from '../../components/quality/api.js';
import { CriticalityBadge } from '../../components/quality/badges.js';
import { IconRuler } from '../../components/quality/icons.js';
import type { Specification } from '../../components/quality/types.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';

export function SpecificationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canManage = useCan('specification.manage');
  const [archived, setArchived] = useState(false);
  const list = useQuery({
    queryKey: [...SPECIFICATIONS_KEY, { archived }],
    queryFn: () => api.get<Specification[]>('/api/v1/specifications', archived ? { includeArchived: 'true' } : {}),
  });

  return (
    <>
      <PageHeader
        title={t('quality.specs.title')}
        subtitle={t('quality.specs.subtitle')}
        actions={
          canManage && (
            <Button component={Link} to="/specifications/new" leftSection={<IconPlus size={16} />} data-testid="spec-new">
              {t('quality.specs.new')}
            </Button>
          )
        }
      />
      <Card padding={0}>
        <Group p="md" gap="sm" justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Switch label={t('quality.specs.showArchived')} checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} size="sm" />
          {list.data && (
            <Text size="xs" c="dimmed">
              {t('common.showing', { count: list.data.length })}
            </Text>
          )}
        </Group>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.length === 0 ? (
          <Empty
            icon={<IconRuler size={22} />}
            title={t('quality.specs.empty')}
            description={t('quality.specs.emptyHint')}
            action={
              canManage ? (
                <Button component={Link} to="/specifications/new" variant="light">
                  {t('quality.specs.new')}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table className="bf-table" highlightOnHover data-testid="specs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('quality.specs.product')}</Table.Th>
                  <Table.Th>{t('quality.specs.specTitle')}</Table.Th>
                  <Table.Th>{t('quality.specs.characteristics')}</Table.Th>
                  <Table.Th>{t('quality.specs.version')}</Table.Th>
                  <Table.Th>{t('quality.specs.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((s) => (
                  <Table.Tr key={s.id} data-testid="spec-row" data-product={s.product}>
                    <Table.Td>
                      <Anchor component={Link} to={`/specifications/${s.id}`} fw={600} size="sm" ff="monospace">
                        {s.product}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">{s.title}</Text>
                        {s.archivedAt && (
                          <Badge size="xs" variant="light" color="gray" tt="none">
                            {t('quality.specs.archived')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {(['critical', 'major', 'minor'] as const).map((c) => {
                          const n = s.characteristics.filter((x) => x.criticality === c).length;
                          return n > 0 ? <CriticalityBadge key={c} criticality={c} count={n} /> : null;
                        })}
                      </Group>
                    </Table.Td>
                    <Table.Td>v{s.currentVersion}</Table.Td>
                    <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.dateTime(s.updatedAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
