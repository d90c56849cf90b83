// Badges of the pilot vocabulary: KPI status, pilot status, evaluation-point state, review decision.
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EvaluationPoint, KpiStatus, Pilot, Review } from './types.js';

type Color = BadgeProps['color'];
const common = { radius: 'sm', tt: 'none', fw: 500 } as const;
/** The label keeps its width: in a table cell sized to its content (a review's frozen values) a clipped label collapsed the badge to an empty square. */
const LABEL_KEEPS_WIDTH = { label: { overflow: 'visible', textOverflow: 'clip' } } as const;

export const KPI_STATUS_COLORS: Record<KpiStatus, Color> = { met: 'teal', at_risk: 'yellow', missed: 'red', no_data: 'gray' };
const PILOT_COLORS: Record<Pilot['status'], Color> = { running: 'blue', completed: 'teal', stopped: 'red' };
const POINT_COLORS: Record<EvaluationPoint['state'], Color> = { reviewed: 'teal', overdue: 'red', due: 'yellow', upcoming: 'gray', skipped: 'gray' };
const DECISION_COLORS: Record<Review['decision'], Color> = { continue: 'teal', adjust: 'yellow', stop: 'red' };

export function KpiStatusBadge({ status, size = 'sm' }: { status: KpiStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant={status === 'no_data' ? 'outline' : 'light'} color={KPI_STATUS_COLORS[status]} data-testid="kpi-status" data-status={status} style={{ flexShrink: 0, overflow: 'visible' }} styles={LABEL_KEEPS_WIDTH}>
      {t(`pilots.status.${status}`)}
    </Badge>
  );
}

export function PilotStatusBadge({ status }: { status: Pilot['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} variant="light" color={PILOT_COLORS[status]} data-testid="pilot-status" data-status={status}>
      {t(`pilots.pilotStatus.${status}`)}
    </Badge>
  );
}

export function PointStateBadge({ state }: { state: EvaluationPoint['state'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size="sm" variant="light" color={POINT_COLORS[state]} data-testid="point-state" data-state={state}>
      {t(`pilots.points.state.${state}`)}
    </Badge>
  );
}

export function DecisionBadge({ decision, final }: { decision: Review['decision']; final: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size="sm" variant="filled" color={DECISION_COLORS[decision]} data-testid="review-decision" data-decision={decision}>
      {t(final && decision === 'continue' ? 'pilots.review.decision.pass' : `pilots.review.decision.${decision}`)}
    </Badge>
  );
}
