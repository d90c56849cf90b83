// The engagement's purchase-order lines and deliveries, as both sides see them; the buyer imports its ERP exports
// (orders or receipts, CSV or JSON Lines, ERPNext and Odoo column names recognised, others mapped) and records the
// incoming inspection of a lot. A refused file names its line and reason, and nothing of it is stored.
import { Alert, Badge, Button, Card, FileInput, Group, Modal, NumberInput, ScrollArea, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { IconAlert, IconCheck, IconUpload } from '../icons.js';
import { Empty, ErrorAlert, Loading } from '../States.js';
import { useFormat } from '../../lib/format.js';
import { notify } from '../../lib/notify.js';
import { errorText, serverFieldErrors } from '../../lib/validation.js';
import { pilotsApi, useOrders, useRefreshPilot } from './api.js';
import type { Delivery, OrderImport } from './types.js';

const TIMING_COLORS: Record<string, string> = { on_time: 'teal', late: 'red', not_delivered: 'red', early: 'orange', pending: 'gray' };

export function OrdersPanel({ engagementId, pilotId, canRecord }: { engagementId: string; pilotId: string | null; canRecord: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const orders = useOrders(engagementId);
  const [inspecting, setInspecting] = useState<Delivery | null>(null);
  if (orders.isPending) return <Loading />;
  if (orders.isError) return <ErrorAlert error={orders.error} onRetry={() => void orders.refetch()} />;
  const o = orders.data;
  const unmatched = new Set(o.unmatchedDeliveryIds);
  return (
    <Stack gap="md">
      {canRecord && <ImportCard engagementId={engagementId} pilotId={pilotId} />}
      <Card padding={0}>
        <Group p="md" justify="space-between">
          <Title order={4} fw={600}>
            {t('pilots.orders.linesTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('pilots.orders.lineCount', { count: o.orderLines.length })}
          </Text>
        </Group>
        {o.orderLines.length === 0 ? (
          <Empty title={t('pilots.orders.noLines')} description={canRecord ? t('pilots.orders.noLinesHint') : undefined} />
        ) : (
          <ScrollArea>
            <Table striped fz="sm" miw={680} data-testid="order-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pilots.orders.order')}</Table.Th>
                  <Table.Th>{t('pilots.orders.item')}</Table.Th>
                  <Table.Th ta="right">{t('pilots.orders.ordered')}</Table.Th>
                  <Table.Th>{t('pilots.orders.due')}</Table.Th>
                  <Table.Th ta="right">{t('pilots.orders.received')}</Table.Th>
                  <Table.Th>{t('pilots.orders.timing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {o.orderLines.map((l) => (
                  <Table.Tr key={l.id} data-testid="order-line-row" data-timing={l.timing}>
                    <Table.Td className="bf-mono">
                      {l.orderNo} / {l.line}
                    </Table.Td>
                    <Table.Td>{l.item}</Table.Td>
                    <Table.Td ta="right">{fmt.number(l.orderedQty)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {l.due}
                      {l.confirmedDate ? '' : ` (${t('pilots.orders.requested')})`}
                    </Table.Td>
                    <Table.Td ta="right">{fmt.number(l.receivedQty)}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" radius="sm" tt="none" variant="light" color={TIMING_COLORS[l.timing] ?? 'gray'}>
                        {t(`pilots.outcome.${l.timing}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>
      <Card padding={0}>
        <Group p="md" justify="space-between">
          <Title order={4} fw={600}>
            {t('pilots.orders.deliveriesTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('pilots.orders.deliveryCount', { count: o.deliveries.length })}
          </Text>
        </Group>
        {o.deliveries.length === 0 ? (
          <Empty title={t('pilots.orders.noDeliveries')} />
        ) : (
          <ScrollArea>
            <Table striped fz="sm" miw={720} data-testid="deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pilots.orders.receipt')}</Table.Th>
                  <Table.Th>{t('pilots.orders.order')}</Table.Th>
                  <Table.Th>{t('pilots.orders.lot')}</Table.Th>
                  <Table.Th>{t('pilots.orders.receivedAt')}</Table.Th>
                  <Table.Th ta="right">{t('pilots.orders.received')}</Table.Th>
                  <Table.Th ta="right">{t('pilots.orders.rejected')}</Table.Th>
                  <Table.Th>{t('pilots.orders.lotDecision')}</Table.Th>
                  {canRecord && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {o.deliveries.map((d) => (
                  <Table.Tr key={d.id} data-testid="delivery-row" data-lot={d.lot ?? ''} data-accepted={d.lotAccepted}>
                    <Table.Td className="bf-mono">{d.deliveryNo ?? '—'}</Table.Td>
                    <Table.Td className="bf-mono">
                      {d.orderNo}
                      {d.line ? ` / ${d.line}` : ''}
                      {unmatched.has(d.id) && (
                        <Text size="xs" c="orange">
                          {t('pilots.orders.unmatched')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{d.lot ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.receivedAt}</Table.Td>
                    <Table.Td ta="right">{fmt.number(d.receivedQty)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(d.rejectedQty)}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" radius="sm" tt="none" variant="light" color={d.lotAccepted ? 'teal' : 'red'}>
                        {t(d.lotAccepted ? 'pilots.outcome.accepted' : 'pilots.outcome.rejected')}
                      </Badge>
                      {d.inspections.map((i) => (
                        <Text key={i.id} size="xs" c="dimmed">
                          {t('pilots.orders.inspected', { date: i.inspectedAt, inspected: fmt.number(i.inspectedQty), rejected: fmt.number(i.rejectedQty) })}
                        </Text>
                      ))}
                    </Table.Td>
                    {canRecord && (
                      <Table.Td>
                        <Button size="compact-xs" variant="light" onClick={() => setInspecting(d)} data-testid="inspect-open">
                          {t('pilots.orders.inspect')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>
      <InspectionModal delivery={inspecting} engagementId={engagementId} pilotId={pilotId} onClose={() => setInspecting(null)} />
    </Stack>
  );
}

/**
 * The line and reason of a refused file, from the 422 answer's issues ("line:5.orderedQty"): the reason worded from
 * its code and parameters in the UI language when the server gives one, else as the server wrote it.
 */
function useRejection() {
  const { t, i18n } = useTranslation();
  return (e: unknown): { line: number; field: string | null; reason: string } | null => {
    if (!(e instanceof ApiError) || e.code !== 'import_rejected') return null;
    const issue = e.issues[0];
    const m = issue ? /^line:(\d+)(?:\.(.+))?$/.exec(issue.path) : null;
    if (!m) return { line: 0, field: null, reason: e.message };
    const key = issue!.code ? `pilots.import.reasons.${issue!.code}` : null;
    const params: Record<string, unknown> = { ...issue!.params };
    if (params.kind === 'orders' || params.kind === 'deliveries') params.kind = t(`pilots.import.kind.${params.kind}`);
    const reason = key && i18n.exists(key) ? t(key, params) : issue!.message;
    // A coded reason names its field itself.
    return { line: Number(m[1]), field: key && i18n.exists(key) ? null : (m[2] ?? null), reason };
  };
}

function ImportCard({ engagementId, pilotId }: { engagementId: string; pilotId: string | null }) {
  const { t } = useTranslation();
  const rejection = useRejection();
  const refresh = useRefreshPilot();
  const [kind, setKind] = useState<'orders' | 'deliveries'>('orders');
  const [file, setFile] = useState<File | null>(null);
  const [mappingText, setMappingText] = useState('');
  const [mappingError, setMappingError] = useState<string | null>(null);
  const [done, setDone] = useState<OrderImport | null>(null);
  const run = useMutation({
    mutationFn: () => {
      let mapping: Record<string, string> | null = null;
      if (mappingText.trim()) mapping = JSON.parse(mappingText) as Record<string, string>;
      return pilotsApi.importFile(engagementId, kind, file!, mapping);
    },
    onSuccess: async (r) => {
      setDone(r);
      setFile(null);
      notify.success(t(r.duplicate ? 'pilots.import.duplicate' : 'pilots.import.done', { count: r.rows }));
      await refresh(pilotId, engagementId);
    },
  });
  const submit = () => {
    setDone(null);
    if (mappingText.trim()) {
      try {
        const v = JSON.parse(mappingText) as unknown;
        if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      } catch {
        setMappingError(t('pilots.import.mappingInvalid'));
        return;
      }
    }
    setMappingError(null);
    run.mutate();
  };
  const refused = rejection(run.error);
  const fieldIssue = serverFieldErrors(run.error);
  return (
    <Card data-testid="orders-import">
      <Title order={4} fw={600}>
        {t('pilots.import.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t('pilots.import.intro')}
      </Text>
      <Stack gap="sm" mt="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'orders' | 'deliveries')}
          data={[
            { value: 'orders', label: t('pilots.import.kind.orders') },
            { value: 'deliveries', label: t('pilots.import.kind.deliveries') },
          ]}
          data-testid="import-kind"
        />
        <FileInput accept=".csv,.tsv,.txt,.jsonl,.ndjson" leftSection={<IconUpload size={16} />} placeholder={t('pilots.import.choose')} value={file} onChange={setFile} clearable data-testid="import-file" />
        <Textarea
          label={t('pilots.import.mapping')}
          description={t(`pilots.import.mappingHint.${kind}`)}
          placeholder={kind === 'orders' ? '{"orderNo": "Bestellnummer", "requestedDate": "Wunschtermin"}' : '{"receivedAt": "Eingangsdatum"}'}
          autosize
          minRows={1}
          value={mappingText}
          onChange={(e) => setMappingText(e.currentTarget.value)}
          error={mappingError ?? Object.entries(fieldIssue).find(([k]) => k.startsWith('mapping'))?.[1]}
          classNames={{ input: 'bf-mono' }}
          data-testid="import-mapping"
        />
        <Group justify="flex-end">
          <Button onClick={submit} disabled={!file} loading={run.isPending} leftSection={<IconUpload size={16} />} data-testid="import-submit">
            {t('pilots.import.submit')}
          </Button>
        </Group>
        {refused && (
          <Alert color="red" icon={<IconAlert />} title={t('pilots.import.rejectedTitle', { line: refused.line })} data-testid="import-rejected">
            {refused.field ? `${refused.field}: ` : ''}
            {refused.reason}
            <Text size="xs" mt={4}>
              {t('pilots.import.nothingStored')}
            </Text>
          </Alert>
        )}
        {run.isError && !refused && Object.keys(fieldIssue).length === 0 && (
          <Alert color="red" icon={<IconAlert />} data-testid="import-error">
            {errorText(run.error, t)}
          </Alert>
        )}
        {done && (
          <Alert color="teal" icon={<IconCheck />} data-testid="import-done">
            {t(done.duplicate ? 'pilots.import.duplicate' : 'pilots.import.summary', {
              count: done.rows,
              added: Number(done.summary.added ?? 0),
              unchanged: Number(done.summary.unchanged ?? 0),
            })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function InspectionModal({ delivery, engagementId, pilotId, onClose }: { delivery: Delivery | null; engagementId: string; pilotId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshPilot();
  const [inspectedAt, setInspectedAt] = useState('');
  const [inspected, setInspected] = useState<number | string>(80);
  const [rejected, setRejected] = useState<number | string>(0);
  const [decision, setDecision] = useState<'accepted' | 'rejected'>('accepted');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => pilotsApi.inspect(delivery!.id, { inspectedAt: inspectedAt || delivery!.receivedAt, inspectedQty: Number(inspected), rejectedQty: Number(rejected), decision, note: note.trim() || null }),
    onSuccess: async () => {
      notify.success(t('pilots.orders.inspectionRecorded'));
      await refresh(pilotId, engagementId);
      onClose();
    },
  });
  const errors = serverFieldErrors(save.error);
  return (
    <Modal opened={delivery !== null} onClose={onClose} title={t('pilots.orders.inspectTitle', { lot: delivery?.lot ?? delivery?.deliveryNo ?? '' })} data-testid="inspection-modal">
      <Stack gap="sm">
        <TextInput type="date" label={t('pilots.orders.inspectedAt')} value={inspectedAt || delivery?.receivedAt || ''} onChange={(e) => setInspectedAt(e.currentTarget.value)} error={errors.inspectedAt} />
        <Group grow>
          <NumberInput label={t('pilots.orders.inspectedQty')} min={1} value={inspected} onChange={setInspected} error={errors.inspectedQty} />
          <NumberInput label={t('pilots.orders.rejectedQty')} min={0} value={rejected} onChange={setRejected} error={errors.rejectedQty} />
        </Group>
        <SegmentedControl
          value={decision}
          onChange={(v) => setDecision(v as 'accepted' | 'rejected')}
          data={[
            { value: 'accepted', label: t('pilots.outcome.accepted') },
            { value: 'rejected', label: t('pilots.outcome.rejected') },
          ]}
        />
        <Textarea label={t('pilots.orders.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {save.isError && Object.keys(errors).length === 0 && (
          <Alert color="red" icon={<IconAlert />}>
            {errorText(save.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="inspect-submit">
            {t('pilots.orders.inspectSave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
