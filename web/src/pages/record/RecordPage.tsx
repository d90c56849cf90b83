// An engagement's verifiable record: the signed checkpoint, the dossier to export (verified offline with
// `bonafide dossier verify`) or to verify here in the browser with the same domain code, every entry, and the
// track-record credentials issued in or presented to this engagement.
import { Anchor, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { verifyDossier, type DossierCheck } from '../../../../src/domain/record/dossier.js';
import { useCan } from '../../app/session.js';
import { useEngagement } from '../../components/engagement/api.js';
import { IconDownload, IconShieldCheck } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { CredentialStatus } from '../../components/record/CredentialStatus.js';
import { DossierResult } from '../../components/record/DossierResult.js';
import {
  fetchDossier,
  saveJson,
  useCredentials,
  useEngagementRecord,
  useIssueCredential,
  usePresentCredential,
  usePresented,
  type RecordEntry,
} from '../../components/record/api.js';
import { Empty, LoadFailure, Loading } from '../../components/States.js';
import { credentialSummary } from '../../components/record/summary.js';
import { useFormat } from '../../lib/format.js';
import { useEvidenceTitle } from '../../components/engagement/evidenceTitle.js';
import { browserRecordCrypto } from '../../lib/record-crypto.js';
import { notify } from '../../lib/notify.js';
import { errorText } from '../../lib/validation.js';

export function RecordPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const evidenceTitle = useEvidenceTitle();
  const engagement = useEngagement(id);
  const record = useEngagementRecord(id);
  const [busy, setBusy] = useState<'export' | 'verify' | null>(null);
  const [result, setResult] = useState<{ check: DossierCheck; leafIndexes: number[] } | null>(null);

  if (engagement.isPending || record.isPending) return <Loading />;
  if (engagement.isError) return <LoadFailure error={engagement.error} onRetry={() => void engagement.refetch()} icon={<IconShieldCheck size={22} />} notFound={t('engagements.notFound')} />;
  if (record.isError) return <LoadFailure error={record.error} onRetry={() => void record.refetch()} icon={<IconShieldCheck size={22} />} notFound={t('engagements.notFound')} />;
  const e = engagement.data;
  const { checkpoint, entries } = record.data;
  const failed = new Map<number, string>();
  for (const err of result?.check.errors ?? []) if (err.entry !== null) failed.set(result!.leafIndexes[err.entry] ?? -1, err.code);

  const run = async (what: 'export' | 'verify') => {
    setBusy(what);
    try {
      const dossier = await fetchDossier(e.id);
      if (what === 'export') {
        const file = `dossier-${e.id.slice(0, 8)}.json`;
        saveJson(dossier, file);
        notify.success(t('record.exported', { file }));
      } else {
        // Let the spinner paint before the (synchronous) verification takes the thread.
        await new Promise((r) => setTimeout(r, 0));
        setResult({ check: verifyDossier(browserRecordCrypto, dossier), leafIndexes: dossier.entries.map((x) => x.leafIndex) });
      }
    } catch (err) {
      notify.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/engagements/${e.id}`} size="sm">
        {t('record.back')}
      </Anchor>
      <PageHeader
        title={t('record.title')}
        subtitle={
          <>
            <Text span fw={600} c="dark">
              {e.title}
            </Text>{' '}
            — {t('record.subtitle')}
          </>
        }
        testId="record-title"
      />
      <Card data-testid="record-checkpoint">
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={4}>{t('record.checkpoint.title')}</Title>
            <Text size="sm">{t('record.checkpoint.size', { count: checkpoint.size })}</Text>
            <Text size="xs" c="dimmed">
              {t('record.checkpoint.origin')}: <Code>{checkpoint.origin}</Code>
            </Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('record.checkpoint.root')}: <Code>{checkpoint.rootHash}</Code>
            </Text>
          </Stack>
          <Group gap="xs">
            <Button leftSection={<IconDownload size={16} />} onClick={() => void run('export')} loading={busy === 'export'} data-testid="dossier-export">
              {t('record.export')}
            </Button>
            <Button variant="default" leftSection={<IconShieldCheck size={16} />} onClick={() => void run('verify')} loading={busy === 'verify'} data-testid="dossier-verify">
              {t('record.verifyHere')}
            </Button>
            <Button variant="subtle" component={Link} to="/verify">
              {t('record.verifyPage')}
            </Button>
          </Group>
        </Group>
        {result && (
          <div style={{ marginTop: 16 }}>
            <DossierResult result={result.check} browser />
          </div>
        )}
      </Card>

      <Credentials engagementId={e.id} myRole={e.myRole} buyerId={e.buyer.id} entries={entries} />

      <Card>
        <Title order={4} mb="sm">
          {t('record.entries.title')}
        </Title>
        {entries.length === 0 ? (
          <Empty title={t('record.entries.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" data-testid="record-entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('record.entries.seq')}</Table.Th>
                  <Table.Th>{t('record.entries.kind')}</Table.Th>
                  <Table.Th>{t('record.entries.at')}</Table.Th>
                  <Table.Th>{t('record.entries.by')}</Table.Th>
                  <Table.Th>{t('record.entries.leaf')}</Table.Th>
                  {result && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((x) => (
                  <Table.Tr key={x.leafIndex} data-testid="record-entry" data-kind={x.kind}>
                    <Table.Td>{x.seq}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {t(`record.kinds.${x.kind}`, { defaultValue: x.kind })}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {describe(x, evidenceTitle)}
                        {x.attachments.length > 0 && ` · ${t('record.entries.files', { count: x.attachments.length })}`}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(x.recordedAt)}</Table.Td>
                    <Table.Td>{x.organizationName}</Table.Td>
                    <Table.Td>
                      <Code>{x.leafIndex}</Code>
                    </Table.Td>
                    {result && (
                      <Table.Td>
                        {failed.has(x.leafIndex) ? (
                          <Badge color="red" variant="light" tt="none">
                            {t('record.entries.bad')}
                          </Badge>
                        ) : (
                          <Badge color="teal" variant="light" tt="none" data-testid="entry-verified">
                            {t('record.entries.ok')}
                          </Badge>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}

/** One line about the entry: its title (a system-written evidence title in the reader's language), text or decision. */
function describe(x: RecordEntry, evidenceTitle: ReturnType<typeof useEvidenceTitle>): string {
  const c = x.content as Record<string, unknown>;
  if (x.generatedTitle && typeof c.title === 'string') return evidenceTitle({ title: c.title, generatedTitle: x.generatedTitle });
  const v = c.title ?? c.rationale ?? c.text ?? c.summary ?? c.pilot ?? c.decision ?? (c.credential ? 'W3C VC 2.0 · eddsa-jcs-2022' : '');
  return String(v);
}

function Credentials({ engagementId, myRole, buyerId, entries }: { engagementId: string; myRole: 'buyer' | 'supplier'; buyerId: string; entries: RecordEntry[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canDecide = useCan('engagement.decide');
  const canContribute = useCan('engagement.contribute');
  const held = useCredentials();
  const presented = usePresented(engagementId);
  const issue = useIssueCredential(engagementId);
  const present = usePresentCredential(engagementId);
  const [choice, setChoice] = useState<string | null>(null);
  const issued = new Set((held.data ?? []).filter((c) => c.engagementId === engagementId).map((c) => c.source.id));
  const passing = entries.filter(
    (x) => (x.kind === 'pilot_review' && x.content.decision !== 'stop') || (x.kind === 'gate_decision' && x.content.to === 'partnership' && x.content.decision === 'advance'),
  );
  const shown = new Set((presented.data ?? []).map((p) => p.credentialId));
  const presentable = (held.data ?? []).filter((c) => c.kind === 'track_record' && !c.revokedAt && c.issuer.organizationId !== buyerId && c.engagementId !== engagementId && !shown.has(c.id));
  return (
    <Card data-testid="record-credentials">
      <Title order={4} mb={4}>
        {t('record.credential.title')}
      </Title>
      {myRole === 'buyer' && canDecide && (
        <Stack gap="xs" mb="md">
          <Text size="sm" c="dimmed">
            {t('record.credential.issueIntro')}
          </Text>
          {passing.length === 0 && <Text size="sm">{t('record.credential.noReview')}</Text>}
          {passing.map((x) => {
            const label = x.kind === 'pilot_review' ? `${t('record.kinds.pilot_review')} · ${String(x.content.pilot ?? '')} · ${fmt.date(x.recordedAt)} · ${String(x.content.decision)}` : `${t('record.kinds.gate_decision')} → partnership · ${fmt.date(x.recordedAt)}`;
            return (
              <Group key={x.recordId} justify="space-between" gap="xs">
                <Text size="sm">{label}</Text>
                <Button
                  size="xs"
                  disabled={issued.has(x.recordId)}
                  loading={issue.isPending && issue.variables?.id === x.recordId}
                  onClick={() => issue.mutate({ kind: x.kind === 'pilot_review' ? 'pilot_review' : 'partnership_review', id: x.recordId }, { onSuccess: () => notify.success(t('record.credential.issued')) })}
                  data-testid="credential-issue"
                >
                  {issued.has(x.recordId) ? t('record.credential.alreadyIssued') : t('record.credential.issueFor', { label: t(`record.kinds.${x.kind}`) })}
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
      {myRole === 'supplier' && canContribute && (
        <Stack gap="xs" mb="md">
          <Text size="sm" c="dimmed">
            {t('record.credential.presentIntro')}
          </Text>
          {presentable.length === 0 ? (
            <Text size="sm">{t('record.credential.noneToPresent')}</Text>
          ) : (
            <Group gap="xs" align="flex-end">
              <Select
                style={{ flex: 1, minWidth: 220 }}
                data={presentable.map((c) => ({ value: c.id, label: `${c.issuer.name} · ${fmt.date(c.issuedAt)} · ${credentialSummary(t, c.document, c.summary)}` }))}
                value={choice}
                onChange={setChoice}
                placeholder={t('record.credential.present')}
                data-testid="credential-choice"
              />
              <Button
                disabled={!choice}
                loading={present.isPending}
                onClick={() => {
                  const c = presentable.find((x) => x.id === choice);
                  if (c) present.mutate(c.document, { onSuccess: () => notify.success(t('record.credential.presented')) });
                }}
                data-testid="credential-present"
              >
                {t('record.credential.present')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <Text size="sm" fw={600} mb={4}>
        {t('record.credential.presentedTitle')}
      </Text>
      {(presented.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('record.credential.nonePresented')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="presented-list">
          {presented.data!.map((p) => (
            <Card key={p.id} withBorder padding="sm">
              <Text size="sm" fw={500}>
                {credentialSummary(t, p.document, p.summary)}
              </Text>
              <CredentialStatus check={p.check} />
            </Card>
          ))}
        </Stack>
      )}
    </Card>
  );
}
