// An engagement's quality data, as both sides see it: sample tests, AQL lot inspections, imports of batch
// records and production logs, SPC per characteristic, and verified capacity against the claims.
import { Anchor, Badge, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useEngagement } from '../../components/engagement/api.js';
import { PhaseBadge } from '../../components/engagement/badges.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconArrowRight } from '../../components/icons.js';
import { IconBoxCheck, IconChartBar, IconChartLine, IconFileImport, IconFlask } from '../../components/quality/icons.js';
import { KeptPanel, useKeptTabs } from '../../components/KeptTabs.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { CapacityTab } from './CapacityTab.js';
import { ImportsTab } from './ImportsTab.js';
import { LotInspectionsTab } from './LotInspectionsTab.js';
import { SampleTestsTab } from './SampleTestsTab.js';
import { SpcTab } from './SpcTab.js';
import { QUALITY_TABS, type QualityTab } from './tabs.js';

const TAB_ICONS = { samples: IconFlask, lots: IconBoxCheck, imports: IconFileImport, spc: IconChartLine, capacity: IconChartBar } as const;

export function EngagementQualityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const engagement = useEngagement(id);
  const back = (
    <Group gap="xs">
      <Anchor component={Link} to="/quality" size="sm">
        ← {t('quality.overview.title')}
      </Anchor>
      {engagement.data && (
        <>
          <Text size="sm" c="dimmed">
            ·
          </Text>
          <Anchor component={Link} to={`/engagements/${id}`} size="sm" data-testid="quality-engagement-back">
            {t('quality.page.toEngagement')}
          </Anchor>
        </>
      )}
    </Group>
  );
  if (engagement.isPending) return <Loading />;
  if (engagement.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={engagement.error} onRetry={() => void engagement.refetch()} icon={<IconChartLine size={22} />} notFound={t('quality.page.notFound')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <QualityView engagement={engagement.data} />
    </Stack>
  );
}

function QualityView({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const tabs = useKeptTabs<QualityTab>('quality', QUALITY_TABS, 'samples');
  return (
    <>
      <Card data-testid="quality-header">
        <Group gap="sm" wrap="wrap">
          <Title order={2} fw={650} data-testid="page-title">
            {t('quality.page.title')}
          </Title>
          <Badge variant="light" color="gray" tt="none" radius="sm" size="lg">
            {e.title}
          </Badge>
          <PhaseBadge phase={e.phase} />
        </Group>
        <Group gap={8} mt={8} wrap="wrap">
          <Text size="sm" fw={600}>
            {e.buyer.name}
          </Text>
          <IconArrowRight size={14} />
          <Text size="sm" fw={600}>
            {e.supplier.name}
          </Text>
          <Text size="xs" c="dimmed">
            · {e.scope.products.join(' · ')}
          </Text>
        </Group>
        <Text size="sm" c="dimmed" mt="xs" maw={900}>
          {t(e.myRole === 'buyer' ? 'quality.page.subtitleBuyer' : 'quality.page.subtitleSupplier')}
        </Text>
      </Card>
      <Tabs id={tabs.id} value={tabs.tab} onChange={tabs.select}>
        <Tabs.List mb="md">
          {QUALITY_TABS.map((k) => {
            const Icon = TAB_ICONS[k];
            return (
              <Tabs.Tab key={k} value={k} leftSection={<Icon size={16} />} data-testid={`quality-tab-${k}`}>
                {t(`quality.tabs.${k}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      <KeptPanel value="samples" tabs={tabs}>
        <SampleTestsTab engagement={e} />
      </KeptPanel>
      <KeptPanel value="lots" tabs={tabs}>
        <LotInspectionsTab engagement={e} />
      </KeptPanel>
      <KeptPanel value="imports" tabs={tabs}>
        <ImportsTab engagement={e} />
      </KeptPanel>
      <KeptPanel value="spc" tabs={tabs}>
        <SpcTab engagement={e} />
      </KeptPanel>
      <KeptPanel value="capacity" tabs={tabs}>
        <CapacityTab engagement={e} />
      </KeptPanel>
    </>
  );
}
