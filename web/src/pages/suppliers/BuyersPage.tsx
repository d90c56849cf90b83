// The supplier's buyers ranked by sincerity: each with its score and band, its inbound requests and engagements,
// and every signal explained with the records behind it. The supplier judges a signal with a note, its admins
// set the weights, and it may share a buyer's assessment with that buyer (never otherwise shown to it).
import { Anchor, Badge, Button, Card, Group, Modal, NumberInput, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type EngagementPhase, SINCERITY_SIGNAL_KEYS, type SincerityKey } from '../../../../src/domain/browser.js';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { PhaseBadge } from '../../components/engagement/badges.js';
import { IconScale } from '../../components/engagement/icons.js';
import { IconUsers } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { put, useBuyerSincerity, useSincerityWeights, type BuyerSincerity, type ScoredSignal, type SincerityWeights } from '../../components/suppliers/api.js';
import { SignalCard } from '../../components/suppliers/SignalCard.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';

const BAND_COLORS = { high: 'teal', moderate: 'yellow', low: 'red', insufficient: 'gray' } as const;

export function BuyersPage() {
  const { t } = useTranslation();
  const list = useBuyerSincerity();
  const [judging, setJudging] = useState<{ buyer: BuyerSincerity; signal: ScoredSignal } | null>(null);
  const [weightsOpen, setWeightsOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t('suppliers.sincerity.title')}
        subtitle={t('suppliers.sincerity.subtitle')}
        actions={
          <Button variant="default" leftSection={<IconScale size={16} />} onClick={() => setWeightsOpen(true)} data-testid="weights-open">
            {t('suppliers.sincerity.weights.button')}
          </Button>
        }
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Card>
          <Empty icon={<IconUsers size={22} />} title={t('suppliers.sincerity.empty')} description={t('suppliers.sincerity.emptyHint')} />
        </Card>
      ) : (
        <Stack gap="md" data-testid="buyers-ranked">
          {list.data.map((b, i) => (
            <BuyerCard key={b.organizationId} buyer={b} rank={i + 1} onJudge={(signal) => setJudging({ buyer: b, signal })} />
          ))}
        </Stack>
      )}
      <JudgeModal target={judging} onClose={() => setJudging(null)} />
      <WeightsModal opened={weightsOpen} onClose={() => setWeightsOpen(false)} />
    </>
  );
}

function BuyerCard({ buyer: b, rank, onJudge }: { buyer: BuyerSincerity; rank: number; onJudge: (s: ScoredSignal) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const canJudge = useCan('sincerity.judge');
  const disclose = useMutation({
    mutationFn: (shared: boolean) => put<BuyerSincerity>(`/api/v1/buyers/${b.organizationId}/sincerity/disclosure`, { shared }),
    onSuccess: (r) => {
      notify.success(r.disclosedAt ? t('suppliers.sincerity.disclosedDone', { buyer: b.name }) : t('suppliers.sincerity.undisclosedDone', { buyer: b.name }));
      void qc.invalidateQueries({ queryKey: ['sincerity'] });
    },
  });
  return (
    <Card data-testid="buyer-card" data-buyer={b.name}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Badge variant="filled" color="dark" tt="none">
              {t('suppliers.sincerity.rank', { rank })}
            </Badge>
            <Title order={4} fw={650} data-testid="buyer-name">
              {b.name}
            </Title>
            <Text size="sm" c="dimmed">
              {fmt.country(b.country)}
            </Text>
          </Group>
          <Group gap={6} mt={8} wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('suppliers.sincerity.engagements')}:
            </Text>
            {b.engagements.map((e) => (
              <Group key={e.id} gap={4} wrap="nowrap">
                <PhaseBadge phase={e.phase as EngagementPhase} size="xs" />
                <Anchor component={Link} to={`/engagements/${e.id}`} size="xs">
                  {e.title}
                </Anchor>
              </Group>
            ))}
          </Group>
        </div>
        <Stack gap={4} align="flex-end">
          <Group gap="xs" align="baseline">
            <Text size="xs" c="dimmed">
              {t('suppliers.sincerity.score')}
            </Text>
            <Text fz={28} fw={750} lh={1} data-testid="buyer-score">
              {b.score === null ? '—' : fmt.number(b.score)}
            </Text>
            <Badge color={BAND_COLORS[b.band]} variant="light" tt="none" data-testid="buyer-band">
              {t(`suppliers.sincerity.band.${b.band}`)}
            </Badge>
          </Group>
          {canJudge && (
            <Switch
              size="xs"
              label={t('suppliers.sincerity.disclose')}
              checked={b.disclosedAt !== null}
              disabled={disclose.isPending}
              onChange={(e) => disclose.mutate(e.currentTarget.checked)}
              data-testid="buyer-disclose"
            />
          )}
        </Stack>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {b.disclosedAt ? t('suppliers.sincerity.disclosedDone', { buyer: b.name }) + ` · ${fmt.date(b.disclosedAt)}` : t('suppliers.sincerity.discloseHint')}
      </Text>
      <Stack gap={0} mt="sm">
        {b.signals.map((s) => (
          <SignalCard key={s.key} signal={s} onJudge={canJudge ? () => onJudge(s) : undefined} />
        ))}
      </Stack>
    </Card>
  );
}

