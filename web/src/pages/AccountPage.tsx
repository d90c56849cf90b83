import { Badge, Button, Card, Grid, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateMeInput } from '../../../src/contracts/accounts.js';
import { api } from '../api/client.js';
import { ME_KEY } from '../api/session.js';
import type { Me, User } from '../api/types.js';
import { useSession } from '../app/session.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorAlert } from '../components/States.js';
import { applyLanguage, isUiLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n/index.js';
import { defaultTimeZone } from '../lib/format.js';
import { notify } from '../lib/notify.js';
import { serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';
import { FormErrors } from '../components/FormErrors.js';

function timeZones(): string[] {
  try {
    const list = Intl.supportedValuesOf('timeZone');
    return list.includes('UTC') ? list : ['UTC', ...list];
  } catch {
    return ['UTC', defaultTimeZone()];
  }
}

export function AccountPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const qc = useQueryClient();
  const [displayName, setDisplayName] = useState(me.user.displayName);
  const [locale, setLocale] = useState<UiLanguage>(isUiLanguage(me.user.locale) ? me.user.locale : 'en');
  const [timeZone, setTimeZone] = useState(me.user.timeZone);
  const { errors, setErrors, clear } = useFieldErrors();
  const zones = useMemo(() => {
    const list = timeZones();
    return list.includes(me.user.timeZone) ? list : [me.user.timeZone, ...list];
  }, [me.user.timeZone]);

  const save = useMutation({
    mutationFn: (body: unknown) => api.patch<User>('/api/v1/me', body),
    onSuccess: async (user) => {
      qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user } : old));
      if (isUiLanguage(user.locale)) await applyLanguage(user.locale);
      notify.success(t('account.saved'));
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(UpdateMeInput, { displayName, locale, timeZone }, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    save.mutate(v.data);
  };

  return (
    <>
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card>
            <form onSubmit={submit} noValidate data-testid="account-form">
              <Stack gap="md">
                <FormErrors errors={errors} error={save.isError ? save.error : undefined} />
                <TextInput label={t('account.email')} value={me.user.email} readOnly variant="filled" />
                <TextInput label={t('account.displayName')} value={displayName} onChange={(e) => {
                    setDisplayName(e.currentTarget.value);
                    clear('displayName');
                  }} error={errors.displayName} data-testid="account-name" />
                <Select
                  label={t('account.language')}
                  data={UI_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
                  value={locale}
                  onChange={(v) => {
                    if (isUiLanguage(v)) setLocale(v);
                    clear('locale');
                  }}
                  allowDeselect={false}
                  error={errors.locale}
                />
                <Select
                  label={t('account.timeZone')}
                  description={t('account.timeZoneHint')}
                  data={zones}
                  value={timeZone}
                  onChange={(v) => {
                    if (v) setTimeZone(v);
                    clear('timeZone');
                  }}
                  searchable
                  allowDeselect={false}
                  maxDropdownHeight={280}
                  error={errors.timeZone}
                  data-testid="account-timezone"
                />
                <Group>
                  <Button type="submit" loading={save.isPending} data-testid="account-save">
                    {t('common.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="sm" style={{ letterSpacing: 0.4 }}>
              {t('account.memberships')}
            </Text>
            <Table fz="sm" verticalSpacing={6}>
              <Table.Tbody>
                {me.memberships.map((m) => (
                  <Table.Tr key={m.organization.id}>
                    <Table.Td>{m.organization.name}</Table.Td>
                    <Table.Td ta="right">
                      <Badge variant="light" color="gray" tt="none" fw={500}>
                        {t(`roles.${m.role}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
