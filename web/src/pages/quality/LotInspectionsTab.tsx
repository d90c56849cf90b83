// AQL lot inspections (ISO 2859-1): the buyer records a lot (the plan follows the switching state of the product
// and defect class, previewed as it is typed), and everyone sees the switching history per product and defect
// class: each lot's decision and every move between normal, tightened, reduced and discontinued inspection.
import { Alert, Autocomplete, Badge, Button, Card, Checkbox, Collapse, Grid, Group, NumberInput, Select, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LotInspectionInput } from '../../../../src/contracts/quality.js';
import { api } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconAlert } from '../../components/icons.js';
import { AQL_VALUES, AqlCalculator, PlanView, useLivePlan } from '../../components/quality/AqlPlan.js';
import { useEngagementSpecifications, useLotInspections, useRefreshQuality } from '../../components/quality/api.js';
import { CriticalityBadge, DecisionBadge, SEVERITY_COLORS, SeverityBadge } from '../../components/quality/badges.js';
import { useQualityFormat } from '../../components/quality/format.js';
import { IconBoxCheck } from '../../components/quality/icons.js';
import { CRITICALITIES, INSPECTION_LEVELS, type Criticality, type LotInspection, type Scheme } from '../../components/quality/types.js';
import { localDate, zonedIso } from '../../../../src/domain/browser.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors, useFieldErrors, validate } from '../../lib/validation.js';
import { isOpenPhase } from './open.js';
import { FormErrors } from '../../components/FormErrors.js';

export function LotInspectionsTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const data = useLotInspections(e.id);
  const canRecord = useCan('lot_inspection.record') && e.myRole === 'buyer' && isOpenPhase(e.phase);
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack gap="md">
          {canRecord ? data.data ? <RecordLot engagement={e} schemes={data.data.schemes} /> : null : <AqlCalculator />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        {data.isPending ? (
          <Loading />
        ) : data.isError ? (
          <ErrorAlert error={data.error} onRetry={() => void data.refetch()} />
        ) : data.data.schemes.length === 0 ? (
          <Card>
            <Empty icon={<IconBoxCheck size={22} />} title={t('quality.lots.empty')} description={t(e.myRole === 'buyer' ? 'quality.lots.emptyHintBuyer' : 'quality.lots.emptyHintSupplier')} />
          </Card>
        ) : (
          <Stack gap="md" data-testid="lot-schemes">
            {data.data.schemes.map((s) => (
              <SchemeCard key={`${s.product}|${s.defectClass}`} scheme={s} lots={data.data.lots.filter((l) => l.product === s.product && l.defectClass === s.defectClass)} />
            ))}
          </Stack>
        )}
      </Grid.Col>
    </Grid>
  );
}

