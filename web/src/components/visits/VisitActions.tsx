// Planning steps on one visit, each shown only when the API's `can` allows it: the supplier answers (confirm,
// propose other dates, decline with a reason), the buyer reschedules or accepts proposed dates, either cancels,
// the buyer invites an auditor organization into this one visit.
import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CancelVisitInput, RescheduleInput, VisitResponseInput } from '../../../../src/contracts/visits.js';
import { api } from '../../api/client.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, validate } from '../../lib/validation.js';
import { IconAlert, IconPlus, IconTrash } from '../icons.js';
import { useAuditorOrganizations, useRefreshVisits, type VisitDetail } from './api.js';
import { DateRangeFields, participantsBody, ParticipantsField, type ParticipantValue, type RangeValue } from './fields.js';
import { useSiteTime } from './format.js';

const enc = encodeURIComponent;

function useVisitMutation<T>(visit: VisitDetail, path: string, method: 'post' | 'delete' = 'post', success?: string) {
  const { t } = useTranslation();
  const refresh = useRefreshVisits();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: (body: T) => (method === 'post' ? api.post<VisitDetail>(`/api/v1/visits/${enc(visit.id)}${path}`, body) : api.delete<VisitDetail>(`/api/v1/visits/${enc(visit.id)}${path}`)),
    onSuccess: (v) => {
      setErrors({});
      if (v && typeof v === 'object') void refresh(v);
      if (success) notify.success(t(success));
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  return { m, errors, setErrors };
}

function Dialog({ opened, onClose, title, children, testId }: { opened: boolean; onClose: () => void; title: string; children: ReactNode; testId: string }) {
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} size="lg" fullScreen={phone} title={<Text fw={600}>{title}</Text>} data-testid={testId}>
      {opened && children}
    </Modal>
  );
}

function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error || Object.keys(serverFieldErrors(error)).length > 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlert />}>
      {errorText(error, t)}
    </Alert>
  );
}

// --- the supplier's answer ----------------------------------------------------------------------------------------

export function RespondModal({ visit, opened, onClose }: { visit: VisitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('visits.respond.title')} testId="respond-modal">
      <RespondForm visit={visit} onClose={onClose} />
    </Dialog>
  );
}

