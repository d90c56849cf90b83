// While an engagement is proposed: the supplier accepts or declines it (with an optional note); the buyer waits.
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { useRefreshEngagement } from '../../components/engagement/api.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconHandshake } from '../../components/engagement/icons.js';
import { IconInfo } from '../../components/icons.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';

export function ResponseBanner({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canRespond = useCan('engagement.respond');
  const refresh = useRefreshEngagement(e.id);
  const [note, setNote] = useState('');
  const respond = useMutation({
    mutationFn: (decision: 'accept' | 'decline') => api.post<Engagement>(`/api/v1/engagements/${e.id}/response`, { decision, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: async (_r, decision) => {
      notify.success(t(decision === 'accept' ? 'engagements.response.accepted' : 'engagements.response.declined'));
      await refresh();
    },
  });
  if (e.phase !== 'proposed') return null;
  if (e.myRole === 'buyer') {
    return (
      <Alert variant="light" color="blue" icon={<IconInfo />} data-testid="awaiting-supplier">
        {t('engagements.response.waiting', { supplier: e.supplier.name })}
      </Alert>
    );
  }
  return (
    <Alert variant="light" color="brand" icon={<IconHandshake />} title={t('engagements.response.title', { buyer: e.buyer.name })} data-testid="response-banner">
      <Stack gap="sm">
        <Text size="sm">{t('engagements.response.body', { buyer: e.buyer.name, date: fmt.date(e.createdAt) })}</Text>
        {canRespond ? (
          <>
            <Textarea
              placeholder={t('engagements.response.notePlaceholder')}
              aria-label={t('engagements.response.note')}
              value={note}
              onChange={(ev) => setNote(ev.currentTarget.value)}
              autosize
              minRows={2}
              maw={640}
              data-testid="response-note"
            />
            <Group gap="xs">
              <Button color="teal" loading={respond.isPending && respond.variables === 'accept'} disabled={respond.isPending} onClick={() => respond.mutate('accept')} data-testid="response-accept">
                {t('engagements.response.accept')}
              </Button>
              <Button variant="default" color="red" loading={respond.isPending && respond.variables === 'decline'} disabled={respond.isPending} onClick={() => respond.mutate('decline')} data-testid="response-decline">
                {t('engagements.response.decline')}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('engagements.response.membersOnly')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
