// Quality data across engagements: the way in to each engagement's sample tests, lot inspections, imports,
// SPC and verified capacity, and (for buyers) to the product specifications.
import { Anchor, Button, Card, Group, SimpleGrid, Table, Text, ThemeIcon } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { PhaseBadge } from '../../components/engagement/badges.js';
import type { Engagement } from '../../components/engagement/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useSpecifications } from '../../components/quality/api.js';
import { IconBoxCheck, IconChartBar, IconChartLine, IconFileImport, IconFlask, IconRuler } from '../../components/quality/icons.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { QUALITY_TABS } from './tabs.js';

const TAB_ICONS = { samples: IconFlask, lots: IconBoxCheck, imports: IconFileImport, spc: IconChartLine, capacity: IconChartBar } as const;

export function QualityPage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  const isBuyer = organization.kind === 'buyer';
  const canSpecify = useCan('specification.manage');
  const specs = useSpecifications(isBuyer);
  const list = useQuery({ queryKey: ['engagements', { scope: 'quality' }], queryFn: () => api.get<Engagement[]>('/api/v1/engagements') });

  return (
    <>
      <PageHeader title={t('quality.overview.title')} subtitle={t(isBuyer ? 'quality.overview.subtitleBuyer' : 'quality.overview.subtitleSupplier')} />
      {isBuyer && (
        <Card mb="md" data-testid="quality-specs-card">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg">
                <IconRuler size={20} />
              </ThemeIcon>
              <div>
                <Text fw={600}>{t('quality.specs.title')}</Text>
                <Text size="sm" c="dimmed">
                  {specs.data ? t('quality.overview.specCount', { count: specs.data.length }) : t('quality.specs.subtitle')}
                </Text>
              </div>
            </Group>
            <Group gap="xs">
              <Button component={Link} to="/specifications" variant="default">
                {t('quality.overview.manageSpecs')}
              </Button>
              {canSpecify && (
                <Button component={Link} to="/specifications/new" variant="light">
                  {t('quality.specs.new')}
                </Button>
              )}
            </Group>
          </Group>
        </Card>
      )}
      <Card padding={0}>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.length === 0 ? (
          <Empty icon={<IconChartLine size={22} />} title={t('quality.overview.empty')} description={t('quality.overview.emptyHint')} />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table className="bf-table" highlightOnHover data-testid="quality-engagements">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('quality.overview.engagement')}</Table.Th>
                  <Table.Th>{t('quality.overview.counterpart')}</Table.Th>
                  <Table.Th>{t('quality.overview.phase')}</Table.Th>
                  <Table.Th>{t('quality.overview.open')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((e) => {
                  const other = e.myRole === 'buyer' ? e.supplier : e.buyer;
                  return (
                    <Table.Tr key={e.id} data-testid="quality-engagement-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/engagements/${e.id}/quality`} fw={500} size="sm" data-testid="quality-engagement-link">
                          {e.title}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {e.scope.products.join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{other.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <PhaseBadge phase={e.phase} />
                      </Table.Td>
                      <Table.Td>
                        <SimpleGrid cols={5} spacing={4} w={200}>
                          {QUALITY_TABS.map((k) => {
                            const Icon = TAB_ICONS[k];
                            return (
                              <Button key={k} component={Link} to={`/engagements/${e.id}/quality?tab=${k}`} variant="subtle" size="compact-sm" px={6} title={t(`quality.tabs.${k}`)} aria-label={t(`quality.tabs.${k}`)}>
                                <Icon size={16} />
                              </Button>
                            );
                          })}
                        </SimpleGrid>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </>
  );
}
