// The page the sign-up email links to: following it creates the account and signs in, then opens the app.
import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.js';
import { sessionChanged } from '../api/session.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { IconAlert } from '../components/icons.js';
import { errorText } from '../lib/validation.js';

export function SignupConfirmPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useMutation({
    mutationFn: () => api.post('/api/v1/auth/signup/confirm', { token }),
    onSuccess: async () => {
      await sessionChanged(qc);
      navigate('/', { replace: true });
    },
    meta: { handlesErrors: true },
  });
  // Once per page load (React's development double effect must not spend the single-use link twice).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    confirm.mutate();
  }, [confirm]);

  return (
    <AuthLayout width={520}>
      <Stack gap="lg" data-testid="signup-confirm">
        <Title order={2} fw={650}>
          {t('auth.signup.title')}
        </Title>
        {confirm.isError ? (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('auth.signup.confirmFailed')} data-testid="signup-confirm-error">
            <Stack gap="xs">
              <Text size="sm">{errorText(confirm.error, t)}</Text>
              <Anchor component={Link} to="/signup" size="sm">
                {t('auth.signup.signupAgain')}
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <Stack align="center" gap="sm">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              {t('auth.signup.confirming')}
            </Text>
          </Stack>
        )}
      </Stack>
    </AuthLayout>
  );
}
