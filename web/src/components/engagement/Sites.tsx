// A supplier's sites (factories): address, country, time zone (business hours are measured there),
// processes and headcount; and the form to add one.
import { Alert, Button, Grid, Group, NumberInput, Select, Stack, Table, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteInput } from '../../../../src/contracts/engagements.js';
import { api } from '../../api/client.js';
import { useCountryOptions, useFormat } from '../../lib/format.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { IconAlert } from '../icons.js';
import { Tags } from './badges.js';
import { useNumber } from './format.js';
import type { Site } from './types.js';
import { FormErrors } from '../FormErrors.js';

export function SitesTable({ sites }: { sites: Site[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const num = useNumber();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table className="bf-table" data-testid="sites-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('supplier.sites.name')}</Table.Th>
            <Table.Th>{t('supplier.sites.address')}</Table.Th>
            <Table.Th>{t('supplier.sites.processes')}</Table.Th>
            <Table.Th w={110}>{t('supplier.sites.headcount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sites.map((s) => (
            <Table.Tr key={s.id} data-testid="site-row">
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm" fw={500}>
                  {s.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {fmt.country(s.country)} · {s.timeZone}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm">{s.address}</Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Tags items={s.processes} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>{num(s.headcount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

export function SiteForm({ organizationId, defaultCountry, onDone, onCancel }: { organizationId: string; defaultCountry: string; onDone: (s: Site) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const zones = useMemo(timeZones, []);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [country, setCountry] = useState<string | null>(defaultCountry);
  const [timeZone, setTimeZone] = useState<string | null>(defaultCountry === 'CN' ? 'Asia/Shanghai' : null);
  const [processes, setProcesses] = useState<string[]>([]);
  const [headcount, setHeadcount] = useState<number | string>('');
  const { errors, setErrors, clear } = useFieldErrors();
  const create = useMutation({
    mutationFn: (body: unknown) => api.post<Site>(`/api/v1/organizations/${organizationId}/sites`, body),
    onSuccess: onDone,
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name, address, country: country ?? '', timeZone: timeZone ?? '', processes, headcount: headcount === '' ? null : Number(headcount) };
    const v = validate(SiteInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data);
  };
  return (
    <form onSubmit={submit} noValidate data-testid="site-form">
      <Stack gap="md">
        <TextInput
          label={t('supplier.sites.name')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            clear('name');
          }}
          error={errors.name}
          data-testid="site-name"
        />
        <Textarea
          label={t('supplier.sites.address')}
          value={address}
          onChange={(e) => {
            setAddress(e.currentTarget.value);
            clear('address');
          }}
          error={errors.address}
          autosize
          minRows={2}
          data-testid="site-address"
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select label={t('supplier.sites.country')} data={countries} value={country} onChange={(v) => (setCountry(v), clear('country'))} searchable error={errors.country} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('supplier.sites.timeZone')}
              description={t('supplier.sites.timeZoneHint')}
              data={zones}
              value={timeZone}
              onChange={(v) => (setTimeZone(v), clear('timeZone'))}
              searchable
              error={errors.timeZone}
              limit={100}
            />
          </Grid.Col>
        </Grid>
        <TagsInput label={t('supplier.sites.processes')} description={t('supplier.sites.processesHint')} value={processes} onChange={setProcesses} acceptValueOnBlur error={errors.processes} />
        <NumberInput label={t('supplier.sites.headcount')} value={headcount} onChange={setHeadcount} min={0} w={200} error={errors.headcount} />
        <FormErrors errors={errors} error={create.isError ? create.error : undefined} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="site-submit">
            {t('supplier.sites.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
