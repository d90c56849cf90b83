// credibility → capability validation → operational compatibility → partnership, with the closed states.
import { Alert, Stepper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLOSED_PHASES, type EngagementPhase, OPEN_PHASES } from '../../../../src/domain/browser.js';
import { IconAlert } from '../icons.js';
import type { Engagement } from './types.js';

/** The last open phase an engagement reached (for closed ones: where it was closed). */
function reachedIndex(e: Engagement): number {
  if ((OPEN_PHASES as readonly string[]).includes(e.phase)) return OPEN_PHASES.indexOf(e.phase as (typeof OPEN_PHASES)[number]);
  const closing = [...e.timeline].reverse().find((d) => d.toPhase === e.phase);
  const from = closing?.fromPhase as EngagementPhase | undefined;
  return from && (OPEN_PHASES as readonly string[]).includes(from) ? OPEN_PHASES.indexOf(from as (typeof OPEN_PHASES)[number]) : -1;
}

export function PhaseStepper({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const closed = (CLOSED_PHASES as readonly string[]).includes(e.phase);
  const reached = reachedIndex(e);
  return (
    <div data-testid="phase-stepper" data-phase={e.phase}>
      <Stepper active={closed ? reached : e.phase === 'proposed' ? -1 : reached} size="sm" allowNextStepsSelect={false} color={closed ? 'gray' : undefined} iconSize={30}>
        {OPEN_PHASES.map((p, i) => (
          <Stepper.Step
            key={p}
            label={t(`vocab.phases.${p}`)}
            description={t(`vocab.phaseGoals.${p}`)}
            color={closed && i === reached ? 'red' : undefined}
            data-testid={`phase-step-${p}`}
            data-current={p === e.phase || undefined}
          />
        ))}
      </Stepper>
      {closed && (
        <Alert mt="md" color="red" variant="light" icon={<IconAlert />} data-testid="phase-closed">
          <Text size="sm" fw={600}>
            {t(`vocab.phases.${e.phase}`)}
          </Text>
          <Text size="sm">{reached >= 0 ? t('engagements.closedIn', { phase: t(`vocab.phases.${OPEN_PHASES[reached]}`) }) : t('engagements.closedBeforeStart')}</Text>
        </Alert>
      )}
    </div>
  );
}
