// The engagement's escalation ladder: each side names its own contacts per level (a colleague, or a name and an
// email), sees the other side's, and records the progress-update cadence both agreed.
import { ActionIcon, Alert, Anchor, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { discrepancyApi, useEscalation, type EscalationSettings } from '../../components/discrepancies/api.js';
import { IconLadder } from '../../components/discrepancies/icons.js';
import { useEngagement } from '../../components/engagement/api.js';
import { IconPlus, IconTrash } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors } from '../../lib/validation.js';
import { api } from '../../api/client.js';
import { useQuery } from '@tanstack/react-query';

interface Row {
  level: number;
  name: string;
  title: string;
  email: string;
  userId: string | null;
}

export function EscalationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useEscalation(id);
  const engagement = useEngagement(id);
  if (q.isPending || engagement.isPending) return <Loading />;
  if (q.isError || engagement.isError) {
    return <LoadFailure error={q.error ?? engagement.error} onRetry={() => void q.refetch()} icon={<IconLadder size={22} />} notFound={t('discrepancies.detail.notFound')} />;
  }
  return (
    <>
      <Anchor component={Link} to={`/engagements/${id}`} size="sm">
        ← {engagement.data.title}
      </Anchor>
      <PageHeader title={t('discrepancies.ladder.title')} subtitle={t('discrepancies.ladder.subtitle')} />
      <Stack gap="md">
        <Ladder s={q.data} engagementId={id} />
        <Cadence s={q.data} engagementId={id} />
        <Events engagementId={id} />
      </Stack>
    </>
  );
}

function useMembers() {
  return useQuery({ queryKey: ['members'], queryFn: () => api.get<{ userId: string; displayName: string; email: string }[]>('/api/v1/members') });
}

