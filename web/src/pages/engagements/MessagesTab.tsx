// Technical communication: a typed thread (inquiry, response, progress update, proactive disclosure,
// escalation) with each inquiry's response time in the responder's business days and time zone.
import { Alert, Avatar, Badge, Button, Card, CloseButton, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageInput } from '../../../../src/contracts/engagements.js';
import { MESSAGE_KINDS, type MessageKind } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { useMessages, useRefreshEngagement } from '../../components/engagement/api.js';
import { MessageKindBadge } from '../../components/engagement/badges.js';
import { useNumber } from '../../components/engagement/format.js';
import { IconClock, IconMessage, IconReply } from '../../components/engagement/icons.js';
import type { Engagement, Message, Messages } from '../../components/engagement/types.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { isOpenPhase } from './hooks.js';

export function MessagesTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const messages = useMessages(e.id);
  const canPost = useCan('engagement.contribute') && (isOpenPhase(e.phase) || e.phase === 'proposed');
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const composeRef = useRef<HTMLDivElement>(null);
  if (messages.isPending) return <Loading />;
  if (messages.isError) return <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />;
  const all = messages.data.messages;
  const top = all.filter((m) => !m.inReplyTo || !all.some((x) => x.id === m.inReplyTo));
  const replies = (id: string) => all.filter((m) => m.inReplyTo === id);
  const orgName = (id: string) => (id === e.buyer.id ? e.buyer.name : id === e.supplier.id ? e.supplier.name : '');
  return (
    <Stack gap="md" data-testid="messages">
      <StatsLine stats={messages.data.stats} supplier={e.supplier.name} />
      {all.length === 0 ? (
        <Card>
          <Empty icon={<IconMessage size={22} />} title={t('messages.empty')} description={t('messages.emptyHint')} />
        </Card>
      ) : (
        <Stack gap="sm">
          {top.map((m) => (
            <Paper key={m.id} withBorder p="md" data-testid="message" data-kind={m.kind}>
              <MessageItem message={m} orgName={orgName(m.organizationId)} />
              {replies(m.id).map((r) => (
                <Paper key={r.id} mt="sm" ml={{ base: 12, sm: 40 }} p="sm" bg="gray.0" radius="md" data-testid="message-reply" data-kind={r.kind}>
                  <MessageItem message={r} orgName={orgName(r.organizationId)} />
                </Paper>
              ))}
              {canPost && (
                <Group justify="flex-end" mt="xs">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconReply size={14} />}
                    onClick={() => {
                      setReplyTo(m);
                      setTimeout(() => composeRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 50);
                    }}
                    data-testid="message-reply-button"
                  >
                    {t('messages.reply')}
                  </Button>
                </Group>
              )}
            </Paper>
          ))}
        </Stack>
      )}
      {canPost && (
        <div ref={composeRef}>
          <Compose engagement={e} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
        </div>
      )}
    </Stack>
  );
}

function StatsLine({ stats, supplier }: { stats: Messages['stats']; supplier: string }) {
  const { t } = useTranslation();
  const num = useNumber();
  return (
    <Card padding="md" data-testid="message-stats">
      <Group gap="lg" wrap="wrap">
        <Group gap={6}>
          <IconClock size={18} />
          <Text size="sm" fw={600}>
            {t('messages.stats.title')}
          </Text>
        </Group>
        <Text size="sm">{t('messages.stats.inquiries', { count: stats.count, answered: stats.answered, open: stats.unanswered })}</Text>
        <Text size="sm">
          {t('messages.stats.median')} <b data-testid="message-median">{stats.medianBusinessDays === null ? '—' : t('messages.businessDays', { count: stats.medianBusinessDays, value: num(stats.medianBusinessDays) })}</b>
        </Text>
        <Text size="sm">
          {t('messages.stats.p90')} <b>{stats.p90BusinessDays === null ? '—' : t('messages.businessDays', { count: stats.p90BusinessDays, value: num(stats.p90BusinessDays) })}</b>
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={6} data-testid="message-timezone">
        {t('messages.stats.measured', { tz: stats.responderTimeZone, supplier })}
      </Text>
    </Card>
  );
}

