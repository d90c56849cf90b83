// "Does visiting pay off?" The buyer's own engagements with and without a closed visit, side by side: share
// reaching partnership, how long partnerships last, discrepancies per month, pilot KPIs. A missing figure says why.
import { Alert, Card, Group, List, Switch, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useVisitEffect, type VisitEffect } from '../../components/visits/api.js';
import { useNum } from '../../components/visits/format.js';
import { IconScaleBalance } from '../../components/visits/icons.js';
import { IconInfo } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';

type EffectGroup = VisitEffect['withVisit'];
type Metric = { value: number | null; reason: string | null; reasonCode: string | null };

export function VisitEffectPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [includeRemote, setIncludeRemote] = useState(false);
  const effect = useVisitEffect(includeRemote);
  return (
    <>
      <PageHeader title={t('visits.effect.title')} subtitle={t('visits.effect.subtitle')} />
      <Switch
        mb="md"
        checked={includeRemote}
        onChange={(e) => setIncludeRemote(e.currentTarget.checked)}
        label={t('visits.effect.includeRemote')}
        data-testid="effect-remote"
      />
      {effect.isPending ? (
        <Loading />
      ) : effect.isError ? (
        <ErrorAlert error={effect.error} onRetry={() => void effect.refetch()} />
      ) : (
        <EffectView e={effect.data} computedAt={fmt.dateTime(effect.data.computedAt)} />
      )}
    </>
  );
}

function EffectView({ e, computedAt }: { e: VisitEffect; computedAt: string }) {
  const { t } = useTranslation();
  const num = useNum();
  const cell = (m: Metric, format: (v: number) => string) =>
    m.value === null ? (
      <Text size="sm" c="dimmed" fs="italic">
        {m.reasonCode ? t(`serverText.visitEffect.reasons.${m.reasonCode}`, { defaultValue: m.reason ?? '—' }) : (m.reason ?? '—')}
      </Text>
    ) : (
      <Text size="lg" fw={700}>
        {format(m.value)}
      </Text>
    );
  const rows: { key: string; label: string; hint: string; render: (g: EffectGroup) => ReactNode }[] = [
    {
      key: 'engagements',
      label: t('visits.effect.engagements'),
      hint: t('visits.effect.engagementsHint'),
      render: (g) => (
        <Text size="lg" fw={700}>
          {num.int(g.engagements)}
        </Text>
      ),
    },
    {
      key: 'partnershipShare',
      label: t('visits.effect.partnershipShare'),
      hint: t('visits.effect.partnershipShareHint'),
      render: (g) => (
        <>
          {cell(g.partnershipShare, (v) => num.pct(v))}
          <Text size="xs" c="dimmed">
            {t('visits.effect.reached', { count: g.reachedPartnership, total: g.engagements })}
          </Text>
        </>
      ),
    },
    {
      key: 'duration',
      label: t('visits.effect.duration'),
      hint: t('visits.effect.durationHint'),
      render: (g) => (
        <>
          {cell(g.partnershipDurationDays, (v) => t('visits.effect.days', { value: num.int(v) }))}
          {(g.partnershipDurationDays.ongoing > 0 || g.partnershipDurationDays.ended > 0) && (
            <Text size="xs" c="dimmed">
              {t('visits.effect.ongoingEnded', { ongoing: g.partnershipDurationDays.ongoing, ended: g.partnershipDurationDays.ended })}
            </Text>
          )}
        </>
      ),
    },
    {
      key: 'discrepancies',
      label: t('visits.effect.discrepancies'),
      hint: t('visits.effect.discrepanciesHint'),
      render: (g) => (
        <>
          {cell(g.discrepanciesPerMonth, (v) => num.n(v))}
          <Text size="xs" c="dimmed">
            {t('visits.effect.discrepancyCount', { count: g.discrepancies, months: num.n(g.engagementMonths) })}
          </Text>
        </>
      ),
    },
    { key: 'pilot', label: t('visits.effect.pilot'), hint: t('visits.effect.pilotHint'), render: (g) => cell(g.pilotKpis, (v) => `${num.int(v)} / 100`) },
  ];
  return (
    <>
      <Card padding={0} data-testid="visit-effect">
        <Table.ScrollContainer minWidth={560}>
          <Table className="bf-table" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="34%">{t('visits.effect.metric')}</Table.Th>
                <Table.Th w="33%">{e.includeRemote ? t('visits.effect.withVisitRemote') : t('visits.effect.withVisit')}</Table.Th>
                <Table.Th w="33%">{t('visits.effect.withoutVisit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key} data-testid={`effect-${r.key}`}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Text size="sm" fw={600}>
                      {r.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.hint}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>{r.render(e.withVisit)}</Table.Td>
                  <Table.Td style={{ verticalAlign: 'top' }}>{r.render(e.withoutVisit)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card mt="md">
        <Group gap="xs" mb="xs">
          <IconScaleBalance size={18} />
          <Title order={5} fw={600}>
            {t('visits.effect.howToRead')}
          </Title>
        </Group>
        <Text size="sm" mb="sm">
          {t(e.includeRemote ? 'serverText.visitEffect.definitionWithRemote' : 'serverText.visitEffect.definition')}
        </Text>
        {e.caveats.length > 0 && (
          <Alert color="yellow" variant="light" icon={<IconInfo />} data-testid="effect-caveats">
            <List size="sm" spacing={4}>
              {e.caveatCodes.map((c, i) => (
                <List.Item key={c.code}>{t(`serverText.visitEffect.caveats.${c.code}`, { ...c.params, defaultValue: e.caveats[i] })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text size="xs" c="dimmed" mt="sm">
          {t('visits.effect.computedAt', { when: computedAt })}
        </Text>
      </Card>
    </>
  );
}
