// Claims against what was seen: the observed capacity from what the visitor counted (the capacity questions'
// answers), with the formula shown as it fills in, held against one of the supplier's capacity claims. The
// server computes the same figure and decides supported or contradicted with the policy's tolerance.
import { Alert, Badge, Button, Card, Divider, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapacityDraft } from '../../../../src/domain/browser.js';
import { IconInfo } from '../icons.js';
import type { ClaimCheck } from './api.js';
import { ClaimBadge } from './badges.js';
import { useNum } from './format.js';
import { IconScaleBalance } from './icons.js';
import type { CapacityRow } from './useRecorder.js';

type Inputs = Record<string, number | string | undefined>;

/** "8 lines × 2 shifts/day × 7.5 h/shift × 6.67 pcs/h (3,600 s ÷ 540 s × 1) × 82 % × 22 days = 14,432 per month" */
export function Formula({ inputs, value, period, testId }: { inputs: Inputs; value: number | null; period: string; testId?: string }) {
  const { t } = useTranslation();
  const num = useNum();
  const n = (k: string) => (typeof inputs[k] === 'number' ? (inputs[k] as number) : undefined);
  const cycle = n('cycleTimeSeconds');
  const perCycle = n('cavitiesOrUnitsPerCycle') ?? 1;
  // With a cycle time the rate is derived from it (the server's inputs carry the derived unitsPerHour as well).
  const rate = cycle ? (3600 / cycle) * perCycle : n('unitsPerHour');
  const missing = (k: string) => t(`visits.capacity.inputs.${k}`);
  const term = (k: string, v: number | undefined, opts: Record<string, string> = {}) => (v === undefined ? `[${missing(k)}]` : t(`visits.capacity.terms.${k}`, { value: num.n(v), ...opts }));
  const terms = [
    term('lines', n('lines')),
    term('shiftsPerDay', n('shiftsPerDay')),
    term('hoursPerShift', n('hoursPerShift')),
    rate === undefined
      ? `[${missing('unitsPerHour')}]`
      : cycle !== undefined
        ? t('visits.capacity.terms.rateFromCycle', { value: num.n(rate), cycle: num.n(cycle), perCycle: num.n(perCycle) })
        : t('visits.capacity.terms.unitsPerHour', { value: num.n(rate) }),
    n('availability') === undefined ? `[${missing('availability')}]` : t('visits.capacity.terms.availability', { value: num.pct(n('availability')!) }),
  ];
  if (period !== 'day') terms.push(term('workingDaysPerPeriod', n('workingDaysPerPeriod'), { period: t(`visits.capacity.periods.${period}`, { defaultValue: period }) }));
  return (
    <Text size="sm" className="bf-mono" style={{ lineHeight: 1.7, wordBreak: 'break-word' }} data-testid={testId}>
      {terms.map((term, i) => (
        <span key={i}>
          {i > 0 ? ' × ' : ''}
          <span style={{ whiteSpace: 'nowrap' }}>{term}</span>
        </span>
      ))}
      {' = '}
      <Text span fw={700} c={value === null ? 'dimmed' : 'dark'} className="bf-mono" style={{ whiteSpace: 'nowrap' }}>
        {value === null ? '?' : t('visits.capacity.perPeriod', { value: num.int(value), period: t(`visits.capacity.periods.${period}`, { defaultValue: period }) })}
      </Text>
    </Text>
  );
}

