// Evidence in the engagement. The supplier decides which of its evidence is shared here (from its library)
// and can stop sharing it; the buyer records what it observed, tested or was told by third parties.
import { Anchor, Button, Card, Checkbox, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Provenance } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useClaims, useEngagementEvidence, useEvidenceLibrary, useRefreshEngagement } from '../../components/engagement/api.js';
import { ProvenanceBadge, ValidityBadge } from '../../components/engagement/badges.js';
import { EvidenceDetails } from '../../components/engagement/EvidenceChips.js';
import { EvidenceForm } from '../../components/engagement/EvidenceForm.js';
import { EvidenceList } from '../../components/engagement/EvidenceList.js';
import { useEvidenceTitle } from '../../components/engagement/evidenceTitle.js';
import { qualityKey } from '../../components/quality/api.js';
import type { Import } from '../../components/quality/types.js';
import { useDay } from '../../components/engagement/format.js';
import { IconShare, IconStack } from '../../components/engagement/icons.js';
import type { Engagement, Evidence } from '../../components/engagement/types.js';
import { DangerIconButton, useConfirm } from '../../components/Confirm.js';
import { IconPlus } from '../../components/icons.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { isOpenPhase } from './hooks.js';

const BUYER_PROVENANCES: readonly Provenance[] = ['observed', 'third_party', 'documented', 'self_declared'];
const SUPPLIER_PROVENANCES: readonly Provenance[] = ['documented', 'self_declared'];

export function EvidenceTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { organization } = useSession();
  const canContribute = useCan('engagement.contribute');
  const canRecord = useCan('evidence.record');
  const canAdd = canContribute && canRecord && isOpenPhase(e.phase);
  const list = useEngagementEvidence(e.id);
  const claims = useClaims(e.supplier.id);
  const refresh = useRefreshEngagement(e.id);
  const [sharing, setSharing] = useState(false);
  const [recording, setRecording] = useState(false);
  const [viewing, setViewing] = useState<Evidence | null>(null);
  const { confirm, modal } = useConfirm();
  const unshare = useMutation({
    mutationFn: (ev: Evidence) => api.delete(`/api/v1/engagements/${e.id}/evidence/${ev.id}`),
    onSuccess: async () => {
      notify.success(t('evidence.unshared'));
      await refresh();
    },
  });
  const claimTitle = new Map((claims.data ?? []).map((c) => [c.id, c.title]));
  const supplierSide = e.myRole === 'supplier';
  const title = useEvidenceTitle();
  const hasImports = (list.data ?? []).some((ev) => ev.kind === 'batch_test_record' && ev.attributes.importId);
  // The file names of the imports the lot records came from (the same query as the quality page's imports tab).
  const imports = useQuery({ queryKey: [...qualityKey(e.id), 'imports'], queryFn: () => api.get<Import[]>(`/api/v1/engagements/${encodeURIComponent(e.id)}/imports`), enabled: hasImports });
  const importNames = new Map((imports.data ?? []).map((i) => [i.id, i.filename]));

  return (
    <Stack gap="md">
      {modal}
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={760}>
          {supplierSide ? t('evidence.engagementHintSupplier', { buyer: e.buyer.name }) : t('evidence.engagementHintBuyer', { supplier: e.supplier.name })}
        </Text>
        {canAdd && (
          <Group gap="xs">
            {supplierSide && (
              <Button leftSection={<IconShare size={16} />} onClick={() => setSharing(true)} data-testid="evidence-share-open">
                {t('evidence.shareFromLibrary')}
              </Button>
            )}
            <Button variant={supplierSide ? 'default' : 'filled'} leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)} data-testid="evidence-record-open">
              {supplierSide ? t('evidence.recordNew') : t('evidence.recordObservation')}
            </Button>
          </Group>
        )}
      </Group>
      {!isOpenPhase(e.phase) && e.phase === 'proposed' && (
        <Text size="sm" c="dimmed">
          {t('evidence.afterAccept')}
        </Text>
      )}
      <Card>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Empty icon={<IconStack size={22} />} title={t('evidence.emptyEngagement')} description={supplierSide ? t('evidence.emptyEngagementSupplier') : t('evidence.emptyEngagementBuyer')} />
        ) : (
          <EvidenceList
            items={list.data}
            claimTitle={claimTitle}
            importNames={importNames}
            importLink={`/engagements/${e.id}/quality?tab=imports`}
            onView={setViewing}
            testId="engagement-evidence-table"
            rowTestId="engagement-evidence-row"
            meta={(ev) =>
              ev.computed ? (
                <Text size="xs" c="dimmed" data-testid="evidence-shared-by">
                  {t('evidenceList.computedBy')} · {fmt.date(ev.sharedAt ?? ev.createdAt)}
                </Text>
              ) : (
                <Text size="xs" c="dimmed" data-testid="evidence-shared-by">
                  {t('evidence.sharedBy')}: {ev.organizationName} · {ev.recordedBy} · {fmt.date(ev.sharedAt ?? ev.createdAt)}
                </Text>
              )
            }
            actions={(ev) =>
              canAdd && ev.organizationId === organization.id && !ev.computed ? (
                <DangerIconButton
                  label={t('evidence.unshare')}
                  onClick={() =>
                    confirm({
                      title: t('evidence.unshareTitle', { title: title(ev) }),
                      body: t('evidence.unshareBody', { counterpart: supplierSide ? e.buyer.name : e.supplier.name }),
                      confirmLabel: t('evidence.unshare'),
                      onConfirm: () => unshare.mutateAsync(ev),
                    })
                  }
                />
              ) : null
            }
          />
        )}
      </Card>
      {supplierSide && <ShareModal engagement={e} opened={sharing} onClose={() => setSharing(false)} shared={new Set((list.data ?? []).map((x) => x.id))} />}
      <Modal opened={recording} onClose={() => setRecording(false)} size="xl" title={<Text fw={600}>{supplierSide ? t('evidence.recordNew') : t('evidence.recordObservation')}</Text>}>
        {recording && (
          <EvidenceForm
            provenances={supplierSide ? SUPPLIER_PROVENANCES : BUYER_PROVENANCES}
            defaultKind={supplierSide ? 'certificate' : 'visit_observation'}
            claims={claims.data ?? []}
            submit={(body) => api.post<Evidence>(`/api/v1/engagements/${e.id}/evidence`, body)}
            onCancel={() => setRecording(false)}
            onDone={async (ev) => {
              notify.success(t('evidence.recorded', { title: title(ev) }));
              setRecording(false);
              await refresh();
            }}
          />
        )}
      </Modal>
      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={<Text fw={600}>{t('evidence.details')}</Text>}>
        {viewing && <EvidenceDetails evidence={viewing} />}
      </Modal>
    </Stack>
  );
}

