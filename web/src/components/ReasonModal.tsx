// A decision that needs a reason on the record (waive a requirement, withdraw an import, leave an engagement): the
// reason is checked with the request's own schema before sending, and the server's field errors show the same way.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { notify } from '../lib/notify.js';
import { serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';

export interface ReasonModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  /** What the decision is about (a requirement, a file), shown above the explanation. */
  subject?: ReactNode;
  body: ReactNode;
  label: string;
  placeholder?: string;
  submitLabel: string;
  color: string;
  /** The request body's schema, the field the text goes into, and the body's other fields. */
  schema: z.ZodType;
  field: string;
  extra?: Record<string, unknown>;
  send: (body: unknown) => Promise<unknown>;
  doneMessage: string;
  onDone: () => Promise<unknown> | void;
  testIds: { modal?: string; text: string; submit: string };
}

export function ReasonModal(p: ReasonModalProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const mutation = useMutation({
    mutationFn: p.send,
    onSuccess: async () => {
      notify.success(p.doneMessage);
      setText('');
      p.onClose();
      await p.onDone();
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
  });
  const submit = () => {
    const v = validate(p.schema, { ...p.extra, [p.field]: text }, t);
    if (!v.ok) return setErrors(v.errors);
    mutation.mutate(v.data);
  };
  // The text's own error first; an error about another field of the body (e.g. the id it refers to) next.
  const error = errors[p.field] ?? Object.values(errors)[0];
  return (
    <Modal opened={p.opened} onClose={p.onClose} centered title={<Text fw={600}>{p.title}</Text>} data-testid={p.testIds.modal}>
      <Stack gap="md">
        {p.subject && (
          <Text size="sm" fw={500}>
            {p.subject}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {p.body}
        </Text>
        <Textarea
          label={p.label}
          placeholder={p.placeholder}
          value={text}
          onChange={(ev) => {
            setText(ev.currentTarget.value);
            clear(p.field);
          }}
          error={error}
          autosize
          minRows={3}
          data-testid={p.testIds.text}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={p.color} loading={mutation.isPending} onClick={submit} data-testid={p.testIds.submit}>
            {p.submitLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
