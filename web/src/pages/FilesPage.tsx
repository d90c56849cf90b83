import { Anchor, Badge, Button, Card, FileInput, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { StoredFile } from '../api/types.js';
import { useCan, useSession } from '../app/session.js';
import { CopyIconButton } from '../components/CopyField.js';
import { IconDownload, IconFiles, IconUpload } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { notify } from '../lib/notify.js';
import { errorText } from '../lib/validation.js';

export function FilesPage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  const canUpload = useCan('files.upload');
  const fmt = useFormat();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const files = useQuery({ queryKey: ['files'], queryFn: () => api.get<StoredFile[]>('/api/v1/files') });

  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append('file', f, f.name);
      return api.upload<StoredFile>('/api/v1/files', form);
    },
    onSuccess: (view) => {
      notify.success(view.deduplicated ? t('files.deduplicated') : t('files.uploaded', { name: view.filename }), view.deduplicated ? view.filename : undefined);
      setFile(null);
      setError(null);
      void qc.invalidateQueries({ queryKey: ['files'] });
    },
    onError: (e) => setError(errorText(e, t)),
    meta: { handlesErrors: true },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setError(t('validation.required'));
    upload.mutate(file);
  };

  return (
    <>
      <PageHeader title={t('files.title')} subtitle={t('files.subtitle', { org: organization.name })} />
      <Stack gap="md">
        {canUpload ? (
          <Card>
            <form onSubmit={submit} noValidate data-testid="upload-form">
              <Group align="flex-start" gap="sm">
                <FileInput
                  label={t('files.choose')}
                  placeholder={t('files.choosePlaceholder')}
                  value={file}
                  onChange={(f) => {
                    setFile(f);
                    setError(null);
                  }}
                  clearable
                  error={error}
                  leftSection={<IconFiles size={16} />}
                  w={{ base: '100%', sm: 380 }}
                  data-testid="file-input"
                />
                <Button type="submit" mt={25} loading={upload.isPending} leftSection={<IconUpload size={16} />} disabled={!file} data-testid="file-upload">
                  {t('files.upload')}
                </Button>
              </Group>
            </form>
          </Card>
        ) : (
          <Text size="sm" c="dimmed">
            {t('files.readOnly')}
          </Text>
        )}

        <Card padding={0}>
          {files.isPending ? (
            <Loading />
          ) : files.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={files.error} onRetry={() => void files.refetch()} />
            </div>
          ) : files.data.length === 0 ? (
            <Empty icon={<IconFiles size={22} />} title={t('files.empty')} description={t('files.emptyHint')} />
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table className="bf-table" highlightOnHover data-testid="files-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('files.name')}</Table.Th>
                    <Table.Th>{t('files.type')}</Table.Th>
                    <Table.Th ta="right">{t('files.size')}</Table.Th>
                    <Table.Th>{t('files.sha256')}</Table.Th>
                    <Table.Th>{t('files.uploadedAt')}</Table.Th>
                    <Table.Th>{t('files.owner')}</Table.Th>
                    <Table.Th w={60} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {files.data.map((f) => (
                    <Table.Tr key={f.id} data-testid="file-row">
                      <Table.Td>
                        <Anchor href={`/api/v1/files/${f.id}/content`} size="sm" fw={500} download={f.filename}>
                          {f.filename}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" className="bf-mono" c="dimmed">
                          {f.mediaType}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {fmt.bytes(f.size)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={f.sha256} w={300} multiline style={{ wordBreak: 'break-all' }}>
                            <Text className="bf-mono" data-testid="file-sha256">
                              {f.sha256.slice(0, 12)}…
                            </Text>
                          </Tooltip>
                          <CopyIconButton value={f.sha256} label={t('files.copyDigest')} />
                        </Group>
                      </Table.Td>
                      <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {fmt.dateTime(f.createdAt)}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={f.owned ? 'gray' : 'grape'} tt="none" fw={500}>
                          {f.owned ? t('files.ours') : t('files.shared')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={t('common.download')}>
                          <Anchor href={`/api/v1/files/${f.id}/content`} download={f.filename} aria-label={t('common.download')} c="gray.7">
                            <IconDownload size={18} />
                          </Anchor>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      </Stack>
    </>
  );
}