function RecordLot({ engagement: e, schemes }: { engagement: Engagement; schemes: Scheme[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const specs = useEngagementSpecifications(e.id);
  const refresh = useRefreshQuality(e.id);
  // Products already inspected first (the form starts with the one inspected last), then the specified ones.
  const products = useMemo(() => [...new Set([...schemes.map((s) => s.product), ...(specs.data ?? []).map((s) => s.product)])], [specs.data, schemes]);
  const [product, setProduct] = useState('');
  const [defectClass, setDefectClass] = useState<Criticality>('major');
  const [lot, setLot] = useState('');
  const [lotSize, setLotSize] = useState<number | string>('');
  const [level, setLevel] = useState<string>('II');
  const [aql, setAql] = useState<string | null>('0.65');
  const [nonconforming, setNonconforming] = useState<number | string>('');
  const [inspectedOn, setInspectedOn] = useState(() => localDate(Date.now(), fmt.timeZone));
  const [note, setNote] = useState('');
  const [flags, setFlags] = useState({ resubmitted: false, productionSteady: true, authorityApprovesReduced: false, normalWarranted: false, correctiveActionAccepted: false });
  const [more, { toggle }] = useDisclosure(false);
  const { errors, setErrors, clear } = useFieldErrors();
  const productValue = product || products[0] || '';
  const scheme = schemes.find((s) => s.product === productValue && s.defectClass === defectClass);
  const severity = scheme?.status ?? 'normal';
  const effective = severity === 'discontinued' && flags.correctiveActionAccepted ? 'tightened' : severity;
  const plan = useLivePlan(lotSize, aql, level, effective);
  const nc = nonconforming === '' ? null : Number(nonconforming);

  const record = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<LotInspection>(`/api/v1/engagements/${encodeURIComponent(e.id)}/lot-inspections`, body),
    onSuccess: (l) => {
      void refresh();
      const moved = l.transitions.map((x) => `${t(`quality.severity.${x.from}`)} → ${t(`quality.severity.${x.to}`)}`).join(', ');
      notify.success(moved ? t('quality.lots.recordedSwitch', { lot: l.lot, decision: t(`quality.lots.decisions.${l.decision}`), moved }) : t('quality.lots.recorded', { lot: l.lot, decision: t(`quality.lots.decisions.${l.decision}`) }));
      setLot('');
      setNonconforming('');
      setNote('');
      setFlags((f) => ({ ...f, resubmitted: false, correctiveActionAccepted: false }));
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
    meta: { handlesErrors: true },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const body = {
      product: productValue,
      defectClass,
      lot,
      lotSize: lotSize === '' ? undefined : Number(lotSize),
      inspectionLevel: level,
      aql: aql === null ? undefined : Number(aql),
      nonconforming: nc ?? undefined,
      inspectedAt: inspectedOn ? zonedIso(inspectedOn, '12:00', fmt.timeZone) : undefined,
      ...flags,
      note: note.trim() || null,
    };
    const v = validate(LotInspectionInput, body, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    record.mutate(body);
  };

  return (
    <Card data-testid="lot-form-card">
      <form onSubmit={submit} noValidate data-testid="lot-form">
        <Title order={4} fw={600} mb="xs">
          {t('quality.lots.recordTitle')}
        </Title>
        <Stack gap="sm">
          <Grid gap="sm">
            <Grid.Col span={8}>
              <Autocomplete
                label={t('quality.lots.form.product')}
                withAsterisk
                data={products}
                value={productValue}
                onChange={(v) => {
                  setProduct(v);
                  clear('product');
                }}
                error={errors.product}
                data-testid="lot-product"
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label={t('quality.lots.form.defectClass')}
                data={CRITICALITIES.map((c) => ({ value: c, label: t(`quality.criticality.${c}`) }))}
                value={defectClass}
                onChange={(v) => v && setDefectClass(v as Criticality)}
                allowDeselect={false}
                data-testid="lot-defect-class"
              />
            </Grid.Col>
          </Grid>
          <Group gap={6} data-testid="lot-current-severity">
            <Text size="xs" c="dimmed">
              {t('quality.lots.currentSeverity')}
            </Text>
            <SeverityBadge severity={severity} />
            {scheme && (
              <Text size="xs" c="dimmed">
                {t('quality.lots.schemeSummary', { count: scheme.lots, score: scheme.switchingScore })}
              </Text>
            )}
          </Group>
          {severity === 'discontinued' && (
            <Alert color="red" variant="light" p="xs" icon={<IconAlert size={16} />}>
              <Text size="xs">{t('quality.lots.discontinuedHint')}</Text>
            </Alert>
          )}
          <Grid gap="sm">
            <Grid.Col span={6}>
              <TextInput
                label={t('quality.lots.form.lot')}
                withAsterisk
                value={lot}
                onChange={(ev) => {
                  setLot(ev.currentTarget.value);
                  clear('lot');
                }}
                error={errors.lot}
                data-testid="lot-id"
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <NumberInput
                label={t('quality.lots.form.lotSize')}
                withAsterisk
                min={2}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=" "
                value={lotSize}
                onChange={(v) => {
                  setLotSize(v);
                  clear('lotSize');
                }}
                error={errors.lotSize}
                data-testid="lot-size"
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <Select label={t('quality.lots.form.levelShort')} title={t('quality.lots.form.level')} data={INSPECTION_LEVELS.map((l) => ({ value: l, label: l }))} value={level} onChange={(v) => v && setLevel(v)} allowDeselect={false} data-testid="lot-level" />
            </Grid.Col>
            <Grid.Col span={3}>
              <Select
                label={t('quality.lots.form.aql')}
                data={AQL_VALUES}
                value={aql}
                onChange={(v) => {
                  setAql(v);
                  clear('aql');
                }}
                searchable
                error={errors.aql}
                data-testid="lot-aql"
              />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput type="date" label={t('quality.lots.form.inspectedOn')} value={inspectedOn} onChange={(ev) => setInspectedOn(ev.currentTarget.value)} error={errors.inspectedAt} />
            </Grid.Col>
          </Grid>
          <Card withBorder padding="sm" bg="gray.0">
            <Text size="xs" fw={600} c="dimmed" mb={6}>
              {t('quality.lots.planUnder', { severity: t(`quality.severity.${effective}`) })}
            </Text>
            {severity === 'discontinued' && !flags.correctiveActionAccepted ? (
              <Text size="sm" c="dimmed">
                {t('quality.lots.noPlanDiscontinued')}
              </Text>
            ) : (
              <PlanView plan={plan.enabled ? plan.data : undefined} loading={plan.isFetching} error={plan.enabled ? plan.error : null} nonconforming={nc} />
            )}
          </Card>
          <NumberInput
            label={t('quality.lots.form.nonconforming')}
            description={t('quality.lots.form.nonconformingHint')}
            withAsterisk
            min={0}
            allowDecimal={false}
            allowNegative={false}
            value={nonconforming}
            onChange={(v) => {
              setNonconforming(v);
              clear('nonconforming');
            }}
            error={errors.nonconforming}
            data-testid="lot-nonconforming"
          />
          <Textarea label={t('quality.lots.form.note')} autosize minRows={1} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} data-testid="lot-note" />
          <Checkbox label={t('quality.lots.form.resubmitted')} description={t('quality.lots.form.resubmittedHint')} checked={flags.resubmitted} onChange={(ev) => setFlags({ ...flags, resubmitted: ev.currentTarget.checked })} />
          <Button variant="subtle" size="xs" onClick={toggle} style={{ alignSelf: 'flex-start' }} px={0}>
            {more ? t('quality.lots.form.lessConditions') : t('quality.lots.form.moreConditions')}
          </Button>
          <Collapse expanded={more}>
            <Stack gap="xs">
              <Checkbox label={t('quality.lots.form.productionSteady')} checked={flags.productionSteady} onChange={(ev) => setFlags({ ...flags, productionSteady: ev.currentTarget.checked })} />
              <Checkbox label={t('quality.lots.form.authorityApprovesReduced')} checked={flags.authorityApprovesReduced} onChange={(ev) => setFlags({ ...flags, authorityApprovesReduced: ev.currentTarget.checked })} />
              <Checkbox label={t('quality.lots.form.normalWarranted')} checked={flags.normalWarranted} onChange={(ev) => setFlags({ ...flags, normalWarranted: ev.currentTarget.checked })} />
              <Checkbox label={t('quality.lots.form.correctiveActionAccepted')} checked={flags.correctiveActionAccepted} onChange={(ev) => setFlags({ ...flags, correctiveActionAccepted: ev.currentTarget.checked })} />
            </Stack>
          </Collapse>
          <FormErrors errors={errors} error={record.isError ? record.error : undefined} testId="lot-error" />
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending} data-testid="lot-submit">
              {t('quality.lots.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** One switching scheme (product × defect class): where it stands and how it got there, newest first. */
function SchemeCard({ scheme: s, lots }: { scheme: Scheme; lots: LotInspection[] }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const q = useQualityFormat();
  const items = [...lots].sort((a, b) => b.seq - a.seq);
  const accepted = lots.filter((l) => l.decision !== 'not-accepted').length;
  return (
    <Card data-testid="lot-scheme" data-product={s.product} data-defect-class={s.defectClass} data-status={s.status}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Group gap="xs">
            <Text fw={600} ff="monospace">
              {s.product}
            </Text>
            <CriticalityBadge criticality={s.defectClass} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t('quality.lots.schemeLine', { count: s.lots, accepted, score: s.switchingScore })}
          </Text>
        </div>
        <Stack gap={2} align="flex-end">
          <Text size="10px" c="dimmed" tt="uppercase" fw={600}>
            {t('quality.lots.inspectionNow')}
          </Text>
          <SeverityBadge severity={s.status} size="lg" />
        </Stack>
      </Group>
      <SeverityStrip lots={[...lots].sort((a, b) => a.seq - b.seq)} />
      <Timeline bulletSize={20} lineWidth={2} mt="md" data-testid="switching-history">
        {items.map((l) => {
          const notAccepted = l.decision === 'not-accepted';
          return [
            ...l.transitions.map((x, i) => (
              <Timeline.Item
                key={`${l.id}-t${i}`}
                color={SEVERITY_COLORS[x.to] as string}
                bullet={<span style={{ fontSize: 11 }}>⇅</span>}
                data-testid="switch-event"
                data-from={x.from}
                data-to={x.to}
                title={
                  <Group gap={6}>
                    <SeverityBadge severity={x.from} />
                    <Text size="sm">→</Text>
                    <SeverityBadge severity={x.to} />
                    <Text size="sm" fw={600}>
                      {t(`quality.lots.reasons.${x.reason}`, { defaultValue: x.reason })}
                    </Text>
                  </Group>
                }
              >
                {i18n.language.startsWith('en') && (
                  <Text size="xs" c="dimmed">
                    {x.detail}
                  </Text>
                )}
              </Timeline.Item>
            )),
            <Timeline.Item
              key={l.id}
              color={notAccepted ? 'red' : 'green'}
              bullet={<span style={{ fontSize: 10, fontWeight: 700 }}>{l.seq}</span>}
              data-testid="lot-event"
              data-lot={l.lot}
              data-decision={l.decision}
              title={
                <Group gap={6}>
                  <Text size="sm" fw={600} ff="monospace">
                    {l.lot}
                  </Text>
                  <DecisionBadge decision={l.decision} />
                  <SeverityBadge severity={l.severity} size="xs" />
                  {l.resubmitted && (
                    <Badge size="xs" variant="outline" color="gray" tt="none">
                      {t('quality.lots.resubmitted')}
                    </Badge>
                  )}
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {t('quality.lots.lotLine', {
                  date: fmt.date(l.inspectedAt),
                  lotSize: q.integer(l.lotSize),
                  level: l.inspectionLevel,
                  aql: l.aql,
                  n: l.plan.sampleSize === null ? '—' : q.integer(l.plan.sampleSize),
                  ac: l.plan.accept,
                  re: l.plan.reject,
                  found: l.nonconforming,
                })}
                {l.plan.hundredPercent ? ` · ${t('quality.aql.hundredShort')}` : ''} · {l.recordedBy.displayName}
              </Text>
              {l.note && (
                <Text size="xs" fs="italic" c="dimmed">
                  {l.note}
                </Text>
              )}
            </Timeline.Item>,
          ];
        })}
      </Timeline>
    </Card>
  );
}

/** The severity each lot was inspected under, left to right, with the rejected lots marked. */
function SeverityStrip({ lots }: { lots: LotInspection[] }) {
  const { t } = useTranslation();
  if (lots.length === 0) return null;
  return (
    <div>
      <Group gap={3} wrap="nowrap" data-testid="severity-strip">
        {lots.map((l) => (
          <div
            key={l.id}
            title={`${l.lot}: ${t(`quality.severity.${l.severity}`)} · ${t(`quality.lots.decisions.${l.decision}`)}`}
            style={{
              flex: 1,
              height: 18,
              minWidth: 8,
              borderRadius: 3,
              background: `var(--mantine-color-${SEVERITY_COLORS[l.severity] as string}-${l.decision === 'not-accepted' ? 7 : 3})`,
              border: l.decision === 'not-accepted' ? '2px solid var(--mantine-color-red-7)' : undefined,
            }}
          />
        ))}
        <div
          title={t(`quality.severity.${lots[lots.length - 1]!.statusAfter}`)}
          style={{ width: 18, height: 18, borderRadius: 9, background: `var(--mantine-color-${SEVERITY_COLORS[lots[lots.length - 1]!.statusAfter] as string}-5)` }}
        />
      </Group>
      <Group justify="space-between" mt={2}>
        <Text size="10px" c="dimmed">
          {t('quality.lots.stripFirst')}
        </Text>
        <Text size="10px" c="dimmed">
          {t('quality.lots.stripNow')}
        </Text>
      </Group>
    </div>
  );
}
