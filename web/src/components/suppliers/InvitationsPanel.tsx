// Invitations to verify in one engagement: the supplier proposes visit slots, offers samples under stated
// conditions or names a third-party auditor; the buyer accepts (a visit is planned on the chosen slot; samples are
// tested and recorded against the offer) or declines with a reason.
import { Anchor, Badge, Button, Card, Group, Modal, NumberInput, Radio, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DeclineInvitationInput } from '../../../../src/contracts/suppliers.js';
import { api } from '../../api/client.js';
import { useCan, useSession } from '../../app/session.js';
import { useConfirm } from '../Confirm.js';
import { useSites } from '../engagement/api.js';
import type { Engagement } from '../engagement/types.js';
import { IconPlus, IconTrash } from '../icons.js';
import { useEngagementSpecifications } from '../quality/api.js';
import { SampleTestForm } from '../quality/SampleTestForm.js';
import type { SampleTest } from '../quality/types.js';
import { ReasonModal } from '../ReasonModal.js';
import { ErrorAlert, Loading } from '../States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { serverFieldErrors } from '../../lib/validation.js';
import { useInvitations, type Invitation } from './api.js';

const STATUS_COLORS = { proposed: 'blue', accepted: 'teal', declined: 'red', withdrawn: 'gray' } as const;
const OPEN = ['credibility', 'capability_validation', 'operational_compatibility', 'partnership'];