function MessageItem({ message: m, orgName }: { message: Message; orgName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const num = useNumber();
  const initials = m.author.displayName
    .split(/\s+/)
    .map((s) => s[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm">
      <Avatar size={32} radius="xl" color="brand" variant="light">
        {initials}
      </Avatar>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={8} wrap="wrap">
          <MessageKindBadge kind={m.kind} />
          {m.subject && (
            <Text size="sm" fw={600}>
              {m.subject}
            </Text>
          )}
          {m.kind === 'technical_inquiry' &&
            (m.answeredAt ? (
              <Badge size="sm" variant="outline" color="teal" tt="none" fw={500} leftSection={<IconClock size={12} />} data-testid="response-time">
                {t('messages.answeredIn', { value: num(m.responseBusinessDays ?? 0), count: m.responseBusinessDays ?? 0 })}
              </Badge>
            ) : (
              <Badge size="sm" variant="outline" color="orange" tt="none" fw={500} leftSection={<IconClock size={12} />} data-testid="response-time">
                {t('messages.awaiting')}
              </Badge>
            ))}
        </Group>
        <Text size="xs" c="dimmed">
          {m.author.displayName} · {orgName} · {fmt.dateTime(m.sentAt)}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="message-body">
          {m.body}
        </Text>
      </Stack>
    </Group>
  );
}

const COMPOSE_KINDS = MESSAGE_KINDS.filter((k) => k !== 'response');

function Compose({ engagement: e, replyTo, onCancelReply }: { engagement: Engagement; replyTo: Message | null; onCancelReply: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshEngagement(e.id);
  const [kind, setKind] = useState<MessageKind>(e.myRole === 'buyer' ? 'technical_inquiry' : 'progress_update');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const effectiveKind: MessageKind = replyTo ? (replyTo.organizationId !== (e.myRole === 'buyer' ? e.buyer.id : e.supplier.id) ? 'response' : kind) : kind;
  const post = useMutation({
    mutationFn: (b: unknown) => api.post<{ id: string }>(`/api/v1/engagements/${e.id}/messages`, b),
    onSuccess: async () => {
      notify.success(t('messages.sent'));
      setSubject('');
      setBody('');
      onCancelReply();
      await refresh();
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
    meta: { handlesErrors: true },
  });
  const submit = () => {
    const input = {
      kind: effectiveKind,
      subject: subject.trim() || (replyTo?.subject ? `Re: ${replyTo.subject}` : null),
      body,
      inReplyTo: replyTo?.id ?? null,
    };
    const v = validate(MessageInput, input, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    post.mutate(v.data);
  };
  return (
    <Card data-testid="message-compose">
      <Title order={5} fw={600} mb="sm">
        {replyTo ? t('messages.replyTitle') : t('messages.composeTitle')}
      </Title>
      {replyTo && (
        <Alert variant="light" color="gray" mb="sm" p="xs" withCloseButton={false}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" lineClamp={1}>
              {t('messages.replyingTo', { subject: replyTo.subject ?? replyTo.body.slice(0, 60), author: replyTo.author.displayName })}
            </Text>
            <CloseButton size="sm" onClick={onCancelReply} aria-label={t('common.cancel')} />
          </Group>
        </Alert>
      )}
      <Stack gap="sm">
        <Group gap="sm" align="flex-start" wrap="wrap">
          <Select
            label={t('messages.kind')}
            data={(effectiveKind === 'response' ? MESSAGE_KINDS : COMPOSE_KINDS).map((k) => ({ value: k, label: t(`vocab.messageKinds.${k}`) }))}
            value={effectiveKind}
            onChange={(v) => v && setKind(v as MessageKind)}
            allowDeselect={false}
            disabled={effectiveKind === 'response'}
            w={240}
            data-testid="message-kind-select"
          />
          <TextInput
            label={t('messages.subject')}
            placeholder={replyTo?.subject ? `Re: ${replyTo.subject}` : undefined}
            value={subject}
            onChange={(ev) => setSubject(ev.currentTarget.value)}
            error={errors.subject}
            style={{ flex: 1, minWidth: 220 }}
            data-testid="message-subject"
          />
        </Group>
        <Text size="xs" c="dimmed">
          {t(`messages.kindHints.${effectiveKind}`)}
        </Text>
        <Textarea
          label={t('messages.body')}
          value={body}
          onChange={(ev) => {
            setBody(ev.currentTarget.value);
            clear('body');
          }}
          error={errors.body ?? errors.inReplyTo}
          autosize
          minRows={3}
          data-testid="message-body-input"
        />
        <Group justify="flex-end">
          <Button onClick={submit} loading={post.isPending} data-testid="message-send">
            {t('messages.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
