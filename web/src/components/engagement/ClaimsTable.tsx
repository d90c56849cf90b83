// A supplier's claims with their status (supported with its strongest provenance, contradicted, unverified),
// each expandable to the evidence behind the status and the claim's typed details.
import { ActionIcon, Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { IconChevronDown, IconTrash } from '../icons.js';
import { ClaimStatusBadge } from './badges.js';
import { EvidenceChips } from './EvidenceChips.js';
import { useDay, useNumber } from './format.js';
import type { Claim, Evidence, Site } from './types.js';

/** Evidence the caller can see about an organization: its own records about it and what its engagements share. */
export function useVisibleEvidence(organizationId: string): ReadonlyMap<string, Evidence> {
  const q = useQuery({
    queryKey: ['organizations', organizationId, 'evidence'],
    queryFn: () => api.get<Evidence[]>(`/api/v1/organizations/${encodeURIComponent(organizationId)}/evidence`),
  });
  return useMemo(() => new Map((q.data ?? []).map((e) => [e.id, e])), [q.data]);
}

export function claimValue(c: Claim, t: (k: string, o?: Record<string, unknown>) => string, num: (n: number | null) => string, day: (iso: string | null) => string): string {
  switch (c.type) {
    case 'capacity': {
      const base = `${num(c.value)} ${c.unit ?? ''} ${c.period ? t(`vocab.perPeriod.${c.period}`) : ''}`.replace(/\s+/g, ' ').trim();
      return c.statedLimit != null ? `${base} · ${t('supplier.claims.limit', { limit: num(c.statedLimit) })}` : base;
    }
    case 'lead_time':
    case 'moq':
      return `${num(c.value)} ${c.unit ?? ''}`.trim();
    case 'process_capability':
      return [c.value != null ? `Cpk ${num(c.value)}` : null, c.attributes.characteristic].filter(Boolean).join(' · ');
    case 'certification': {
      const a = c.attributes;
      const valid = a.validTo ? t('supplier.claims.validTo', { date: day(a.validTo) }) : null;
      return [a.standard, a.certificateNumber, valid].filter(Boolean).join(' · ');
    }
    case 'qc_process':
      return c.attributes.procedure ?? '';
    default:
      return '';
  }
}

export function ClaimsTable({
  claims,
  evidence,
  sites = [],
  onWithdraw,
  testId = 'claims-table',
}: {
  claims: Claim[];
  evidence: ReadonlyMap<string, Evidence>;
  sites?: Site[];
  onWithdraw?: (c: Claim) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const num = useNumber();
  const day = useDay();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const cols = onWithdraw ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table className="bf-table" data-testid={testId} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th w={150}>{t('supplier.claims.type')}</Table.Th>
            <Table.Th>{t('supplier.claims.claim')}</Table.Th>
            <Table.Th>{t('supplier.claims.value')}</Table.Th>
            <Table.Th w={200}>{t('supplier.claims.status')}</Table.Th>
            {onWithdraw && <Table.Th w={50} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claims.map((c) => {
            const expanded = open.has(c.id);
            return (
              <Fragment key={c.id}>
                <Table.Tr data-testid="claim-row" data-claim-type={c.type} onClick={() => toggle(c.id)} style={{ cursor: 'pointer', opacity: c.withdrawnAt ? 0.55 : 1 }}>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={t('supplier.claims.showEvidence')}
                      aria-expanded={expanded}
                      style={{ transform: expanded ? 'rotate(180deg)' : undefined, transition: 'transform 120ms' }}
                    >
                      <IconChevronDown size={14} />
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {t(`vocab.claimTypes.${c.type}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.title}
                    </Text>
                    {(c.productLine || c.siteId) && (
                      <Text size="xs" c="dimmed">
                        {[c.productLine, c.siteId ? siteName.get(c.siteId) : null].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{claimValue(c, t, num, day) || t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {c.withdrawnAt ? (
                      <Badge variant="outline" color="gray" tt="none" fw={500}>
                        {t('supplier.claims.withdrawn')}
                      </Badge>
                    ) : (
                      <ClaimStatusBadge status={c.status} provenance={c.strongestProvenance} />
                    )}
                  </Table.Td>
                  {onWithdraw && (
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      {!c.withdrawnAt && (
                        <Tooltip label={t('supplier.claims.withdraw')}>
                          <ActionIcon variant="subtle" color="red" aria-label={t('supplier.claims.withdraw')} onClick={() => onWithdraw(c)}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
                {expanded && (
                  <Table.Tr data-testid="claim-details">
                    <Table.Td />
                    <Table.Td colSpan={cols - 1} bg="gray.0">
                      <ClaimDetails claim={c} evidence={evidence} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const ATTRIBUTE_ORDER = ['standard', 'scope', 'issuer', 'accreditation', 'certificateNumber', 'validFrom', 'validTo', 'procedure', 'characteristic'];

function ClaimDetails({ claim: c, evidence }: { claim: Claim; evidence: ReadonlyMap<string, Evidence> }) {
  const { t } = useTranslation();
  const day = useDay();
  const attrs = Object.entries(c.attributes).sort(([a], [b]) => {
    const ia = ATTRIBUTE_ORDER.indexOf(a);
    const ib = ATTRIBUTE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const why: ReactNode =
    c.status === 'supported'
      ? t('supplier.claims.whySupported', { provenance: c.strongestProvenance ? t(`vocab.provenance.${c.strongestProvenance}`) : '' })
      : c.status === 'contradicted'
        ? t('supplier.claims.whyContradicted')
        : t('supplier.claims.whyUnverified');
  return (
    <Stack gap="xs" py={4}>
      <Text size="sm">{why}</Text>
      {c.supportingEvidenceIds.length > 0 && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Text size="xs" c="green.8" fw={600} w={110} pt={4}>
            {t('supplier.claims.supportedBy')}
          </Text>
          <EvidenceChips ids={c.supportingEvidenceIds} evidence={evidence} />
        </Group>
      )}
      {c.contradictingEvidenceIds.length > 0 && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Text size="xs" c="red.8" fw={600} w={110} pt={4}>
            {t('supplier.claims.contradictedBy')}
          </Text>
          <EvidenceChips ids={c.contradictingEvidenceIds} evidence={evidence} />
        </Group>
      )}
      {attrs.length > 0 && (
        <Group gap="lg">
          {attrs.map(([k, v]) => (
            <div key={k}>
              <Text size="xs" c="dimmed">
                {t(`evidence.attributes.${k}`, { defaultValue: k })}
              </Text>
              <Text size="sm">{k === 'validFrom' || k === 'validTo' ? day(v) : v}</Text>
            </div>
          ))}
        </Group>
      )}
      {c.documentFileId && (
        <Text size="xs">
          <a href={`/api/v1/files/${c.documentFileId}/content`}>{t('supplier.claims.procedureDocument')}</a>
        </Text>
      )}
    </Stack>
  );
}
