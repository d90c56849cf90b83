// Partnership health: per engagement the formal and behavioural sub-scores at each month's end (never blended),
// open discrepancies and their escalation, closures in time, and what is due next.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PhaseBadge } from '../../components/engagement/badges.js';
import { useHealth, type Health } from '../../components/discrepancies/api.js';
import { LevelBadge } from '../../components/discrepancies/badges.js';
import { IconHeartbeat } from '../../components/discrepancies/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';

export function HealthPage() {
  const { t } = useTranslation();
  const q = useHealth();
  return (
    <>
      <PageHeader title={t('discrepancies.health.title')} subtitle={t('discrepancies.health.subtitle')} />
      {q.isPending && <Loading />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.length === 0 && <Empty icon={<IconHeartbeat size={22} />} title={t('discrepancies.health.empty')} />}
      <Stack gap="md">
        {q.data?.map((h) => <HealthCard key={h.engagementId} h={h} />)}
      </Stack>
    </>
  );
}

function HealthCard({ h }: { h: Health }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: fmt.timeZone });
  const data = h.trend.map((p, i) => ({ label: i === h.trend.length - 1 ? '●' : month.format(new Date(p.at)), formal: p.formal, behavioural: p.behavioural }));
  const last = h.trend.at(-1);
  const o = h.openDiscrepancies;
  return (
    <Card data-testid="health-card" data-engagement={h.engagementId}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Anchor component={Link} to={`/engagements/${h.engagementId}`} fw={650}>
              {h.title}
            </Anchor>
            <PhaseBadge phase={h.phase} size="sm" />
          </Group>
          <Text size="sm" c="dimmed">
            {h.counterpart.name} · {fmt.country(h.counterpart.country)}
          </Text>
        </Stack>
        <Group gap="lg">
          <Stack gap={0} align="center">
            <Text size="xs" c="dimmed">
              {t('discrepancies.health.formal')}
            </Text>
            <Text fw={700} size="xl" data-testid="health-formal">
              {last?.formal ?? t('discrepancies.health.noScore')}
            </Text>
          </Stack>
          <Stack gap={0} align="center">
            <Text size="xs" c="dimmed">
              {t('discrepancies.health.behavioural')}
            </Text>
            <Text fw={700} size="xl" data-testid="health-behavioural">
              {last?.behavioural ?? t('discrepancies.health.noScore')}
            </Text>
          </Stack>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} mt="sm" spacing="md">
        <div style={{ height: 160 }} aria-label={t('discrepancies.health.trendTitle')}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
              <XAxis dataKey="label" fontSize={11} />
              <YAxis domain={[0, 100]} fontSize={11} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Line type="monotone" dataKey="formal" name={t('discrepancies.health.formal')} stroke="#1c7ed6" strokeWidth={2} connectNulls isAnimationActive={false} />
              <Line type="monotone" dataKey="behavioural" name={t('discrepancies.health.behavioural')} stroke="#e8590c" strokeWidth={2} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <Stack gap={6}>
          <Anchor component={Link} to={`/discrepancies?engagementId=${h.engagementId}`} fw={600} size="sm" data-testid="health-open">
            {t('discrepancies.health.openDiscrepancies', { count: o.total })}
          </Anchor>
          {o.total > 0 && (
            <Group gap={6}>
              {o.critical > 0 && <Badge color="red" variant="light" tt="none">{`${t('discrepancies.severity.critical')} ${o.critical}`}</Badge>}
              {o.major > 0 && <Badge color="orange" variant="light" tt="none">{`${t('discrepancies.severity.major')} ${o.major}`}</Badge>}
              {o.minor > 0 && <Badge color="yellow" variant="light" tt="none">{`${t('discrepancies.severity.minor')} ${o.minor}`}</Badge>}
              {o.overdue > 0 && <Badge color="red" variant="filled" tt="none">{t('discrepancies.health.overdue', { count: o.overdue })}</Badge>}
              <LevelBadge level={o.maxLevel} size="sm" />
            </Group>
          )}
          <Text size="sm" c="dimmed" data-testid="health-closed">
            {t('discrepancies.health.closed', { onTime: h.closedDiscrepancies.onTime, late: h.closedDiscrepancies.late })}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {t('discrepancies.health.next')}
          </Text>
          {h.next.length === 0 && <Text size="sm" c="dimmed">{t('discrepancies.health.nothingDue')}</Text>}
          {h.next.slice(0, 5).map((n, i) => (
            <Group key={i} gap={6} wrap="nowrap">
              <Text size="xs" c={n.overdue ? 'red' : 'dimmed'} w={90} style={{ flexShrink: 0 }}>
                {fmt.date(n.dueAt)}
              </Text>
              <Anchor component={Link} to={n.link} size="xs" lineClamp={1}>
                {t(`discrepancies.health.kinds.${n.kind}`)}: {n.label}
              </Anchor>
            </Group>
          ))}
        </Stack>
      </SimpleGrid>
    </Card>
  );
}
