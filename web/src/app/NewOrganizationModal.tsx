// Opening another organization from an existing account (a group's second plant, a consultancy next to a buyer):
// the user owns it and the session moves to it, as after sign-up.
import { Button, Group, Input, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { NewOrganizationInput } from '../../../src/contracts/accounts.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../src/domain/model.js';
import { api } from '../api/client.js';
import { organizationChanged } from '../api/session.js';
import type { Me } from '../api/types.js';
import { ErrorAlert } from '../components/States.js';
import { useCountryOptions } from '../lib/format.js';
import { notify } from '../lib/notify.js';
import { serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';

export function NewOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const countries = useCountryOptions();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('buyer');
  const [country, setCountry] = useState<string | null>(null);
  const { errors, setErrors, clear } = useFieldErrors();
  const create = useMutation({
    mutationFn: async (body: unknown) => {
      await api.post('/api/v1/organizations', body);
      return api.get<Me>('/api/v1/me');
    },
    onSuccess: (me) => {
      organizationChanged(qc, me);
      notify.success(t('header.switched', { name: me.currentOrganization?.name ?? '' }));
      setName('');
      setCountry(null);
      onClose();
      navigate('/');
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
  });
  const submit = () => {
    const v = validate(NewOrganizationInput, { name, kind, country: country ?? '' }, t);
    if (!v.ok) return setErrors(v.errors);
    create.mutate(v.data);
  };
  return (
    <Modal opened={opened} onClose={onClose} centered title={<Text fw={600}>{t('header.newOrganizationTitle')}</Text>} data-testid="new-org-modal">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('header.newOrganizationBody')}
        </Text>
        <TextInput
          label={t('auth.signup.orgName')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            clear('name');
          }}
          error={errors.name}
          data-testid="new-org-name"
        />
        <Input.Wrapper label={t('auth.signup.kind')} error={errors.kind}>
          <SegmentedControl
            fullWidth
            mt={4}
            value={kind}
            onChange={(v) => {
              setKind(v as OrganizationKind);
              clear('kind');
            }}
            data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            data-testid="new-org-kind"
          />
          <Text size="xs" c="dimmed" mt={6}>
            {t(`kindDescriptions.${kind}`)}
          </Text>
        </Input.Wrapper>
        <Select
          label={t('auth.signup.country')}
          placeholder={t('auth.signup.countryPlaceholder')}
          data={countries}
          value={country}
          onChange={(v) => {
            setCountry(v);
            clear('country');
          }}
          searchable
          nothingFoundMessage="—"
          maxDropdownHeight={240}
          error={errors.country}
          data-testid="new-org-country"
          comboboxProps={{ withinPortal: true }}
        />
        {create.isError && Object.keys(serverFieldErrors(create.error)).length === 0 && <ErrorAlert error={create.error} />}
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
