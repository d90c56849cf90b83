// What a dossier verification found: "Verified" with everything that was checked, or each problem with the entry
// it concerns. The same view on the engagement's record page and on the public verify page.
import { Alert, Badge, Group, List, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DossierCheck } from '../../../../src/domain/record/dossier.js';
import { IconAlert, IconCheck } from '../icons.js';

export function DossierResult({ result, browser }: { result: DossierCheck; browser?: boolean }) {
  const { t, i18n } = useTranslation();
  const c = result.checked;
  const message = (code: string, fallback: string) => (i18n.exists(`record.errors.${code}`) ? t(`record.errors.${code}`) : fallback);
  return (
    <Alert
      color={result.valid ? 'teal' : 'red'}
      variant="light"
      icon={result.valid ? <IconCheck /> : <IconAlert />}
      title={
        <Group gap="xs">
          <span data-testid="dossier-verdict">{result.valid ? t('record.result.verified') : t('record.result.notVerified')}</span>
          <Badge variant="outline" color={result.valid ? 'teal' : 'red'} tt="none">
            {t('record.result.checked', { count: result.entries })}
          </Badge>
          {!result.valid && (
            <Badge color="red" tt="none">
              {t('record.result.problems', { count: result.errors.length })}
            </Badge>
          )}
        </Group>
      }
      data-testid="dossier-result"
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('record.result.what')}
        </Text>
        <List size="sm" spacing={2} data-testid="dossier-checked">
          <List.Item>{c.checkpoint ? t('record.result.checkpoint', { origin: c.checkpoint.origin, size: c.checkpoint.size }) : t('record.result.noCheckpoint')}</List.Item>
          <List.Item>{t('record.result.proof')}</List.Item>
          <List.Item>{t('record.result.head')}</List.Item>
          <List.Item>{t('record.result.signatures', { count: c.signaturesChecked })}</List.Item>
          <List.Item>{t('record.result.attachments', { count: c.attachmentsChecked })}</List.Item>
          <List.Item>{t('record.result.keys', { count: c.keys })}</List.Item>
        </List>
        {result.errors.length > 0 && (
          <Table.ScrollContainer minWidth={420}>
            <Table data-testid="dossier-errors" verticalSpacing={4}>
              <Table.Tbody>
                {result.errors.map((e, i) => (
                  <Table.Tr key={i} data-code={e.code}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={600}>
                        {e.entry === null ? t('record.result.dossier') : t('record.result.entry', { n: e.entry })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{message(e.code, e.message)}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {e.code}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {browser && (
          <Group gap={6} wrap="nowrap">
            <ThemeIcon size="sm" variant="light" color="gray">
              <IconCheck size={12} />
            </ThemeIcon>
            <Text size="xs" c="dimmed">
              {t('record.result.sameCode')}
            </Text>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