function RespondForm({ visit, onClose }: { visit: VisitDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  const [decision, setDecision] = useState<'confirm' | 'propose' | 'decline'>('confirm');
  const [reason, setReason] = useState('');
  const [dates, setDates] = useState<RangeValue[]>([{ start: visit.plannedStartLocal, end: visit.plannedEndLocal }]);
  const [people, setPeople] = useState<ParticipantValue[]>([]);
  const { m, errors, setErrors } = useVisitMutation<unknown>(visit, '/response', 'post', `visits.respond.done.${decision}`);
  const submit = () => {
    const body = {
      decision,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(decision === 'propose' ? { proposedDates: dates } : {}),
      ...(decision !== 'decline' && participantsBody(people).length ? { participants: participantsBody(people) } : {}),
    };
    const v = validate(VisitResponseInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    m.mutate(body, { onSuccess: onClose });
  };
  return (
    <Stack gap="md" data-testid="respond-form">
      <Text size="sm">{t('visits.respond.requested', { when: st.range(visit.plannedStartLocal, visit.plannedEndLocal, visit.timeZone), buyer: visit.buyer.name })}</Text>
      <SegmentedControl
        fullWidth
        size="md"
        value={decision}
        onChange={(v) => setDecision(v as typeof decision)}
        data={(['confirm', 'propose', 'decline'] as const).map((d) => ({ value: d, label: t(`visits.respond.decisions.${d}`) }))}
        data-testid="respond-decision"
      />
      {decision === 'propose' && (
        <Stack gap="sm">
          {dates.map((d, i) => (
            <Group key={i} align="flex-end" wrap="nowrap" gap="xs">
              <div style={{ flex: 1 }}>
                <DateRangeFields value={d} onChange={(v) => setDates(dates.map((x, j) => (j === i ? v : x)))} timeZone={visit.timeZone} errors={errors} prefix={`proposedDates.${i}.`} testId={`propose-${i}`} />
              </div>
              {dates.length > 1 && (
                <Button variant="subtle" color="gray" px={6} onClick={() => setDates(dates.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                  <IconTrash size={16} />
                </Button>
              )}
            </Group>
          ))}
          {dates.length < 5 && (
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setDates([...dates, { start: '', end: '' }])} style={{ alignSelf: 'flex-start' }}>
              {t('visits.respond.addDate')}
            </Button>
          )}
        </Stack>
      )}
      <Textarea
        label={decision === 'decline' ? t('visits.respond.reasonRequired') : t('visits.respond.message')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.reason}
        data-testid="respond-reason"
      />
      {decision !== 'decline' && <ParticipantsField value={people} onChange={setPeople} sides={['supplier']} errors={errors} />}
      <FormError error={m.error} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color={decision === 'decline' ? 'red' : undefined} onClick={submit} loading={m.isPending} data-testid="respond-submit">
          {t(`visits.respond.submit.${decision}`)}
        </Button>
      </Group>
    </Stack>
  );
}

// --- the buyer reschedules ----------------------------------------------------------------------------------------

export function RescheduleModal({ visit, opened, onClose }: { visit: VisitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('visits.reschedule.title')} testId="reschedule-modal">
      <RescheduleForm visit={visit} onClose={onClose} />
    </Dialog>
  );
}

function RescheduleForm({ visit, onClose }: { visit: VisitDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<RangeValue>({ start: visit.plannedStartLocal, end: visit.plannedEndLocal });
  const [note, setNote] = useState('');
  const { m, errors, setErrors } = useVisitMutation<unknown>(visit, '/reschedule', 'post', 'visits.reschedule.done');
  const open = visit.proposals.filter((p) => p.status === 'open' && p.by === 'supplier');
  const submit = () => {
    const body = { start: range.start, end: range.end, ...(note.trim() ? { note: note.trim() } : {}) };
    const v = validate(RescheduleInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    m.mutate(body, { onSuccess: onClose });
  };
  return (
    <Stack gap="md">
      {open.length > 0 && <ProposalList visit={visit} onDone={onClose} />}
      <Text size="sm" fw={600}>
        {t('visits.reschedule.newDates')}
      </Text>
      <DateRangeFields value={range} onChange={setRange} timeZone={visit.timeZone} errors={errors} testId="reschedule" />
      <Textarea label={t('visits.reschedule.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
      <Text size="xs" c="dimmed">
        {t('visits.reschedule.hint')}
      </Text>
      <FormError error={m.error} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={m.isPending} data-testid="reschedule-submit">
          {t('visits.reschedule.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The supplier's proposed dates; the buyer accepts one (the visit is confirmed). */
export function ProposalList({ visit, onDone }: { visit: VisitDetail; onDone?: () => void }) {
  const { t } = useTranslation();
  const st = useSiteTime();
  const { m } = useVisitMutation<unknown>(visit, '/reschedule', 'post', 'visits.reschedule.accepted');
  const open = visit.proposals.filter((p) => p.status === 'open' && p.by === 'supplier');
  if (open.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="proposals">
      <Text size="sm" fw={600}>
        {t('visits.reschedule.proposed', { supplier: visit.supplier.name })}
      </Text>
      {open.map((p) => (
        <Paper key={p.id} withBorder p="sm" radius="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Text size="sm" fw={500}>
                {st.range(p.startLocal, p.endLocal, p.timeZone)}
              </Text>
              {p.note && (
                <Text size="xs" c="dimmed">
                  {p.note}
                </Text>
              )}
            </div>
            {visit.can.reschedule && (
              <Button size="xs" loading={m.isPending && (m.variables as { proposalId?: string } | undefined)?.proposalId === p.id} onClick={() => m.mutate({ proposalId: p.id }, { onSuccess: onDone })} data-testid="proposal-accept">
                {t('visits.reschedule.accept')}
              </Button>
            )}
          </Group>
        </Paper>
      ))}
      <FormError error={m.error} />
    </Stack>
  );
}

// --- cancel -------------------------------------------------------------------------------------------------------

export function CancelModal({ visit, opened, onClose }: { visit: VisitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('visits.cancel.title')} testId="cancel-modal">
      <CancelForm visit={visit} onClose={onClose} />
    </Dialog>
  );
}

function CancelForm({ visit, onClose }: { visit: VisitDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { m, errors, setErrors } = useVisitMutation<unknown>(visit, '/cancel', 'post', 'visits.cancel.done');
  const submit = () => {
    const v = validate(CancelVisitInput, { reason }, t);
    if (!v.ok) return setErrors(v.errors);
    m.mutate({ reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Stack gap="md">
      <Text size="sm">{t('visits.cancel.hint')}</Text>
      <Textarea label={t('visits.cancel.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} error={errors.reason} data-testid="cancel-reason" />
      <FormError error={m.error} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.back')}
        </Button>
        <Button color="red" onClick={submit} loading={m.isPending} data-testid="cancel-submit">
          {t('visits.cancel.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

// --- auditors -----------------------------------------------------------------------------------------------------

export function AuditorsModal({ visit, opened, onClose }: { visit: VisitDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('visits.auditors.title')} testId="auditors-modal">
      <AuditorsForm visit={visit} />
    </Dialog>
  );
}

function AuditorsForm({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const orgs = useAuditorOrganizations(true);
  const [orgId, setOrgId] = useState<string | null>(null);
  const invite = useVisitMutation<unknown>(visit, '/auditors', 'post', 'visits.auditors.invited');
  const refresh = useRefreshVisits();
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<VisitDetail>(`/api/v1/visits/${enc(visit.id)}/auditors/${enc(id)}`),
    onSuccess: (v) => {
      void refresh(v);
      notify.success(t('visits.auditors.revoked'));
    },
  });
  const invited = new Set(visit.auditors.map((a) => a.id));
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('visits.auditors.hint')}
      </Text>
      {visit.auditors.map((a) => (
        <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="auditor-row">
          <div>
            <Text size="sm" fw={500}>
              {a.name}
            </Text>
            <Text size="xs" c="dimmed">
              {a.country}
            </Text>
          </div>
          <Button size="xs" variant="subtle" color="red" loading={revoke.isPending} onClick={() => revoke.mutate(a.id)}>
            {t('common.revoke')}
          </Button>
        </Group>
      ))}
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          label={t('visits.auditors.pick')}
          data={(orgs.data ?? []).filter((o) => !invited.has(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${o.country})` }))}
          value={orgId}
          onChange={setOrgId}
          searchable
          nothingFoundMessage={t('visits.auditors.none')}
          error={invite.errors.organizationId}
          comboboxProps={{ withinPortal: true }}
          data-testid="auditor-select"
        />
        <Button disabled={!orgId} loading={invite.m.isPending} onClick={() => orgId && invite.m.mutate({ organizationId: orgId }, { onSuccess: () => setOrgId(null) })} data-testid="auditor-invite">
          {t('visits.auditors.invite')}
        </Button>
      </Group>
      <FormError error={invite.m.error} />
      {visit.auditors.length > 0 && (
        <Badge variant="light" color="grape" tt="none" style={{ alignSelf: 'flex-start' }}>
          {t('visits.auditors.count', { count: visit.auditors.length })}
        </Badge>
      )}
    </Stack>
  );
}
