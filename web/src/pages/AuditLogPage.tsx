import { Badge, Button, Card, Center, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { AuditEntry } from '../api/types.js';
import { useSession } from '../app/session.js';
import { IconHistory } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { generatedText, type Generated } from '../components/engagement/evidenceTitle.js';
import { useDay } from '../components/engagement/format.js';

const PAGE = 50;

/**
 * The entry's stored details, field by field; a title the system wrote for evidence (a sample test, a pilot review)
 * is worded from its code in the reader's language rather than shown in the English it was stored in.
 */
function detailText(e: AuditEntry, title: (g: Generated, fallback: string) => string): string {
  return Object.entries(e.details)
    .map(([k, v]) => `${k}: ${k === 'title' && e.generatedTitle && typeof v === 'string' ? title(e.generatedTitle, v) : typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const { organization } = useSession();
  const fmt = useFormat();
  const day = useDay();
  const log = useInfiniteQuery({
    queryKey: ['audit-log'],
    queryFn: ({ pageParam, signal }) => api.get<AuditEntry[]>('/api/v1/audit-log', { limit: PAGE, before: pageParam }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1].seq : undefined),
  });
  const entries = log.data?.pages.flat() ?? [];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle', { org: organization.name, tz: fmt.timeZone })} />
      <Card padding={0}>
        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
          </div>
        ) : entries.length === 0 ? (
          <Empty icon={<IconHistory size={22} />} title={t('audit.empty')} />
        ) : (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table className="bf-table" striped="even" data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>#</Table.Th>
                    <Table.Th w={170}>{t('audit.time')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.action')}</Table.Th>
                    <Table.Th>{t('audit.entity')}</Table.Th>
                    <Table.Th>{t('audit.details')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((e) => {
                    const label = i18n.exists(`audit.actions.${e.action}`) ? t(`audit.actions.${e.action}`) : e.action;
                    const details = detailText(e, (g, fallback) => generatedText(t, day, g, fallback));
                    return (
                      <Table.Tr key={e.id} data-testid="audit-row">
                        <Table.Td c="dimmed" className="bf-mono">
                          {e.seq}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</Table.Td>
                        <Table.Td>
                          <Stack gap={0}>
                            <Text size="sm">{e.actor.displayName ?? t('audit.system')}</Text>
                            {e.actor.tokenId && (
                              <Text size="xs" c="dimmed">
                                {t('audit.viaToken')}
                              </Text>
                            )}
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={2}>
                            <Text size="sm" fw={500}>
                              {label}
                            </Text>
                            <Text size="xs" c="dimmed" className="bf-mono">
                              {e.action}
                            </Text>
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Badge variant="default" tt="none" fw={500} size="sm">
                              {e.entityType}
                            </Badge>
                            {e.entityId && (
                              <Tooltip label={e.entityId}>
                                <Text size="xs" c="dimmed" className="bf-mono">
                                  {e.entityId.slice(0, 8)}
                                </Text>
                              </Tooltip>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td maw={360}>
                          <Tooltip label={details} disabled={details.length < 60} multiline w={420}>
                            <Text size="xs" c="dimmed" lineClamp={2} style={{ wordBreak: 'break-word' }}>
                              {details || t('common.none')}
                            </Text>
                          </Tooltip>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Center p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              {log.hasNextPage ? (
                <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage} data-testid="audit-load-older">
                  {t('audit.loadOlder')}
                </Button>
              ) : (
                <Text size="xs" c="dimmed" data-testid="audit-end">
                  {t('audit.noMore')}
                </Text>
              )}
            </Center>
          </>
        )}
      </Card>
    </>
  );
}
