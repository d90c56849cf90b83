// The policy version an engagement is evaluated against; it keeps it until the buyer moves it to a newer one.
import { Anchor, Badge, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import { usePolicies, useRefreshEngagement } from '../../components/engagement/api.js';
import type { Engagement } from '../../components/engagement/types.js';
import { useConfirm } from '../../components/Confirm.js';
import { notify } from '../../lib/notify.js';
import { policyName } from '../../lib/systemText.js';

export function PolicyLine({ engagement: e, canMove }: { engagement: Engagement; canMove: boolean }) {
  const { t } = useTranslation();
  const { organization } = useSession();
  const refresh = useRefreshEngagement(e.id);
  const { confirm, modal } = useConfirm();
  const move = useMutation({
    mutationFn: () => api.post<Engagement>(`/api/v1/engagements/${e.id}/policy`, { policyId: e.policy.latestId }),
    onSuccess: async () => {
      notify.success(t('engagements.policyMoved', { version: e.policy.latestVersion }));
      await refresh();
    },
  });
  const newer = e.policy.latestVersion > e.policy.version && e.policy.latestId !== e.policy.id;
  const [changing, setChanging] = useState(false);
  return (
    <Group gap={8} mt={8} wrap="wrap" data-testid="engagement-policy">
      {modal}
      <Text size="sm" c="dimmed">
        {t('engagements.policyLabel')}
      </Text>
      {organization.kind === 'buyer' ? (
        <Anchor component={Link} to={`/policies?id=${e.policy.id}`} size="sm">
          {policyName(t, e.policy)}
        </Anchor>
      ) : (
        <Text size="sm">{policyName(t, e.policy)}</Text>
      )}
      <Badge variant="outline" color="gray" tt="none" fw={500} data-testid="policy-version">
        v{e.policy.version}
      </Badge>
      {newer && (
        <>
          <Badge variant="light" color="orange" tt="none" fw={500}>
            {t('engagements.policyNewer', { version: e.policy.latestVersion })}
          </Badge>
          {canMove && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              loading={move.isPending}
              data-testid="policy-move"
              onClick={() =>
                confirm({
                  title: t('engagements.policyMoveTitle', { version: e.policy.latestVersion }),
                  body: t('engagements.policyMoveBody'),
                  confirmLabel: t('engagements.policyMove', { version: e.policy.latestVersion }),
                  onConfirm: () => move.mutateAsync(),
                })
              }
            >
              {t('engagements.policyMove', { version: e.policy.latestVersion })}
            </Button>
          )}
        </>
      )}
      {canMove && (
        <Button size="compact-xs" variant="subtle" onClick={() => setChanging(true)} data-testid="policy-change">
          {t('engagements.policyChange')}
        </Button>
      )}
      {canMove && <ChangePolicyModal engagement={e} opened={changing} onClose={() => setChanging(false)} />}
    </Group>
  );
}

/** Any policy version the buyer can use (shipped or its own), e.g. its own edit of the shipped default. */
function ChangePolicyModal({ engagement: e, opened, onClose }: { engagement: Engagement; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const policies = usePolicies(opened);
  const refresh = useRefreshEngagement(e.id);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (id: string) => api.post<Engagement>(`/api/v1/engagements/${e.id}/policy`, { policyId: id }),
    onSuccess: async (fresh) => {
      notify.success(t('engagements.policyMoved', { version: fresh.policy.version }));
      onClose();
      await refresh();
    },
  });
  const options = (policies.data ?? [])
    .filter((p) => p.id !== e.policy.id)
    .map((p) => ({ value: p.id, label: `${p.name} · ${p.key} v${p.version} (${p.shipped ? t('policies.shipped') : t('policies.own')})` }));
  return (
    <Modal opened={opened} onClose={onClose} centered title={<Text fw={600}>{t('engagements.policyChangeTitle')}</Text>}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('engagements.policyMoveBody')}
        </Text>
        <Select data={options} value={policyId} onChange={setPolicyId} searchable placeholder={t('engagements.open.policy')} data-testid="policy-change-select" />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!policyId} loading={move.isPending} onClick={() => policyId && move.mutate(policyId)} data-testid="policy-change-submit">
            {t('engagements.policyChangeSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
