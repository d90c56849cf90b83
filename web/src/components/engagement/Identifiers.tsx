// Registration identifiers with two separate statements: the offline format/check-digit check, and whether a
// registry extract (a document someone shared) confirms the number. Bonafide never looks numbers up itself.
import { Badge, Group, Stack, Table, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconCheck, IconInfo } from '../icons.js';
import { ProvenanceBadge } from './badges.js';
import { useDay } from './format.js';
import type { IdentifierConfirmation } from './types.js';
import type { Provenance } from '../../../../src/domain/browser.js';

export function FormatBadge({ i }: { i: IdentifierConfirmation }) {
  const { t } = useTranslation();
  if (i.formatValid === null) {
    return (
      <Tooltip label={t('supplier.identifiers.notCheckedHint')} withArrow multiline maw={280}>
        <Badge variant="light" color="gray" tt="none" fw={500} leftSection={<IconInfo size={12} />} data-testid="identifier-format" data-state="unchecked">
          {t('supplier.identifiers.notChecked')}
        </Badge>
      </Tooltip>
    );
  }
  if (!i.formatValid) {
    return (
      <Badge variant="light" color="red" tt="none" fw={500} leftSection={<IconAlert size={12} />} data-testid="identifier-format" data-state="invalid" maw={420}>
        {t('supplier.identifiers.invalid', { reason: i.reason ?? '' })}
      </Badge>
    );
  }
  return (
    <Tooltip label={t('supplier.identifiers.offlineHint')} withArrow multiline maw={300}>
      <Badge variant="light" color="green" tt="none" fw={500} leftSection={<IconCheck size={12} />} data-testid="identifier-format" data-state="valid">
        {i.checkDigit ? t('supplier.identifiers.checkDigitValid') : t('supplier.identifiers.formatValid')}
      </Badge>
    </Tooltip>
  );
}

export function RegistryBadge({ i }: { i: IdentifierConfirmation }) {
  const { t } = useTranslation();
  const day = useDay();
  const x = i.registryExtract;
  if (!x) {
    return (
      <Badge variant="outline" color="gray" tt="none" fw={500} data-testid="identifier-registry" data-state="unconfirmed">
        {t('supplier.identifiers.notConfirmed')}
      </Badge>
    );
  }
  return (
    <Stack gap={4} data-testid="identifier-registry" data-state="confirmed" maw={520}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <ThemeIcon size={18} radius="xl" color="teal" variant="light" mt={1}>
          <IconCheck size={12} />
        </ThemeIcon>
        <Text size="sm" fw={500} c="teal.9">
          {t('supplier.identifiers.confirmed', { title: x.title })}
        </Text>
      </Group>
      <Group gap={6} pl={24}>
        <ProvenanceBadge provenance={x.provenance as Provenance} />
        <Text size="xs" c="dimmed">
          {[x.issuer, x.issuedAt ? t('supplier.identifiers.issuedOn', { date: day(x.issuedAt) }) : null].filter(Boolean).join(' · ')}
        </Text>
      </Group>
    </Stack>
  );
}

export function IdentifiersTable({ identifiers }: { identifiers: IdentifierConfirmation[] }) {
  const { t } = useTranslation();
  if (identifiers.length === 0) return <Text c="dimmed" size="sm">{t('home.noIdentifiers')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table className="bf-table" data-testid="identifiers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('supplier.identifiers.scheme')}</Table.Th>
            <Table.Th>{t('supplier.identifiers.value')}</Table.Th>
            <Table.Th>{t('supplier.identifiers.format')}</Table.Th>
            <Table.Th>{t('supplier.identifiers.registry')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {identifiers.map((i) => (
            <Table.Tr key={`${i.scheme}:${i.value}`} data-testid="identifier-row">
              <Table.Td>
                <Tooltip label={t(`vocab.schemes.${i.scheme}`, { defaultValue: i.scheme })} withArrow>
                  <Badge variant="light" color="gray" radius="sm" tt="none" className="bf-mono">
                    {i.scheme}
                  </Badge>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text className="bf-mono">{i.value}</Text>
              </Table.Td>
              <Table.Td>
                <FormatBadge i={i} />
              </Table.Td>
              <Table.Td>
                <RegistryBadge i={i} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
