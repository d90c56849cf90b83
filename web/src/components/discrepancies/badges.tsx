import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiscrepancySeverity } from '../../../../src/domain/browser.js';

const SEVERITY_COLOR: Record<DiscrepancySeverity, string> = { critical: 'red', major: 'orange', minor: 'yellow' };

export function SeverityBadge({ severity, size = 'sm' }: { severity: DiscrepancySeverity; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="light" size={size} tt="none" data-testid="severity-badge" data-severity={severity}>
      {t(`discrepancies.severity.${severity}`)}
    </Badge>
  );
}

export function LevelBadge({ level, size = 'sm' }: { level: number; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={level === 0 ? 'teal' : level === 1 ? 'orange' : 'red'} variant={level === 0 ? 'light' : 'filled'} size={size} tt="none" data-testid="escalation-level" data-level={level}>
      {level === 0 ? t('discrepancies.level.none') : t('discrepancies.level.level', { level })}
    </Badge>
  );
}

export function ClosureBadge({ status, closedOnTime, closureRequested }: { status: 'open' | 'closed'; closedOnTime: boolean | null; closureRequested: boolean }) {
  const { t } = useTranslation();
  if (status === 'closed') {
    return (
      <Badge color={closedOnTime ? 'teal' : 'red'} variant="light" tt="none" data-testid="status-badge" data-status="closed">
        {closedOnTime ? t('discrepancies.list.closedOnTime') : t('discrepancies.list.closedLate')}
      </Badge>
    );
  }
  return (
    <Badge color={closureRequested ? 'blue' : 'gray'} variant="light" tt="none" data-testid="status-badge" data-status="open">
      {closureRequested ? t('discrepancies.list.closureRequested') : t('discrepancies.status.open')}
    </Badge>
  );
}
