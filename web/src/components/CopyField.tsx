// A read-only value with a copy button (tokens shown once, invitation links, digests).
import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconCheck, IconCopy } from './icons.js';

export function CopyField({ value, testId, label }: { value: string; testId?: string; label?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code block data-testid={testId} style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 13 }}>
        {value}
      </Code>
      <CopyIconButton value={value} label={label} testId={testId ? `${testId}-copy` : undefined} />
    </Group>
  );
}

export function CopyIconButton({ value, label, testId }: { value: string; label?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : (label ?? t('common.copy'))} withArrow>
          <ActionIcon variant={copied ? 'light' : 'default'} color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={label ?? t('common.copy')} data-testid={testId}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
