// The place to start the day: what waits for the user (HOME_PANELS of other capabilities), then the portfolio —
// the buyer's engagements by phase, pilots at risk, expiring evidence, contradicted claims and overdue items, or the
// supplier's buyers and obligations —, and the organization at the end. An auditor sees its organization only.
import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useSession } from '../app/session.js';
import { usePortfolio, type PortfolioFilters } from '../components/pilots/api.js';
import { ErrorAlert, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { BuyerPortfolio } from './home/BuyerPortfolio.js';
import { HOME_PANELS } from './home/slots.js';
import { SupplierPortfolio } from './home/SupplierPortfolio.js';

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { me, organization: org, role } = session;
  const withPortfolio = org.kind !== 'auditor' && can(session, 'engagement.read');
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
      {HOME_PANELS.map((Panel, i) => (
        <Panel key={i} />
      ))}
      {withPortfolio && <Portfolio />}
      <OrganizationCard />
    </Stack>
  );
}

function Portfolio() {
  const [filters, setFilters] = useState<PortfolioFilters>({});
  const q = usePortfolio(filters);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return null;
  return q.data.role === 'buyer' ? <BuyerPortfolio p={q.data} filters={filters} onFilters={setFilters} /> : <SupplierPortfolio p={q.data} filters={filters} onFilters={setFilters} />;
}

function OrganizationCard() {
  const { t } = useTranslation();
  const session = useSession();
  const { me, organization: org, role } = session;
  const fmt = useFormat();
  const others = me.memberships.filter((m) => m.organization.id !== org.id);
  return (
    <Card data-testid="org-card">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.4 }}>
            {t('home.organizationCard')}
          </Text>
          <Title order={4} fw={650} mt={2} data-testid="org-card-name">
            {org.name}
          </Title>
        </div>
        <Badge variant="light" size="lg" radius="sm" tt="none" style={{ flexShrink: 0 }}>
          {t(`kinds.${org.kind}`)}
        </Badge>
      </Group>
      <Table withRowBorders={false} verticalSpacing={4} fz="sm" layout="fixed">
        <Table.Tbody>
          <Row label={t('home.country')} value={`${fmt.country(org.country)} (${org.country})`} />
          <Row label={t('home.role')} value={t(`roles.${role}`)} />
          <Row
            label={t('home.identifiers')}
            value={
              org.identifiers.length ? (
                <Group gap={6} data-testid="org-identifiers">
                  {org.identifiers.map((i) => (
                    <Badge key={`${i.scheme}:${i.value}`} variant="light" color="gray" radius="sm" tt="none" className="bf-mono" h="auto" maw="100%" styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }}>
                      {i.scheme} {i.value}
                    </Badge>
                  ))}
                </Group>
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
          {others.length > 0 && <Row label={t('home.memberships')} value={me.memberships.map((m) => m.organization.name).join(' · ')} />}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={{ base: 110, sm: 150 }} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
}
