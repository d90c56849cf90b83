// Badges for the verification vocabulary (phases, provenance, claim status, requirement state, validity,
// message kinds), so every screen colours the same thing the same way.
import { Badge, Group, Text, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClaimStatus, EngagementPhase, MessageKind, Provenance, RequirementState } from '../../../../src/domain/browser.js';
import type { Evidence } from './types.js';

type Color = BadgeProps['color'];

export const PHASE_COLORS: Record<EngagementPhase, Color> = {
  proposed: 'gray',
  credibility: 'blue',
  capability_validation: 'indigo',
  operational_compatibility: 'violet',
  partnership: 'teal',
  rejected: 'red',
  withdrawn: 'gray',
  terminated: 'red',
};

export const PROVENANCE_COLORS: Record<Provenance, Color> = {
  self_declared: 'gray',
  documented: 'blue',
  third_party: 'grape',
  observed: 'teal',
};

export const CLAIM_STATUS_COLORS: Record<ClaimStatus, Color> = { unverified: 'gray', supported: 'green', contradicted: 'red' };

export const REQUIREMENT_STATE_COLORS: Record<RequirementState, Color> = { met: 'green', partly_met: 'yellow', unmet: 'red', waived: 'violet' };

export const VALIDITY_COLORS: Record<Evidence['validity'], Color> = {
  valid: 'green',
  expiring_60: 'yellow',
  expiring_30: 'orange',
  expired: 'red',
  not_yet_valid: 'gray',
  no_expiry: 'gray',
};

export const MESSAGE_KIND_COLORS: Record<MessageKind, Color> = {
  technical_inquiry: 'blue',
  response: 'teal',
  progress_update: 'gray',
  proactive_disclosure: 'grape',
  escalation: 'red',
};

const common = { radius: 'sm', tt: 'none', fw: 500 } as const;

export function PhaseBadge({ phase, size = 'md' }: { phase: EngagementPhase; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size={size} variant="light" color={PHASE_COLORS[phase]} data-testid="phase-badge" data-phase={phase}>
      {t(`vocab.phases.${phase}`)}
    </Badge>
  );
}

export function ProvenanceBadge({ provenance, size = 'sm' }: { provenance: Provenance; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`vocab.provenanceHints.${provenance}`)} withArrow multiline maw={300}>
      <Badge {...common} size={size} variant="dot" color={PROVENANCE_COLORS[provenance]} data-testid="provenance-badge">
        {t(`vocab.provenance.${provenance}`)}
      </Badge>
    </Tooltip>
  );
}

export function ClaimStatusBadge({ status, provenance }: { status: ClaimStatus; provenance?: Provenance | null }) {
  const { t } = useTranslation();
  const label = status === 'supported' && provenance ? t('vocab.claimStatusWith', { status: t(`vocab.claimStatus.${status}`), provenance: t(`vocab.provenance.${provenance}`) }) : t(`vocab.claimStatus.${status}`);
  return (
    <Badge {...common} variant={status === 'unverified' ? 'light' : 'filled'} color={CLAIM_STATUS_COLORS[status]} data-testid="claim-status" data-status={status}>
      {label}
    </Badge>
  );
}

export function RequirementStateBadge({ state }: { state: RequirementState }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} variant="filled" color={REQUIREMENT_STATE_COLORS[state]} data-testid="requirement-state" data-state={state} miw={84}>
      {t(`vocab.requirementStates.${state}`)}
    </Badge>
  );
}

export function ValidityBadge({ evidence }: { evidence: Pick<Evidence, 'validity' | 'validTo'> }) {
  const { t } = useTranslation();
  const days = evidence.validTo ? Math.ceil((new Date(evidence.validTo).getTime() - Date.now()) / 86_400_000) : null;
  return (
    <Badge {...common} size="sm" variant="light" color={VALIDITY_COLORS[evidence.validity]} data-testid="validity-badge" data-validity={evidence.validity}>
      {evidence.validity === 'expiring_60' || evidence.validity === 'expiring_30' ? t('vocab.validityDays', { count: Math.max(days ?? 0, 0) }) : t(`vocab.validity.${evidence.validity}`)}
    </Badge>
  );
}

export function MessageKindBadge({ kind }: { kind: MessageKind }) {
  const { t } = useTranslation();
  return (
    <Badge {...common} size="sm" variant="light" color={MESSAGE_KIND_COLORS[kind]} data-testid="message-kind">
      {t(`vocab.messageKinds.${kind}`)}
    </Badge>
  );
}

/** Small outline tags (categories, processes, products). */
export function Tags({ items, empty }: { items: readonly string[]; empty?: string }) {
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {empty ?? '—'}
      </Text>
    );
  return (
    <Group gap={4}>
      {items.map((c) => (
        <Badge key={c} variant="outline" color="gray" tt="none" fw={500} size="sm">
          {c}
        </Badge>
      ))}
    </Group>
  );
}
