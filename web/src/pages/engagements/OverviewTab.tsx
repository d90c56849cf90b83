// Overview: the decision timeline (overrides highlighted forever), the scope, and where readiness stands.
import { Anchor, Card, Grid, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReadiness } from '../../components/engagement/api.js';
import { Tags } from '../../components/engagement/badges.js';
import { DecisionTimeline } from '../../components/engagement/DecisionTimeline.js';
import { useNumber } from '../../components/engagement/format.js';
import type { Engagement } from '../../components/engagement/types.js';
import { useFormat } from '../../lib/format.js';
import { isOpenPhase, useEvidenceMap, useRequirementTitles } from './hooks.js';

export function OverviewTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const evidence = useEvidenceMap(e.id, e.phase !== 'proposed');
  const titles = useRequirementTitles(e);
  const names = new Map([
    [e.buyer.id, e.buyer.name],
    [e.supplier.id, e.supplier.name],
  ]);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Card h="100%">
          <Title order={4} fw={600} mb="md">
            {t('engagements.timeline.title')}
          </Title>
          <DecisionTimeline timeline={e.timeline} evidence={evidence} requirementTitle={titles} organizationNames={names} />
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          {isOpenPhase(e.phase) && <ReadinessGlance engagement={e} />}
          <ScopeCard engagement={e} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function ReadinessGlance({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const r = useReadiness(e.id);
  if (!r.data) return null;
  const s = r.data.summary;
  const done = s.met + s.waived;
  const total = r.data.requirements.length;
  return (
    <Card data-testid="readiness-glance">
      <Group justify="space-between" mb="xs">
        <Title order={5} fw={600}>
          {t('readiness.glanceTitle', { phase: t(`vocab.phases.${e.phase}`) })}
        </Title>
        <Anchor component={Link} to="?tab=readiness" size="sm">
          {t('readiness.details')}
        </Anchor>
      </Group>
      <Progress.Root size="lg" mb="xs">
        <Progress.Section value={(s.met / Math.max(total, 1)) * 100} color="green" />
        <Progress.Section value={(s.waived / Math.max(total, 1)) * 100} color="violet" />
        <Progress.Section value={(s.partlyMet / Math.max(total, 1)) * 100} color="yellow" />
        <Progress.Section value={(s.unmet / Math.max(total, 1)) * 100} color="red" />
      </Progress.Root>
      <Text size="sm">{t('readiness.glance', { done, total })}</Text>
      <Text size="sm" c={s.blocking.length ? 'red.8' : 'green.8'} mt={4}>
        {s.blocking.length ? t('readiness.blockingCount', { count: s.blocking.length }) : s.nextPhase ? t('readiness.readyFor', { phase: t(`vocab.phases.${s.nextPhase}`) }) : t('readiness.allSatisfied')}
      </Text>
    </Card>
  );
}

function ScopeCard({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const num = useNumber();
  const s = e.scope;
  return (
    <Card data-testid="scope-card">
      <Title order={5} fw={600} mb="sm">
        {t('engagements.scope.title')}
      </Title>
      <Table withRowBorders={false} verticalSpacing={6} fz="sm" layout="fixed">
        <Table.Tbody>
          <Row label={t('engagements.open.products')}>
            <Tags items={s.products} />
          </Row>
          <Row label={t('engagements.open.categories')}>
            <Tags items={s.categories} empty={t('common.none')} />
          </Row>
          <Row label={t('engagements.open.productLines')}>
            <Tags items={s.productLines} empty={t('engagements.scope.allLines')} />
          </Row>
          <Row label={t('engagements.open.volumes')}>
            {s.expectedVolumes.length ? (
              <Stack gap={2}>
                {s.expectedVolumes.map((v, i) => (
                  <Text key={i} size="sm">
                    {v.product}: {num(v.quantity)} {t(`vocab.perPeriod.${v.period}`, { defaultValue: v.period })}
                  </Text>
                ))}
              </Stack>
            ) : (
              t('common.none')
            )}
          </Row>
          <Row label={t('engagements.open.destination')}>{fmt.country(s.destinationCountry)}</Row>
          <Row label={t('engagements.open.maturity')}>{t(`vocab.maturities.${s.productMaturity}`, { defaultValue: s.productMaturity })}</Row>
          <Row label={t('engagements.open.sector')}>{s.regulatedSector ? t(`vocab.sectors.${s.regulatedSector}`, { defaultValue: s.regulatedSector }) : t('common.none')}</Row>
          {e.responseNote && <Row label={t('engagements.scope.supplierNote')}>{e.responseNote}</Row>}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={150} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
