// A confirmation dialog for destructive actions (remove member, revoke token or invitation).
import { ActionIcon, Button, Group, Modal, Text, Tooltip } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconTrash } from './icons.js';

export interface ConfirmRequest {
  title: ReactNode;
  body?: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
}

export function useConfirm() {
  const [req, setReq] = useState<ConfirmRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const close = () => {
    if (!busy) setReq(null);
  };
  const modal = (
    <Modal opened={req !== null} onClose={close} title={<Text fw={600}>{req?.title}</Text>} centered size="md" data-testid="confirm-modal">
      {req?.body && (
        <Text size="sm" c="dimmed" mb="lg">
          {req.body}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={busy}
          data-testid="confirm-button"
          onClick={async () => {
            if (!req) return;
            setBusy(true);
            try {
              await req.onConfirm();
              setReq(null);
            } catch {
              // the mutation reports its own error; keep the dialog so the user can retry or cancel
            } finally {
              setBusy(false);
            }
          }}
        >
          {req?.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
  return { confirm: setReq, modal };
}

/** The red trash icon of a row that starts a destructive action (which asks first, through `confirm`). */
export function DangerIconButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" aria-label={label} data-testid={testId} onClick={onClick}>
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
