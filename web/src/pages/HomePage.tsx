import { Anchor, Badge, Card, Grid, Group, SimpleGrid, Stack, Table, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PAGES, pageAllowed } from '../app/registry.js';
import { can, useSession } from '../app/session.js';
import { IconArrowRight } from '../components/icons.js';
import { useFormat } from '../lib/format.js';

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { me, organization: org, role } = session;
  const fmt = useFormat();
  const quickLinks = PAGES.filter((p) => p.descriptionKey && p.labelKey && p.nav !== false && pageAllowed(p, session));
  const others = me.memberships.filter((m) => m.organization.id !== org.id);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2} fw={650} data-testid="home-welcome">
          {t('home.welcome', { name: me.user.displayName })}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('home.subtitle', { org: org.name, role: t(`roles.${role}`) })}
        </Text>
      </div>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card data-testid="org-card" h="100%">
            <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.4 }}>
                  {t('home.organizationCard')}
                </Text>
                <Title order={3} fw={650} mt={4} data-testid="org-card-name">
                  {org.name}
                </Title>
              </div>
              <Badge variant="light" size="lg" radius="sm" tt="none">
                {t(`kinds.${org.kind}`)}
              </Badge>
            </Group>
            {org.description && (
              <Text size="sm" mb="md">
                {org.description}
              </Text>
            )}
            <Table withRowBorders={false} verticalSpacing={6} fz="sm" layout="fixed">
              <Table.Tbody>
                <Row label={t('home.country')} value={`${fmt.country(org.country)} (${org.country})`} />
                <Row label={t('home.role')} value={t(`roles.${role}`)} />
                {org.website && (
                  <Row
                    label={t('home.website')}
                    value={
                      <Anchor href={org.website} target="_blank" rel="noreferrer noopener" size="sm">
                        {org.website}
                      </Anchor>
                    }
                  />
                )}
                {org.categories.length > 0 && (
                  <Row
                    label={t('home.categories')}
                    value={
                      <Group gap={4}>
                        {org.categories.map((c) => (
                          <Badge key={c} variant="outline" color="gray" tt="none" fw={500}>
                            {c}
                          </Badge>
                        ))}
                      </Group>
                    }
                  />
                )}
                <Row
                  label={t('home.identifiers')}
                  value={
                    org.identifiers.length ? (
                      <Stack gap={2} data-testid="org-identifiers">
                        {org.identifiers.map((i) => (
                          <Group key={`${i.scheme}:${i.value}`} gap={6} wrap="nowrap">
                            <Badge variant="light" color="gray" radius="sm" tt="none" className="bf-mono">
                              {i.scheme}
                            </Badge>
                            <Text className="bf-mono">{i.value}</Text>
                          </Group>
                        ))}
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('home.noIdentifiers')}{' '}
                        {can(session, 'organization.update') && (
                          <Anchor component={Link} to="/settings/organization" size="sm">
                            {t('home.addIdentifiers')}
                          </Anchor>
                        )}
                      </Text>
                    )
                  }
                />
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg" h="100%">
            <Card>
              <Group justify="space-between" mb="sm">
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.4 }}>
                  {t('account.title')}
                </Text>
                <Anchor component={Link} to="/settings/account" size="xs">
                  {t('common.open')}
                </Anchor>
              </Group>
              <Table withRowBorders={false} verticalSpacing={4} fz="sm" layout="fixed">
                <Table.Tbody>
                  <Row label={t('account.email')} value={me.user.email} />
                  <Row label={t('account.language')} value={t(`languages.${me.user.locale}`, { defaultValue: me.user.locale })} />
                  <Row label={t('account.timeZone')} value={me.user.timeZone} />
                </Table.Tbody>
              </Table>
            </Card>
            {others.length > 0 && (
              <Card>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="sm" style={{ letterSpacing: 0.4 }}>
                  {t('home.memberships')}
                </Text>
                <Stack gap={6}>
                  {me.memberships.map((m) => (
                    <Group key={m.organization.id} justify="space-between" wrap="nowrap">
                      <Text size="sm" fw={m.organization.id === org.id ? 600 : 400} truncate>
                        {m.organization.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`kinds.${m.organization.kind}`)} · {t(`roles.${m.role}`)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      <div>
        <Title order={4} fw={600} mb="sm">
          {t('home.quickLinks')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="quick-links">
          {quickLinks.map((p) => {
            const Icon = p.icon;
            return (
              <UnstyledButton key={p.path} component={Link} to={p.path} data-testid={`quick-link-${p.path.replace(/^\//, '').replace(/\//g, '-')}`}>
                <Card h="100%" padding="md" className="bf-quick-link">
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    {Icon && (
                      <ThemeIcon variant="light" size={36} radius="md">
                        <Icon size={20} />
                      </ThemeIcon>
                    )}
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Group justify="space-between" wrap="nowrap">
                        <Text fw={600} size="sm">
                          {t(p.labelKey!)}
                        </Text>
                        <IconArrowRight size={14} color="var(--mantine-color-gray-5)" />
                      </Group>
                      <Text size="xs" c="dimmed" mt={2}>
                        {t(p.descriptionKey!)}
                      </Text>
                    </div>
                  </Group>
                </Card>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
      </div>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={150} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
}
