// Loading, error and empty states, the same on every page.
import { Alert, Button, Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { errorText } from '../lib/validation.js';
import { IconAlert } from './icons.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="loading">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlert />} title={title ?? t('errors.title')} data-testid="error-alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorText(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ icon, title, description, action, testId }: { icon?: ReactNode; title: ReactNode; description?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <EmptyState
      py={40}
      size="sm"
      icon={icon}
      withIndicatorBackground={Boolean(icon)}
      title={title}
      description={description}
      data-testid={testId ?? 'empty-state'}
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

/**
 * A record page whose record did not load: "not found" for a missing or malformed id (another tenant's record
 * answers 404 exactly like a missing one), else the error with a retry.
 */
export function LoadFailure({ error, onRetry, icon, notFound, action }: { error: unknown; onRetry: () => void; icon: ReactNode; notFound: ReactNode; action?: ReactNode }) {
  return isApiError(error, 404) || isApiError(error, 400) ? <Empty icon={icon} title={notFound} action={action} /> : <ErrorAlert error={error} onRetry={onRetry} />;
}
