// The organization's evidence library: what it has recorded, with provenance, validity, files and the claims
// each item supports or contradicts. Items stay private until shared into an engagement.
import { ActionIcon, Button, Card, Group, Modal, SegmentedControl, Table, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provenance } from '../../../../src/domain/model.js';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useClaims, useEvidenceLibrary } from '../../components/engagement/api.js';
import { EvidenceDetails } from '../../components/engagement/EvidenceChips.js';
import { EvidenceForm } from '../../components/engagement/EvidenceForm.js';
import { EvidenceCells } from '../../components/engagement/EvidenceCells.js';
import { IconEye, IconStack } from '../../components/engagement/icons.js';
import type { Evidence } from '../../components/engagement/types.js';
import { IconPlus } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { notify } from '../../lib/notify.js';

const OWN_PROVENANCES: Record<string, readonly Provenance[]> = {
  supplier: ['documented', 'self_declared'],
  buyer: ['documented', 'self_declared'],
  auditor: ['documented', 'self_declared'],
};

type Filter = 'all' | 'attention';

export function EvidenceLibraryPage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  const canRecord = useCan('evidence.record');
  const qc = useQueryClient();
  const library = useEvidenceLibrary();
  const claims = useClaims(organization.id, organization.kind === 'supplier');
  const [recording, setRecording] = useState(false);
  const [viewing, setViewing] = useState<Evidence | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const claimTitle = new Map((claims.data ?? []).map((c) => [c.id, c.title]));
  const attention = (e: Evidence) => e.validity === 'expired' || e.validity === 'expiring_30' || e.validity === 'expiring_60';
  const rows = (library.data ?? []).filter((e) => filter === 'all' || attention(e));
  const attentionCount = (library.data ?? []).filter(attention).length;

  return (
    <>
      <PageHeader
        title={t('evidence.libraryTitle')}
        subtitle={t('evidence.librarySubtitle', { org: organization.name })}
        actions={
          canRecord && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)} data-testid="library-record">
              {t('evidence.recordNew')}
            </Button>
          )
        }
      />
      <Card padding={0}>
        <Group p="md" justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data={[
              { value: 'all', label: t('evidence.filterAll') },
              { value: 'attention', label: t('evidence.filterAttention', { count: attentionCount }) },
            ]}
          />
          {library.data && (
            <Text size="xs" c="dimmed">
              {t('common.showing', { count: rows.length })}
            </Text>
          )}
        </Group>
        {library.isPending ? (
          <Loading />
        ) : library.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />
          </div>
        ) : rows.length === 0 ? (
          <Empty icon={<IconStack size={22} />} title={t('evidence.libraryEmpty')} description={t('evidence.libraryEmptyHint')} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table className="bf-table" data-testid="library-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('evidence.title')}</Table.Th>
                  <Table.Th w={150}>{t('evidence.provenance')}</Table.Th>
                  <Table.Th w={180}>{t('evidence.validity')}</Table.Th>
                  <Table.Th>{t('evidence.claims')}</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id} data-testid="library-row">
                    <EvidenceCells evidence={e} claimTitle={claimTitle} />
                    <Table.Td>
                      <Tooltip label={t('evidence.details')}>
                        <ActionIcon variant="subtle" color="gray" onClick={() => setViewing(e)} aria-label={t('evidence.details')}>
                          <IconEye size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Modal opened={recording} onClose={() => setRecording(false)} size="xl" title={<Text fw={600}>{t('evidence.recordNew')}</Text>}>
        {recording && (
          <EvidenceForm
            provenances={OWN_PROVENANCES[organization.kind]}
            defaultKind="certificate"
            claims={claims.data ?? []}
            submit={(body) => api.post<Evidence>('/api/v1/evidence', body)}
            onCancel={() => setRecording(false)}
            onDone={(e) => {
              notify.success(t('evidence.recorded', { title: e.title }));
              setRecording(false);
              void qc.invalidateQueries({ queryKey: ['evidence-library'] });
              void qc.invalidateQueries({ queryKey: ['claims', organization.id] });
            }}
          />
        )}
      </Modal>
      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title={<Text fw={600}>{t('evidence.details')}</Text>}>
        {viewing && <EvidenceDetails evidence={viewing} />}
      </Modal>
    </>
  );
}
