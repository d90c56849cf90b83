// The fields of a new organization (name, kind, country of registration), for sign-up and for opening another
// organization from an existing account.
import { Input, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../src/domain/browser.js';
import { useCountryOptions } from '../lib/format.js';

export interface OrganizationDraft {
  name: string;
  kind: OrganizationKind;
  country: string | null;
}

export function OrganizationFields({
  value,
  onChange,
  errors,
  testIds,
}: {
  value: OrganizationDraft;
  /** Called with the changed field, so the form can clear that field's error. */
  onChange: (next: OrganizationDraft, field: keyof OrganizationDraft) => void;
  errors: Partial<Record<keyof OrganizationDraft, string>>;
  testIds: Record<keyof OrganizationDraft, string>;
}) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  return (
    <>
      <TextInput
        label={t('auth.signup.orgName')}
        autoComplete="organization"
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.currentTarget.value }, 'name')}
        error={errors.name}
        data-testid={testIds.name}
      />
      <Input.Wrapper label={t('auth.signup.kind')} error={errors.kind}>
        <SegmentedControl
          fullWidth
          mt={4}
          value={value.kind}
          onChange={(v) => onChange({ ...value, kind: v as OrganizationKind }, 'kind')}
          data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          data-testid={testIds.kind}
        />
        <Text size="xs" c="dimmed" mt={6}>
          {t(`kindDescriptions.${value.kind}`)}
        </Text>
      </Input.Wrapper>
      <Select
        label={t('auth.signup.country')}
        placeholder={t('auth.signup.countryPlaceholder')}
        data={countries}
        value={value.country}
        onChange={(v) => onChange({ ...value, country: v }, 'country')}
        searchable
        nothingFoundMessage="—"
        maxDropdownHeight={260}
        error={errors.country}
        data-testid={testIds.country}
        comboboxProps={{ withinPortal: true }}
      />
    </>
  );
}
