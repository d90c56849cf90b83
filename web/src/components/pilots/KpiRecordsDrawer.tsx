// The records behind one KPI value — the whole pilot, one period, or as frozen by a review: each order line,
// delivery, inquiry or interval with its outcome, what it counts for, and the facts that decided it.
import { Badge, Drawer, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Loading } from '../States.js';
import { useKpiRecords } from './api.js';
import { KpiStatusBadge } from './badges.js';
import { useKpiFormat } from './format.js';
import { useNoDataText } from './KpiCard.js';
import type { Kpi, KpiRecord } from './types.js';

const GOOD = new Set(['on_time', 'on_time_in_full', 'accepted', 'no_defects', 'no_scrap', 'within', 'answered', 'closed_on_time', 'kept', 'sent', 'recorded']);
const BAD = new Set(['late', 'not_delivered', 'early', 'short', 'rejected', 'defects', 'exceeded', 'unanswered_overdue', 'closed_late', 'open_overdue', 'missed', 'scrap']);

/** The facts worth showing per source, in order. */
const FACTS: Record<string, string[]> = {
  order_line: ['item', 'orderedQty', 'due', 'windowStart', 'windowEnd', 'firstDeliveryAt', 'daysLate', 'acceptedInWindow', 'expectedBy', 'completedAt'],
  order: ['lines', 'linesOnTime'],
  delivery: ['orderNo', 'line', 'lot', 'receivedQty', 'rejectedQty', 'inspectionRejectedQty', 'defectiveQty', 'inspection'],
  production_log: ['goodOutput', 'scrap'],
  inquiry: ['askedAt', 'answeredAt', 'businessDays'],
  corrective_action: ['dueAt', 'closedAt'],
  cadence_interval: ['from', 'to', 'updates'],
  progress_update: ['sentAt'],
  inspection: ['inspectedQty', 'rejectedQty'],
};

export interface RecordsTarget {
  kpi: Kpi;
  period: string | null;
  reviewId: string | null;
}

export function KpiRecordsDrawer({ pilotId, target, onClose }: { pilotId: string; target: RecordsTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useKpiFormat();
  const noDataText = useNoDataText();
  const q = useKpiRecords(pilotId, target?.kpi.key ?? null, target?.period ?? null, target?.reviewId ?? null);
  const kpi = target?.kpi;
  const fact = (r: KpiRecord, key: string) => {
    const v = r.facts[key];
    if (v === null || v === undefined || v === '') return null;
    return `${t(`pilots.facts.${key}`, { defaultValue: key })}: ${typeof v === 'number' ? f.num(v) : /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? String(v).slice(0, 16).replace('T', ' ') : v}`;
  };
  return (
    <Drawer opened={target !== null} onClose={onClose} position="right" size="xl" title={kpi ? `${f.name(kpi)} · ${target?.period ? f.period(target.period) : target?.reviewId ? t('pilots.records.frozen') : t('pilots.records.wholePilot')}` : ''} data-testid="records-drawer">
      {q.isPending && target && <Loading />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && kpi && (
        <Stack gap="sm">
          <Group gap="sm">
            <Text fz={22} fw={650} data-testid="records-value">
              {f.value(kpi, q.data.value)}
            </Text>
            <KpiStatusBadge status={q.data.status} />
            {q.data.denominator !== null && q.data.numerator !== null && kpi.unit !== 'ppm' && (
              <Text size="sm" c="dimmed">
                {t('pilots.kpi.counts', { numerator: f.num(q.data.numerator), denominator: f.num(q.data.denominator) })}
              </Text>
            )}
          </Group>
          {q.data.value === null && <Text size="sm">{noDataText(q.data.noData)}</Text>}
          <Text size="xs" c="dimmed">
            {t(`pilots.catalogue.${kpi.key}.definition`, { defaultValue: kpi.formula ? t('pilots.records.customDefinition', { formula: kpi.formula }) : '' })} {t('pilots.records.asOf', { date: q.data.asOf })}
          </Text>
          {q.data.records.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="records-empty">
              {t('pilots.records.none')}
            </Text>
          ) : (
            <ScrollArea>
              <Table striped fz="sm" data-testid="records-table" miw={560}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pilots.records.record')}</Table.Th>
                    <Table.Th>{t('pilots.records.date')}</Table.Th>
                    <Table.Th>{t('pilots.records.outcome')}</Table.Th>
                    <Table.Th>{t('pilots.records.facts')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.records.map((r) => (
                    <Table.Tr key={`${r.source}:${r.id}`} data-testid="record-row" data-outcome={r.outcome} data-counted={r.counted} style={r.counted ? undefined : { opacity: 0.6 }}>
                      <Table.Td>
                        <Text size="sm" fw={500} className="bf-mono">
                          {r.label}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`pilots.records.source.${r.source}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.date}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" radius="sm" tt="none" variant="light" color={GOOD.has(r.outcome) ? 'teal' : BAD.has(r.outcome) ? 'red' : 'gray'}>
                          {t(`pilots.outcome.${r.outcome}`, { defaultValue: r.outcome })}
                        </Badge>
                        {!r.counted && (
                          <Text size="xs" c="dimmed">
                            {t('pilots.records.notCounted')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{(FACTS[r.source] ?? Object.keys(r.facts)).map((k) => fact(r, k)).filter(Boolean).join(' · ')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
