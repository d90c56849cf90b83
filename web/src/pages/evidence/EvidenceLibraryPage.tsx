// The organization's evidence library: what it has recorded, with provenance, validity, files and the claims
// each item supports or contradicts. Items stay private until shared into an engagement.
import { Button, Card, Modal, SegmentedControl, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provenance } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useClaims, useEvidenceLibrary } from '../../components/engagement/api.js';
import { EvidenceDetails } from '../../components/engagement/EvidenceChips.js';
import { EvidenceForm } from '../../components/engagement/EvidenceForm.js';
import { EvidenceList } from '../../components/engagement/EvidenceList.js';
import { useEvidenceTitle } from '../../components/engagement/evidenceTitle.js';
import { IconStack } from '../../components/engagement/icons.js';
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
  const title = useEvidenceTitle();
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
      <Card>
        {library.isPending ? (
          <Loading />
        ) : library.isError ? (
          <ErrorAlert error={library.error} onRetry={() => void library.refetch()} />
        ) : (library.data ?? []).length === 0 ? (
          <Empty icon={<IconStack size={22} />} title={t('evidence.libraryEmpty')} description={t('evidence.libraryEmptyHint')} />
        ) : (
          <EvidenceList
            items={rows}
            claimTitle={claimTitle}
            onView={setViewing}
            testId="library-table"
            rowTestId="library-row"
            toolbar={
              <SegmentedControl
                size="xs"
                value={filter}
                onChange={(v) => setFilter(v as Filter)}
                data={[
                  { value: 'all', label: t('evidence.filterAll') },
                  { value: 'attention', label: t('evidenceList.expiring', { count: attentionCount }) },
                ]}
                data-testid="library-attention"
              />
            }
          />
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
              notify.success(t('evidence.recorded', { title: title(e) }));
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
