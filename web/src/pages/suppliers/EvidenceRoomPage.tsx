// The evidence room: what the organization shares with whom, per engagement, from when, until when, downloadable
// or view-only; revoking; the access log of each share and every recent look by another organization.
import { ActionIcon, Alert, Badge, Button, Card, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { DangerIconButton, useConfirm } from '../../components/Confirm.js';
import { useEvidenceLibrary } from '../../components/engagement/api.js';
import { IconClock, IconEye, IconShare } from '../../components/engagement/icons.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconAlert, IconHistory, IconPlus } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useOrganizationAccessLog, useShareAccessLog, useShares, type AccessLogEntry, type Share } from '../../components/suppliers/api.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors } from '../../lib/validation.js';

const STATUS_COLORS = { scheduled: 'blue', active: 'teal', expired: 'gray', revoked: 'red' } as const;
const DAY = 86_400_000;
const localDate = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

export function EvidenceRoomPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const canManage = useCan('shares.manage');
  const shares = useShares();
  const [creating, setCreating] = useState(false);
  const [logOf, setLogOf] = useState<Share | null>(null);
  const { confirm, modal } = useConfirm();
  const revoke = useMutation({
    mutationFn: (s: Share) => api.delete(`/api/v1/shares/${s.id}`),
    onSuccess: (_r, s) => {
      notify.success(t('suppliers.room.revoked', { org: s.grantee.name }));
      void qc.invalidateQueries({ queryKey: ['shares'] });
      void qc.invalidateQueries({ queryKey: ['access-log'] });
    },
  });

  return (
    <>
      {modal}
      <PageHeader
        title={t('suppliers.room.title')}
        subtitle={t('suppliers.room.subtitle')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="share-new">
              {t('suppliers.room.newShare')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Card padding={0}>
          {shares.isPending ? (
            <Loading />
          ) : shares.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={shares.error} onRetry={() => void shares.refetch()} />
            </div>
          ) : shares.data.length === 0 ? (
            <Empty icon={<IconShare size={22} />} title={t('suppliers.room.empty')} description={t('suppliers.room.emptyHint')} />
          ) : (
            <Table.ScrollContainer minWidth={880}>
              <Table className="bf-table" data-testid="shares-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('suppliers.room.columns.with')}</Table.Th>
                    <Table.Th>{t('suppliers.room.columns.items')}</Table.Th>
                    <Table.Th>{t('suppliers.room.columns.access')}</Table.Th>
                    <Table.Th>{t('suppliers.room.columns.period')}</Table.Th>
                    <Table.Th>{t('suppliers.room.columns.status')}</Table.Th>
                    <Table.Th>{t('suppliers.room.columns.looks')}</Table.Th>
                    <Table.Th w={90} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shares.data.map((s) => (
                    <Table.Tr key={s.id} data-testid="share-row" data-status={s.status} style={s.status === 'revoked' || s.status === 'expired' ? { opacity: 0.65 } : undefined}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {s.grantee.name}
                        </Text>
                        {s.engagement && (
                          <Text size="xs" c="dimmed">
                            {s.engagement.title}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {s.items.map((i) => (
                          <Text key={i.evidenceId} size="sm" lineClamp={2}>
                            {i.title}
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={s.access === 'download' ? 'blue' : 'gray'} tt="none" fw={500}>
                          {t(`suppliers.room.access.${s.access}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="xs">{fmt.date(s.validFrom)}</Text>
                        <Text size="xs" c="dimmed">
                          → {s.validUntil ? fmt.date(s.validUntil) : t('suppliers.room.untilRevoked')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS_COLORS[s.status]} tt="none" data-testid="share-status">
                          {t(`suppliers.room.status.${s.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" data-testid="share-looks">
                          {t('suppliers.room.looks', { count: s.accessCount ?? 0 })}
                        </Text>
                        {s.lastAccessAt && (
                          <Text size="xs" c="dimmed">
                            {t('suppliers.room.lastLook', { date: fmt.dateTime(s.lastAccessAt) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={t('suppliers.room.accessLog')}>
                            <ActionIcon variant="subtle" color="gray" onClick={() => {
                                setLogOf(s);
                                // Looks keep coming while the page is open: read them fresh.
                                void qc.invalidateQueries({ queryKey: ['access-log'] });
                                void qc.invalidateQueries({ queryKey: ['shares', s.id, 'access-log'] });
                              }} aria-label={t('suppliers.room.accessLog')} data-testid="share-log">
                              <IconHistory size={16} />
                            </ActionIcon>
                          </Tooltip>
                          {canManage && (s.status === 'active' || s.status === 'scheduled') && (
                            <DangerIconButton
                              label={t('suppliers.room.revoke')}
                              testId="share-revoke"
                              onClick={() =>
                                confirm({
                                  title: t('suppliers.room.revokeTitle', { org: s.grantee.name }),
                                  body: t('suppliers.room.revokeBody'),
                                  confirmLabel: t('suppliers.room.revoke'),
                                  onConfirm: () => revoke.mutateAsync(s),
                                })
                              }
                            />
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        <RecentLooks />
      </Stack>
      <ShareModal opened={creating} onClose={() => setCreating(false)} />
      <Modal opened={logOf !== null} onClose={() => setLogOf(null)} size="lg" title={<Text fw={600}>{logOf ? t('suppliers.room.accessLogTitle', { org: logOf.grantee.name }) : ''}</Text>}>
        {logOf && <ShareLog share={logOf} />}
      </Modal>
    </>
  );
}

function LogList({ entries, testId }: { entries: AccessLogEntry[]; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap={6} data-testid={testId}>
      {entries.map((e) => (
        <Group key={e.id} gap={8} wrap="wrap" data-testid="access-entry" data-action={e.action}>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {fmt.dateTime(e.at)}
          </Text>
          <Text size="sm">
            <Text span fw={600} size="sm">
              {e.user.displayName}
            </Text>{' '}
            ({e.organization.name}) {t(`suppliers.room.action.${e.action}`, { file: e.file?.filename ?? '' })}
          </Text>
          <Badge size="xs" variant="outline" color="gray" tt="none">
            {t(`suppliers.room.via.${e.via}`)}
          </Badge>
        </Group>
      ))}
    </Stack>
  );
}

function ShareLog({ share }: { share: Share }) {
  const { t } = useTranslation();
  const log = useShareAccessLog(share.id);
  if (log.isPending) return <Loading />;
  if (log.isError) return <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />;
  if (log.data.length === 0) return <Text size="sm" c="dimmed">{t('suppliers.room.accessLogEmpty', { org: share.grantee.name })}</Text>;
  return <LogList entries={log.data} testId="share-access-log" />;
}

function RecentLooks() {
  const { t } = useTranslation();
  const log = useOrganizationAccessLog();
  return (
    <Card>
      <Group gap="xs" mb={4}>
        <IconEye size={18} />
        <Title order={4} fw={600}>
          {t('suppliers.room.recent')}
        </Title>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('suppliers.room.recentHint')}
      </Text>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('suppliers.room.recentEmpty')}
        </Text>
      ) : (
        <LogList entries={log.data} testId="recent-access-log" />
      )}
    </Card>
  );
}

function ShareModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const library = useEvidenceLibrary(opened);
  const engagements = useQuery({ queryKey: ['engagements', { all: true }], queryFn: () => api.get<Engagement[]>('/api/v1/engagements', { limit: 200 }), enabled: opened });
  const today = localDate(new Date());
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [engagementId, setEngagementId] = useState<string | null>(null);
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [access, setAccess] = useState<'view' | 'download'>('download');
  const [from, setFrom] = useState(today);
  const [until, setUntil] = useState(localDate(new Date(Date.now() + 30 * DAY)));
  const [note, setNote] = useState('');
  const counterparts = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of engagements.data ?? []) {
      const other = e.myRole === 'buyer' ? e.supplier : e.buyer;
      m.set(other.id, other.name);
    }
    return [...m].map(([value, label]) => ({ value, label }));
  }, [engagements.data]);
  const theirEngagements = (engagements.data ?? []).filter((e) => (e.myRole === 'buyer' ? e.supplier.id : e.buyer.id) === organizationId);
  const reset = () => {
    setOrganizationId(null);
    setEngagementId(null);
    setEvidenceIds([]);
    setAccess('download');
    setFrom(today);
    setUntil(localDate(new Date(Date.now() + 30 * DAY)));
    setNote('');
  };
  const create = useMutation({
    mutationFn: () =>
      api.post<Share>('/api/v1/shares', {
        organizationId,
        engagementId,
        evidenceIds,
        access,
        // Today means now: the share opens at once.
        ...(from && from !== today ? { validFrom: new Date(`${from}T00:00`).toISOString() } : {}),
        validUntil: until ? new Date(`${until}T23:59:59`).toISOString() : null,
        note: note.trim() || null,
      }),
    onSuccess: (s) => {
      notify.success(s.validUntil ? t('suppliers.room.form.shared', { org: s.grantee.name, date: new Date(s.validUntil).toLocaleDateString() }) : t('suppliers.room.form.sharedOpen', { org: s.grantee.name }));
      void qc.invalidateQueries({ queryKey: ['shares'] });
      reset();
      onClose();
    },
    meta: { handlesErrors: true },
  });
  const fieldErrors = create.isError ? serverFieldErrors(create.error) : {};
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={<Text fw={600}>{t('suppliers.room.newShare')}</Text>} data-testid="share-modal">
      <Stack gap="sm">
        <Select
          label={t('suppliers.room.form.organization')}
          placeholder={t('suppliers.room.form.organizationPlaceholder')}
          data={counterparts}
          value={organizationId}
          onChange={(v) => {
            setOrganizationId(v);
            setEngagementId(null);
          }}
          searchable
          error={fieldErrors.organizationId}
          data-testid="share-organization"
        />
        <Select
          label={t('suppliers.room.form.engagement')}
          placeholder={t('suppliers.room.form.engagementNone')}
          data={theirEngagements.map((e) => ({ value: e.id, label: e.title }))}
          value={engagementId}
          onChange={setEngagementId}
          clearable
          disabled={!organizationId}
          error={fieldErrors.engagementId}
          data-testid="share-engagement"
        />
        <MultiSelect
          label={t('suppliers.room.form.items')}
          placeholder={t('suppliers.room.form.itemsPlaceholder')}
          data={(library.data ?? []).map((e) => ({ value: e.id, label: e.title }))}
          value={evidenceIds}
          onChange={setEvidenceIds}
          searchable
          error={fieldErrors.evidenceIds ?? Object.entries(fieldErrors).find(([k]) => k.startsWith('evidenceIds.'))?.[1]}
          data-testid="share-items"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('suppliers.room.form.access')}
          </Text>
          <SegmentedControl
            value={access}
            onChange={(v) => setAccess(v as 'view' | 'download')}
            data={[
              { value: 'download', label: t('suppliers.room.access.download') },
              { value: 'view', label: t('suppliers.room.access.view') },
            ]}
            data-testid="share-access"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {t(`suppliers.room.accessHint.${access}`)}
          </Text>
        </div>
        <Group grow align="flex-start">
          <TextInput type="date" label={t('suppliers.room.form.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={fieldErrors.validFrom} data-testid="share-from" />
          <TextInput
            type="date"
            label={t('suppliers.room.form.until')}
            description={t('suppliers.room.form.untilHint')}
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
            error={fieldErrors.validUntil}
            data-testid="share-until"
            rightSection={
              <Tooltip label={t('suppliers.room.form.month')}>
                <ActionIcon variant="subtle" color="gray" onClick={() => setUntil(localDate(new Date(Date.parse(`${from || today}T12:00`) + 30 * DAY)))} aria-label={t('suppliers.room.form.month')}>
                  <IconClock size={16} />
                </ActionIcon>
              </Tooltip>
            }
          />
        </Group>
        <Textarea label={t('suppliers.room.form.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="share-note" />
        {create.isError && Object.keys(fieldErrors).length === 0 && (
          <Alert color="red" variant="light" icon={<IconAlert />}>
            {errorText(create.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => create.mutate()} disabled={!organizationId || evidenceIds.length === 0} loading={create.isPending} data-testid="share-submit">
            {t('suppliers.room.form.submit')}
          </Button>
        </Group>
        {engagements.isError && <ErrorAlert error={engagements.error} onRetry={() => void engagements.refetch()} />}
      </Stack>
    </Modal>
  );
}
