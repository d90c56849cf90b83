// Why a page is not shown: unknown address, role not allowed, or no organization at all.
import { Button, Center, Paper, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';

import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { logout } from '../api/session.js';
import { IconAlert, IconSearch, IconUsers } from '../components/icons.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { Empty } from '../components/States.js';
import { useSession } from '../app/session.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Empty
      testId="not-found"
      icon={<IconSearch size={22} />}
      title={t('access.notFoundTitle')}
      description={t('access.notFoundBody')}
      action={
        <Button component={Link} to="/" variant="default">
          {t('access.goHome')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  return (
    <Empty
      testId="forbidden"
      icon={<IconAlert size={22} />}
      title={t('access.forbiddenTitle')}
      description={t('access.forbiddenBody', { org: organization.name })}
      action={
        <Button component={Link} to="/" variant="default">
          {t('access.goHome')}
        </Button>
      }
    />
  );
}

export function NoOrganizationPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={520} w="100%">
        <Stack>
          <Empty testId="no-organization" icon={<IconUsers size={22} />} title={t('access.noOrgTitle')} description={t('access.noOrgBody')} />
          <Center>
            <Stack gap="sm" align="center">
              <Button
                variant="default"
                onClick={async () => {
                  await logout(qc).catch(() => undefined);
                  navigate('/login', { replace: true });
                }}
              >
                {t('header.logout')}
              </Button>
              <LanguageSwitch />
            </Stack>
          </Center>
        </Stack>
      </Paper>
    </Center>
  );
}

