// Engagements of the organization, from either side: the counterpart, the phase and the policy version.
import { Anchor, Badge, Button, Card, Group, Loader, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ENGAGEMENT_PHASES } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { PhaseBadge } from '../../components/engagement/badges.js';
import { IconHandshake } from '../../components/engagement/icons.js';
import { OpenEngagementModal } from '../../components/engagement/OpenEngagementModal.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconPlus, IconSearch } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { useBuyerSincerity } from '../../components/suppliers/api.js';
import { policyName } from '../../lib/systemText.js';

export function EngagementsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { organization } = useSession();
  const canCreate = useCan('engagement.create');
  const canSincerity = useCan('sincerity.read');
  const [opened, { open, close }] = useDisclosure(false);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const phase = params.get('phase') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const filters = { q: debouncedQ.trim(), phase };
  const list = useQuery({
    queryKey: ['engagements', filters],
    queryFn: ({ signal }) => api.get<Engagement[]>('/api/v1/engagements', filters, signal),
    placeholderData: keepPreviousData,
  });
  // A supplier sees its inbound requests and engagements ordered by the buyer's sincerity (its own view, /buyers).
  const bySincerity = organization.kind === 'supplier' && canSincerity;
  const sincerity = useBuyerSincerity(bySincerity);
  const scoreOf = new Map((sincerity.data ?? []).map((b) => [b.organizationId, b]));
  const rank = new Map((sincerity.data ?? []).map((b, i) => [b.organizationId, i]));
  const rows = bySincerity && sincerity.data ? [...(list.data ?? [])].sort((a, b) => (rank.get(a.buyer.id) ?? 1e9) - (rank.get(b.buyer.id) ?? 1e9)) : (list.data ?? []);

  return (
    <>
      <PageHeader
        title={t('engagements.title')}
        subtitle={t(organization.kind === 'buyer' ? 'engagements.subtitleBuyer' : 'engagements.subtitleSupplier')}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={open} data-testid="engagements-open">
              {t('engagements.open.button')}
            </Button>
          )
        }
      />
      <OpenEngagementModal opened={opened} onClose={close} />
      <Card padding={0}>
        <Group p="md" gap="sm" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <TextInput
            placeholder={t('engagements.search')}
            leftSection={<IconSearch size={16} />}
            rightSection={list.isFetching ? <Loader size={14} /> : null}
            value={q}
            onChange={(e) => set('q', e.currentTarget.value)}
            w={{ base: '100%', sm: 300 }}
            aria-label={t('engagements.search')}
            data-testid="engagements-search"
          />
          <Select
            placeholder={t('engagements.phaseAny')}
            data={ENGAGEMENT_PHASES.map((p) => ({ value: p, label: t(`vocab.phases.${p}`) }))}
            value={phase || null}
            onChange={(v) => set('phase', v)}
            clearable
            w={{ base: '100%', sm: 240 }}
            aria-label={t('engagements.phase')}
            data-testid="engagements-phase"
          />
          {list.data && (
            <Text size="xs" c="dimmed" ml="auto">
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
            icon={<IconHandshake size={22} />}
            title={t('engagements.empty')}
            description={q || phase ? t('directory.emptyHint') : t(organization.kind === 'buyer' ? 'engagements.emptyHintBuyer' : 'engagements.emptyHintSupplier')}
            action={
              canCreate && !q && !phase ? (
                <Button component={Link} to="/directory?kind=supplier" variant="light">
                  {t('engagements.findSupplier')}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table className="bf-table" highlightOnHover data-testid="engagements-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('engagements.engagement')}</Table.Th>
                  <Table.Th>{t('engagements.counterpart')}</Table.Th>
                  <Table.Th>{t('engagements.phase')}</Table.Th>
                  <Table.Th>{t('engagements.policy')}</Table.Th>
                  <Table.Th>{t('engagements.phaseSince')}</Table.Th>
                  {bySincerity && <Table.Th>{t('suppliers.sincerity.column')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => {
                  const other = e.myRole === 'buyer' ? e.supplier : e.buyer;
                  return (
                    <Table.Tr key={e.id} data-testid="engagement-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/engagements/${e.id}`} fw={500} size="sm">
                          {e.title}
                        </Anchor>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {e.scope.products.join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{other.name}</Text>
                        <Group gap={4}>
                          <Text size="xs" c="dimmed">
                            {t(`kinds.${other.kind}`, { defaultValue: other.kind })} · {fmt.country(other.country)}
                          </Text>
                          {e.crossBorder && (
                            <Badge size="xs" variant="light" color="gray" tt="none">
                              {t('engagements.crossBorder')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <PhaseBadge phase={e.phase} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {policyName(t, e.policy)} · v{e.policy.version}
                        </Text>
                        {e.policy.latestVersion > e.policy.version && (
                          <Text size="xs" c="orange.8">
                            {t('engagements.policyNewer', { version: e.policy.latestVersion })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {fmt.date(e.phaseStartedAt)}
                      </Table.Td>
                      {bySincerity && (
                        <Table.Td data-testid="engagement-sincerity">
                          {scoreOf.get(e.buyer.id) ? (
                            <Anchor component={Link} to="/buyers" size="sm">
                              {scoreOf.get(e.buyer.id)!.score === null ? '—' : fmt.number(scoreOf.get(e.buyer.id)!.score!)} · {t(`suppliers.sincerity.band.${scoreOf.get(e.buyer.id)!.band}`)}
                            </Anchor>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                      )}
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
