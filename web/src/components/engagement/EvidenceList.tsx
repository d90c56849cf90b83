// A long evidence record made readable: grouped by kind with counts, the per-lot batch records of one import
// collapsed into that import, a search and a kind filter, and pages — so the few certificates are not buried
// under sixty lot records. Used by the engagement's evidence tab and the supplier's evidence library.
import { ActionIcon, Badge, Button, Chip, Collapse, Group, Pagination, Paper, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EVIDENCE_KINDS } from '../../../../src/domain/browser.js';
import { IconSearch } from '../icons.js';
import { ProvenanceBadge, ValidityBadge } from './badges.js';
import { FileLinks } from './EvidenceChips.js';
import { useEvidenceTitle } from './evidenceTitle.js';
import { useDay } from './format.js';
import { IconEye } from './icons.js';
import type { Evidence } from './types.js';

const PAGE_SIZE = 12;
const LOTS_PAGE_SIZE = 10;

/** Certificates and registrations first: what a reader looks for; bulk records last. */
const KIND_ORDER: readonly string[] = [
  'registration',
  'certificate',
  'audit_report',
  'qc_procedure',
  'sample_test',
  'visit_observation',
  'testimonial',
  'attestation',
  'corrective_action',
  'communication',
  'kpi_measurement',
  'production_log',
  'batch_test_record',
  ...EVIDENCE_KINDS,
];
const kindRank = (k: string) => KIND_ORDER.indexOf(k);

type Entry = { type: 'item'; kind: string; key: string; evidence: Evidence } | { type: 'import'; kind: string; key: string; importId: string; items: Evidence[] };

function byDateDesc(a: Evidence, b: Evidence) {
  return (b.sharedAt ?? b.createdAt).localeCompare(a.sharedAt ?? a.createdAt);
}

/** One entry per item, except batch records of one import, which become one entry. */
export function groupEvidence(items: readonly Evidence[]): Entry[] {
  const imports = new Map<string, Evidence[]>();
  const entries: Entry[] = [];
  for (const ev of items) {
    const importId = ev.kind === 'batch_test_record' ? ev.attributes.importId : undefined;
    if (importId) {
      const list = imports.get(importId);
      if (list) list.push(ev);
      else {
        const fresh = [ev];
        imports.set(importId, fresh);
        entries.push({ type: 'import', kind: ev.kind, key: `import:${importId}`, importId, items: fresh });
      }
    } else entries.push({ type: 'item', kind: ev.kind, key: ev.id, evidence: ev });
  }
  for (const e of entries) if (e.type === 'import') e.items.sort((a, b) => (a.attributes.producedFrom ?? '').localeCompare(b.attributes.producedFrom ?? '') || (a.attributes.lot ?? '').localeCompare(b.attributes.lot ?? ''));
  const newest = (e: Entry) => (e.type === 'item' ? e.evidence : [...e.items].sort(byDateDesc)[0]);
  return entries.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || byDateDesc(newest(a), newest(b)));
}

export interface EvidenceListProps {
  items: readonly Evidence[];
  claimTitle: ReadonlyMap<string, string>;
  /** Who shared or recorded it, when that matters (the engagement). */
  meta?: (ev: Evidence) => ReactNode;
  actions?: (ev: Evidence) => ReactNode;
  onView: (ev: Evidence) => void;
  /** File names of imports, by import id (the engagement's imports). */
  importNames?: ReadonlyMap<string, string | null>;
  /** Where an import's records are managed (withdrawn with a reason). */
  importLink?: string;
  /** Extra filters next to the search (e.g. "expiring"). */
  toolbar?: ReactNode;
  testId: string;
  rowTestId: string;
}

