import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginInput } from '../../../src/contracts/accounts.js';
import { api } from '../api/client.js';
import { sessionChanged, useMe } from '../api/session.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { IconAlert } from '../components/icons.js';
import { Loading } from '../components/States.js';
import { safeNext } from '../lib/nav.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post('/api/v1/auth/login', body),
    onSuccess: async () => {
      await sessionChanged(qc);
      navigate(next, { replace: true });
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  if (me.isPending) return <Loading />;
  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(LoginInput, { email, password }, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    login.mutate(v.data);
  };

  return (
    <AuthLayout>
      <form onSubmit={submit} noValidate data-testid="login-form">
        <Stack gap="md">
          <div>
            <Title order={2} fw={650}>
              {t('auth.login.title')}
            </Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t('auth.login.subtitle')}
            </Text>
          </div>
          {login.isError && (
            <Alert color="red" variant="light" icon={<IconAlert />} title={t('auth.login.failed')} data-testid="login-error">
              {errorText(login.error, t)}
            </Alert>
          )}
          <TextInput
            label={t('auth.login.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              clear('email');
            }}
            error={errors.email}
            data-testid="login-email"
            autoFocus
          />
          <PasswordInput
            label={t('auth.login.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              clear('password');
            }}
            error={errors.password}
            data-testid="login-password"
          />
          <Button type="submit" fullWidth loading={login.isPending} data-testid="login-submit" mt="xs">
            {t('auth.login.submit')}
          </Button>
          <Text size="sm" c="dimmed" ta="center">
            {t('auth.login.noAccount')}{' '}
            <Anchor component={Link} to={params.get('next') ? `/signup?next=${encodeURIComponent(next)}` : '/signup'} data-testid="signup-link">
              {t('auth.login.signupLink')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
