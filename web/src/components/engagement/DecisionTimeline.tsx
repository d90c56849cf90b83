// The phase timeline: every recorded decision with who, when, the rationale and the evidence relied on.
// An override stays highlighted forever, with its reason and the requirements that were unmet.
import { Alert, Badge, Group, List, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { IconAlert, IconArrowRight, IconCheck, IconHistory, IconInfo } from '../icons.js';
import { PhaseBadge } from './badges.js';
import { EvidenceChips } from './EvidenceChips.js';
import type { Evidence, TimelineEntry } from './types.js';

const DECISION_COLORS: Record<TimelineEntry['decision'], string> = {
  accept: 'teal',
  advance: 'brand',
  hold: 'yellow',
  reject: 'red',
  decline: 'red',
  withdraw: 'gray',
  terminate: 'red',
  policy_change: 'gray',
};

export function DecisionTimeline({
  timeline,
  evidence,
  requirementTitle,
  organizationNames,
}: {
  timeline: TimelineEntry[];
  evidence: ReadonlyMap<string, Evidence>;
  requirementTitle: (id: string) => string;
  organizationNames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (timeline.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="timeline-empty">
        {t('engagements.timeline.empty')}
      </Text>
    );
  }
  const items = [...timeline].reverse();
  return (
    <Timeline active={items.length} bulletSize={26} lineWidth={2} data-testid="timeline">
      {items.map((d) => {
        const Icon = d.decision === 'advance' || d.decision === 'accept' ? IconCheck : d.decision === 'policy_change' ? IconHistory : d.override ? IconAlert : IconInfo;
        return (
          <Timeline.Item
            key={d.id}
            color={d.override ? 'orange' : DECISION_COLORS[d.decision]}
            bullet={<Icon size={14} />}
            data-testid="timeline-item"
            data-decision={d.decision}
            data-override={d.override || undefined}
            title={
              <Group gap={8} wrap="wrap">
                <Text fw={600} size="sm">
                  {t(`vocab.decisions.${d.decision}`)}
                </Text>
                {d.fromPhase !== d.toPhase && (
                  <Group gap={4} wrap="nowrap">
                    <PhaseBadge phase={d.fromPhase} size="sm" />
                    <IconArrowRight size={14} />
                    <PhaseBadge phase={d.toPhase} size="sm" />
                  </Group>
                )}
                {d.override && (
                  <Badge color="orange" variant="filled" tt="none" fw={600} size="sm" data-testid="override-badge">
                    {t('engagements.timeline.override')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Text size="xs" c="dimmed" mt={2}>
              {t('engagements.timeline.by', {
                name: d.decidedBy.displayName,
                org: organizationNames.get(d.decidedByOrganizationId) ?? '',
                date: fmt.dateTime(d.decidedAt),
              })}
            </Text>
            <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }} data-testid="timeline-rationale">
              {d.rationale}
            </Text>
            {d.override && (
              <Alert color="orange" variant="light" mt="sm" p="sm" icon={<IconAlert />} title={t('engagements.timeline.overrideTitle')} data-testid="override-details">
                <Stack gap={6}>
                  <Text size="sm">
                    <b>{t('engagements.timeline.overrideReason')}</b> {d.overrideReason}
                  </Text>
                  {d.unmetRequirements.length > 0 && (
                    <div>
                      <Text size="sm" fw={600}>
                        {t('engagements.timeline.unmetAtDecision')}
                      </Text>
                      <List size="sm" spacing={2} mt={2}>
                        {d.unmetRequirements.map((r) => (
                          <List.Item key={r}>{requirementTitle(r)}</List.Item>
                        ))}
                      </List>
                    </div>
                  )}
                </Stack>
              </Alert>
            )}
            {d.evidenceIds.length > 0 && (
              <Stack gap={4} mt="sm">
                <Text size="xs" c="dimmed">
                  {t('engagements.timeline.reliedOn')}
                </Text>
                <EvidenceChips ids={d.evidenceIds} evidence={evidence} />
              </Stack>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