export function InvitationsPanel({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const canInvite = useCan('verification.invite') && e.myRole === 'supplier' && OPEN.includes(e.phase);
  const list = useInvitations(e.id);
  const [creating, setCreating] = useState(false);
  return (
    <Card mb="md" data-testid="invitations-panel">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={4} fw={600}>
            {t('suppliers.invitations.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {e.myRole === 'supplier' ? t('suppliers.invitations.hintSupplier') : t('suppliers.invitations.hintBuyer')}
          </Text>
        </div>
        {canInvite && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="invitation-new">
            {t('suppliers.invitations.new')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('suppliers.invitations.empty')}
        </Text>
      ) : (
        <Stack gap={0}>
          {list.data.map((i) => (
            <InvitationRow key={i.id} engagement={e} invitation={i} />
          ))}
        </Stack>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} size="lg" title={<Text fw={600}>{t('suppliers.invitations.new')}</Text>}>
        {creating && <InvitationForm engagement={e} onDone={() => setCreating(false)} />}
      </Modal>
    </Card>
  );
}

function InvitationRow({ engagement: e, invitation: i }: { engagement: Engagement; invitation: Invitation }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [slotId, setSlotId] = useState<string | null>(i.slots.find((s) => s.status === 'open')?.id ?? null);
  const [declining, setDeclining] = useState(false);
  const [testing, setTesting] = useState(false);
  const { confirm, modal } = useConfirm();
  const specs = useEngagementSpecifications(e.id);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['engagement', e.id] });
    void qc.invalidateQueries({ queryKey: ['visits'] });
  };
  const accept = useMutation({
    mutationFn: () => api.post<Invitation>(`/api/v1/verification-invitations/${i.id}/accept`, i.kind === 'sample' ? {} : { slotId }),
    onSuccess: () => {
      notify.success(t('suppliers.invitations.accepted'));
      refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () => api.post<Invitation>(`/api/v1/verification-invitations/${i.id}/withdraw`),
    onSuccess: () => {
      notify.success(t('suppliers.invitations.withdrawn'));
      refresh();
    },
  });
  return (
    <div style={{ borderTop: '1px solid var(--mantine-color-gray-2)', padding: '12px 0' }} data-testid="invitation" data-kind={i.kind} data-status={i.status}>
      {modal}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0, flex: '1 1 280px' }}>
          <Group gap={6}>
            <Badge variant="outline" color="gray" tt="none">
              {t(`suppliers.invitations.kind.${i.kind}`)}
            </Badge>
            <Badge variant="light" color={STATUS_COLORS[i.status]} tt="none" data-testid="invitation-status">
              {t(`suppliers.invitations.status.${i.status}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {i.createdBy.displayName}, {fmt.date(i.createdAt)}
            </Text>
          </Group>
          {i.sample && (
            <Stack gap={0} mt={4}>
              <Text size="sm" fw={500}>
                {t('suppliers.invitations.sample', { quantity: i.sample.quantity, product: i.sample.product })}
              </Text>
              <Text size="xs">{t('suppliers.invitations.conditions', { method: i.sample.conditions.method })}</Text>
              {i.sample.conditions.lab && <Text size="xs">{t('suppliers.invitations.lab', { lab: i.sample.conditions.lab })}</Text>}
              {i.sample.shipBy && <Text size="xs">{t('suppliers.invitations.shipBy', { date: fmt.date(i.sample.shipBy) })}</Text>}
              {i.sample.conditions.note && (
                <Text size="xs" c="dimmed">
                  {i.sample.conditions.note}
                </Text>
              )}
            </Stack>
          )}
          {i.auditor && <Text size="sm" mt={4}>{t('suppliers.invitations.auditor', { name: i.auditor.name })}</Text>}
          {i.scope && <Text size="xs">{t('suppliers.invitations.scope', { scope: i.scope })}</Text>}
          {i.site && (
            <Text size="xs" c="dimmed" mt={4}>
              {i.site.name} · {t('suppliers.invitations.slotsTitle')} ({i.site.timeZone})
            </Text>
          )}
          {i.slots.length > 0 && (
            <Radio.Group value={slotId} onChange={setSlotId}>
              <Stack gap={4} mt={4}>
                {i.slots.map((s) =>
                  i.can.accept && s.status === 'open' ? (
                    <Radio key={s.id} value={s.id} size="xs" label={`${s.startLocal.replace('T', ' ')} – ${s.endLocal.replace('T', ' ')}`} data-testid="invitation-slot" />
                  ) : (
                    <Text key={s.id} size="xs" td={s.status === 'withdrawn' ? 'line-through' : undefined} c={s.status === 'booked' ? 'teal' : 'dimmed'}>
                      {s.startLocal.replace('T', ' ')} – {s.endLocal.replace('T', ' ')}
                    </Text>
                  ),
                )}
              </Stack>
            </Radio.Group>
          )}
          {i.note && (
            <Text size="xs" mt={4} fs="italic">
              “{i.note}”
            </Text>
          )}
          {i.decidedBy && i.decidedAt && (
            <Text size="xs" c="dimmed" mt={4}>
              {t(`suppliers.invitations.status.${i.status}`)}: {t('suppliers.invitations.decided', { name: i.decidedBy.displayName, date: fmt.date(i.decidedAt) })}
              {i.decisionNote && ` · ${t('suppliers.invitations.reason', { reason: i.decisionNote })}`}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {i.result?.type === 'visit' && (
            <Button component={Link} to={`/visits/${i.result.id}`} size="xs" variant="default" data-testid="invitation-visit">
              {t('suppliers.invitations.openVisit')}
            </Button>
          )}
          {i.result?.type === 'sample_test' && (
            <Anchor component={Link} to={`/engagements/${e.id}/quality`} size="xs">
              {t('suppliers.invitations.testRecorded')}
            </Anchor>
          )}
          {i.can.accept && (
            <Button size="xs" onClick={() => accept.mutate()} loading={accept.isPending} disabled={i.kind !== 'sample' && !slotId} data-testid="invitation-accept">
              {t('suppliers.invitations.accept')}
            </Button>
          )}
          {i.can.decline && (
            <Button size="xs" variant="default" color="red" onClick={() => setDeclining(true)} data-testid="invitation-decline">
              {t('suppliers.invitations.decline')}
            </Button>
          )}
          {i.can.withdraw && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => confirm({ title: t('suppliers.invitations.withdrawTitle'), body: t('suppliers.invitations.withdrawBody'), confirmLabel: t('suppliers.invitations.withdraw'), onConfirm: () => withdraw.mutateAsync() })}
              data-testid="invitation-withdraw"
            >
              {t('suppliers.invitations.withdraw')}
            </Button>
          )}
          {i.can.recordSampleTest && (
            <Button size="xs" onClick={() => setTesting(true)} data-testid="invitation-record-test">
              {t('suppliers.invitations.recordTest')}
            </Button>
          )}
        </Group>
      </Group>
      <ReasonModal
        opened={declining}
        onClose={() => setDeclining(false)}
        title={t('suppliers.invitations.declineTitle')}
        body={t('suppliers.invitations.hintBuyer')}
        label={t('suppliers.invitations.declineReason')}
        submitLabel={t('suppliers.invitations.decline')}
        color="red"
        schema={DeclineInvitationInput}
        field="reason"
        send={(body) => api.post(`/api/v1/verification-invitations/${i.id}/decline`, body)}
        doneMessage={t('suppliers.invitations.declined')}
        onDone={refresh}
        testIds={{ text: 'invitation-decline-reason', submit: 'invitation-decline-submit' }}
      />
      <Modal opened={testing} onClose={() => setTesting(false)} size="xl" title={<Text fw={600}>{t('suppliers.invitations.recordTest')}</Text>}>
        {testing &&
          (specs.isPending ? (
            <Loading />
          ) : specs.isError ? (
            <ErrorAlert error={specs.error} onRetry={() => void specs.refetch()} />
          ) : (
            <SampleTestForm
              engagementId={e.id}
              specifications={specs.data}
              initialMethod={i.sample?.conditions.method}
              submitTo={async (body) => (await api.post<{ sampleTest: SampleTest }>(`/api/v1/verification-invitations/${i.id}/sample-test`, body)).sampleTest}
              onCancel={() => setTesting(false)}
              onDone={() => {
                notify.success(t('suppliers.invitations.testRecorded'));
                setTesting(false);
                refresh();
              }}
            />
          ))}
      </Modal>
    </div>
  );
}

type Slot = { start: string; end: string };

export function InvitationForm({ engagement: e, onDone }: { engagement: Engagement; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { organization } = useSession();
  const sites = useSites(organization.id);
  const auditors = useQuery({ queryKey: ['directory', 'auditors'], queryFn: () => api.get<{ id: string; name: string }[]>('/api/v1/organizations', { kind: 'auditor', limit: 200 }) });
  const [kind, setKind] = useState<'visit' | 'sample' | 'audit'>('visit');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [visitType, setVisitType] = useState<'buyer_visit' | 'remote_video'>('buyer_visit');
  const [slots, setSlots] = useState<Slot[]>([{ start: '', end: '' }]);
  const [sample, setSample] = useState({ product: e.scope.products[0] ?? '', quantity: 10 as number | string, method: '', lab: '', location: '', temperatureC: '' as number | string, relativeHumidityPct: '' as number | string, note: '', shipBy: '' });
  const [auditorId, setAuditorId] = useState<string | null>(null);
  const [scope, setScope] = useState('');
  const [note, setNote] = useState('');
  const site = siteId ?? sites.data?.[0]?.id ?? null;
  const send = useMutation({
    mutationFn: () => {
      const common = { note: note.trim() || null };
      const body =
        kind === 'sample'
          ? {
              kind,
              product: sample.product.trim(),
              quantity: Number(sample.quantity),
              conditions: {
                method: sample.method.trim(),
                lab: sample.lab.trim() || null,
                location: sample.location.trim() || null,
                temperatureC: sample.temperatureC === '' ? null : Number(sample.temperatureC),
                relativeHumidityPct: sample.relativeHumidityPct === '' ? null : Number(sample.relativeHumidityPct),
                note: sample.note.trim() || null,
              },
              shipBy: sample.shipBy || null,
              ...common,
            }
          : kind === 'visit'
            ? { kind, siteId: site, visitType, slots, ...common }
            : { kind, siteId: site, auditorOrganizationId: auditorId, scope: scope.trim(), slots, ...common };
      return api.post<Invitation>(`/api/v1/engagements/${e.id}/verification-invitations`, body);
    },
    onSuccess: () => {
      notify.success(t('suppliers.invitations.invited'));
      void qc.invalidateQueries({ queryKey: ['engagement', e.id] });
      onDone();
    },
    meta: { handlesErrors: true },
  });
  const errors = send.isError ? serverFieldErrors(send.error) : {};
  const slotError = (i: number, f: 'start' | 'end') => errors[`slots.${i}.${f}`];
  return (
    <Stack gap="sm" data-testid="invitation-form">
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        data={(['visit', 'sample', 'audit'] as const).map((k) => ({ value: k, label: t(`suppliers.invitations.kind.${k}`) }))}
        data-testid="invitation-kind"
      />
      {kind !== 'sample' && (
        <>
          <Select label={t('suppliers.invitations.form.site')} data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} value={site} onChange={setSiteId} error={errors.siteId} />
          {kind === 'visit' && (
            <Select
              label={t('suppliers.invitations.form.visitType')}
              data={(['buyer_visit', 'remote_video'] as const).map((v) => ({ value: v, label: t(`visits.types.${v}`) }))}
              value={visitType}
              onChange={(v) => setVisitType((v as typeof visitType) ?? 'buyer_visit')}
            />
          )}
          {kind === 'audit' && (
            <>
              <Select
                label={t('suppliers.invitations.form.auditor')}
                placeholder={t('suppliers.invitations.form.auditorPlaceholder')}
                data={(auditors.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                value={auditorId}
                onChange={setAuditorId}
                searchable
                error={errors.auditorOrganizationId}
              />
              <TextInput label={t('suppliers.invitations.form.scope')} value={scope} onChange={(ev) => setScope(ev.currentTarget.value)} error={errors.scope} />
            </>
          )}
          <Text size="sm" fw={500}>
            {t('suppliers.invitations.form.slots')}
          </Text>
          {slots.map((s, i) => (
            <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput type="datetime-local" label={t('suppliers.invitations.form.start')} value={s.start} onChange={(ev) => setSlots(slots.map((x, j) => (j === i ? { ...x, start: ev.currentTarget.value } : x)))} error={slotError(i, 'start')} style={{ flex: 1 }} data-testid="invitation-slot-start" />
              <TextInput type="datetime-local" label={t('suppliers.invitations.form.end')} value={s.end} onChange={(ev) => setSlots(slots.map((x, j) => (j === i ? { ...x, end: ev.currentTarget.value } : x)))} error={slotError(i, 'end')} style={{ flex: 1 }} data-testid="invitation-slot-end" />
              {slots.length > 1 && (
                <Button variant="subtle" color="red" px={6} onClick={() => setSlots(slots.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
                  <IconTrash size={16} />
                </Button>
              )}
            </Group>
          ))}
          {errors.slots && (
            <Text size="xs" c="red">
              {errors.slots}
            </Text>
          )}
          <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setSlots([...slots, { start: '', end: '' }])} w="fit-content">
            {t('suppliers.invitations.form.addSlot')}
          </Button>
        </>
      )}
      {kind === 'sample' && (
        <>
          <Group grow>
            <TextInput label={t('suppliers.invitations.form.product')} value={sample.product} onChange={(ev) => setSample({ ...sample, product: ev.currentTarget.value })} error={errors.product} />
            <NumberInput label={t('suppliers.invitations.form.quantity')} min={1} allowDecimal={false} value={sample.quantity} onChange={(v) => setSample({ ...sample, quantity: v })} error={errors.quantity} />
          </Group>
          <TextInput label={t('suppliers.invitations.form.method')} value={sample.method} onChange={(ev) => setSample({ ...sample, method: ev.currentTarget.value })} error={errors['conditions.method']} data-testid="invitation-method" />
          <Group grow>
            <TextInput label={t('suppliers.invitations.form.lab')} value={sample.lab} onChange={(ev) => setSample({ ...sample, lab: ev.currentTarget.value })} />
            <TextInput label={t('suppliers.invitations.form.location')} value={sample.location} onChange={(ev) => setSample({ ...sample, location: ev.currentTarget.value })} />
          </Group>
          <Group grow>
            <NumberInput label={t('suppliers.invitations.form.temperature')} value={sample.temperatureC} onChange={(v) => setSample({ ...sample, temperatureC: v })} error={errors['conditions.temperatureC']} />
            <NumberInput label={t('suppliers.invitations.form.humidity')} min={0} max={100} value={sample.relativeHumidityPct} onChange={(v) => setSample({ ...sample, relativeHumidityPct: v })} error={errors['conditions.relativeHumidityPct']} />
            <TextInput type="date" label={t('suppliers.invitations.form.shipBy')} value={sample.shipBy} onChange={(ev) => setSample({ ...sample, shipBy: ev.currentTarget.value })} error={errors.shipBy} />
          </Group>
          <TextInput label={t('suppliers.invitations.form.conditionsNote')} value={sample.note} onChange={(ev) => setSample({ ...sample, note: ev.currentTarget.value })} />
        </>
      )}
      <Textarea label={t('suppliers.invitations.form.note')} autosize minRows={2} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} />
      {send.isError && Object.keys(errors).length === 0 && <ErrorAlert error={send.error} />}
      <Group justify="flex-end">
        <Button onClick={() => send.mutate()} loading={send.isPending} data-testid="invitation-submit">
          {t('suppliers.invitations.form.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** From the supplier's profile: pick one of its open engagements, then invite its buyer to verify. */
export function InviteFromProfileButton() {
  const { t } = useTranslation();
  const canInvite = useCan('verification.invite');
  const [opened, setOpened] = useState(false);
  const [engagementId, setEngagementId] = useState<string | null>(null);
  const engagements = useQuery({
    queryKey: ['engagements', { role: 'supplier' }],
    queryFn: () => api.get<Engagement[]>('/api/v1/engagements', { role: 'supplier', limit: 200 }),
    enabled: opened,
  });
  const open = (engagements.data ?? []).filter((e) => OPEN.includes(e.phase));
  const chosen = open.find((e) => e.id === engagementId) ?? null;
  if (!canInvite) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} data-testid="profile-invite">
        {t('suppliers.invitations.new')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => {
          setOpened(false);
          setEngagementId(null);
        }}
        size="lg"
        title={<Text fw={600}>{t('suppliers.invitations.new')}</Text>}
      >
        <Stack gap="sm">
          {engagements.isError && <ErrorAlert error={engagements.error} onRetry={() => void engagements.refetch()} />}
          <Select
            label={t('suppliers.invitations.form.engagement')}
            data={open.map((e) => ({ value: e.id, label: `${e.buyer.name} — ${e.title}` }))}
            value={engagementId}
            onChange={setEngagementId}
            searchable
            data-testid="profile-invite-engagement"
          />
          {chosen && (
            <InvitationForm
              key={chosen.id}
              engagement={chosen}
              onDone={() => {
                setOpened(false);
                setEngagementId(null);
              }}
            />
          )}
        </Stack>
      </Modal>
    </>
  );
}
