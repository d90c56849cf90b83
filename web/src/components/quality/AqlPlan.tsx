// ISO 2859-1 sampling plans: the plan for what is typed (lot size, AQL, inspection level, severity), updated as
// you type, and a small calculator around it.
import { Alert, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/validation.js';
import { IconAlert } from '../icons.js';
import { useAqlPlan } from './api.js';
import { useQualityFormat } from './format.js';
import { IconCalculator } from './icons.js';
import { INSPECTION_LEVELS, SEVERITIES, type AqlPlan } from './types.js';

/** The preferred AQL values of ISO 2859-1 (percent nonconforming, or nonconformities per 100 items). */
export const AQL_VALUES = ['0.010', '0.015', '0.025', '0.040', '0.065', '0.10', '0.15', '0.25', '0.40', '0.65', '1.0', '1.5', '2.5', '4.0', '6.5', '10', '15', '25', '40', '65', '100', '150', '250', '400', '650', '1000'];

export function useLivePlan(lotSize: number | string, aql: string | null, level: string, severity: string) {
  const size = typeof lotSize === 'number' ? lotSize : Number(lotSize);
  const usable = Number.isInteger(size) && size >= 2 && aql !== null && Number(aql) > 0 && severity !== 'discontinued';
  const [q] = useDebouncedValue(usable ? { lotSize: size, aql: Number(aql), level, severity } : null, 200);
  const plan = useAqlPlan(q);
  return { ...plan, enabled: usable };
}

export function planSentence(p: AqlPlan, t: (k: string, o?: Record<string, unknown>) => string, n: (x: number) => string): string {
  const parts = [t('quality.aql.sentence.code', { lotSize: n(p.lotSize), level: p.level, code: p.codeLetter })];
  if (p.planLetter !== p.codeLetter) parts.push(t('quality.aql.sentence.arrow', { plan: p.planLetter, n: n(p.planSampleSize) }));
  parts.push(t('quality.aql.sentence.plan', { severity: t(`quality.severity.${p.severity}`), aql: p.aql, n: n(p.sampleSize), ac: p.accept, re: p.reject }));
  if (p.hundredPercent) parts.push(t('quality.aql.sentence.hundred', { n: n(p.planSampleSize), lotSize: n(p.lotSize) }));
  return parts.join(' ');
}

/** The plan as three big numbers (n, Ac, Re) with its explanation. */
export function PlanView({ plan, loading, error, nonconforming }: { plan: AqlPlan | undefined; loading?: boolean; error?: unknown; nonconforming?: number | null }) {
  const { t } = useTranslation();
  const q = useQualityFormat();
  if (error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} data-testid="aql-plan-error">
        {errorText(error, t)}
      </Alert>
    );
  }
  if (!plan) {
    return (
      <Text size="sm" c="dimmed" data-testid="aql-plan-empty">
        {t('quality.aql.typeToSee')}
      </Text>
    );
  }
  const verdict = nonconforming === null || nonconforming === undefined ? null : nonconforming <= plan.accept ? 'accept' : nonconforming >= plan.reject ? 'reject' : 'between';
  return (
    <Stack gap="xs" data-testid="aql-plan" data-sample-size={plan.sampleSize} data-accept={plan.accept} data-reject={plan.reject} style={{ opacity: loading ? 0.6 : 1 }}>
      <SimpleGrid cols={4} spacing="xs">
        <Figure label={t('quality.aql.codeLetter')} value={plan.planLetter === plan.codeLetter ? plan.codeLetter : `${plan.codeLetter} → ${plan.planLetter}`} />
        <Figure label={t('quality.aql.sampleSize')} value={q.integer(plan.sampleSize)} testId="aql-n" strong />
        <Figure label={t('quality.aql.accept')} value={String(plan.accept)} testId="aql-ac" color="green.8" />
        <Figure label={t('quality.aql.reject')} value={String(plan.reject)} testId="aql-re" color="red.8" />
      </SimpleGrid>
      {plan.hundredPercent && (
        <Alert color="orange" variant="light" p="xs" data-testid="aql-hundred">
          <Text size="xs">{t('quality.aql.hundredPercent', { lotSize: q.integer(plan.lotSize) })}</Text>
        </Alert>
      )}
      <Text size="xs" c="dimmed" data-testid="aql-explanation">
        {planSentence(plan, t, q.integer)}
      </Text>
      {verdict && (
        <Text size="sm" fw={600} c={verdict === 'accept' ? 'green.8' : 'red.8'} data-testid="aql-would">
          {t(`quality.aql.would.${verdict}`, { count: nonconforming ?? 0 })}
        </Text>
      )}
    </Stack>
  );
}

function Figure({ label, value, testId, strong, color }: { label: string; value: string; testId?: string; strong?: boolean; color?: string }) {
  return (
    <Paper withBorder radius="md" p={8} ta="center">
      <Text size="10px" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.3 }}>
        {label}
      </Text>
      <Text size={strong ? 'xl' : 'lg'} fw={700} c={color} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Paper>
  );
}

/** The sampling plan calculator: type a lot size, AQL, level and severity, see n, Ac and Re. */
export function AqlCalculator() {
  const { t } = useTranslation();
  const [lotSize, setLotSize] = useState<number | string>(3000);
  const [aql, setAql] = useState<string | null>('0.65');
  const [level, setLevel] = useState<string>('II');
  const [severity, setSeverity] = useState<string>('normal');
  const plan = useLivePlan(lotSize, aql, level, severity);
  return (
    <Paper withBorder radius="md" p="md" data-testid="aql-calculator">
      <Group gap="xs" mb="sm">
        <ThemeIcon variant="light" size="md">
          <IconCalculator size={16} />
        </ThemeIcon>
        <Text fw={600} size="sm">
          {t('quality.aql.calculator')}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mb="sm">
        <NumberInput size="xs" label={t('quality.lots.form.lotSize')} min={2} allowDecimal={false} thousandSeparator=" " value={lotSize} onChange={setLotSize} data-testid="calc-lot-size" />
        <Select size="xs" label={t('quality.lots.form.aql')} data={AQL_VALUES} value={aql} onChange={setAql} searchable data-testid="calc-aql" />
        <Select size="xs" label={t('quality.lots.form.level')} data={INSPECTION_LEVELS.map((l) => ({ value: l, label: l }))} value={level} onChange={(v) => v && setLevel(v)} allowDeselect={false} />
        <Select
          size="xs"
          label={t('quality.lots.form.severity')}
          data={SEVERITIES.map((s) => ({ value: s, label: t(`quality.severity.${s}`) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v)}
          allowDeselect={false}
        />
      </SimpleGrid>
      <PlanView plan={plan.enabled ? plan.data : undefined} loading={plan.isFetching} error={plan.enabled ? plan.error : null} />
    </Paper>
  );
}
