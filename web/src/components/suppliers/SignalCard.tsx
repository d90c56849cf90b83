// One sincerity signal of one buyer: its value (the supplier's judgement where it gave one, the derived value
// beside it), weight and points, the explanation in the UI language, and the records behind it.
import { Anchor, Badge, Button, Collapse, Group, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../lib/format.js';
import type { ScoredSignal } from './api.js';

const bandColor = (v: number | null) => (v === null ? 'gray' : v >= 70 ? 'teal' : v >= 40 ? 'yellow' : 'red');
const n = (params: ScoredSignal['params'], k: string) => Number(params[k] ?? 0);

/** The signal's explanation, worded from its numbers in the UI language. */
export function signalExplanation(t: TFunction, s: ScoredSignal): string {
  const yes = (v: number) => (v ? t('suppliers.yes') : t('suppliers.no'));
  const p = s.params;
  switch (s.key) {
    case 'technical_depth':
      return n(p, 'inquiries') === 0
        ? t('suppliers.sincerity.explain.technical_depth_none')
        : t('suppliers.sincerity.explain.technical_depth', { technical: n(p, 'technical'), inquiries: n(p, 'inquiries'), priceOnly: n(p, 'priceOnly'), topics: n(p, 'topics') });
    case 'willingness_to_verify': {
      const parts = [t('suppliers.sincerity.explain.willingness_to_verify', { visit: yes(n(p, 'visit')), held: yes(n(p, 'held')), samples: yes(n(p, 'samples')), audit: yes(n(p, 'audit')) })];
      if (n(p, 'declined')) parts.push(t('suppliers.sincerity.explain.declined', { count: n(p, 'declined') }));
      if (n(p, 'unbooked')) parts.push(t('suppliers.sincerity.explain.unbooked', { count: n(p, 'unbooked') }));
      return parts.join(' ');
    }
    case 'specification_clarity':
      return t('suppliers.sincerity.explain.specification_clarity', {
        specifications: n(p, 'specifications'),
        characteristics: n(p, 'characteristics'),
        methods: n(p, 'methods'),
        drawings: n(p, 'drawings'),
        volumes: yes(n(p, 'volumes')),
        destination: yes(n(p, 'destination')),
      });
    case 'operations_understanding':
      return n(p, 'messages') === 0 ? t('suppliers.sincerity.explain.operations_understanding_none') : t('suppliers.sincerity.explain.operations_understanding', { topics: n(p, 'topics') });
    case 'visit_questionnaire':
      return n(p, 'completed') === 0 ? t('suppliers.sincerity.explain.visit_questionnaire_none') : t('suppliers.sincerity.explain.visit_questionnaire', { count: n(p, 'completed') });
  }
}

export function tagLabel(t: TFunction, tag: string): string {
  const i = tag.indexOf(':');
  if (i > 0) {
    const key = tag.slice(0, i);
    return t(`suppliers.sincerity.tagValue.${key}`, { value: tag.slice(i + 1), defaultValue: tag });
  }
  return t(`suppliers.sincerity.tag.${tag}`, { defaultValue: tag.replace(/_/g, ' ') });
}

function recordLink(r: ScoredSignal['records'][number]): string | null {
  if (r.type === 'visit') return `/visits/${r.id}`;
  if (r.type === 'sample_test' && r.engagementId) return `/engagements/${r.engagementId}/quality`;
  if (r.engagementId) return `/engagements/${r.engagementId}`;
  return null;
}

export function SignalCard({ signal: s, onJudge }: { signal: ScoredSignal; onJudge?: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, { toggle }] = useDisclosure(false);
  const heuristic = s.key === 'technical_depth' || s.key === 'operations_understanding';
  return (
    <div style={{ borderTop: '1px solid var(--mantine-color-gray-2)', padding: '12px 0' }} data-testid="signal" data-signal={s.key}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Text fw={600} size="sm">
            {t(`suppliers.sincerity.signal.${s.key}`)}
          </Text>
          <Text size="xs" c="dimmed" data-testid="signal-explanation">
            {signalExplanation(t, s)}
          </Text>
          {heuristic && (
            <Text size="xs" c="dimmed" fs="italic">
              {t('suppliers.sincerity.heuristic')}
            </Text>
          )}
        </div>
        <Group gap="md" wrap="nowrap" align="center">
          <div style={{ width: 120 }}>
            <Group justify="space-between" gap={4}>
              <Text size="sm" fw={700} data-testid="signal-value">
                {s.value === null ? '—' : s.value}
              </Text>
              <Text size="xs" c="dimmed">
                {t('suppliers.sincerity.columns.weight')} {s.weight}
              </Text>
            </Group>
            <Progress value={s.value ?? 0} color={bandColor(s.value)} size="sm" mt={4} />
            {s.judgement && (
              <Text size="xs" c="dimmed" mt={2}>
                {s.derivedValue === null ? t('suppliers.sincerity.derivedNone') : t('suppliers.sincerity.derived', { value: s.derivedValue })}
              </Text>
            )}
          </div>
          <Badge variant="light" color="gray" tt="none" fw={500} w={64}>
            {t('suppliers.sincerity.points', { points: s.contribution })}
          </Badge>
        </Group>
      </Group>
      {s.judgement && (
        <Text size="xs" mt={6} data-testid="signal-judgement">
          <Text span fw={600} size="xs">
            {t('suppliers.sincerity.columns.judgement')}:
          </Text>{' '}
          {t('suppliers.sincerity.judgedBy', { value: s.judgement.value, note: s.judgement.note, name: s.judgement.by?.displayName ?? '', date: fmt.date(s.judgement.at) })}
        </Text>
      )}
      <Group gap="xs" mt={6}>
        <Button variant="subtle" size="compact-xs" onClick={toggle} disabled={s.records.length === 0} data-testid="signal-records-toggle">
          {s.records.length ? t('suppliers.sincerity.records', { count: s.records.length }) : t('suppliers.sincerity.recordsNone')}
        </Button>
        {onJudge && (
          <Button variant="subtle" size="compact-xs" onClick={onJudge} data-testid="signal-judge">
            {t('suppliers.sincerity.judge')}
          </Button>
        )}
      </Group>
      <Collapse expanded={open}>
        <Stack gap={4} mt={4} pl="sm" data-testid="signal-records">
          {s.records.map((r) => {
            const link = recordLink(r);
            return (
              <Group key={`${r.type}:${r.id}`} gap={6} wrap="wrap" data-testid="signal-record">
                <Badge size="xs" variant="outline" color="gray" tt="none">
                  {t(`suppliers.sincerity.recordType.${r.type}`)}
                </Badge>
                {link ? (
                  <Anchor component={Link} to={link} size="xs">
                    {r.label}
                  </Anchor>
                ) : (
                  <Text size="xs">{r.label}</Text>
                )}
                {r.tags.map((tag) => (
                  <Badge key={tag} size="xs" variant="light" color={tag === 'price' || tag === 'not_booked' || tag === 'declined' ? 'orange' : 'blue'} tt="none" fw={500}>
                    {tagLabel(t, tag)}
                  </Badge>
                ))}
                {r.points ? (
                  <Text size="xs" c="teal" fw={600}>
                    {t('suppliers.sincerity.points', { points: r.points })}
                  </Text>
                ) : null}
                {r.at && (
                  <Text size="xs" c="dimmed">
                    {fmt.date(r.at)}
                  </Text>
                )}
              </Group>
            );
          })}
        </Stack>
      </Collapse>
    </div>
  );
}