function Ladder({ s, engagementId }: { s: EscalationSettings; engagementId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canEdit = useCan('engagement.contribute');
  const members = useMembers();
  const mine = s.contacts.filter((c) => c.side === s.myRole);
  const theirs = s.contacts.filter((c) => c.side !== s.myRole);
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => setRows(mine.map((c) => ({ level: c.level, name: c.name, title: c.title ?? '', email: c.email ?? '', userId: c.userId }))), [s]); // eslint-disable-line react-hooks/exhaustive-deps
  const { errors, setErrors } = useFieldErrors();
  const save = useMutation({
    mutationFn: () =>
      discrepancyApi.saveEscalation(engagementId, {
        contacts: rows.map((r) => ({ level: r.level, name: r.name.trim(), title: r.title.trim() || null, email: r.email.trim() || null, userId: r.userId })),
      }),
    onSuccess: (fresh) => {
      qc.setQueryData(['engagement', engagementId, 'escalation'], fresh);
      notify.success(t('discrepancies.ladder.saved'));
    },
    onError: (e) => {
      setErrors(serverFieldErrors(e));
      notify.error(errorText(e, t));
    },
    meta: { handlesErrors: true },
  });
  const other = s.myRole === 'buyer' ? 'supplier' : 'buyer';
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Card data-testid="ladder-mine">
        <Title order={4} mb="xs">
          {t('discrepancies.ladder.yourSide', { side: t(`discrepancies.side.${s.myRole}`) })}
        </Title>
        <Stack gap="xs">
          {rows.length === 0 && <Text size="sm" c="dimmed">{t('discrepancies.ladder.none')}</Text>}
          {rows.map((r, i) => (
            <Card key={i} withBorder p="xs" data-testid="ladder-row">
              <Group gap="xs" align="flex-end" wrap="wrap">
                <NumberInput label={t('discrepancies.ladder.level')} value={r.level} min={1} max={5} w={80} onChange={(v) => set(i, { level: Number(v) || 1 })} error={errors[`contacts.${i}.level`]} disabled={!canEdit} data-testid="ladder-level" />
                <Select
                  label={t('discrepancies.ladder.member')}
                  data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
                  value={r.userId}
                  onChange={(v) => {
                    const m = members.data?.find((x) => x.userId === v);
                    set(i, { userId: v, ...(m ? { name: m.displayName, email: m.email } : {}) });
                  }}
                  clearable
                  w={180}
                  disabled={!canEdit}
                  error={errors[`contacts.${i}.userId`]}
                  data-testid="ladder-member"
                />
                <TextInput label={t('discrepancies.ladder.name')} value={r.name} onChange={(e) => set(i, { name: e.currentTarget.value })} w={160} error={errors[`contacts.${i}.name`]} disabled={!canEdit} data-testid="ladder-name" />
                <TextInput label={t('discrepancies.ladder.role')} value={r.title} onChange={(e) => set(i, { title: e.currentTarget.value })} w={150} disabled={!canEdit} data-testid="ladder-title" />
                <TextInput label={t('discrepancies.ladder.email')} value={r.email} onChange={(e) => set(i, { email: e.currentTarget.value })} w={200} error={errors[`contacts.${i}.email`]} disabled={!canEdit} data-testid="ladder-email" />
                {canEdit && (
                  <ActionIcon variant="subtle" color="red" aria-label={t('discrepancies.ladder.remove')} onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            </Card>
          ))}
          {canEdit && (
            <Group justify="space-between">
              <Button variant="default" size="sm" leftSection={<IconPlus size={14} />} onClick={() => setRows((rs) => [...rs, { level: Math.min(5, (rs.at(-1)?.level ?? 0) + 1), name: '', title: '', email: '', userId: null }])} data-testid="ladder-add">
                {t('discrepancies.ladder.add')}
              </Button>
              <Button size="sm" onClick={() => save.mutate()} loading={save.isPending} data-testid="ladder-save">
                {t('discrepancies.ladder.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Card>
      <Card data-testid="ladder-theirs">
        <Title order={4} mb="xs">
          {t('discrepancies.ladder.otherSide', { side: t(`discrepancies.side.${other}`) })}
        </Title>
        {theirs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('discrepancies.ladder.none')}
          </Text>
        ) : (
          <Table>
            <Table.Tbody>
              {theirs.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td w={60}>{t('discrepancies.level.level', { level: c.level })}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[c.title, c.email].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Alert mt="sm" color={s.named ? 'teal' : 'yellow'} variant="light" data-testid="ladder-problems">
          {s.named ? t('discrepancies.ladder.named') : s.problems.map((p) => t(`discrepancies.ladder.problems.${p.problem}`, { side: t(`discrepancies.side.${p.side}`), level: p.level })).join(' · ')}
        </Alert>
      </Card>
    </SimpleGrid>
  );
}

function Cadence({ s, engagementId }: { s: EscalationSettings; engagementId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const canEdit = useCan('engagement.contribute');
  const [days, setDays] = useState<number | string>(s.cadence.everyDays);
  const save = useMutation({
    mutationFn: () => discrepancyApi.saveEscalation(engagementId, { progressUpdateEveryDays: Number(days) }),
    onSuccess: (fresh) => {
      qc.setQueryData(['engagement', engagementId, 'escalation'], fresh);
      notify.success(t('discrepancies.ladder.cadenceSaved'));
    },
    onError: (e) => notify.error(errorText(e, t)),
    meta: { handlesErrors: true },
  });
  const c = s.cadence;
  return (
    <Card data-testid="cadence-card">
      <Title order={4} mb="xs">
        {t('discrepancies.ladder.cadenceTitle')}
      </Title>
      <Text size="sm" mb="xs">
        {c.agreedAt ? t('discrepancies.ladder.cadenceAgreed', { name: c.agreedBy?.displayName ?? '', date: fmt.date(c.agreedAt) }) : t('discrepancies.ladder.cadenceDefault', { days: c.everyDays })}
      </Text>
      {c.agreedAt && (
        <Text size="sm" c={c.overdue ? 'red' : 'dimmed'} mb="xs">
          {c.overdue ? t('discrepancies.ladder.cadenceOverdue', { date: fmt.date(c.missed.at(-1) ?? c.nextDueAt) }) : t('discrepancies.ladder.cadenceNext', { date: fmt.date(c.nextDueAt) })}
        </Text>
      )}
      {canEdit && (
        <Group align="flex-end">
          <NumberInput label={t('discrepancies.ladder.cadenceDays')} value={days} onChange={setDays} min={1} max={90} w={140} data-testid="cadence-days" />
          <Button size="sm" variant="light" onClick={() => save.mutate()} loading={save.isPending} data-testid="cadence-save">
            {t('discrepancies.ladder.cadenceSave')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

interface EngagementEvent {
  id: string;
  at: string;
  kind: string;
  level: number | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/** What happened beside the gate decisions: escalations, missed updates, reminders, ladder and cadence changes. */
function Events({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({ queryKey: ['engagement', engagementId, 'events'], queryFn: () => api.get<EngagementEvent[]>(`/api/v1/engagements/${encodeURIComponent(engagementId)}/events`) });
  const what = (e: EngagementEvent) => {
    const d = e.details;
    if (e.subjectType === 'discrepancy') return `${String(d.reference ?? '')} ${String(d.step ?? '')} — ${String(d.title ?? '')}`;
    if (e.subjectType === 'inquiry') return String(d.subject ?? '');
    if (e.subjectType === 'evidence') return `${String(d.title ?? '')} (${fmt.date(String(d.validTo ?? ''))})`;
    if (e.subjectType === 'reaudit') return fmt.date(String(d.dueAt ?? ''));
    return '';
  };
  const known = ['escalation', 'missed_update', 'reminder', 'ladder_changed', 'cadence_agreed'];
  return (
    <Card data-testid="engagement-events">
      <Title order={4} mb="sm">
        {t('discrepancies.ladder.eventsTitle')}
      </Title>
      {q.data && q.data.length === 0 && <Text size="sm" c="dimmed">{t('discrepancies.ladder.eventsEmpty')}</Text>}
      <Timeline bulletSize={14} lineWidth={2}>
        {(q.data ?? []).filter((e) => known.includes(e.kind)).slice(0, 30).map((e) => (
          <Timeline.Item key={e.id} color={e.kind === 'escalation' ? 'red' : e.kind === 'missed_update' ? 'orange' : 'gray'} data-testid="engagement-event" data-kind={e.kind}>
            <Text size="sm">
              {e.subjectType === 'discrepancy' && e.subjectId ? (
                <Anchor component={Link} to={`/discrepancies/${e.subjectId}`} size="sm">
                  {t(`discrepancies.ladder.events.${e.kind}`, { level: e.level ?? '', what: what(e), date: fmt.date(String(e.details.dueAt ?? '')), days: String(e.details.everyDays ?? '') })}
                </Anchor>
              ) : (
                t(`discrepancies.ladder.events.${e.kind}`, { level: e.level ?? '', what: what(e), date: fmt.date(String(e.details.dueAt ?? '')), days: String(e.details.everyDays ?? '') })
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {fmt.dateTime(e.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
