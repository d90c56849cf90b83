// /invite/:token — what the invitation offers; sign up into the inviting organization, or accept when logged in.
import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../api/client.js';
import { logout, organizationChanged, PUBLIC_SCOPE, useMe } from '../api/session.js';
import type { InvitationPreviewT, Me } from '../api/types.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { IconAlert, IconMail } from '../components/icons.js';
import { ErrorAlert, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { notify } from '../lib/notify.js';
import { errorText } from '../lib/validation.js';
import { SignupForm } from './SignupPage.js';

export function InvitePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: [PUBLIC_SCOPE, 'invitation', token],
    queryFn: () => api.get<InvitationPreviewT>(`/api/v1/invitations/by-token/${encodeURIComponent(token)}`),
    retry: false,
  });

  const accept = useMutation({
    mutationFn: async () => {
      const r = await api.post<{ organizationId: string }>('/api/v1/invitations/accept', { token });
      return api.post<Me>('/api/v1/me/current-organization', { organizationId: r.organizationId });
    },
    onSuccess: (fresh) => {
      organizationChanged(qc, fresh);
      notify.success(t('invite.accepted', { org: fresh.currentOrganization?.name ?? '' }));
      navigate('/', { replace: true });
    },
    meta: { handlesErrors: true },
  });

  if (preview.isPending || me.isPending) return <Loading />;

  if (preview.isError) {
    const invalid = isApiError(preview.error) && [400, 404, 410].includes(preview.error.status);
    return (
      <AuthLayout>
        {invalid ? (
          <Stack gap="sm" data-testid="invite-invalid">
            <Title order={3}>{t('invite.invalidTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('invite.invalidBody')}
            </Text>
            <Anchor component={Link} to="/" size="sm">
              {t('access.goHome')}
            </Anchor>
          </Stack>
        ) : (
          <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />
        )}
      </AuthLayout>
    );
  }

  const inv = preview.data;
  const user = me.data?.user;
  const summary = (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge variant="light" leftSection={<IconMail size={12} />} tt="none">
          {inv.email}
        </Badge>
        <Badge variant="outline" color="gray" tt="none">
          {t(`kinds.${inv.organization.kind}`)} · {fmt.country(inv.organization.country)}
        </Badge>
      </Group>
      <Title order={2} fw={650} data-testid="invite-title">
        {t('invite.title', { org: inv.organization.name })}
      </Title>
      <Text size="sm">{t('invite.summary', { org: inv.organization.name, email: inv.email, role: t(`roles.${inv.role}`) })}</Text>
      <Text size="xs" c="dimmed">
        {t('invite.expires', { date: fmt.dateTime(inv.expiresAt) })}
      </Text>
    </Stack>
  );

  if (user) {
    const matches = user.email.toLowerCase() === inv.email.toLowerCase();
    return (
      <AuthLayout width={520}>
        <Stack gap="lg">
          {summary}
          <Text size="sm">{t('invite.signedInAs', { email: user.email })}</Text>
          {accept.isError && (
            <Alert color="red" variant="light" icon={<IconAlert />} title={t('invite.failed')}>
              {errorText(accept.error, t)}
            </Alert>
          )}
          {matches ? (
            <Button onClick={() => accept.mutate()} loading={accept.isPending} data-testid="invite-accept">
              {t('invite.accept')}
            </Button>
          ) : (
            <>
              <Alert color="yellow" variant="light" icon={<IconAlert />}>
                {t('invite.emailMismatch', { email: inv.email })}
              </Alert>
              <Button variant="default" onClick={() => void logout(qc)}>
                {t('header.logout')}
              </Button>
            </>
          )}
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout width={520}>
      <Stack gap="lg">
        {summary}
        <Text fw={600} size="sm">
          {t('invite.signupTitle')}
        </Text>
        <SignupForm invitation={{ token, email: inv.email }} submitLabel={t('invite.signupSubmit')} onDone={() => navigate('/', { replace: true })} />
        <Text size="sm" c="dimmed" ta="center">
          {t('invite.loginInstead')}{' '}
          <Anchor component={Link} to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
            {t('invite.loginLink')}
          </Anchor>
        </Text>
      </Stack>
    </AuthLayout>
  );
}
