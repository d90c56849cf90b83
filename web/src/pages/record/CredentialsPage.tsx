// Credentials the organization issued (the buyer may revoke them) or holds (the supplier downloads and presents
// them), each a W3C Verifiable Credential signed eddsa-jcs-2022 by the issuer's did:key.
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RevokeCredentialInput } from '../../../../src/contracts/record.js';
import { useSession } from '../../app/session.js';
import { IconDownload, IconShieldCheck } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { saveJson, useCredentials, uuidOf, type Credential } from '../../components/record/api.js';
import { api } from '../../api/client.js';
import { Empty, LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { credentialSummary, trackRecordText } from '../../components/record/summary.js';
import { useDay } from '../../components/engagement/format.js';

/**
 * A track-record credential's name and description worded in the reader's language from its fields; the English
 * the issuer signed is kept as the signed original, one click away and marked as English. Other credentials show
 * their signed name as written.
 */
function CredentialText({ c }: { c: Credential }) {
  const { t } = useTranslation();
  const day = useDay();
  const worded = trackRecordText(t, day, c.document);
  const signedName = String(c.document.name ?? c.summary);
  const signedDescription = typeof c.document.description === 'string' ? c.document.description : null;
  if (!worded) {
    return (
      <>
        <Text fw={600}>{signedName}</Text>
        {signedDescription && (
          <Text size="sm" c="dimmed">
            {signedDescription}
          </Text>
        )}
      </>
    );
  }
  return (
    <>
      <Text fw={600} data-testid="credential-name">
        {worded.name}
      </Text>
      <Text size="sm" c="dimmed">
        {worded.description}
      </Text>
      <details data-testid="credential-signed-text">
        <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
          {t('record.credential.signedText')}
        </Text>
        <Text size="xs" c="dimmed" lang="en" mt={4}>
          {signedName}
          {signedDescription ? <><br />{signedDescription}</> : null}
        </Text>
      </details>
    </>
  );
}

export function CredentialsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const day = useDay();
  const session = useSession();
  const list = useCredentials();
  const [revoking, setRevoking] = useState<Credential | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadFailure error={list.error} onRetry={() => void list.refetch()} icon={<IconShieldCheck size={22} />} notFound={t('record.credential.empty')} />;
  const me = session.organization.id;
  return (
    <>
      <PageHeader title={t('record.nav.credentials')} subtitle={t('record.credential.listSubtitle')} />
      {list.data.length === 0 ? (
        <Empty title={t('record.credential.empty')} />
      ) : (
        <Stack gap="sm" data-testid="credentials-list">
          {list.data.map((c) => (
            <Card key={c.id} data-testid="credential-card" data-revoked={c.revokedAt ? 'true' : 'false'}>
              <Group justify="space-between" align="flex-start" gap="md">
                <Stack gap={4} style={{ minWidth: 0, flex: '1 1 260px' }}>
                  <Group gap="xs">
                    <Badge variant="light" tt="none">
                      {t(`record.credential.kind.${c.kind}`)}
                    </Badge>
                    {c.revokedAt ? (
                      <Badge color="red" variant="light" tt="none">
                        {t('record.credential.revoked', { date: fmt.date(c.revokedAt), reason: c.revocationReason ?? '' })}
                      </Badge>
                    ) : (
                      c.validUntil && (
                        <Text size="xs" c="dimmed">
                          {t('record.credential.validUntil', { date: fmt.date(c.validUntil) })}
                        </Text>
                      )
                    )}
                  </Group>
                  <CredentialText c={c} />
                  <Text size="sm">{credentialSummary(t, c.document, c.summary)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('record.credential.issuer', { name: c.issuer.name })} · {t('record.credential.subject', { name: c.subject.name })} · {fmt.date(c.issuedAt)}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {c.issuer.did}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} onClick={() => saveJson(c.document, `credential-${uuidOf(c.id).slice(0, 8)}.json`)} data-testid="credential-download">
                    {t('record.credential.download')}
                  </Button>
                  {c.issuer.organizationId === me && !c.revokedAt && (
                    <Button color="red" variant="light" size="xs" onClick={() => setRevoking(c)} data-testid="credential-revoke">
                      {t('record.credential.revoke')}
                    </Button>
                  )}
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <ReasonModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('record.credential.revokeTitle')}
        subject={revoking ? (trackRecordText(t, day, revoking.document)?.name ?? String(revoking.document.name ?? '')) : undefined}
        body={t('record.credential.revokeBody')}
        label={t('record.credential.revokeLabel')}
        submitLabel={t('record.credential.revoke')}
        color="red"
        schema={RevokeCredentialInput}
        field="reason"
        send={(body) => api.post(`/api/v1/credentials/${uuidOf(revoking!.id)}/revoke`, body)}
        doneMessage={t('record.credential.revokeDone')}
        onDone={() => list.refetch()}
        testIds={{ modal: 'credential-revoke-modal', text: 'credential-revoke-reason', submit: 'credential-revoke-submit' }}
      />
    </>
  );
}
