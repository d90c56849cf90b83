// Badges of the visit vocabulary, coloured the same everywhere.
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VisitOutcome, VisitStatus, VisitType } from '../../../../src/contracts/visits.js';
import type { ClaimStatus, FindingSeverity } from '../../../../src/domain/browser.js';

type Color = BadgeProps['color'];
const common = { radius: 'sm', tt: 'none', fw: 500 } as const;

export const VISIT_STATUS_COLORS: Record<VisitStatus, Color> = {
  proposed: 'blue',
  rescheduling: 'yellow',
  confirmed: 'teal',
  in_progress: 'indigo',
  declined: 'red',
  closed: 'dark',
  cancelled: 'gray',
};
export const SEVERITY_COLORS: Record<FindingSeverity, Color> = { major: 'red', minor: 'orange', observation: 'blue' };
export const OUTCOME_COLORS: Record<VisitOutcome, Color> = { satisfactory: 'green', satisfactory_with_actions: 'yellow', unsatisfactory: 'red' };
const CLAIM_COLORS: Record<ClaimStatus, Color> = { unverified: 'gray', supported: 'green', contradicted: 'red' };

export function VisitStatusBadge({ status, size = 'md' }: { status: VisitStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="light" color={VISIT_STATUS_COLORS[status]} data-testid="visit-status" data-status={status}>
      {t(`visits.status.${status}`)}
    </Badge>
  );
}

export function VisitTypeBadge({ type, size = 'md' }: { type: VisitType; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="outline" color="gray" data-testid="visit-type">
      {t(`visits.types.${type}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity, size = 'sm' }: { severity: FindingSeverity; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="filled" color={SEVERITY_COLORS[severity]} data-testid="finding-severity" data-severity={severity}>
      {t(`visits.severity.${severity}`)}
    </Badge>
  );
}

export function OutcomeBadge({ outcome, size = 'md' }: { outcome: VisitOutcome; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="filled" color={OUTCOME_COLORS[outcome]} data-testid="visit-outcome" data-outcome={outcome}>
      {t(`visits.outcomes.${outcome}`)}
    </Badge>
  );
}

/** Supported / contradicted / unverified, as a claim now stands in the engagement. */
export function ClaimBadge({ status, size = 'md', testId = 'claim-status' }: { status: ClaimStatus; size?: BadgeProps['size']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant={status === 'unverified' ? 'light' : 'filled'} color={CLAIM_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`visits.claimStatus.${status}`)}
    </Badge>
  );
}
