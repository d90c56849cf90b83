// File requests in one engagement: a party asks the other for files; only then can the other place files in its
// file list, by answering the request with one of its own files.
import { Badge, Button, Card, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { FileViewT } from '../../../../src/contracts/accounts.js';
import { useCan, useSession } from '../../app/session.js';
import type { Engagement } from '../engagement/types.js';
import { IconPlus } from '../icons.js';
import { ErrorAlert, Loading } from '../States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { serverFieldErrors } from '../../lib/validation.js';
import { useFileRequests, type FileRequest } from './api.js';

export function FileRequestsPanel({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const { organization } = useSession();
  const canAsk = useCan('files.request');
  const list = useFileRequests(e.id);
  const [asking, setAsking] = useState(false);
  const [answering, setAnswering] = useState<FileRequest | null>(null);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['engagement', e.id, 'file-requests'] });
  const ask = useMutation({
    mutationFn: () => api.post(`/api/v1/engagements/${e.id}/file-requests`, { title: title.trim(), note: note.trim() || null }),
    onSuccess: () => {
      notify.success(t('suppliers.fileRequests.asked'));
      setTitle('');
      setNote('');
      setAsking(false);
      refresh();
    },
    meta: { handlesErrors: true },
  });
  const close = useMutation({
    mutationFn: (r: FileRequest) => api.post(`/api/v1/engagements/${e.id}/file-requests/${r.id}/close`),
    onSuccess: () => {
      notify.success(t('suppliers.fileRequests.closedDone'));
      refresh();
    },
  });
  const askErrors = ask.isError ? serverFieldErrors(ask.error) : {};
  return (
    <Card mt="md" data-testid="file-requests-panel">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={4} fw={600}>
            {t('suppliers.fileRequests.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('suppliers.fileRequests.hint')}
          </Text>
        </div>
        {canAsk && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAsking(true)} data-testid="file-request-new">
            {t('suppliers.fileRequests.new')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('suppliers.fileRequests.empty')}
        </Text>
      ) : (
        <Stack gap={0}>
          {list.data.map((r) => {
            const mine = r.requestedBy.id === organization.id;
            return (
              <Group key={r.id} justify="space-between" wrap="wrap" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', padding: '10px 0' }} data-testid="file-request">
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {r.title}
                    </Text>
                    <Badge size="xs" variant="light" color={r.status === 'open' ? 'blue' : 'gray'} tt="none">
                      {t(`suppliers.fileRequests.${r.status}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('suppliers.fileRequests.by', { org: r.requestedBy.name })} · {fmt.date(r.createdAt)}
                    {r.files.length > 0 && ` · ${t('suppliers.fileRequests.files', { count: r.files.length })}`}
                  </Text>
                  {r.note && <Text size="xs">{r.note}</Text>}
                  {r.files.map((f) => (
                    <Text key={f.id} size="xs" className="bf-mono">
                      {f.filename}
                    </Text>
                  ))}
                </div>
                <Group gap="xs">
                  {!mine && r.status === 'open' && (
                    <Button size="xs" onClick={() => setAnswering(r)} data-testid="file-request-answer">
                      {t('suppliers.fileRequests.send')}
                    </Button>
                  )}
                  {mine && r.status === 'open' && (
                    <Button size="xs" variant="default" onClick={() => close.mutate(r)} loading={close.isPending}>
                      {t('suppliers.fileRequests.close')}
                    </Button>
                  )}
                </Group>
              </Group>
            );
          })}
        </Stack>
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title={<Text fw={600}>{t('suppliers.fileRequests.new')}</Text>}>
        <Stack gap="sm">
          <TextInput label={t('suppliers.fileRequests.what')} value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} error={askErrors.title} data-testid="file-request-title" />
          <Textarea label={t('suppliers.fileRequests.note')} autosize minRows={2} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} />
          {ask.isError && Object.keys(askErrors).length === 0 && <ErrorAlert error={ask.error} />}
          <Group justify="flex-end">
            <Button onClick={() => ask.mutate()} loading={ask.isPending} disabled={!title.trim()} data-testid="file-request-submit">
              {t('suppliers.fileRequests.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <AnswerModal engagementId={e.id} request={answering} onClose={() => setAnswering(null)} onDone={refresh} />
    </Card>
  );
}

function AnswerModal({ engagementId, request, onClose, onDone }: { engagementId: string; request: FileRequest | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const files = useQuery({ queryKey: ['files'], queryFn: () => api.get<FileViewT[]>('/api/v1/files'), enabled: request !== null });
  const [fileId, setFileId] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => api.post(`/api/v1/engagements/${engagementId}/file-requests/${request!.id}/files`, { fileId }),
    onSuccess: () => {
      notify.success(t('suppliers.fileRequests.sent'));
      setFileId(null);
      onDone();
      onClose();
    },
  });
  return (
    <Modal opened={request !== null} onClose={onClose} title={<Text fw={600}>{request ? t('suppliers.fileRequests.sendTitle', { title: request.title }) : ''}</Text>}>
      {files.isPending ? (
        <Loading />
      ) : files.isError ? (
        <ErrorAlert error={files.error} onRetry={() => void files.refetch()} />
      ) : (
        <Stack gap="sm">
          <Select label={t('suppliers.fileRequests.file')} data={files.data.filter((f) => f.owned).map((f) => ({ value: f.id, label: f.filename }))} value={fileId} onChange={setFileId} searchable />
          <Group justify="flex-end">
            <Button onClick={() => send.mutate()} disabled={!fileId} loading={send.isPending}>
              {t('suppliers.fileRequests.send')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