function JudgeModal({ target, onClose }: { target: { buyer: BuyerSincerity; signal: ScoredSignal } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [value, setValue] = useState<number | string>('');
  const [note, setNote] = useState('');
  const [key, setKey] = useState<string | null>(null);
  const current = target ? `${target.buyer.organizationId}:${target.signal.key}` : null;
  if (current !== key) {
    setKey(current);
    setValue(target?.signal.judgement?.value ?? target?.signal.derivedValue ?? '');
    setNote(target?.signal.judgement?.note ?? '');
  }
  const url = target ? `/api/v1/buyers/${target.buyer.organizationId}/sincerity/judgements/${target.signal.key}` : '';
  const done = (message: string) => {
    notify.success(message);
    void qc.invalidateQueries({ queryKey: ['sincerity'] });
    onClose();
  };
  const save = useMutation({ mutationFn: () => put(url, { value: Number(value), note: note.trim() }), onSuccess: () => done(t('suppliers.sincerity.judged')) });
  const clear = useMutation({ mutationFn: () => api.delete(url), onSuccess: () => done(t('suppliers.sincerity.cleared')) });
  const valid = value !== '' && Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= 100 && note.trim().length > 0;
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={<Text fw={600}>{target ? t('suppliers.sincerity.judgeTitle', { signal: t(`suppliers.sincerity.signal.${target.signal.key}`), buyer: target.buyer.name }) : ''}</Text>}
      data-testid="judge-modal"
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('suppliers.sincerity.judgeHint')}
        </Text>
        <NumberInput label={t('suppliers.sincerity.judgeValue')} min={0} max={100} allowDecimal={false} value={value} onChange={setValue} data-testid="judge-value" />
        <Textarea label={t('suppliers.sincerity.judgeNote')} placeholder={t('suppliers.sincerity.judgeNotePlaceholder')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="judge-note" />
        <Group justify="space-between">
          {target?.signal.judgement ? (
            <Button variant="subtle" color="red" onClick={() => clear.mutate()} loading={clear.isPending} data-testid="judge-clear">
              {t('suppliers.sincerity.judgeClear')}
            </Button>
          ) : (
            <span />
          )}
          <Button onClick={() => save.mutate()} disabled={!valid} loading={save.isPending} data-testid="judge-save">
            {t('suppliers.sincerity.judgeSave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function WeightsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const canEdit = useCan('sincerity.weights');
  const weights = useSincerityWeights(opened);
  const [draft, setDraft] = useState<Record<SincerityKey, number | string> | null>(null);
  const values = draft ?? weights.data?.weights ?? null;
  const save = useMutation({
    mutationFn: () => put<SincerityWeights>('/api/v1/buyers/sincerity/weights', { weights: Object.fromEntries(SINCERITY_SIGNAL_KEYS.map((k) => [k, Number(values![k])])) }),
    onSuccess: () => {
      notify.success(t('suppliers.sincerity.weights.saved'));
      setDraft(null);
      void qc.invalidateQueries({ queryKey: ['sincerity'] });
      onClose();
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setDraft(null);
        onClose();
      }}
      title={<Text fw={600}>{t('suppliers.sincerity.weights.title')}</Text>}
      data-testid="weights-modal"
    >
      {weights.isPending ? (
        <Loading />
      ) : weights.isError ? (
        <ErrorAlert error={weights.error} onRetry={() => void weights.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {canEdit ? t('suppliers.sincerity.weights.hint') : t('suppliers.sincerity.weights.adminOnly')}
          </Text>
          {SINCERITY_SIGNAL_KEYS.map((k) => (
            <NumberInput
              key={k}
              label={t(`suppliers.sincerity.signal.${k}`)}
              min={0}
              max={100}
              allowDecimal={false}
              disabled={!canEdit}
              value={values?.[k] ?? 0}
              onChange={(v) => setDraft({ ...(values as Record<SincerityKey, number | string>), [k]: v })}
              data-testid={`weight-${k}`}
            />
          ))}
          {weights.data.updatedBy && weights.data.updatedAt && (
            <Text size="xs" c="dimmed">
              {t('suppliers.sincerity.weights.updated', { name: weights.data.updatedBy.displayName, date: fmt.date(weights.data.updatedAt) })}
            </Text>
          )}
          {canEdit && (
            <Group justify="space-between">
              <Button variant="subtle" onClick={() => setDraft({ ...weights.data.defaults } as Record<SincerityKey, number>)}>
                {t('suppliers.sincerity.weights.defaults')}
              </Button>
              <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="weights-save">
                {t('suppliers.sincerity.weights.save')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