export function EvidenceList({ items, claimTitle, meta, actions, onView, importNames, importLink, toolbar, testId, rowTestId }: EvidenceListProps) {
  const { t } = useTranslation();
  const title = useEvidenceTitle();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string>('all');
  const [page, setPage] = useState(1);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const ev of items) m.set(ev.kind, (m.get(ev.kind) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => kindRank(a[0]) - kindRank(b[0]));
  }, [items]);

  const q = query.trim().toLowerCase();
  const matching = useMemo(
    () =>
      items.filter(
        (ev) =>
          (kind === 'all' || ev.kind === kind) &&
          (!q || [title(ev), ev.title, ev.issuer ?? '', ev.description ?? '', ev.attributes.lot ?? '', ev.organizationName].some((s) => s.toLowerCase().includes(q))),
      ),
    [items, kind, q, title],
  );
  const entries = useMemo(() => groupEvidence(matching), [matching]);
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = entries.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const inKind = (k: string) => matching.filter((ev) => ev.kind === k).length;

  const choose = (k: string) => {
    setKind(k);
    setPage(1);
  };

  return (
    <Stack gap="sm" data-testid={testId}>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('evidenceList.search')}
          aria-label={t('evidenceList.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          data-testid="evidence-search"
        />
        {toolbar}
      </Group>
      <Chip.Group multiple={false} value={kind} onChange={(v) => choose(v as string)}>
        <Group gap={6} wrap="wrap" data-testid="evidence-kind-filter">
          <Chip size="xs" value="all" data-kind="all">
            {t('evidenceList.allKinds', { count: items.length })}
          </Chip>
          {counts.map(([k, n]) => (
            <Chip key={k} size="xs" value={k} data-kind={k} data-count={n}>
              {t('evidenceList.kindCount', { kind: t(`vocab.evidenceKinds.${k}`), count: n })}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" data-testid="evidence-no-match">
          {t('evidenceList.noMatch')}
        </Text>
      ) : (
        <Stack gap="xs">
          {shown.map((entry, i) => (
            <div key={entry.key}>
              {(i === 0 || shown[i - 1].kind !== entry.kind) && (
                <Group gap={8} mt={i === 0 ? 0 : 'sm'} mb={6} data-testid="evidence-kind-heading" data-kind={entry.kind}>
                  <Text size="sm" fw={650}>
                    {t(`vocab.evidenceKinds.${entry.kind}`)}
                  </Text>
                  <Badge size="sm" variant="light" color="gray" radius="sm">
                    {inKind(entry.kind)}
                  </Badge>
                </Group>
              )}
              {entry.type === 'item' ? (
                <EvidenceRow evidence={entry.evidence} claimTitle={claimTitle} meta={meta} actions={actions} onView={onView} testId={rowTestId} />
              ) : (
                <ImportGroup importId={entry.importId} items={entry.items} filename={importNames?.get(entry.importId) ?? null} link={importLink} onView={onView} rowTestId={rowTestId} meta={meta} />
              )}
            </div>
          ))}
        </Stack>
      )}
      {pages > 1 && (
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="xs" c="dimmed" data-testid="evidence-range">
            {t('evidenceList.range', { from: (current - 1) * PAGE_SIZE + 1, to: Math.min(current * PAGE_SIZE, entries.length), count: entries.length })}
          </Text>
          <Pagination size="sm" total={pages} value={current} onChange={setPage} data-testid="evidence-pagination" />
        </Group>
      )}
    </Stack>
  );
}

function EvidenceRow({
  evidence: ev,
  claimTitle,
  meta,
  actions,
  onView,
  testId,
}: {
  evidence: Evidence;
  claimTitle: ReadonlyMap<string, string>;
  meta?: (ev: Evidence) => ReactNode;
  actions?: (ev: Evidence) => ReactNode;
  onView: (ev: Evidence) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const title = useEvidenceTitle();
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId} data-evidence-id={ev.id} data-kind={ev.kind}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={550} style={{ overflowWrap: 'anywhere' }}>
            {title(ev)}
          </Text>
          {ev.issuer && (
            <Text size="xs" c="dimmed">
              {ev.computed ? t('evidenceList.computedBy') : ev.issuer}
            </Text>
          )}
          <Group gap={6} wrap="wrap">
            <ProvenanceBadge provenance={ev.provenance} />
            <ValidityBadge evidence={ev} />
            {(ev.validFrom || ev.validTo) && (
              <Text size="xs" c="dimmed">
                {day(ev.validFrom)} – {day(ev.validTo)}
              </Text>
            )}
            {!ev.validTo && ev.issuedAt && (
              <Text size="xs" c="dimmed">
                {t('evidence.issuedOn', { date: day(ev.issuedAt) })}
              </Text>
            )}
          </Group>
          {ev.links.length > 0 && (
            <Group gap={6} wrap="wrap">
              {ev.links.map((l) => (
                <Group key={l.claimId} gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Badge size="xs" variant="light" color={l.effect === 'supports' ? 'green' : 'red'} tt="none">
                    {t(`vocab.effects.${l.effect}`)}
                  </Badge>
                  <Text size="xs" lineClamp={1}>
                    {claimTitle.get(l.claimId) ?? t('evidence.claim')}
                  </Text>
                </Group>
              ))}
            </Group>
          )}
          <FileLinks files={ev.files} />
          {meta && <div>{meta(ev)}</div>}
        </Stack>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('evidence.details')}>
            <ActionIcon variant="subtle" color="gray" onClick={() => onView(ev)} aria-label={t('evidence.details')} data-testid="evidence-view">
              <IconEye size={16} />
            </ActionIcon>
          </Tooltip>
          {actions?.(ev)}
        </Group>
      </Group>
    </Paper>
  );
}

