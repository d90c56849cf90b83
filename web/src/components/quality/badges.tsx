// Badges of the quality vocabulary (criticality, pass/fail, inspection severity, lot decisions, capacity
// status), so every quality screen colours the same thing the same way.
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capabilityClass } from '../../../../src/domain/browser.js';
import type { Criticality, LotInspection, SampleTest } from './types.js';

type Color = BadgeProps['color'];
const common = { radius: 'sm', tt: 'none', fw: 500 } as const;

export const CRITICALITY_COLORS: Record<Criticality, Color> = { critical: 'red', major: 'orange', minor: 'gray' };
export const VERDICT_COLORS: Record<'pass' | 'fail' | 'not_tested', Color> = { pass: 'green', fail: 'red', not_tested: 'gray' };
export const SEVERITY_COLORS: Record<string, Color> = { normal: 'blue', tightened: 'orange', reduced: 'teal', discontinued: 'red' };
export const DECISION_COLORS: Record<LotInspection['decision'], Color> = { accepted: 'green', 'accepted-normal-reinstated': 'green', 'not-accepted': 'red' };

export function CriticalityBadge({ criticality, size = 'sm', count }: { criticality: Criticality; size?: BadgeProps['size']; count?: number }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="light" color={CRITICALITY_COLORS[criticality]} data-testid="criticality-badge" data-criticality={criticality}>
      {count === undefined ? t(`quality.criticality.${criticality}`) : `${count} × ${t(`quality.criticality.${criticality}`)}`}
    </Badge>
  );
}

export function VerdictBadge({ verdict, size = 'sm' }: { verdict: 'pass' | 'fail' | 'not_tested'; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant={verdict === 'not_tested' ? 'light' : 'filled'} color={VERDICT_COLORS[verdict]} data-testid="verdict-badge" data-verdict={verdict}>
      {t(`quality.verdict.${verdict}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity, size = 'sm' }: { severity: string; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="light" color={SEVERITY_COLORS[severity] ?? 'gray'} data-testid="severity-badge" data-severity={severity}>
      {t(`quality.severity.${severity}`, { defaultValue: severity })}
    </Badge>
  );
}

export function DecisionBadge({ decision }: { decision: LotInspection['decision'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size="sm" variant="filled" color={DECISION_COLORS[decision]} data-testid="decision-badge" data-decision={decision}>
      {t(`quality.lots.decisions.${decision}`)}
    </Badge>
  );
}

export function RunByBadge({ runBy }: { runBy: SampleTest['runBy'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size="sm" variant="outline" color="gray" data-testid="run-by">
      {t(`quality.samples.runBy.${runBy}`)}
    </Badge>
  );
}

export function CapacityStatusBadge({ status, size = 'md' }: { status: 'supported' | 'contradicted' | null; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const color = status === 'supported' ? 'green' : status === 'contradicted' ? 'red' : 'gray';
  return (
    <Badge {...common} size={size} variant={status ? 'filled' : 'light'} color={color} data-testid="capacity-status" data-status={status ?? 'none'}>
      {t(`quality.capacity.status.${status ?? 'none'}`)}
    </Badge>
  );
}

/** A capability index with its colour by its class (src/domain/spc/capability.ts: ≥ 1.33 capable, ≥ 1.00 marginal). */
const CLASS_COLORS = { capable: 'green', marginal: 'yellow', not_capable: 'red' } as const;

export function indexColor(v: number | null | undefined): Color {
  if (v === null || v === undefined) return 'gray';
  return CLASS_COLORS[capabilityClass(v)];
}
