// The logged-in frame: header (product, organization switcher, language, user menu), a data-driven navbar
// (see registry.tsx) and the page. Redirects to /login when there is no session.
import { AppShell, Avatar, Badge, Box, Burger, Group, Menu, NavLink, ScrollArea, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.js';
import { logout, organizationChanged, useMe } from '../api/session.js';
import type { Me } from '../api/types.js';
import { IconChevronDown, IconLogout, IconPlus, IconShieldCheck, IconUser } from '../components/icons.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { NotificationBell } from '../components/discrepancies/NotificationBell.js';
import { NavCount } from '../components/waiting/Waiting.js';
import { ErrorAlert, Loading } from '../components/States.js';
import { applyLanguage, currentLanguage, isUiLanguage } from '../i18n/index.js';
import { notify } from '../lib/notify.js';
import { errorText } from '../lib/validation.js';
import { NoOrganizationPage } from '../pages/AccessPages.js';
import { NewOrganizationModal } from './NewOrganizationModal.js';
import { navFor, type AppPage } from './registry.js';
import { SessionProvider, useSession, type Session } from './session.js';

export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap" data-testid="app-name">
      <Box c="brand.7" style={{ display: 'flex' }}>
        <IconShieldCheck size={size === 'lg' ? 30 : 24} stroke={2} />
      </Box>
      <Text fw={700} fz={size === 'lg' ? 24 : 19} c="dark.8" style={{ letterSpacing: -0.3 }}>
        {t('common.appName')}
      </Text>
    </Group>
  );
}

/** The profile's language wins once logged in (the login page may have been shown in another one). */
function useProfileLanguage(me: Me | null | undefined) {
  const locale = me?.user.locale;
  const userId = me?.user.id;
  useEffect(() => {
    if (isUiLanguage(locale) && locale !== currentLanguage()) void applyLanguage(locale);
    // only when the user or their saved locale changes, not on every render
  }, [userId, locale]);
}

export function ProtectedShell() {
  const meQuery = useMe();
  const location = useLocation();
  useProfileLanguage(meQuery.data);

  if (meQuery.isPending) return <Loading />;
  if (meQuery.isError)
    return (
      <Box p="xl" maw={600} mx="auto">
        <ErrorAlert error={meQuery.error} onRetry={() => void meQuery.refetch()} />
      </Box>
    );
  const me = meQuery.data;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!me.currentOrganization || !me.role) return <NoOrganizationPage />;
  const session: Session = { me, organization: me.currentOrganization, role: me.role };
  return (
    <SessionProvider session={session}>
      <ShellFrame />
    </SessionProvider>
  );
}

function isActive(page: AppPage, pathname: string): boolean {
  if (page.path === pathname) return true;
  const prefix = page.matchPrefix ?? page.path !== '/';
  return prefix && pathname.startsWith(page.path.endsWith('/') ? page.path : `${page.path}/`);
}

function ShellFrame() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const groups = navFor(session);

  useEffect(() => close(), [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNav')} />
            <UnstyledButton component={Link} to="/" aria-label={t('nav.home')}>
              <Brand />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <OrganizationSwitcher />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" data-testid="navbar">
        <AppShell.Section hiddenFrom="sm" mb="md">
          <OrganizationSwitcher inNavbar />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {groups.map(({ group, pages }) => (
              <Stack key={group} gap={2}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4} style={{ letterSpacing: 0.4 }}>
                  {t(`nav.groups.${group}`)}
                </Text>
                {pages.map((p) => {
                  const Icon = p.icon;
                  return (
                    <NavLink
                      key={p.path}
                      component={Link}
                      to={p.path}
                      label={t(p.labelKey!)}
                      leftSection={Icon ? <Icon size={18} /> : null}
                      rightSection={<NavCount path={p.path} />}
                      active={isActive(p, location.pathname)}
                      variant="light"
                      style={{ borderRadius: 6 }}
                      data-testid={`nav-${p.path === '/' ? 'home' : p.path.replace(/^\//, '').replace(/\//g, '-')}`}
                    />
                  );
                })}
              </Stack>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Box px="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="xs" c="dimmed" truncate>
              {session.organization.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`kinds.${session.organization.kind}`)} · {t(`roles.${session.role}`)}
            </Text>
          </Box>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1280} mx="auto">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function OrganizationSwitcher({ inNavbar = false }: { inNavbar?: boolean }) {
  const { t } = useTranslation();
  const { me, organization } = useSession();
  const qc = useQueryClient();
  const switchOrg = useMutation({
    mutationFn: (organizationId: string) => api.post<Me>('/api/v1/me/current-organization', { organizationId }),
    onSuccess: (fresh) => {
      organizationChanged(qc, fresh);
      if (fresh.currentOrganization) notify.success(t('header.switched', { name: fresh.currentOrganization.name }));
    },
    onError: (e) => notify.error(errorText(e, t)),
    meta: { handlesErrors: true },
  });
  const data = me.memberships.map((m) => ({ value: m.organization.id, label: m.organization.name }));
  if (data.length <= 1) {
    return (
      <Badge variant="light" color="gray" size="lg" radius="sm" tt="none" fw={500} visibleFrom={inNavbar ? undefined : 'sm'} data-testid="org-current" maw={260}>
        {organization.name}
      </Badge>
    );
  }
  return (
    <Select
      aria-label={t('header.organization')}
      data={data}
      value={organization.id}
      onChange={(v) => v && v !== organization.id && switchOrg.mutate(v)}
      allowDeselect={false}
      checkIconPosition="right"
      size="sm"
      w={inNavbar ? '100%' : 260}
      visibleFrom={inNavbar ? undefined : 'sm'}
      disabled={switchOrg.isPending}
      comboboxProps={{ withinPortal: true }}
      data-testid={inNavbar ? 'org-switcher-mobile' : 'org-switcher'}
    />
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { me } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const initials = me.user.displayName
    .split(/\s+/)
    .map((s) => s[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <>
      <NewOrganizationModal opened={creating} onClose={() => setCreating(false)} />
      <Menu position="bottom-end" shadow="md" width={240}>
        <Menu.Target>
          <UnstyledButton aria-label={t('header.userMenu')} data-testid="user-menu">
            <Group gap={6} wrap="nowrap">
              <Avatar size={30} radius="xl" color="brand" variant="filled">
                {initials}
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="md" data-testid="user-name">
                {me.user.displayName}
              </Text>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('header.signedInAs')}</Menu.Label>
          <Box px="sm" pb="xs">
            <Text size="sm" fw={500}>
              {me.user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {me.user.email}
            </Text>
          </Box>
          <Menu.Divider />
          <Menu.Item leftSection={<IconUser size={16} />} component={Link} to="/settings/account">
            {t('header.account')}
          </Menu.Item>
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-org-open">
            {t('header.newOrganization')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLogout size={16} />}
            data-testid="logout"
            onClick={async () => {
              await logout(qc).catch(() => undefined);
              navigate('/login', { replace: true });
            }}
          >
            {t('header.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
