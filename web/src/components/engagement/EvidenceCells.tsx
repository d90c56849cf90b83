// The four describing cells of an evidence row (what, provenance, validity, claims), shared by the engagement's
// evidence tab and the evidence library so both read the same.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProvenanceBadge, ValidityBadge } from './badges.js';
import { FileLinks } from './EvidenceChips.js';
import { useDay } from './format.js';
import type { Evidence } from './types.js';

export function EvidenceCells({ evidence: ev, claimTitle }: { evidence: Evidence; claimTitle: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const day = useDay();
  return (
    <>
      <Table.Td>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t(`vocab.evidenceKinds.${ev.kind}`)}
        </Text>
        <Text size="sm" fw={500}>
          {ev.title}
        </Text>
        {ev.issuer && (
          <Text size="xs" c="dimmed">
            {ev.issuer}
          </Text>
        )}
        <FileLinks files={ev.files} />
      </Table.Td>
      <Table.Td>
        <ProvenanceBadge provenance={ev.provenance} />
      </Table.Td>
      <Table.Td>
        <ValidityBadge evidence={ev} />
        {(ev.validFrom || ev.validTo) && (
          <Text size="xs" c="dimmed" mt={2}>
            {day(ev.validFrom)} – {day(ev.validTo)}
          </Text>
        )}
        {!ev.validTo && ev.issuedAt && (
          <Text size="xs" c="dimmed" mt={2}>
            {t('evidence.issuedOn', { date: day(ev.issuedAt) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {ev.links.map((l) => (
            <Group key={l.claimId} gap={4} wrap="nowrap">
              <Badge size="xs" variant="light" color={l.effect === 'supports' ? 'green' : 'red'} tt="none">
                {t(`vocab.effects.${l.effect}`)}
              </Badge>
              <Text size="xs" lineClamp={2}>
                {claimTitle.get(l.claimId) ?? t('evidence.claim')}
                {l.observedValue != null ? ` (${l.observedValue})` : ''}
              </Text>
            </Group>
          ))}
          {ev.links.length === 0 && <Text c="dimmed">{t('common.none')}</Text>}
        </Stack>
      </Table.Td>
    </>
  );
}