export function CapacityPanel({
  draft,
  claims,
  rows,
  readOnly,
  onSubmit,
}: {
  draft: CapacityDraft | null;
  claims: ClaimCheck[];
  rows: CapacityRow[];
  readOnly: boolean;
  onSubmit: (claimId: string, note: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const num = useNum();
  const capacityClaims = claims.filter((c) => c.type === 'capacity' && c.value !== null);
  const [claimId, setClaimId] = useState<string | null>(capacityClaims.length === 1 ? capacityClaims[0].id : null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // A result that arrives (now, or when the connection is back) is brought into view.
  const results = useRef<HTMLDivElement>(null);
  const first = rows[0]?.server?.id ?? rows[0]?.key ?? null;
  const seen = useRef(first);
  useEffect(() => {
    if (first && first !== seen.current) results.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    seen.current = first;
  }, [first]);
  if (!draft) return null;
  const period = draft.inputs.workingDaysPerPeriod !== undefined ? 'month' : 'day';
  const claimOf = (id: string) => claims.find((c) => c.id === id);

  return (
    <Card data-testid="capacity-panel" padding="md">
      <Group gap="sm" mb="xs" wrap="nowrap">
        <IconScaleBalance size={22} />
        <Title order={4} fw={600}>
          {t('visits.capacity.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('visits.capacity.hint')}
      </Text>

      <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="capacity-preview" data-ready={draft.preview ? 'true' : 'false'}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
          {t('visits.capacity.formula')}
        </Text>
        <Formula inputs={draft.inputs} value={draft.preview?.value ?? null} period={period} />
        {draft.preview && (
          <Text size="xl" fw={700} mt="xs" data-testid="capacity-preview-value">
            {t('visits.capacity.perPeriod', { value: num.int(draft.preview.value), period: t(`visits.capacity.periods.${period}`) })}
          </Text>
        )}
        {draft.missing.length > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('visits.capacity.missing', { list: draft.missing.map((m) => (m.includes(' or ') ? t('visits.capacity.inputs.rateOrCycle') : t(`visits.capacity.inputs.${m}`))).join(', ') })}
          </Text>
        )}
        {draft.error && (
          <Text size="sm" c="red" mt={4}>
            {t(`visits.capacity.inputs.${draft.error.field}`, { defaultValue: draft.error.field })}: {draft.error.message}
          </Text>
        )}
      </Paper>

      {!readOnly && capacityClaims.length > 0 && (
        <Stack gap="sm" mt="md">
          <Radio.Group label={t('visits.capacity.claim')} value={claimId} onChange={setClaimId}>
            <Stack gap={6} mt={6}>
              {capacityClaims.map((c) => (
                <Radio.Card key={c.id} value={c.id} p="sm" radius="md" withBorder data-testid="capacity-claim" data-claim={c.productLine ?? c.title}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <Text size="sm" fw={600}>
                        {c.productLine ?? c.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('visits.capacity.claimed', { value: num.int(c.value), unit: c.unit ?? '', period: c.period ? t(`visits.capacity.periods.${c.period}`, { defaultValue: c.period }) : '' })}
                      </Text>
                    </div>
                    <ClaimBadge status={c.status} size="sm" testId="capacity-claim-status" />
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label={t('visits.capacity.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
          <Button
            h={52}
            size="lg"
            leftSection={<IconScaleBalance size={20} />}
            disabled={!draft.preview || !claimId}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onSubmit(claimId!, note);
                setNote('');
              } finally {
                setBusy(false);
              }
            }}
            data-testid="capacity-submit"
          >
            {t('visits.capacity.submit')}
          </Button>
        </Stack>
      )}

      {rows.length > 0 && <Divider my="md" />}
      <Stack gap="sm" ref={results}>
        {rows.map((r) =>
          r.server ? (
            <ObservationResult key={r.key} obs={r.server} claim={claimOf(r.server.claimId)} />
          ) : (
            <Alert key={r.key} color="orange" variant="light" icon={<IconInfo />} data-testid="capacity-result-pending">
              {t('visits.capacity.pending', { claim: claimOf(r.body!.claimId)?.productLine ?? claimOf(r.body!.claimId)?.title ?? '' })}
            </Alert>
          ),
        )}
      </Stack>
    </Card>
  );
}

export function ObservationResult({ obs, claim }: { obs: NonNullable<CapacityRow['server']>; claim: ClaimCheck | undefined }) {
  const { t } = useTranslation();
  const num = useNum();
  const claimPeriod = obs.claimed.period ?? obs.period;
  const per = (p: string) => t(`visits.capacity.periods.${p}`, { defaultValue: p });
  return (
    <Paper withBorder p="md" radius="md" data-testid="capacity-result" data-status={obs.status} data-superseded={obs.supersededBy ? 'true' : 'false'} style={obs.supersededBy ? { opacity: 0.6 } : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {obs.productLine ?? obs.claimTitle}
          </Text>
          <Text size="xs" c="dimmed">
            {obs.recordedBy.displayName}
          </Text>
          {obs.supersededBy && (
            <Badge size="xs" variant="outline" color="gray" tt="none" mt={4} data-testid="capacity-superseded">
              {t('visits.capacity.superseded')}
            </Badge>
          )}
        </div>
        <Badge size="lg" variant="filled" color={obs.status === 'supported' ? 'green' : 'red'} tt="none" data-testid="capacity-verdict" data-status={obs.status}>
          {t(`visits.claimStatus.${obs.status}`)}
        </Badge>
      </Group>
      <Group gap="xs" mt="sm" align="baseline" wrap="wrap">
        <div>
          <Text size="xs" c="dimmed">
            {t('visits.capacity.observed')}
          </Text>
          <Text size="xl" fw={700} data-testid="capacity-observed" style={{ whiteSpace: 'nowrap' }}>
            {t('visits.capacity.perPeriod', { value: num.int(obs.comparedValue), period: per(claimPeriod) })}
          </Text>
        </div>
        <Text size="sm" c={obs.status === 'supported' ? 'green.8' : 'red.8'} fw={600}>
          {t('visits.capacity.ofClaimBefore')}
          <span data-testid="capacity-ratio">{num.pct(obs.ratio)}</span>
          {t('visits.capacity.ofClaimAfter')}
        </Text>
      </Group>
      <SimpleGrid cols={2} spacing="xs" mt="xs">
        <Figure label={t('visits.capacity.claimedLabel')} value={t('visits.capacity.perPeriod', { value: num.int(obs.claimed.value), period: per(claimPeriod) })} />
        <Figure label={t('visits.capacity.threshold', { tolerance: num.pct(obs.tolerance) })} value={t('visits.capacity.perPeriod', { value: num.int(obs.threshold), period: per(claimPeriod) })} />
      </SimpleGrid>
      <Paper p="xs" mt="sm" bg="gray.0" radius="sm">
        <Formula inputs={obs.inputs} value={obs.value} period={obs.period} testId="capacity-formula" />
      </Paper>
      {claim && (
        <Group gap={6} mt="sm">
          <Text size="xs" c="dimmed">
            {t('visits.capacity.claimNow')}
          </Text>
          <ClaimBadge status={claim.status} size="sm" />
        </Group>
      )}
      {obs.note && (
        <Text size="xs" c="dimmed" mt={4}>
          {obs.note}
        </Text>
      )}
    </Paper>
  );
}

function Figure({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
