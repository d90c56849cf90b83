// The form's save status: "Saved", "Saving…", "Offline — N changes kept on this device".
import { Badge, Loader, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { outbox } from '../../offline/outbox.js';
import { useSyncStatus } from '../../offline/useOutbox.js';
import { IconCloudCheck, IconCloudOff } from './icons.js';

const COLORS = { saved: 'teal', saving: 'blue', offline: 'orange', login: 'red' } as const;

export function SyncPill({ visitId, typing = 0 }: { visitId?: string; typing?: number }) {
  const { t } = useTranslation();
  const s = useSyncStatus(visitId, typing);
  const label =
    s.state === 'saved'
      ? t('visits.sync.saved')
      : s.state === 'saving'
        ? t('visits.sync.saving')
        : s.state === 'login'
          ? t('visits.sync.login', { count: s.pending })
          : s.pending > 0
            ? t('visits.sync.offline', { count: s.pending })
            : t('visits.sync.offlineNothing');
  const icon = s.state === 'saving' ? <Loader size={12} color="blue" /> : s.state === 'saved' ? <IconCloudCheck size={15} /> : <IconCloudOff size={15} />;
  const hint = s.persistent ? t('visits.sync.hint') : t('visits.sync.memoryOnly');
  return (
    <Tooltip label={hint} multiline maw={280} withArrow>
      <Badge
        size="md"
        radius="xl"
        variant="light"
        color={COLORS[s.state]}
        leftSection={icon}
        tt="none"
        fw={600}
        h="auto"
        py={6}
        style={{ cursor: s.state === 'offline' ? 'pointer' : undefined, maxWidth: '100%' }}
        styles={{ label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 } }}
        onClick={() => (s.state === 'offline' ? void outbox.flush() : undefined)}
        data-testid="sync-status"
        data-state={s.state}
        data-pending={s.pending}
        role="status"
        aria-live="polite"
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
