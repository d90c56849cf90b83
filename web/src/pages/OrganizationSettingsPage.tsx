// Organization settings: the public profile, members (role, remove) and invitations (link to copy, revoke).
import { ActionIcon, Alert, Badge, Button, Card, Grid, Group, Input, NumberInput, Select, Stack, Table, Tabs, TagsInput, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { IdentifierSchemeInput, NewInvitationInput, UpdateOrganizationInput } from '../../../src/contracts/accounts.js';
import { isIdentifierScheme, type Role, ROLES, validateIdentifier } from '../../../src/domain/browser.js';
import { api } from '../api/client.js';
import { ME_KEY } from '../api/session.js';
import type { CreatedInvitation, Invitation, Member, Organization } from '../api/types.js';
import { can, useSession } from '../app/session.js';
import { DangerIconButton, useConfirm } from '../components/Confirm.js';
import { CopyField } from '../components/CopyField.js';
import { IconAlert, IconInfo, IconLink, IconMail, IconPlus, IconTrash, IconUsers } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { notify } from '../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../lib/validation.js';
import { FormErrors } from '../components/FormErrors.js';

const TABS = ['profile', 'members', 'invitations'] as const;
/** Known schemes are checked offline for format and check digit; `other` is stored as given. */
const IDENTIFIER_SCHEME_OPTIONS = IdentifierSchemeInput.options;
type Tab = (typeof TABS)[number];

export function OrganizationSettingsPage() {
  const { t } = useTranslation();
  const { organization } = useSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'profile';
  return (
    <>
      <PageHeader title={t('organization.title')} subtitle={t('organization.subtitle', { org: organization.name })} />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'profile' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`organization.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile">
          <ProfileTab />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <MembersTab />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ProfileTab() {
  const { t } = useTranslation();
  const session = useSession();
  const org = session.organization;
  const editable = can(session, 'organization.update');
  const qc = useQueryClient();
  const [name, setName] = useState(org.name);
  const [description, setDescription] = useState(org.description ?? '');
  const [website, setWebsite] = useState(org.website ?? '');
  const [categories, setCategories] = useState<string[]>(org.categories);
  const [identifiers, setIdentifiers] = useState(org.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })));
  const { errors, setErrors, clear } = useFieldErrors();

  const save = useMutation({
    mutationFn: (body: unknown) => api.patch<Organization>('/api/v1/organization', body),
    onSuccess: async () => {
      notify.success(t('organization.profile.saved'));
      await qc.invalidateQueries({ queryKey: ME_KEY });
      void qc.invalidateQueries({ queryKey: ['directory'] });
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      description: description.trim() ? description.trim() : null,
      website: website.trim() ? website.trim() : null,
      categories,
      identifiers: identifiers.filter((i) => i.scheme.trim() || i.value.trim()).map((i) => ({ scheme: i.scheme.trim(), value: i.value.trim() })),
    };
    const v = validate(UpdateOrganizationInput, body, t);
    if (!v.ok) return setErrors(withIdentifierReasons(v.errors, body.identifiers, t));
    setErrors({});
    save.mutate(v.data);
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate data-testid="profile-form">
        <Stack gap="md" maw={720}>
          {!editable && (
            <Alert variant="light" color="gray" icon={<IconInfo />}>
              {t('organization.profile.readOnly')}
            </Alert>
          )}
          <FormErrors errors={errors} error={save.isError ? save.error : undefined} />
          <TextInput label={t('organization.profile.name')} value={name} onChange={(e) => {
              setName(e.currentTarget.value);
              clear('name');
            }} error={errors.name} readOnly={!editable} data-testid="profile-name" />
          <Textarea
            label={t('organization.profile.description')}
            description={t('organization.profile.descriptionHint')}
            value={description}
            onChange={(e) => {
              setDescription(e.currentTarget.value);
              clear('description');
            }}
            error={errors.description}
            autosize
            minRows={3}
            maxRows={8}
            readOnly={!editable}
          />
          <TextInput
            label={t('organization.profile.website')}
            placeholder={t('organization.profile.websitePlaceholder')}
            value={website}
            onChange={(e) => {
              setWebsite(e.currentTarget.value);
              clear('website');
            }}
            error={errors.website}
            readOnly={!editable}
          />
          <TagsInput
            label={t('organization.profile.categories')}
            description={t('organization.profile.categoriesHint')}
            value={categories}
            onChange={(v) => {
              setCategories(v);
              clear('categories');
            }}
            error={errors.categories ?? Object.entries(errors).find(([k]) => k.startsWith('categories.'))?.[1]}
            readOnly={!editable}
            clearable={editable}
          />
          <Input.Wrapper label={t('organization.profile.identifiers')} description={t('organization.profile.identifiersHint')} error={errors.identifiers}>
            <Stack gap={6} mt={6}>
              {identifiers.map((idf, i) => (
                <Grid key={i} gap="xs" align="flex-start">
                  <Grid.Col span={4}>
                    <Select
                      placeholder={t('organization.profile.scheme')}
                      aria-label={t('organization.profile.scheme')}
                      data={IDENTIFIER_SCHEME_OPTIONS.map((s) => ({ value: s, label: `${s} · ${t(`vocab.schemesShort.${s}`)}` }))}
                      value={idf.scheme || null}
                      onChange={(v) => {
                        setIdentifiers((list) => list.map((x, j) => (j === i ? { ...x, scheme: v ?? '' } : x)));
                        clear(`identifiers.${i}.scheme`, `identifiers.${i}.value`);
                      }}
                      allowDeselect={false}
                      error={errors[`identifiers.${i}.scheme`]}
                      readOnly={!editable}
                      comboboxProps={{ width: 340, position: 'bottom-start' }}
                      data-testid={`identifier-scheme-${i}`}
                    />
                  </Grid.Col>
                  <Grid.Col span={editable ? 7 : 8}>
                    <TextInput
                      placeholder={t('organization.profile.value')}
                      aria-label={t('organization.profile.value')}
                      value={idf.value}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setIdentifiers((list) => list.map((x, j) => (j === i ? { ...x, value: v } : x)));
                        clear(`identifiers.${i}.value`);
                      }}
                      error={errors[`identifiers.${i}.value`]}
                      readOnly={!editable}
                    />
                  </Grid.Col>
                  {editable && (
                    <Grid.Col span={1}>
                      <Tooltip label={t('organization.profile.removeIdentifier')}>
                        <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => setIdentifiers((list) => list.filter((_, j) => j !== i))} aria-label={t('organization.profile.removeIdentifier')}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Grid.Col>
                  )}
                </Grid>
              ))}
              {editable && identifiers.length < 10 && (
                <Group>
                  <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setIdentifiers((l) => [...l, { scheme: '', value: '' }])}>
                    {t('organization.profile.addIdentifier')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Input.Wrapper>
          {editable && (
            <Group>
              <Button type="submit" loading={save.isPending} data-testid="profile-save">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** The offline check's own reason (e.g. a wrong check digit) instead of a generic "invalid value". */
function withIdentifierReasons(errors: Record<string, string>, ids: { scheme: string; value: string }[], t: TFunction): Record<string, string> {
  const out = { ...errors };
  for (const key of Object.keys(out)) {
    const m = /^identifiers\.(\d+)\.value$/.exec(key);
    const idf = m ? ids[Number(m[1])] : undefined;
    if (!idf || !isIdentifierScheme(idf.scheme) || !idf.value) continue;
    const r = validateIdentifier(idf.scheme, idf.value);
    if (!r.valid && r.reason) out[key] = t('supplier.identifiers.invalid', { reason: r.reason });
  }
  return out;
}

/** Roles the actor may hand out: only owners make owners (src/services/members.ts). */
function grantableRoles(actorRole: Role): Role[] {
  return ROLES.filter((r) => r !== 'owner' || actorRole === 'owner');
}

function MembersTab() {
  const { t } = useTranslation();
  const session = useSession();
  const fmt = useFormat();
  const qc = useQueryClient();
  const manage = can(session, 'members.manage');
  const { confirm, modal } = useConfirm();
  const members = useQuery({ queryKey: ['members'], queryFn: () => api.get<Member[]>('/api/v1/members') });

  const changeRole = useMutation({
    mutationFn: ({ m, role }: { m: Member; role: Role }) => api.patch(`/api/v1/members/${m.userId}`, { role }),
    onSuccess: (_r, { m, role }) => {
      notify.success(t('organization.members.roleChanged', { name: m.displayName, role: t(`roles.${role}`) }));
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
  });
  const remove = useMutation({
    mutationFn: (m: Member) => api.delete(`/api/v1/members/${m.userId}`),
    onSuccess: (_r, m) => {
      notify.success(t('organization.members.removed', { name: m.displayName }));
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
  });

  if (members.isPending) return <Loading />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;
  const roles = grantableRoles(session.role);

  return (
    <Card padding={0}>
      {modal}
      {members.data.length === 0 ? (
        <Empty icon={<IconUsers size={22} />} title={t('organization.members.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table className="bf-table" data-testid="members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organization.members.name')}</Table.Th>
                <Table.Th>{t('organization.members.email')}</Table.Th>
                <Table.Th w={170}>{t('organization.members.role')}</Table.Th>
                <Table.Th>{t('organization.members.since')}</Table.Th>
                {manage && <Table.Th w={60} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((m) => {
                const self = m.userId === session.me.user.id;
                const editable = manage && !self && (m.role !== 'owner' || session.role === 'owner');
                return (
                  <Table.Tr key={m.userId} data-testid="member-row">
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {m.displayName}
                        </Text>
                        {self && (
                          <Badge size="xs" variant="light" color="gray">
                            {t('common.you')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                    <Table.Td>
                      {editable ? (
                        <Select
                          size="xs"
                          data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                          value={m.role}
                          allowDeselect={false}
                          onChange={(v) => v && v !== m.role && changeRole.mutate({ m, role: v as Role })}
                          aria-label={t('organization.members.role')}
                          disabled={changeRole.isPending}
                        />
                      ) : (
                        <Badge variant={m.role === 'owner' ? 'light' : 'default'} color={m.role === 'owner' ? 'brand' : 'gray'} tt="none" fw={500}>
                          {t(`roles.${m.role}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.date(m.since)}
                    </Table.Td>
                    {manage && (
                      <Table.Td>
                        {editable && (
                          <DangerIconButton
                            label={t('common.remove')}
                            onClick={() =>
                              confirm({
                                title: t('organization.members.removeTitle', { name: m.displayName }),
                                body: t('organization.members.removeBody', { name: m.displayName, org: session.organization.name }),
                                confirmLabel: t('common.remove'),
                                onConfirm: () => remove.mutateAsync(m),
                              })
                            }
                          />
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

const STATUS_COLORS: Record<Invitation['status'], string> = { pending: 'blue', accepted: 'teal', expired: 'gray', revoked: 'red' };

function InvitationsTab() {
  const { t } = useTranslation();
  const session = useSession();
  const manage = can(session, 'invitations.manage');
  if (!manage) {
    return (
      <Card>
        <Empty icon={<IconMail size={22} />} title={t('organization.invitations.adminsOnly')} />
      </Card>
    );
  }
  return <InvitationsManager />;
}

function InvitationsManager() {
  const { t } = useTranslation();
  const session = useSession();
  const fmt = useFormat();
  const qc = useQueryClient();
  const { confirm, modal } = useConfirm();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [days, setDays] = useState<number | string>(7);
  const { errors, setErrors, clear } = useFieldErrors();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const list = useQuery({ queryKey: ['invitations'], queryFn: () => api.get<Invitation[]>('/api/v1/invitations') });

  const create = useMutation({
    mutationFn: (body: unknown) => api.post<CreatedInvitation>('/api/v1/invitations', body),
    onSuccess: (inv) => {
      setCreated(inv);
      setEmail('');
      void qc.invalidateQueries({ queryKey: ['invitations'] });
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  const revoke = useMutation({
    mutationFn: (inv: Invitation) => api.delete(`/api/v1/invitations/${inv.id}`),
    onSuccess: (_r, inv) => {
      notify.success(t('organization.invitations.revoked'));
      if (created?.id === inv.id) setCreated(null);
      void qc.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = validate(NewInvitationInput, { email, role, expiresInDays: typeof days === 'number' ? days : Number(days) }, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data);
  };

  return (
    <Stack gap="md">
      {modal}
      <Card>
        <Title order={5} fw={600} mb="sm">
          {t('organization.invitations.createTitle')}
        </Title>
        <form onSubmit={submit} noValidate data-testid="invitation-form">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('organization.invitations.email')}
              type="email"
              value={email}
              onChange={(e) => {
                setEmail(e.currentTarget.value);
                clear('email');
              }}
              error={errors.email}
              w={{ base: '100%', sm: 300 }}
              data-testid="invitation-email"
            />
            <Select
              label={t('organization.invitations.role')}
              data={grantableRoles(session.role).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(v) => {
                if (v) setRole(v as Role);
                clear('role');
              }}
              allowDeselect={false}
              error={errors.role}
              w={160}
              data-testid="invitation-role"
            />
            <NumberInput label={t('organization.invitations.expiresInDays')} value={days} onChange={(v) => {
                setDays(v);
                clear('expiresInDays');
              }} min={1} max={30} error={errors.expiresInDays} w={150} />
            <Button type="submit" loading={create.isPending} mt={25} leftSection={<IconPlus size={16} />} data-testid="invitation-submit">
              {t('organization.invitations.submit')}
            </Button>
          </Group>
          <FormErrors errors={errors} error={create.isError ? create.error : undefined} />
        </form>
        {created && (
          <Alert variant="light" color="teal" icon={<IconLink />} mt="md" title={t('organization.invitations.linkTitle', { email: created.email })} withCloseButton onClose={() => setCreated(null)} data-testid="invitation-created">
            <Stack gap="xs">
              <Text size="sm">{t('organization.invitations.linkBody', { date: fmt.dateTime(created.expiresAt) })}</Text>
              <CopyField value={`${window.location.origin}${created.acceptPath}`} testId="invitation-link" />
            </Stack>
          </Alert>
        )}
      </Card>

      <Card padding={0}>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : list.data.length === 0 ? (
          <Empty icon={<IconMail size={22} />} title={t('organization.invitations.empty')} description={t('organization.invitations.emptyHint')} />
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table className="bf-table" data-testid="invitations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('organization.invitations.email')}</Table.Th>
                  <Table.Th>{t('organization.invitations.role')}</Table.Th>
                  <Table.Th>{t('organization.invitations.status')}</Table.Th>
                  <Table.Th>{t('organization.invitations.created')}</Table.Th>
                  <Table.Th>{t('organization.invitations.expires')}</Table.Th>
                  <Table.Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((inv) => (
                  <Table.Tr key={inv.id} data-testid="invitation-row">
                    <Table.Td>{inv.email}</Table.Td>
                    <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[inv.status]} tt="none" fw={500}>
                        {t(`organization.invitations.statuses.${inv.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.dateTime(inv.createdAt)}
                    </Table.Td>
                    <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.dateTime(inv.expiresAt)}
                    </Table.Td>
                    <Table.Td>
                      {inv.status === 'pending' && (
                        <DangerIconButton
                          label={t('common.revoke')}
                          onClick={() =>
                            confirm({
                              title: t('organization.invitations.revokeTitle', { email: inv.email }),
                              body: t('organization.invitations.revokeBody'),
                              confirmLabel: t('common.revoke'),
                              onConfirm: () => revoke.mutateAsync(inv),
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
  );
}
