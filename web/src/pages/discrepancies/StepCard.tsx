// One 8D step: owner, due date (moved only by the raising side), what was done and the step's own fields (D1 the
// team, D4 root cause and escape point); saved, marked done (in order) or reopened. The server refuses what does
// not hold, and the message says which field.
import { Badge, Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { discrepancyApi, useRefreshDiscrepancy, type Discrepancy, type Step } from '../../components/discrepancies/api.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors } from '../../lib/validation.js';

/** "2026-03-05T08:00" in the browser's zone, for a datetime-local input. */
function localInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function StepStatus({ s }: { s: Step }) {
  const { t } = useTranslation();
  if (s.doneAt) return <Badge color={s.late ? 'orange' : 'teal'} variant="light" tt="none" size="sm" style={{ flexShrink: 0 }}>{s.late ? t('discrepancies.steps.late') : t('discrepancies.steps.onTime')}</Badge>;
  if (s.overdue) return <Badge color="red" variant="filled" tt="none" size="sm" style={{ flexShrink: 0 }}>{t('discrepancies.steps.overdue')}</Badge>;
  return <Badge color="gray" variant="light" tt="none" size="sm" style={{ flexShrink: 0 }}>{t('discrepancies.steps.open')}</Badge>;
}

export function StepBody({ d, s }: { d: Discrepancy; s: Step }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefreshDiscrepancy();
  const zh = i18n.language.startsWith('zh');
  const [owner, setOwner] = useState<string | null>(s.owner?.id ?? null);
  const [notes, setNotes] = useState(s.notes ?? '');
  const [team, setTeam] = useState((s.data.team ?? []).join('\n'));
  const [rootCause, setRootCause] = useState(s.data.rootCause ?? '');
  const [escapePoint, setEscapePoint] = useState(s.data.escapePoint ?? '');
  const [due, setDue] = useState(localInput(s.dueAt));
  const { errors, setErrors, clear } = useFieldErrors();
  const open = d.status === 'open';
  const editable = open && d.can.updateSteps;

  const body = (extra: Record<string, unknown> = {}) => {
    const b: Record<string, unknown> = { ...extra };
    if ((owner ?? null) !== (s.owner?.id ?? null)) b.ownerUserId = owner;
    if (notes.trim() && notes !== (s.notes ?? '')) b.notes = notes.trim();
    const data: Record<string, unknown> = {};
    if (s.step === 'D1') {
      const list = team.split('\n').map((x) => x.trim()).filter(Boolean);
      if (list.join('\n') !== (s.data.team ?? []).join('\n')) data.team = list;
    }
    if (s.step === 'D4') {
      if (rootCause.trim() && rootCause !== (s.data.rootCause ?? '')) data.rootCause = rootCause.trim();
      if (escapePoint.trim() && escapePoint !== (s.data.escapePoint ?? '')) data.escapePoint = escapePoint.trim();
    }
    if (Object.keys(data).length) b.data = data;
    return b;
  };
  const save = useMutation({
    mutationFn: (b: Record<string, unknown>) => discrepancyApi.step(d.id, s.step, b),
    onSuccess: (fresh, b) => {
      refresh(fresh);
      notify.success(b.done === true ? t('discrepancies.steps.completed', { step: s.step }) : t('discrepancies.steps.saved', { step: s.step }));
    },
    onError: (e) => {
      setErrors(serverFieldErrors(e));
      notify.error(errorText(e, t));
    },
    meta: { handlesErrors: true },
  });

  return (
    <Stack gap="xs" data-testid={`step-body-${s.step}`}>
      <Text size="sm" c="dimmed">
        {zh ? s.prompt.zh : s.prompt.en}
      </Text>
      <Group grow align="flex-start">
        <Select
          label={t('discrepancies.steps.owner')}
          placeholder={t('discrepancies.steps.unassigned')}
          data={d.people.map((p) => ({ value: p.id, label: `${p.displayName} · ${p.organizationId === d.engagement.buyer.id ? d.engagement.buyer.name : d.engagement.supplier.name}` }))}
          value={owner}
          onChange={setOwner}
          disabled={!editable}
          clearable
          searchable
          error={errors.ownerUserId}
          data-testid={`step-owner-${s.step}`}
        />
        <Stack gap={4}>
          <TextInput
            type="datetime-local"
            label={t('discrepancies.steps.due')}
            value={due}
            onChange={(e) => (setDue(e.currentTarget.value), clear('dueAt'))}
            disabled={!open || !d.can.moveDueDates}
            error={errors.dueAt}
            data-testid={`step-due-${s.step}`}
          />
          {open && d.can.moveDueDates && due !== localInput(s.dueAt) && (
            <Button size="compact-sm" variant="light" onClick={() => save.mutate({ dueAt: new Date(due).toISOString() })} loading={save.isPending} data-testid={`step-move-${s.step}`}>
              {t('discrepancies.steps.moveDue')}
            </Button>
          )}
        </Stack>
      </Group>
      {s.step === 'D1' && (
        <Textarea label={t('discrepancies.steps.team')} value={team} onChange={(e) => (setTeam(e.currentTarget.value), clear('data.team'))} autosize minRows={2} disabled={!editable || Boolean(s.doneAt)} error={errors['data.team']} data-testid="step-team" />
      )}
      {s.step === 'D4' && (
        <>
          <Textarea label={t('discrepancies.steps.rootCause')} value={rootCause} onChange={(e) => (setRootCause(e.currentTarget.value), clear('data.rootCause'))} autosize minRows={2} disabled={!editable || Boolean(s.doneAt)} error={errors['data.rootCause']} data-testid="step-root-cause" />
          <Textarea label={t('discrepancies.steps.escapePoint')} value={escapePoint} onChange={(e) => (setEscapePoint(e.currentTarget.value), clear('data.escapePoint'))} autosize minRows={2} disabled={!editable || Boolean(s.doneAt)} error={errors['data.escapePoint']} data-testid="step-escape-point" />
        </>
      )}
      {s.step !== 'D8' && (
        <Textarea label={t('discrepancies.steps.notes')} value={notes} onChange={(e) => (setNotes(e.currentTarget.value), clear('notes'))} autosize minRows={2} maxLength={5000} disabled={!editable || Boolean(s.doneAt)} error={errors.notes} data-testid={`step-notes-${s.step}`} />
      )}
      {s.doneAt && s.doneBy && (
        <Text size="xs" c="dimmed">
          {t('discrepancies.steps.done', { date: fmt.dateTime(s.doneAt), name: s.doneBy.displayName })}
        </Text>
      )}
      {editable && s.step !== 'D8' && (
        <Group justify="flex-end" gap="xs">
          {s.doneAt ? (
            <Button variant="default" size="sm" onClick={() => save.mutate({ done: false })} loading={save.isPending} data-testid={`step-reopen-${s.step}`}>
              {t('discrepancies.steps.reopen')}
            </Button>
          ) : (
            <>
              <Button variant="default" size="sm" onClick={() => save.mutate(body())} loading={save.isPending} disabled={Object.keys(body()).length === 0} data-testid={`step-save-${s.step}`}>
                {t('discrepancies.steps.save')}
              </Button>
              <Button size="sm" onClick={() => save.mutate(body({ done: true }))} loading={save.isPending} data-testid={`step-done-${s.step}`}>
                {t('discrepancies.steps.markDone')}
              </Button>
            </>
          )}
        </Group>
      )}
    </Stack>
  );
}
