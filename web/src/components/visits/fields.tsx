// Form pieces shared by the planning dialogs: a date range in the site's time zone, participants, agenda items.
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VisitSide } from '../../../../src/contracts/visits.js';
import { IconPlus, IconTrash } from '../icons.js';
import { toLocalMinute } from './format.js';

export interface RangeValue {
  start: string;
  end: string;
}

/** Wall-clock times at the site ("YYYY-MM-DDTHH:mm"), labelled with the site's zone. */
export function DateRangeFields({
  value,
  onChange,
  timeZone,
  errors = {},
  prefix = '',
  testId = 'range',
}: {
  value: RangeValue;
  onChange: (v: RangeValue) => void;
  timeZone: string | null;
  errors?: Record<string, string>;
  prefix?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const zone = timeZone ? ` (${timeZone})` : '';
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      <TextInput
        type="datetime-local"
        label={t('visits.plan.start') + zone}
        value={value.start}
        onChange={(e) => onChange({ ...value, start: toLocalMinute(e.currentTarget.value) })}
        error={errors[`${prefix}start`]}
        data-testid={`${testId}-start`}
      />
      <TextInput
        type="datetime-local"
        label={t('visits.plan.end') + zone}
        value={value.end}
        onChange={(e) => onChange({ ...value, end: toLocalMinute(e.currentTarget.value) })}
        error={errors[`${prefix}end`]}
        data-testid={`${testId}-end`}
      />
    </SimpleGrid>
  );
}

export interface ParticipantValue {
  side: VisitSide;
  name: string;
  role: string;
  email: string;
}

export function ParticipantsField({
  value,
  onChange,
  sides,
  errors = {},
  prefix = 'participants',
}: {
  value: ParticipantValue[];
  onChange: (v: ParticipantValue[]) => void;
  sides: readonly VisitSide[];
  errors?: Record<string, string>;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ParticipantValue>) => onChange(value.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('visits.plan.participants')}
      </Text>
      {value.map((p, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="wrap" data-testid="participant-row">
          {sides.length > 1 && (
            <Select
              w={120}
              data={sides.map((s) => ({ value: s, label: t(`visits.sides.${s}`) }))}
              value={p.side}
              onChange={(v) => v && set(i, { side: v as VisitSide })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              aria-label={t('visits.plan.side')}
            />
          )}
          <TextInput style={{ flex: '1 1 140px' }} placeholder={t('visits.plan.name')} value={p.name} onChange={(e) => set(i, { name: e.currentTarget.value })} error={errors[`${prefix}.${i}.name`]} aria-label={t('visits.plan.name')} />
          <TextInput style={{ flex: '1 1 140px' }} placeholder={t('visits.plan.role')} value={p.role} onChange={(e) => set(i, { role: e.currentTarget.value })} aria-label={t('visits.plan.role')} />
          <TextInput style={{ flex: '1 1 160px' }} placeholder={t('visits.plan.email')} value={p.email} onChange={(e) => set(i, { email: e.currentTarget.value })} error={errors[`${prefix}.${i}.email`]} aria-label={t('visits.plan.email')} />
          <ActionIcon variant="subtle" color="gray" mt={6} onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { side: sides[0], name: '', role: '', email: '' }])} style={{ alignSelf: 'flex-start' }} data-testid="participant-add">
        {t('visits.plan.addParticipant')}
      </Button>
    </Stack>
  );
}

export function participantsBody(list: ParticipantValue[]) {
  return list
    .filter((p) => p.name.trim())
    .map((p) => ({ side: p.side, name: p.name.trim(), ...(p.role.trim() ? { role: p.role.trim() } : {}), ...(p.email.trim() ? { email: p.email.trim() } : {}) }));
}

export interface AgendaValue {
  date: string;
  time: string;
  topic: string;
  durationMinutes: string;
}

export function AgendaField({ value, onChange, errors = {} }: { value: AgendaValue[]; onChange: (v: AgendaValue[]) => void; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<AgendaValue>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('visits.plan.agenda')}
      </Text>
      {value.map((a, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="wrap" data-testid="agenda-row">
          <TextInput type="date" w={150} value={a.date} onChange={(e) => set(i, { date: e.currentTarget.value })} aria-label={t('visits.plan.agendaDate')} error={errors[`agenda.${i}.date`]} />
          <TextInput type="time" w={110} value={a.time} onChange={(e) => set(i, { time: e.currentTarget.value.slice(0, 5) })} aria-label={t('visits.plan.agendaTime')} error={errors[`agenda.${i}.time`]} />
          <TextInput style={{ flex: '1 1 180px' }} placeholder={t('visits.plan.agendaTopic')} value={a.topic} onChange={(e) => set(i, { topic: e.currentTarget.value })} aria-label={t('visits.plan.agendaTopic')} error={errors[`agenda.${i}.topic`]} />
          <TextInput w={90} inputMode="numeric" placeholder={t('visits.plan.minutes')} value={a.durationMinutes} onChange={(e) => set(i, { durationMinutes: e.currentTarget.value.replace(/\D/g, '') })} aria-label={t('visits.plan.minutes')} />
          <ActionIcon variant="subtle" color="gray" mt={6} onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { date: '', time: '', topic: '', durationMinutes: '' }])} style={{ alignSelf: 'flex-start' }} data-testid="agenda-add">
        {t('visits.plan.addAgenda')}
      </Button>
    </Stack>
  );
}

export function agendaBody(list: AgendaValue[]) {
  return list
    .filter((a) => a.topic.trim())
    .map((a) => ({
      topic: a.topic.trim(),
      ...(a.date ? { date: a.date } : {}),
      ...(a.time ? { time: a.time } : {}),
      ...(a.durationMinutes ? { durationMinutes: Number(a.durationMinutes) } : {}),
    }));
}