function ShareModal({ engagement: e, opened, onClose, shared }: { engagement: Engagement; opened: boolean; onClose: () => void; shared: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const day = useDay();
  const title = useEvidenceTitle();
  const library = useEvidenceLibrary(opened);
  const refresh = useRefreshEngagement(e.id);
  const [selected, setSelected] = useState<string[]>([]);
  const share = useMutation({
    mutationFn: async (ids: string[]) => {
      for (const evidenceId of ids) await api.post(`/api/v1/engagements/${e.id}/evidence`, { evidenceId });
      return ids.length;
    },
    onSuccess: async (count) => {
      notify.success(t('evidence.sharedCount', { count, buyer: e.buyer.name }));
      setSelected([]);
      onClose();
      await refresh();
    },
    onSettled: () => void refresh(),
  });
  const available = (library.data ?? []).filter((x) => !shared.has(x.id));
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={<Text fw={600}>{t('evidence.shareTitle', { buyer: e.buyer.name })}</Text>} data-testid="share-modal">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('evidence.shareBody', { buyer: e.buyer.name })}
        </Text>
        {library.isPending ? (
          <Loading />
        ) : library.isError ? (
          <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />
        ) : available.length === 0 ? (
          <Empty
            icon={<IconStack size={22} />}
            title={t('evidence.nothingToShare')}
            action={
              <Button component={Link} to="/evidence" variant="light">
                {t('evidence.openLibrary')}
              </Button>
            }
          />
        ) : (
          <ScrollArea.Autosize mah={420}>
            <Checkbox.Group value={selected} onChange={setSelected}>
              <Stack gap={0}>
                {available.map((x) => (
                  <Checkbox.Card key={x.id} value={x.id} radius={0} p="sm" withBorder={false} data-testid="share-item" data-title={x.title} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Checkbox.Indicator mt={4} />
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                          {t(`vocab.evidenceKinds.${x.kind}`)}
                        </Text>
                        <Text size="sm" fw={500}>
                          {title(x)}
                        </Text>
                        <Group gap={6} mt={4}>
                          <ProvenanceBadge provenance={x.provenance} />
                          <ValidityBadge evidence={x} />
                          {x.validTo && (
                            <Text size="xs" c="dimmed">
                              {t('evidence.validUntil', { date: day(x.validTo) })}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {t('evidence.fileCount', { count: x.files.length })}
                          </Text>
                        </Group>
                      </div>
                    </Group>
                  </Checkbox.Card>
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
        )}
        <Group justify="space-between">
          <Anchor component={Link} to="/evidence" size="sm">
            {t('evidence.openLibrary')}
          </Anchor>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button disabled={selected.length === 0} loading={share.isPending} onClick={() => share.mutate(selected)} data-testid="share-submit">
              {t('evidence.shareSelected', { count: selected.length })}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
