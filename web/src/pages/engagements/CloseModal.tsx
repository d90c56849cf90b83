// Withdraw from (or terminate) an engagement, with a rationale that stays on the timeline.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WithdrawInput } from '../../../../src/contracts/engagements.js';
import { api } from '../../api/client.js';
import { useRefreshEngagement } from '../../components/engagement/api.js';
import type { Engagement } from '../../components/engagement/types.js';
import { notify } from '../../lib/notify.js';
import { serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';

export function CloseModal({ engagement: e, action, onClose }: { engagement: Engagement; action: 'withdraw' | 'terminate' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshEngagement(e.id);
  const [rationale, setRationale] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const close = useMutation({
    mutationFn: (body: unknown) => api.post<Engagement>(`/api/v1/engagements/${e.id}/close`, body),
    onSuccess: async () => {
      notify.success(t(`engagements.close.done.${action ?? 'withdraw'}`));
      setRationale('');
      onClose();
      await refresh();
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
  });
  const submit = () => {
    const v = validate(WithdrawInput, { action, rationale }, t);
    if (!v.ok) return setErrors(v.errors);
    close.mutate(v.data);
  };
  return (
    <Modal opened={action !== null} onClose={onClose} title={<Text fw={600}>{action ? t(`engagements.close.${action}Title`) : ''}</Text>} centered>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {action ? t(`engagements.close.${action}Body`) : ''}
        </Text>
        <Textarea
          label={t('engagements.close.rationale')}
          value={rationale}
          onChange={(ev) => {
            setRationale(ev.currentTarget.value);
            clear('rationale');
          }}
          error={errors.rationale ?? errors.action}
          autosize
          minRows={3}
          data-testid="close-rationale"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={close.isPending} onClick={submit} data-testid="close-submit">
            {action ? t(`engagements.close.${action}`) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
