// What waits for the user (GET /api/v1/waiting): counts beside the navigation links they belong to, and a panel on
// the home page listing each kind with the engagements it waits in. Read again every minute and whenever the page
// is shown; notifications (the bell) say when something new arrives.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WaitingKind, WaitingViewT } from '../../../../src/contracts/waiting.js';
import { api } from '../../api/client.js';
import { can, useSession } from '../../app/session.js';

export const WAITING_KEY = ['waiting'] as const;

export function useWaiting() {
  const session = useSession();
  const enabled = session.organization.kind !== 'auditor' && can(session, 'engagement.read');
  return useQuery({ queryKey: [...WAITING_KEY, session.organization.id], queryFn: () => api.get<WaitingViewT>('/api/v1/waiting'), enabled, refetchInterval: 60_000, staleTime: 10_000 });
}

/** The navigation link each kind belongs to. */
const NAV_OF: Record<WaitingKind, string> = { requests: '/engagements', messages: '/engagements', evidence: '/engagements', visits: '/visits' };

/** How many things wait behind a navigation link (0 when none, or for links without any). */
export function useWaitingFor(path: string): number {
  const q = useWaiting();
  return (q.data?.items ?? []).filter((i) => NAV_OF[i.kind] === path).reduce((n, i) => n + i.count, 0);
}

/** The count beside a navigation link. */
export function NavCount({ path }: { path: string }) {
  const { t } = useTranslation();
  const n = useWaitingFor(path);
  if (n === 0) return null;
  return (
    <Badge size="sm" circle={n < 10} color="red" variant="filled" aria-label={t('ux.waiting.navCount', { count: n })} data-testid={`nav-count-${path.replace(/^\//, '')}`} data-count={n}>
      {n > 99 ? '99+' : n}
    </Badge>
  );
}

/** Where an engagement's waiting items are answered. */
function linkFor(kind: WaitingKind, engagementId: string): string {
  if (kind === 'visits') return `/visits?engagementId=${engagementId}&show=all`;
  if (kind === 'messages') return `/engagements/${engagementId}?tab=messages`;
  if (kind === 'evidence') return `/engagements/${engagementId}?tab=evidence`;
  return `/engagements/${engagementId}`;
}

/** The home page's panel: each kind with its count and the engagements it waits in. */
export function WaitingPanel() {
  const { t } = useTranslation();
  const q = useWaiting();
  if (!q.data) return null;
  const items = q.data.items;
  return (
    <Card data-testid="waiting-panel" data-total={q.data.total}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={4} fw={650}>
          {t('ux.waiting.title')}
        </Title>
        {q.data.total > 0 && (
          <Badge color="red" variant="light" data-testid="waiting-total">
            {q.data.total}
          </Badge>
        )}
      </Group>
      {q.data.total === 0 ? (
        <Text size="sm" c="dimmed" data-testid="waiting-none">
          {t('ux.waiting.none')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {items.map((i) => (
            <Stack key={i.kind} gap={4} data-testid={`waiting-${i.kind}`} data-count={i.count}>
              <Group gap={6} wrap="nowrap">
                <Text fw={700} fz={22} c={i.count > 0 ? 'red.7' : 'dimmed'}>
                  {i.count}
                </Text>
                <Text size="sm" fw={500} style={{ minWidth: 0 }}>
                  {t(`ux.waiting.kinds.${i.kind}`, { count: i.count })}
                </Text>
              </Group>
              {i.engagements.slice(0, 4).map((e) => (
                <Anchor key={e.id} component={Link} to={linkFor(i.kind, e.id)} size="xs" style={{ overflowWrap: 'anywhere' }} data-testid="waiting-link">
                  {e.title}
                  {e.count > 1 ? ` (${e.count})` : ''}
                </Anchor>
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}
