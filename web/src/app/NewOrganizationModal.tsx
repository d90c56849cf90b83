// Opening another organization from an existing account (a group's second plant, a consultancy next to a buyer):
// the user owns it and the session moves to it, as after sign-up.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { NewOrganizationInput } from '../../../src/contracts/accounts.js';
import { api } from '../api/client.js';
import { organizationChanged } from '../api/session.js';
import type { Me } from '../api/types.js';
import { OrganizationFields, type OrganizationDraft } from '../components/OrganizationFields.js';
import { ErrorAlert } from '../components/States.js';
import { notify } from '../lib/notify.js';
import { serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';
import { FormErrors } from '../components/FormErrors.js';

export function NewOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [org, setOrg] = useState<OrganizationDraft>({ name: '', kind: 'buyer', country: null });
  const { errors, setErrors, clear } = useFieldErrors();
  const create = useMutation({
    mutationFn: async (body: unknown) => {
      await api.post('/api/v1/organizations', body);
      return api.get<Me>('/api/v1/me');
    },
    onSuccess: (me) => {
      organizationChanged(qc, me);
      notify.success(t('header.switched', { name: me.currentOrganization?.name ?? '' }));
      setOrg({ name: '', kind: 'buyer', country: null });
      onClose();
      navigate('/');
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
  });
  const submit = () => {
    const v = validate(NewOrganizationInput, { name: org.name, kind: org.kind, country: org.country ?? '' }, t);
    if (!v.ok) return setErrors(v.errors);
    create.mutate(v.data);
  };
  return (
    <Modal opened={opened} onClose={onClose} centered title={<Text fw={600}>{t('header.newOrganizationTitle')}</Text>} data-testid="new-org-modal">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('header.newOrganizationBody')}
        </Text>
        <OrganizationFields
          value={org}
          onChange={(next, field) => {
            setOrg(next);
            clear(field);
          }}
          errors={errors}
          testIds={{ name: 'new-org-name', kind: 'new-org-kind', country: 'new-org-country' }}
        />
        <FormErrors errors={errors} error={create.isError ? create.error : undefined} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={submit} data-testid="new-org-submit">
            {t('header.newOrganizationSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