function ImportGroup({
  importId,
  items,
  filename,
  link,
  onView,
  rowTestId,
  meta,
}: {
  importId: string;
  items: Evidence[];
  filename: string | null;
  link?: string;
  onView: (ev: Evidence) => void;
  rowTestId: string;
  meta?: (ev: Evidence) => ReactNode;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const first = items[0];
  const products = [...new Set(items.map((e) => e.attributes.product).filter(Boolean))];
  const lines = [...new Set(items.map((e) => e.attributes.line).filter(Boolean))];
  const from = items.map((e) => e.attributes.producedFrom ?? e.issuedAt ?? '').filter(Boolean).sort()[0];
  const to = items.map((e) => e.attributes.producedTo ?? e.issuedAt ?? '').filter(Boolean).sort().at(-1);
  const measurements = items.reduce((s, e) => s + (Number(e.attributes.measurements) || 0), 0);
  const pages = Math.ceil(items.length / LOTS_PAGE_SIZE);
  const lots = items.slice((page - 1) * LOTS_PAGE_SIZE, page * LOTS_PAGE_SIZE);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="evidence-import-group" data-import-id={importId} data-count={items.length}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Text size="sm" fw={550} style={{ overflowWrap: 'anywhere' }}>
            {filename ? t('evidenceList.importTitleFile', { count: items.length, file: filename }) : t('evidenceList.importTitle', { count: items.length })}
          </Text>
          <Text size="xs" c="dimmed">
            {[products.join(', '), lines.join(', '), from ? `${day(from)} – ${day(to ?? from)}` : null, t('evidenceList.measurements', { count: measurements })].filter(Boolean).join(' · ')}
          </Text>
          <Group gap={6} wrap="wrap">
            <ProvenanceBadge provenance={first.provenance} />
            {meta?.(first)}
          </Group>
        </Stack>
        <Group gap="xs" wrap="wrap">
          {link && (
            <Button component={Link} to={link} size="xs" variant="subtle">
              {t('evidenceList.openImports')}
            </Button>
          )}
          <Button size="xs" variant="light" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="evidence-import-toggle">
            {open ? t('evidenceList.hideLots') : t('evidenceList.showLots', { count: items.length })}
          </Button>
        </Group>
      </Group>
      <Collapse expanded={open}>
        {open && (
          <Stack gap="xs" mt="sm">
            <Table.ScrollContainer minWidth={360}>
              <Table className="bf-table" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('evidence.attributes.lot')}</Table.Th>
                    <Table.Th>{t('evidenceList.producedOn')}</Table.Th>
                    <Table.Th>{t('evidenceList.measurementsHeader')}</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lots.map((ev) => (
                    <Table.Tr key={ev.id} data-testid={`${rowTestId}-lot`} data-evidence-id={ev.id}>
                      <Table.Td>
                        <Text size="sm">{ev.attributes.lot ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{day(ev.attributes.producedFrom ?? ev.issuedAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t('evidenceList.lotMeasurements', { count: Number(ev.attributes.measurements) || 0, characteristics: (ev.attributes.characteristics ?? '').split(',').filter((s) => s.trim()).length })}</Text>
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon variant="subtle" color="gray" onClick={() => onView(ev)} aria-label={t('evidence.details')}>
                          <IconEye size={16} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {pages > 1 && <Pagination size="xs" total={pages} value={page} onChange={setPage} />}
          </Stack>
        )}
      </Collapse>
    </Paper>
  );
}
