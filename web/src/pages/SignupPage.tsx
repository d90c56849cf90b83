import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { SignupInput } from '../../../src/contracts/accounts.js';
import { api } from '../api/client.js';
import { sessionChanged, useMe } from '../api/session.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { IconAlert, IconMail } from '../components/icons.js';
import { OrganizationFields, type OrganizationDraft } from '../components/OrganizationFields.js';
import { Loading } from '../components/States.js';
import { currentLanguage } from '../i18n/index.js';
import { defaultTimeZone } from '../lib/format.js';
import { safeNext } from '../lib/nav.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';

export interface SignupFormProps {
  /** Join an existing organization with this invitation instead of creating one. */
  invitation?: { token: string; email: string };
  submitLabel?: string;
  onDone: () => void;
}

/** Account fields, plus the new organization unless an invitation says which one to join. */
export function SignupForm({ invitation, submitLabel, onDone }: SignupFormProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState(invitation?.email ?? '');
  const [password, setPassword] = useState('');
  const [org, setOrg] = useState<OrganizationDraft>({ name: '', kind: 'supplier', country: null });
  const { errors, setErrors, clear } = useFieldErrors();
  const [sentTo, setSentTo] = useState<string | null>(null);

  const signup = useMutation({
    mutationFn: (body: unknown) => api.post<{ status?: string; email?: string }>('/api/v1/auth/signup', body),
    onSuccess: async (r) => {
      // Without an invitation the account waits for the link sent to the address (the same answer for every address).
      if (r?.status === 'confirmation_sent') return setSentTo(r.email ?? email);
      await sessionChanged(qc);
      onDone();
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      email,
      password,
      displayName,
      locale: currentLanguage(),
      timeZone: defaultTimeZone(),
      ...(invitation ? { invitationToken: invitation.token } : { organization: { name: org.name, kind: org.kind, country: org.country ?? '' } }),
    };
    const v = validate(SignupInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    // Send what the user typed (the schema's output is the same, normalized); the server validates again.
    signup.mutate(body);
  };

  if (sentTo) {
    return (
      <Alert color="teal" variant="light" icon={<IconMail />} title={t('auth.signup.sentTitle')} data-testid="signup-sent">
        <Stack gap="xs">
          <Text size="sm">{t('auth.signup.sentBody', { email: sentTo })}</Text>
          <Text size="sm" c="dimmed">
            {t('auth.signup.sentHint')}
          </Text>
        </Stack>
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="signup-form">
      <Stack gap="md">
        {signup.isError && (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('auth.signup.failed')} data-testid="signup-error">
            {errorText(signup.error, t)}
          </Alert>
        )}
        {!invitation && (
          <Divider label={t('auth.signup.you')} labelPosition="left" styles={{ label: { fontWeight: 600, fontSize: 13 } }} />
        )}
        <TextInput
          label={t('auth.signup.displayName')}
          autoComplete="name"
          value={displayName}
          onChange={(e) => {
            setDisplayName(e.currentTarget.value);
            clear('displayName');
          }}
          error={errors.displayName}
          data-testid="signup-name"
          autoFocus
        />
        <TextInput
          label={t('auth.signup.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
            clear('email', 'invitationToken');
          }}
          readOnly={Boolean(invitation)}
          variant={invitation ? 'filled' : 'default'}
          error={errors.email ?? errors.invitationToken}
          data-testid="signup-email"
        />
        <PasswordInput
          label={t('auth.signup.password')}
          description={t('auth.signup.passwordHint')}
          autoComplete="new-password"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
            clear('password');
          }}
          error={errors.password}
          data-testid="signup-password"
        />
        {!invitation && (
          <>
            <Divider label={t('auth.signup.organization')} labelPosition="left" mt="xs" styles={{ label: { fontWeight: 600, fontSize: 13 } }} />
            <OrganizationFields
              value={org}
              onChange={(next, field) => {
                setOrg(next);
                clear(`organization.${field}`, 'organization');
              }}
              errors={{ name: errors['organization.name'] ?? errors.organization, kind: errors['organization.kind'], country: errors['organization.country'] }}
              testIds={{ name: 'signup-org-name', kind: 'signup-kind', country: 'signup-country' }}
            />
          </>
        )}
        <Button type="submit" fullWidth loading={signup.isPending} mt="xs" data-testid="signup-submit">
          {submitLabel ?? t('auth.signup.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export function SignupPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [done, setDone] = useState(false);

  if (me.isPending) return <Loading />;
  if (me.data && !done) return <Navigate to={next} replace />;

  return (
    <AuthLayout width={520}>
      <Stack gap="lg">
        <div>
          <Title order={2} fw={650}>
            {t('auth.signup.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('auth.signup.subtitle')}
          </Text>
        </div>
        <SignupForm
          onDone={() => {
            setDone(true);
            navigate(next, { replace: true });
          }}
        />
        <Text size="sm" c="dimmed" ta="center">
          {t('auth.signup.haveAccount')}{' '}
          <Anchor component={Link} to={params.get('next') ? `/login?next=${encodeURIComponent(next)}` : '/login'} data-testid="login-link">
            {t('auth.signup.loginLink')}
          </Anchor>
        </Text>
      </Stack>
    </AuthLayout>
  );
}
