// One share as the receiving organization sees it: the evidence, and its files to view in the browser or (on a
// download share) to download. Opening is logged for the owner. A revoked or ended share answers "no longer
// available", and so do its files.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ProvenanceBadge } from '../../components/engagement/badges.js';
import { IconShare } from '../../components/engagement/icons.js';
import { IconDownload, IconInfo } from '../../components/icons.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { shareFileUrl, useShare } from '../../components/suppliers/api.js';
import { useFormat } from '../../lib/format.js';

export function SharedEvidencePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const share = useShare(id);
  const back = (
    <Anchor component={Link} to="/shared" size="sm">
      ← {t('suppliers.shared.back')}
    </Anchor>
  );
  if (share.isPending) return <Loading />;
  if (share.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={share.error} onRetry={() => void share.refetch()} icon={<IconShare size={22} />} notFound={<span data-testid="share-gone">{t('suppliers.shared.notFound')}</span>} />
      </Stack>
    );
  }
  const s = share.data;
  const download = s.access === 'download';
  return (
    <Stack gap="md">
      {back}
      <Card data-testid="shared-evidence">
        <Title order={2} fw={650}>
          {t('suppliers.shared.from', { org: s.owner.name })}
        </Title>
        {s.engagement && (
          <Anchor component={Link} to={`/engagements/${s.engagement.id}`} size="sm">
            {s.engagement.title}
          </Anchor>
        )}
        {s.note && (
          <Text size="sm" mt="xs">
            {s.note}
          </Text>
        )}
        <Alert variant="light" color={download ? 'blue' : 'gray'} icon={<IconInfo />} mt="sm" data-testid="share-access-note">
          {download ? (s.validUntil ? t('suppliers.shared.downloadable', { date: fmt.date(s.validUntil) }) : t('suppliers.shared.downloadableOpen')) : t('suppliers.shared.viewOnly')}
          <Text size="xs" c="dimmed" mt={4}>
            {t('suppliers.shared.logged', { org: s.owner.name })}
          </Text>
        </Alert>
      </Card>
      {s.items.map((i) => (
        <Card key={i.evidenceId} data-testid="shared-item">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div style={{ minWidth: 0 }}>
              <Text fw={600}>{i.title}</Text>
              <Group gap={6} mt={4}>
                <Badge variant="outline" color="gray" tt="none" size="sm">
                  {t(`vocab.evidenceKinds.${i.kind}`, { defaultValue: i.kind })}
                </Badge>
                <ProvenanceBadge provenance={i.provenance} />
                {i.validTo && (
                  <Text size="xs" c="dimmed">
                    → {fmt.date(i.validTo)}
                  </Text>
                )}
              </Group>
              {i.description && (
                <Text size="sm" c="dimmed" mt={4}>
                  {i.description}
                </Text>
              )}
            </div>
          </Group>
          <Stack gap={6} mt="sm">
            {i.files.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('suppliers.shared.noFiles')}
              </Text>
            )}
            {i.files.map((f) => (
              <Group key={f.id} justify="space-between" wrap="wrap" gap="xs" data-testid="shared-file">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" className="bf-mono" style={{ wordBreak: 'break-all' }}>
                    {f.filename}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt.bytes(f.size)} · SHA-256 {f.sha256.slice(0, 16)}…
                  </Text>
                </div>
                <Group gap="xs">
                  <Button component="a" href={shareFileUrl(s.id, f.id, 'inline')} target="_blank" rel="noopener" size="xs" variant="default" data-testid="shared-file-view">
                    {t('suppliers.shared.view')}
                  </Button>
                  {download && (
                    <Button component="a" href={shareFileUrl(s.id, f.id, 'attachment')} size="xs" leftSection={<IconDownload size={14} />} data-testid="shared-file-download">
                      {t('suppliers.shared.download')}
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
