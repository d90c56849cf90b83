// One discrepancy, as both sides see it: what it is about, its escalation and cadence, the 8D steps, the
// verification of effectiveness that closes it (asked for by the side that works it, accepted by the side that
// raised it), progress updates and its history, and the 8D report as a PDF in English or Chinese.
import { Accordion, Alert, Anchor, Badge, Button, Card, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { EFFECTIVENESS_METHODS, type EffectivenessMethod } from '../../../../src/domain/browser.js';
import { useEngagementEvidence } from '../../components/engagement/api.js';
import { discrepancyApi, useDiscrepancy, useRefreshDiscrepancy, type Discrepancy } from '../../components/discrepancies/api.js';
import { ClosureBadge, LevelBadge, SeverityBadge } from '../../components/discrepancies/badges.js';
import { IconAlertTriangle, IconFilePdf, IconLadder } from '../../components/discrepancies/icons.js';
import { LoadFailure, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors } from '../../lib/validation.js';
import { StepBody, StepStatus } from './StepCard.js';
import { useTargetLabel } from '../../components/discrepancies/targetLabel.js';

export function DiscrepancyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useDiscrepancy(id);
  const back = (
    <Anchor component={Link} to="/discrepancies" size="sm">
      ← {t('discrepancies.detail.back')}
    </Anchor>
  );
  if (q.isPending) return <Loading />;
  if (q.isError) {
    return (
      <Stack>
        {back}
        <LoadFailure error={q.error} onRetry={() => void q.refetch()} icon={<IconAlertTriangle size={22} />} notFound={t('discrepancies.detail.notFound')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <Header d={q.data} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Escalation d={q.data} />
        <Facts d={q.data} />
      </SimpleGrid>
      <Steps d={q.data} />
      <Closure d={q.data} />
      <Updates d={q.data} />
    </Stack>
  );
}

function Header({ d }: { d: Discrepancy }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card data-testid="discrepancy-header">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        {/* A basis of 280 px: on a phone the actions wrap below the title instead of squeezing it to one letter a line. */}
        <Stack gap={6} style={{ minWidth: 0, flex: '1 1 280px' }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} c="dimmed" data-testid="discrepancy-reference">
              {d.reference}
            </Text>
            <SeverityBadge severity={d.severity} />
            <ClosureBadge status={d.status} closedOnTime={d.closedOnTime} closureRequested={d.closureRequested} />
            {d.status === 'open' && <LevelBadge level={d.escalationLevel} />}
            {d.proactive && (
              <Badge color="teal" variant="outline" tt="none" data-testid="proactive-badge">
                {t('discrepancies.proactive')}
              </Badge>
            )}
          </Group>
          <Title order={2} fw={650} data-testid="page-title" style={{ overflowWrap: 'anywhere' }}>
            {d.title}
          </Title>
          <Text size="sm" c="dimmed">
            {t('discrepancies.detail.raisedBy', { name: d.raisedBy.user.displayName, org: d.raisedBy.organizationName, date: fmt.dateTime(d.raisedAt) })} ·{' '}
            <Anchor component={Link} to={`/engagements/${d.engagement.id}`} size="sm">
              {d.engagement.title}
            </Anchor>
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component="a" href={`/api/v1/discrepancies/${d.id}/report.pdf?lang=en`} variant="default" size="sm" leftSection={<IconFilePdf size={16} />} data-testid="report-en">
            {t('discrepancies.detail.report')} · {t('discrepancies.detail.reportEn')}
          </Button>
          <Button component="a" href={`/api/v1/discrepancies/${d.id}/report.pdf?lang=zh`} variant="default" size="sm" leftSection={<IconFilePdf size={16} />} data-testid="report-zh">
            {t('discrepancies.detail.reportZh')}
          </Button>
        </Group>
      </Group>
      {d.status === 'closed' && d.closedAt && (
        <Alert mt="sm" color={d.closedOnTime ? 'teal' : 'red'} variant="light" data-testid="closed-banner">
          {t('discrepancies.detail.closedBanner', { date: fmt.dateTime(d.closedAt), name: d.closedBy?.displayName ?? '', when: d.closedOnTime ? t('discrepancies.detail.inTime') : t('discrepancies.detail.late') })}
        </Alert>
      )}
    </Card>
  );
}

function Facts({ d }: { d: Discrepancy }) {
  const { t } = useTranslation();
  const targetLabel = useTargetLabel();
  const fmt = useFormat();
  return (
    <Card>
      <Stack gap={6}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('discrepancies.detail.against')}
        </Text>
        <Text size="sm" data-testid="discrepancy-target">
          {targetLabel(d.target)}
        </Text>
        {d.quantityAffected !== null && (
          <Text size="sm">
            {t('discrepancies.detail.quantity')}: {fmt.number(d.quantityAffected)} {d.quantityUnit ?? ''}
          </Text>
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {d.description}
        </Text>
        <Text size="xs" c={d.proactive ? 'teal' : 'dimmed'}>
          {d.proactive ? t('discrepancies.detail.proactiveYes') : t(`discrepancies.detail.disclosure.${d.disclosure}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('discrepancies.detail.policy')}: {d.policy.key} v{d.policy.version}
        </Text>
      </Stack>
    </Card>
  );
}

function Escalation({ d }: { d: Discrepancy }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const e = d.escalation;
  return (
    <Card data-testid="escalation-card" style={e.level > 0 ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('discrepancies.detail.ladder')}
          </Text>
          <Anchor component={Link} to={`/engagements/${d.engagement.id}/escalation`} size="sm" data-testid="ladder-link">
            <Group gap={4}>
              <IconLadder size={14} />
              {t('discrepancies.ladder.open')}
            </Group>
          </Anchor>
        </Group>
        {d.status === 'open' && e.level === 0 && <Text size="sm">{t('discrepancies.detail.escalationNone')}</Text>}
        {d.status === 'open' && e.level > 0 && (
          <Text size="sm" c="red" fw={600} data-testid="escalation-text">
            {t('discrepancies.detail.escalationActive', { level: e.level, max: e.maxLevel, date: fmt.dateTime(e.overdueSince) })}
          </Text>
        )}
        {d.status === 'open' && e.nextEscalationAt && <Text size="xs" c="dimmed">{t('discrepancies.detail.escalationNext', { date: fmt.dateTime(e.nextEscalationAt) })}</Text>}
        {e.contacts.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('discrepancies.detail.contacts', { names: e.contacts.map((c) => `${c.name}${c.title ? ` (${c.title})` : ''}`).join(', ') })}
          </Text>
        )}
        {d.status === 'open' && (
          <Text size="sm" c={d.cadence.overdue ? 'red' : undefined} data-testid="cadence-text">
            {t('discrepancies.detail.cadence', { days: d.cadence.everyDays })}
            {d.cadence.nextDueAt ? ` · ${t('discrepancies.detail.cadenceNext', { date: fmt.date(d.cadence.nextDueAt) })}` : ''}
            {d.cadence.overdue ? ` · ${t('discrepancies.detail.cadenceOverdue')}` : ''}
            {d.cadence.missed > 0 ? ` · ${t('discrepancies.detail.cadenceMissed', { count: d.cadence.missed })}` : ''}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function Steps({ d }: { d: Discrepancy }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const zh = i18n.language.startsWith('zh');
  const first = d.steps.find((s) => !s.doneAt)?.step ?? null;
  const [open, setOpen] = useState<string | null>(first);
  return (
    <Card p="md">
      <Title order={4} mb="sm">
        {t('discrepancies.steps.title')}
      </Title>
      <Accordion value={open} onChange={setOpen} variant="separated" data-testid="steps">
        {d.steps.map((s) => (
          <Accordion.Item key={s.step} value={s.step} data-testid={`step-${s.step}`} data-done={s.doneAt ? true : undefined} data-overdue={s.overdue || undefined}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {s.step} · {zh ? s.title.zh : s.title.en}
                  </Text>
                  <Text size="xs" c={s.overdue ? 'red' : 'dimmed'}>
                    {s.owner?.displayName ?? t('discrepancies.steps.unassigned')} · {t('discrepancies.list.due', { date: fmt.dateTime(s.dueAt) })}
                  </Text>
                </Stack>
                <StepStatus s={s} />
              </Group>
            </Accordion.Control>
            <Accordion.Panel>{s.step === 'D8' ? <Text size="sm" c="dimmed">{t('discrepancies.steps.d8Hint')}</Text> : <StepBody key={`${s.step}-${s.doneAt ?? ''}`} d={d} s={s} />}</Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Card>
  );
}

function Closure({ d }: { d: Discrepancy }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefreshDiscrepancy();
  const evidence = useEngagementEvidence(d.engagement.id);
  const [method, setMethod] = useState<EffectivenessMethod>('next_lots_accepted');
  const [summary, setSummary] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const { errors, setErrors, clear } = useFieldErrors();
  const stepsOpen = d.steps.some((s) => s.step !== 'D8' && !s.doneAt);
  const eff = d.effectiveness ?? d.closureRequest;
  const submit = useMutation({
    mutationFn: (mode: 'request' | 'close' | 'accept') => {
      const effectiveness = { method, summary: summary.trim(), evidenceIds };
      if (mode === 'request') return discrepancyApi.step(d.id, 'D8', { effectiveness });
      return discrepancyApi.close(d.id, mode === 'accept' ? {} : { effectiveness });
    },
    onSuccess: (fresh, mode) => {
      refresh(fresh);
      notify.success(mode === 'request' ? t('discrepancies.closure.requested') : t('discrepancies.closure.closed', { reference: fresh.reference }));
    },
    onError: (e) => {
      setErrors(serverFieldErrors(e));
      notify.error(errorText(e, t));
    },
    meta: { handlesErrors: true },
  });
  const evidenceTitle = (id: string) => evidence.data?.find((x) => x.id === id)?.title ?? id;
  return (
    <Card data-testid="closure-card">
      <Title order={4} mb="xs">
        {t('discrepancies.closure.title')}
      </Title>
      {eff && (
        <Stack gap={4} mb="sm" data-testid="closure-effectiveness">
          <Text size="sm" fw={600}>
            {t(`discrepancies.method.${eff.method}`)}
          </Text>
          <Text size="sm">{eff.summary}</Text>
          {eff.evidenceIds.map((id) => (
            <Text key={id} size="xs" c="dimmed">
              • {evidenceTitle(id)}
            </Text>
          ))}
          {d.closureRequest && d.status === 'open' && (
            <Text size="xs" c="blue">
              {t('discrepancies.closure.pending', { name: d.closureRequest.by.displayName, date: fmt.dateTime(d.closureRequest.at) })}
            </Text>
          )}
        </Stack>
      )}
      {d.status === 'open' && d.closureRequest && d.can.close && (
        <Group mb="sm">
          <Button color="teal" onClick={() => submit.mutate('accept')} loading={submit.isPending} data-testid="closure-accept">
            {t('discrepancies.closure.close')}
          </Button>
        </Group>
      )}
      {d.status === 'open' && stepsOpen && <Text size="sm" c="dimmed">{t('discrepancies.closure.stepsOpen')}</Text>}
      {d.status === 'open' && !stepsOpen && (d.can.requestClosure || d.can.close) && (
        <Stack gap="xs">
          <Select
            label={t('discrepancies.closure.method')}
            data={EFFECTIVENESS_METHODS.map((m) => ({ value: m, label: t(`discrepancies.method.${m}`) }))}
            value={method}
            onChange={(v) => v && setMethod(v as EffectivenessMethod)}
            allowDeselect={false}
            data-testid="closure-method"
          />
          <Textarea label={t('discrepancies.closure.summary')} value={summary} onChange={(e) => (setSummary(e.currentTarget.value), clear('effectiveness.summary'))} autosize minRows={2} error={errors['effectiveness.summary']} data-testid="closure-summary" />
          <MultiSelect
            label={t('discrepancies.closure.evidence')}
            description={t('discrepancies.closure.evidenceHint')}
            data={(evidence.data ?? []).map((x) => ({ value: x.id, label: x.title }))}
            value={evidenceIds}
            onChange={(v) => (setEvidenceIds(v), clear('effectiveness.evidenceIds', 'effectiveness'))}
            searchable
            error={errors['effectiveness.evidenceIds'] ?? errors.effectiveness}
            data-testid="closure-evidence"
          />
          <Group justify="flex-end">
            {d.can.requestClosure && (
              <Button onClick={() => submit.mutate('request')} loading={submit.isPending} disabled={!summary.trim()} data-testid="closure-request">
                {t('discrepancies.closure.request')}
              </Button>
            )}
            {d.can.close && (
              <Button color="teal" onClick={() => submit.mutate('close')} loading={submit.isPending} disabled={!summary.trim()} data-testid="closure-close">
                {t('discrepancies.closure.closeOwn')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
      {d.status === 'open' && !d.can.close && d.can.requestClosure && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('discrepancies.closure.onlyRaiser')}
        </Text>
      )}
    </Card>
  );
}

function Updates({ d }: { d: Discrepancy }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefreshDiscrepancy();
  const [body, setBody] = useState('');
  const post = useMutation({
    mutationFn: () => discrepancyApi.update(d.id, body.trim()),
    onSuccess: (fresh) => {
      refresh(fresh);
      setBody('');
      notify.success(t('discrepancies.updates.posted'));
    },
    onError: (e) => notify.error(errorText(e, t)),
    meta: { handlesErrors: true },
  });
  const events = [...d.events].reverse();
  return (
    <Card>
      <Title order={4} mb="sm">
        {t('discrepancies.updates.title')}
      </Title>
      {d.can.postUpdate && (
        <Stack gap="xs" mb="md">
          <Textarea placeholder={t('discrepancies.updates.placeholder')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} maxLength={5000} data-testid="update-body" />
          <Group justify="flex-end">
            <Button size="sm" variant="light" onClick={() => post.mutate()} loading={post.isPending} disabled={!body.trim()} data-testid="update-post">
              {t('discrepancies.updates.post')}
            </Button>
          </Group>
        </Stack>
      )}
      {events.length === 0 && <Text size="sm" c="dimmed">{t('discrepancies.updates.empty')}</Text>}
      <Timeline bulletSize={14} lineWidth={2} data-testid="history">
        {events.map((ev) => (
          <Timeline.Item key={ev.id} color={ev.kind === 'escalated' ? 'red' : ev.kind === 'closed' ? 'teal' : 'gray'} data-testid="history-item" data-kind={ev.kind}>
            <Text size="sm" fw={500}>
              {t(`discrepancies.updates.events.${ev.kind}`, { step: ev.step ?? '', level: String(ev.details.level ?? '') })}
            </Text>
            {ev.kind === 'progress_update' && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {String(ev.details.body ?? '')}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {ev.actor?.displayName ?? t('discrepancies.updates.system')} · {fmt.dateTime(ev.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
