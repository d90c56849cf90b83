// What other organizations share with this one right now, and the assessments suppliers chose to share with it.
// A revoked or ended share is not listed: it is gone at once.
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/session.js';
import { IconShare } from '../../components/engagement/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useDisclosedSincerity, useReceivedShares } from '../../components/suppliers/api.js';
import { SignalCard } from '../../components/suppliers/SignalCard.js';
import { useFormat } from '../../lib/format.js';

export function SharedWithUsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { organization } = useSession();
  const shares = useReceivedShares();
  const disclosed = useDisclosedSincerity(organization.kind === 'buyer');
  return (
    <>
      <PageHeader title={t('suppliers.shared.title')} subtitle={t('suppliers.shared.subtitle')} />
      <Stack gap="md">
        {shares.isPending ? (
          <Loading />
        ) : shares.isError ? (
          <ErrorAlert error={shares.error} onRetry={() => void shares.refetch()} />
        ) : shares.data.length === 0 ? (
          <Card>
            <Empty icon={<IconShare size={22} />} title={t('suppliers.shared.empty')} description={t('suppliers.shared.emptyHint')} />
          </Card>
        ) : (
          shares.data.map((s) => (
            <Card key={s.id} data-testid="received-share">
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>{t('suppliers.shared.from', { org: s.owner.name })}</Text>
                  {s.engagement && (
                    <Anchor component={Link} to={`/engagements/${s.engagement.id}`} size="xs">
                      {s.engagement.title}
                    </Anchor>
                  )}
                  <Stack gap={2} mt={6}>
                    {s.items.map((i) => (
                      <Text key={i.evidenceId} size="sm">
                        {i.title}
                      </Text>
                    ))}
                  </Stack>
                </div>
                <Stack gap={6} align="flex-end">
                  <Badge variant="light" color={s.access === 'download' ? 'blue' : 'gray'} tt="none">
                    {t(`suppliers.room.access.${s.access}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {s.validUntil ? t('suppliers.shared.until', { date: fmt.date(s.validUntil) }) : t('suppliers.room.untilRevoked')}
                  </Text>
                  <Button component={Link} to={`/shared/${s.id}`} size="xs" data-testid="received-share-open">
                    {t('suppliers.shared.open')}
                  </Button>
                </Stack>
              </Group>
            </Card>
          ))
        )}
        {organization.kind === 'buyer' && disclosed.data && disclosed.data.length > 0 && (
          <Card data-testid="disclosed-sincerity">
            <Title order={4} fw={600}>
              {t('suppliers.shared.sincerity')}
            </Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('suppliers.shared.sincerityHint')}
            </Text>
            {disclosed.data.map((d) => (
              <div key={d.supplier.id}>
                <Group gap="xs">
                  <Text fw={600}>{d.supplier.name}</Text>
                  <Text fw={700}>{d.score === null ? '—' : fmt.number(d.score)}</Text>
                  <Badge variant="light" tt="none">
                    {t(`suppliers.sincerity.band.${d.band}`)}
                  </Badge>
                </Group>
                {d.signals.map((s) => (
                  <SignalCard key={s.key} signal={s} />
                ))}
              </div>
            ))}
          </Card>
        )}
      </Stack>
    </>
  );
}
