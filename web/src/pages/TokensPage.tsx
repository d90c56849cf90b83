import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewTokenInput } from '../../../src/contracts/accounts.js';
import { api } from '../api/client.js';
import type { CreatedToken, Token } from '../api/types.js';
import { useSession } from '../app/session.js';
import { DangerIconButton, useConfirm } from '../components/Confirm.js';
import { CopyField } from '../components/CopyField.js';
import { IconAlert, IconKey, IconPlus } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { notify } from '../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';
import { FormErrors } from '../components/FormErrors.js';

export function TokensPage() {
  const { t } = useTranslation();
  const { organization, role } = useSession();
  const fmt = useFormat();
  const qc = useQueryClient();
  const { confirm, modal } = useConfirm();
  const [name, setName] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<Token[]>('/api/v1/tokens') });
  const showOwner = role === 'admin' || role === 'owner'; // admins see every token of the organization

  const create = useMutation({
    mutationFn: (body: { name: string }) => api.post<CreatedToken>('/api/v1/tokens', body),
    onSuccess: (tok) => {
      setCreated(tok);
      setName('');
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  const revoke = useMutation({
    mutationFn: (tok: Token) => api.delete(`/api/v1/tokens/${tok.id}`),
    onSuccess: (_r, tok) => {
      notify.success(t('tokens.revokedDone'));
      if (created?.id === tok.id) setCreated(null);
      void qc.invalidateQueries({ queryKey: ['tokens'] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(NewTokenInput, { name }, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data);
  };

  return (
    <>
      {modal}
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.subtitle', { org: organization.name })} />
      <Stack gap="md">
        <Card>
          <form onSubmit={submit} noValidate data-testid="token-form">
            <Group align="flex-start" gap="sm">
              <TextInput
                label={t('tokens.name')}
                placeholder={t('tokens.namePlaceholder')}
                value={name}
                onChange={(e) => {
                  setName(e.currentTarget.value);
                  clear('name');
                }}
                error={errors.name}
                w={{ base: '100%', sm: 340 }}
                data-testid="token-name"
              />
              <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconPlus size={16} />} data-testid="token-create">
                {t('tokens.create')}
              </Button>
            </Group>
            <FormErrors errors={errors} error={create.isError ? create.error : undefined} />
          </form>
          {created && (
            <Alert
              variant="light"
              color="yellow"
              icon={<IconKey />}
              mt="md"
              title={t('tokens.createdTitle')}
              withCloseButton
              onClose={() => setCreated(null)}
              data-testid="token-created"
            >
              <Stack gap="xs">
                <Text size="sm">{t('tokens.createdBody')}</Text>
                <CopyField value={created.token} testId="token-value" />
              </Stack>
            </Alert>
          )}
        </Card>

        <Card padding={0}>
          {tokens.isPending ? (
            <Loading />
          ) : tokens.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
            </div>
          ) : tokens.data.length === 0 ? (
            <Empty icon={<IconKey size={22} />} title={t('tokens.empty')} description={t('tokens.emptyHint')} />
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table className="bf-table" data-testid="tokens-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tokens.name')}</Table.Th>
                    <Table.Th>{t('tokens.prefix')}</Table.Th>
                    {showOwner && <Table.Th>{t('tokens.owner')}</Table.Th>}
                    <Table.Th>{t('tokens.created')}</Table.Th>
                    <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                    <Table.Th>{t('tokens.status')}</Table.Th>
                    <Table.Th w={60} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tokens.data.map((tok) => (
                    <Table.Tr key={tok.id} data-testid="token-row" style={tok.revokedAt ? { opacity: 0.6 } : undefined}>
                      <Table.Td fw={500}>{tok.name}</Table.Td>
                      <Table.Td>
                        <Text className="bf-mono">{tok.prefix}…</Text>
                      </Table.Td>
                      {showOwner && <Table.Td>{tok.user.displayName}</Table.Td>}
                      <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {fmt.dateTime(tok.createdAt)}
                      </Table.Td>
                      <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {tok.lastUsedAt ? fmt.dateTime(tok.lastUsedAt) : t('common.never')}
                      </Table.Td>
                      <Table.Td>
                        {tok.revokedAt ? (
                          <Badge variant="light" color="red" tt="none" fw={500}>
                            {t('tokens.revoked', { date: fmt.date(tok.revokedAt) })}
                          </Badge>
                        ) : (
                          <Badge variant="light" color="teal" tt="none" fw={500}>
                            {t('tokens.active')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {!tok.revokedAt && (
                          <DangerIconButton
                            label={t('common.revoke')}
                            testId="token-revoke"
                            onClick={() =>
                              confirm({
                                title: t('tokens.revokeTitle', { name: tok.name }),
                                body: t('tokens.revokeBody'),
                                confirmLabel: t('common.revoke'),
                                onConfirm: () => revoke.mutateAsync(tok),
                              })
                            }
                          />
                        )}
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
