// How one credential stands: verified now (and what was checked) or why not.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CredentialCheck } from './api.js';
import { checkName } from './summary.js';

export function CredentialStatus({ check }: { check: CredentialCheck }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4} data-testid="credential-status" data-valid={check.valid ? 'true' : 'false'}>
      <Group gap="xs">
        <Badge color={check.valid ? 'teal' : 'red'} variant="light" tt="none">
          {check.valid ? t('record.credential.valid') : t('record.credential.invalid')}
        </Badge>
        {check.issuerName && (
          <Text size="xs" c="dimmed">
            {t('record.credential.issuer', { name: check.issuerName })}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('record.credential.checks', { list: check.checked.map((c) => checkName(t, c)).join(i18n.language.startsWith('zh') ? '、' : ', ') })}
      </Text>
      {check.errors.map((e) => (
        <Text key={e.code} size="sm" c={e.code === 'revocation_not_checked' ? 'dimmed' : 'red'} data-code={e.code}>
          {i18n.exists(`record.credential.errorCodes.${e.code}`) ? `${t(`record.credential.errorCodes.${e.code}`)} ` : ''}
          <Text span size="xs" c="dimmed">
            {e.message}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}
