// Evidence referenced by id (a requirement's deciding evidence, a decision's evidence, a fired rule): a chip
// with the title, coloured by provenance, opening the details and the attached files.
import { Anchor, Badge, Group, Popover, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconDownload, IconFiles } from '../icons.js';
import { PROVENANCE_COLORS, ProvenanceBadge, ValidityBadge } from './badges.js';
import { ComputationDetails } from './ComputationDetails.js';
import { useEvidenceTitle } from './evidenceTitle.js';
import { useDay } from './format.js';
import type { Evidence } from './types.js';

/** Chips shown before "+N more": a score input can rest on a batch record per lot, dozens of them. */
const FIRST_CHIPS = 6;

export function EvidenceChips({
  ids,
  evidence,
  verdicts,
  empty,
}: {
  ids: readonly string[];
  evidence: ReadonlyMap<string, Evidence>;
  verdicts?: ReadonlyMap<string, string>;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (ids.length === 0) return empty ? <>{empty}</> : null;
  const shown = all || ids.length <= FIRST_CHIPS + 1 ? ids : ids.slice(0, FIRST_CHIPS);
  return (
    <Group gap={6} data-testid="evidence-chips">
      {shown.map((id) => {
        const e = evidence.get(id);
        const verdict = verdicts?.get(id);
        if (!e) {
          return (
            <Badge key={id} variant="outline" color="gray" tt="none" fw={500} size="sm" className="bf-mono">
              {t('evidence.notVisible')}
            </Badge>
          );
        }
        return <EvidenceChip key={id} evidence={e} verdict={verdict} />;
      })}
      {shown.length < ids.length && (
        <Anchor component="button" type="button" size="xs" onClick={() => setAll(true)} data-testid="evidence-chips-more">
          {t('evidence.moreChips', { count: ids.length - shown.length })}
        </Anchor>
      )}
    </Group>
  );
}

export function EvidenceChip({ evidence: e, verdict }: { evidence: Evidence; verdict?: string }) {
  const { t } = useTranslation();
  const title = useEvidenceTitle()(e);
  const notCounted = verdict && verdict !== 'counted';
  return (
    <Popover width={380} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton data-testid="evidence-chip" aria-label={title} style={{ maxWidth: '100%', minWidth: 0 }}>
          <Badge
            variant={notCounted ? 'outline' : 'light'}
            color={notCounted ? 'gray' : PROVENANCE_COLORS[e.provenance]}
            tt="none"
            fw={500}
            size="md"
            radius="sm"
            leftSection={<IconFiles size={12} />}
            miw={0}
            style={{ maxWidth: 'min(360px, 100%)', cursor: 'pointer', textDecoration: verdict === 'expired' ? 'line-through' : undefined }}
          >
            {title}
            {notCounted ? ` · ${t(`readiness.verdicts.${verdict}`)}` : ''}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <EvidenceDetails evidence={e} />
      </Popover.Dropdown>
    </Popover>
  );
}

/** Attributes that are references for machines (ids) or repeat what the title already says. */
const HIDDEN_ATTRIBUTES = new Set(['importId', 'visitId', 'findingId', 'claimId', 'derivedFrom', 'evidenceId', 'engagementId']);
/** Attribute values that are codes, worded by their vocabulary. */
const CODED_ATTRIBUTES: Record<string, string> = { visitType: 'visits.types', outcome: 'visits.outcomes', severity: 'visits.severity', verdict: 'serverText.words', status: 'serverText.words', runBy: 'visits.sides' };
/** System titles whose description is the system's English wording of the same facts. */
const SYSTEM_DESCRIPTIONS = new Set(['batch_test_record', 'production_logs_import', 'demonstrated_capacity', 'sample_test', 'observed_capacity', 'visit_finding']);

export function EvidenceDetails({ evidence: e }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const day = useDay();
  const title = useEvidenceTitle()(e);
  const attrs = Object.entries(e.attributes).filter(([k, v]) => !HIDDEN_ATTRIBUTES.has(k) && !k.endsWith('Id') && v !== '');
  const showDescription = e.description && !(e.generatedTitle && SYSTEM_DESCRIPTIONS.has(e.generatedTitle.key));
  if (e.computed) {
    return (
      <Stack gap="xs" data-testid="evidence-details" data-computed="true">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`vocab.evidenceKinds.${e.kind}`)}
          </Text>
          <Text fw={600} size="sm">
            {title}
          </Text>
        </div>
        <Group gap={6}>
          <ProvenanceBadge provenance={e.provenance} />
          <ValidityBadge evidence={e} />
        </Group>
        <ComputationDetails evidence={e} />
      </Stack>
    );
  }
  return (
    <Stack gap="xs" data-testid="evidence-details">
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t(`vocab.evidenceKinds.${e.kind}`)}
        </Text>
        <Text fw={600} size="sm">
          {title}
        </Text>
      </div>
      <Group gap={6}>
        <ProvenanceBadge provenance={e.provenance} />
        <ValidityBadge evidence={e} />
      </Group>
      <Table withRowBorders={false} verticalSpacing={2} fz="xs" layout="fixed">
        <Table.Tbody>
          {e.issuer && <Row label={t('evidence.issuer')}>{e.issuer}</Row>}
          {e.issuedAt && <Row label={t('evidence.issuedAt')}>{day(e.issuedAt)}</Row>}
          {(e.validFrom || e.validTo) && (
            <Row label={t('evidence.validity')}>
              {day(e.validFrom)} – {day(e.validTo)}
            </Row>
          )}
          <Row label={t('evidence.recordedBy')}>
            {e.recordedBy} · {e.organizationName}
          </Row>
          {attrs.map(([k, v]) => (
            <Row key={k} label={t(`evidence.attributes.${k}`, { defaultValue: k })}>
              {CODED_ATTRIBUTES[k] ? t(`${CODED_ATTRIBUTES[k]}.${v}`, { defaultValue: v }) : v}
            </Row>
          ))}
        </Table.Tbody>
      </Table>
      {showDescription && (
        <Text size="xs" c="dimmed">
          {e.description}
        </Text>
      )}
      <FileLinks files={e.files} />
    </Stack>
  );
}

export function FileLinks({ files }: { files: Evidence['files'] }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Stack gap={2}>
      {files.map((f) => (
        <Anchor key={f.id} href={`/api/v1/files/${f.id}/content`} download={f.filename} size="xs" data-testid="evidence-file">
          <Group gap={4} wrap="nowrap" component="span">
            <IconDownload size={12} />
            <span>{f.filename}</span>
          </Group>
        </Anchor>
      ))}
      <Text size="xs" c="dimmed" className="bf-mono" title={t('files.sha256')}>
        {files.map((f) => `${f.sha256.slice(0, 12)}…`).join(' · ')}
      </Text>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={110} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-word' }}>{children}</Table.Td>
    </Table.Tr>
  );
}
