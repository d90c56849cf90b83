// The buyer plans a visit inside an engagement: type, site, dates in the site's time zone, participants,
// agenda and checklist; or books one of the open slots the supplier offered (confirmed at once).
// The supplier's side of it: offering open slots at one of its sites.
import { Alert, Button, Collapse, Group, Modal, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PlanVisitInput, VISIT_TYPES, VisitSlotsInput, type VisitType } from '../../../../src/contracts/visits.js';
import { OPEN_PHASES } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useSession } from '../../app/session.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, validate } from '../../lib/validation.js';
import { IconAlert, IconPlus } from '../icons.js';
import {
  useChecklistTemplates,
  useEngagementSlots,
  useRefreshVisits,
  useSupplierSites,
  useVisitEngagements,
  type VisitDetail,
  type Slot,
} from './api.js';
import { agendaBody, AgendaField, DateRangeFields, participantsBody, ParticipantsField, type AgendaValue, type ParticipantValue, type RangeValue } from './fields.js';
import { useLoc, useSiteTime } from './format.js';
import { FormErrors } from '../FormErrors.js';

const isOpen = (phase: string) => (OPEN_PHASES as readonly string[]).includes(phase);

export function PlanVisitModal({ opened, onClose, engagementId: fixedEngagement, slot }: { opened: boolean; onClose: () => void; engagementId?: string | null; slot?: Slot | null }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} size="xl" fullScreen={phone} title={<Text fw={600}>{slot ? t('visits.plan.bookTitle') : t('visits.plan.title')}</Text>} data-testid="plan-modal">
      {opened && <PlanVisitForm onClose={onClose} fixedEngagement={fixedEngagement ?? slot?.engagementId ?? null} slot={slot ?? null} />}
    </Modal>
  );
}

