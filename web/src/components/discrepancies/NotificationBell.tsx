// The bell in the header: unread count, the latest notifications worded in the UI language (from kind and
// params, by the same templates the emails use), a click opens what it is about and marks it read.
import { ActionIcon, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { renderNotification } from '../../../../src/domain/browser.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText } from '../../lib/validation.js';
import { discrepancyApi, NOTIFICATIONS_KEY, useNotifications } from './api.js';
import { IconBell } from './icons.js';

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  const markRead = useMutation({
    mutationFn: discrepancyApi.markRead,
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
    onError: (e) => notify.error(errorText(e, t)),
    meta: { handlesErrors: true },
  });
  const label = unread > 0 ? t('discrepancies.bell.unread', { count: unread }) : t('discrepancies.bell.label');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} color="red" offset={4} data-testid="bell-count" data-count={unread}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} title={label} onClick={() => setOpened((o) => !o)} data-testid="bell">
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="bell-dropdown">
        <Group justify="space-between" px="sm" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fw={600} size="sm">
            {t('discrepancies.bell.label')}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })} data-testid="bell-mark-all">
            {t('discrepancies.bell.markAll')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.isError && (
            <Text size="sm" c="red" p="sm">
              {t('discrepancies.bell.loadFailed')}
            </Text>
          )}
          {list.data && list.data.items.length === 0 && (
            <Text size="sm" c="dimmed" p="sm" data-testid="bell-empty">
              {t('discrepancies.bell.empty')}
            </Text>
          )}
          <Stack gap={0}>
            {list.data?.items.map((n) => {
              const text = renderNotification(n.kind, n.params, { locale: i18n.language, timeZone: fmt.timeZone });
              return (
                <UnstyledButton
                  key={n.id}
                  px="sm"
                  py={8}
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-1)', background: n.readAt ? undefined : 'var(--mantine-color-blue-0)' }}
                  data-testid="bell-item"
                  data-kind={n.kind}
                  data-unread={n.readAt ? undefined : true}
                  onClick={() => {
                    setOpened(false);
                    if (!n.readAt) markRead.mutate({ ids: [n.id] });
                    if (n.link) navigate(n.link);
                  }}
                >
                  <Box>
                    <Text size="sm" fw={n.readAt ? 400 : 600} lineClamp={2}>
                      {text.subject}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {text.body}
                    </Text>
                    <Text size="xs" c="dimmed" mt={2}>
                      {fmt.dateTime(n.createdAt)}
                    </Text>
                  </Box>
                </UnstyledButton>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