function PlanVisitForm({ onClose, fixedEngagement, slot }: { onClose: () => void; fixedEngagement: string | null; slot: Slot | null }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const st = useSiteTime();
  const navigate = useNavigate();
  const refresh = useRefreshVisits();
  const { me } = useSession();
  const engagements = useVisitEngagements();
  const options = (engagements.data ?? []).filter((e) => e.myRole === 'buyer' && isOpen(e.phase));
  const [engagementId, setEngagementId] = useState<string | null>(fixedEngagement);
  useEffect(() => {
    if (!engagementId && options.length === 1) setEngagementId(options[0].id);
  }, [engagementId, options]);
  const engagement = (engagements.data ?? []).find((e) => e.id === engagementId);
  const sites = useSupplierSites(engagement?.supplier.id);
  const slots = useEngagementSlots(engagementId);
  const templates = useChecklistTemplates('visit_checklist');
  const [type, setType] = useState<VisitType>('buyer_visit');
  const [slotId, setSlotId] = useState<string | null>(slot?.id ?? null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [range, setRange] = useState<RangeValue>({ start: '', end: '' });
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [agenda, setAgenda] = useState<AgendaValue[]>([]);
  const [participants, setParticipants] = useState<ParticipantValue[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [more, { toggle: toggleMore }] = useDisclosure(false);
  useEffect(() => {
    if (!siteId && sites.data?.length === 1) setSiteId(sites.data[0].id);
  }, [siteId, sites.data]);
  const site = sites.data?.find((s) => s.id === siteId);
  const openSlots = slots.data ?? [];
  const chosenSlot = openSlots.find((s) => s.id === slotId) ?? (slot?.id === slotId ? slot : null);

  // The newest version of each template key (the buyer's own first), as the default the server would take.
  const templateOptions = useMemo(() => {
    const newest = new Map<string, NonNullable<typeof templates.data>[number]>();
    for (const tpl of templates.data ?? []) {
      const k = `${tpl.shipped}:${tpl.key}`;
      if (!newest.has(k) || newest.get(k)!.version < tpl.version) newest.set(k, tpl);
    }
    return [...newest.values()].map((tpl) => ({ value: tpl.id, label: `${loc(tpl.name)} · v${tpl.version}${tpl.shipped ? ` (${t('visits.templates.shipped')})` : ''}` }));
  }, [templates.data, loc, t]);

  const plan = useMutation({
    mutationFn: (body: unknown) => api.post<VisitDetail>(`/api/v1/engagements/${encodeURIComponent(engagementId!)}/visits`, body),
    onSuccess: (v) => {
      void refresh(v);
      notify.success(t('visits.plan.planned', { title: v.title }));
      onClose();
      navigate(`/visits/${v.id}`);
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });

  const submit = () => {
    if (!engagementId) {
      setErrors({ engagementId: t('validation.choose') });
      return;
    }
    const body = {
      type,
      ...(slotId ? { slotId } : { siteId: siteId ?? undefined, start: range.start || undefined, end: range.end || undefined }),
      ...(title.trim() ? { title: title.trim() } : {}),
      agenda: agendaBody(agenda),
      participants: participantsBody(participants),
      ...(templateId ? { templateId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const v = validate(PlanVisitInput, body, t);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    plan.mutate(body);
  };

  return (
    <Stack gap="md" data-testid="plan-form">
      {!fixedEngagement && (
        <Select
          label={t('visits.plan.engagement')}
          placeholder={engagements.isPending ? t('common.loading') : t('visits.plan.chooseEngagement')}
          data={options.map((e) => ({ value: e.id, label: `${e.title} — ${e.supplier.name}` }))}
          value={engagementId}
          onChange={(v) => {
            setEngagementId(v);
            setSiteId(null);
            setSlotId(null);
          }}
          error={errors.engagementId}
          nothingFoundMessage={t('visits.plan.noEngagements')}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="plan-engagement"
        />
      )}
      {engagement && fixedEngagement && (
        <Text size="sm">
          {engagement.title} — <b>{engagement.supplier.name}</b>
        </Text>
      )}

      <Radio.Group label={t('visits.plan.type')} value={type} onChange={(v) => setType(v as VisitType)}>
        <Stack gap={6} mt={6}>
          {VISIT_TYPES.map((vt) => (
            <Radio.Card key={vt} value={vt} p="sm" radius="md" withBorder data-testid={`plan-type-${vt}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <div>
                  <Text size="sm" fw={600}>
                    {t(`visits.types.${vt}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`visits.typeHints.${vt}`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>

      {openSlots.length > 0 && (
        <Radio.Group label={t('visits.plan.slotChoice')} value={slotId ?? ''} onChange={(v) => setSlotId(v || null)}>
          <Stack gap={6} mt={6}>
            <Radio value="" label={t('visits.plan.ownDates')} />
            {openSlots.map((s) => (
              <Radio key={s.id} value={s.id} label={`${s.siteName}: ${st.range(s.startLocal, s.endLocal, s.timeZone)}`} data-testid="plan-slot" />
            ))}
          </Stack>
        </Radio.Group>
      )}

      {slotId && chosenSlot ? (
        <Alert color="teal" variant="light">
          {t('visits.plan.slotBooked', { site: chosenSlot.siteName, when: st.range(chosenSlot.startLocal, chosenSlot.endLocal, chosenSlot.timeZone) })}
          {chosenSlot.note ? ` — ${chosenSlot.note}` : ''}
        </Alert>
      ) : (
        <>
          <Select
            label={t('visits.plan.site')}
            placeholder={engagement ? t('visits.plan.chooseSite') : t('visits.plan.chooseEngagementFirst')}
            data={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.timeZone})` }))}
            value={siteId}
            onChange={setSiteId}
            error={errors.siteId}
            disabled={!engagement}
            comboboxProps={{ withinPortal: true }}
            data-testid="plan-site"
          />
          {site && (
            <Text size="xs" c="dimmed" mt={-8}>
              {site.address} · {t('visits.plan.siteTimeHint', { zone: site.timeZone })}
            </Text>
          )}
          <DateRangeFields value={range} onChange={setRange} timeZone={site?.timeZone ?? null} errors={errors} testId="plan" />
        </>
      )}

      <TextInput label={t('visits.plan.titleLabel')} placeholder={t('visits.plan.titlePlaceholder')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-testid="plan-title" />

      <Button variant="subtle" size="compact-sm" onClick={toggleMore} leftSection={<IconPlus size={14} />} style={{ alignSelf: 'flex-start' }} data-testid="plan-more">
        {t('visits.plan.more')}
      </Button>
      <Collapse expanded={more}>
        <Stack gap="md">
          <Select
            label={t('visits.plan.template')}
            placeholder={t('visits.plan.defaultTemplate')}
            data={templateOptions}
            value={templateId}
            onChange={setTemplateId}
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="plan-template"
          />
          <ParticipantsField value={participants} onChange={setParticipants} sides={['buyer', 'auditor', 'supplier']} errors={errors} />
          <Text size="xs" c="dimmed" mt={-8}>
            {t('visits.plan.leadHint', { name: me.user.displayName })}
          </Text>
          <AgendaField value={agenda} onChange={setAgenda} errors={errors} />
          <Textarea label={t('visits.plan.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
        </Stack>
      </Collapse>

      <FormErrors errors={errors} error={plan.isError ? plan.error : undefined} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={plan.isPending} data-testid="plan-submit">
          {slotId ? t('visits.plan.book') : t('visits.plan.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The supplier invites the buyer to visit: open slots at one of its sites. */
export function OfferSlotsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened={opened} onClose={onClose} size="lg" fullScreen={phone} title={<Text fw={600}>{t('visits.slots.offerTitle')}</Text>} data-testid="slots-modal">
      {opened && <OfferSlotsForm onClose={onClose} />}
    </Modal>
  );
}

function OfferSlotsForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { organization } = useSession();
  const refresh = useRefreshVisits();
  const engagements = useVisitEngagements();
  const options = (engagements.data ?? []).filter((e) => e.myRole === 'supplier' && isOpen(e.phase));
  const [engagementId, setEngagementId] = useState<string | null>(null);
  const sites = useSupplierSites(organization.id);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [slots, setSlots] = useState<RangeValue[]>([{ start: '', end: '' }]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const site = sites.data?.find((s) => s.id === siteId);
  const offer = useMutation({
    mutationFn: (body: unknown) => api.post<Slot[]>(`/api/v1/engagements/${encodeURIComponent(engagementId!)}/visit-slots`, body),
    onSuccess: (list) => {
      void refresh();
      notify.success(t('visits.slots.offered', { count: list.length }));
      onClose();
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
    meta: { handlesErrors: true },
  });
  const submit = () => {
    const body = { siteId: siteId ?? undefined, slots, ...(note.trim() ? { note: note.trim() } : {}) };
    const v = validate(VisitSlotsInput, body, t);
    if (!engagementId || !v.ok) {
      setErrors({ ...(v.ok ? {} : v.errors), ...(engagementId ? {} : { engagementId: t('validation.choose') }) });
      return;
    }
    setErrors({});
    offer.mutate(body);
  };
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('visits.slots.offerHint')}
      </Text>
      <Select
        label={t('visits.slots.buyer')}
        data={options.map((e) => ({ value: e.id, label: `${e.buyer.name} — ${e.title}` }))}
        value={engagementId}
        onChange={setEngagementId}
        error={errors.engagementId}
        comboboxProps={{ withinPortal: true }}
        data-testid="slots-engagement"
      />
      <Select
        label={t('visits.plan.site')}
        data={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.timeZone})` }))}
        value={siteId}
        onChange={setSiteId}
        error={errors.siteId}
        comboboxProps={{ withinPortal: true }}
        data-testid="slots-site"
      />
      {slots.map((s, i) => (
        <DateRangeFields
          key={i}
          value={s}
          onChange={(v) => setSlots(slots.map((x, j) => (j === i ? v : x)))}
          timeZone={site?.timeZone ?? null}
          errors={errors}
          prefix={`slots.${i}.`}
          testId={`slot-${i}`}
        />
      ))}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setSlots([...slots, { start: '', end: '' }])} style={{ alignSelf: 'flex-start' }} disabled={slots.length >= 20}>
        {t('visits.slots.addSlot')}
      </Button>
      <Textarea label={t('visits.slots.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
      <FormErrors errors={errors} error={offer.isError ? offer.error : undefined} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={offer.isPending} data-testid="slots-submit">
          {t('visits.slots.offer')}
        </Button>
      </Group>
    </Stack>
  );
}
