// Imports of the supplier's batch test records and production logs (CSV or JSON Lines, with a column mapping for
// files from other systems). One transaction per file: a bad row rejects the whole file with its line number and
// nothing is stored; the same file again adds nothing.
import { Alert, Anchor, Badge, Button, Card, Collapse, FileInput, Grid, Group, Progress, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useInterval } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { useCan } from '../../app/session.js';
import { CopyField } from '../../components/CopyField.js';
import type { Engagement } from '../../components/engagement/types.js';
import { IconAlert, IconCheck, IconInfo, IconUpload } from '../../components/icons.js';
import { WithdrawImportBody } from '../../../../src/contracts/quality.js';
import { uploadImport, useImports, useRefreshQuality, useSpcCharacteristics, withdrawImport } from '../../components/quality/api.js';
import { guessCharacteristics, looksWide, WIDE_REPLACES, WideColumnsEditor, wideMapping, type CharacteristicOption } from '../../components/quality/WideColumns.js';
import { CapacityStatusBadge } from '../../components/quality/badges.js';
import { autoColumns, ColumnMappingEditor, missingFields, readColumns, type DecimalSeparator, type ImportFormat } from '../../components/quality/ColumnMapping.js';
import { useQualityFormat } from '../../components/quality/format.js';
import { IconFileImport, IconTerminal } from '../../components/quality/icons.js';
import type { Import, ImportKind } from '../../components/quality/types.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { Empty, ErrorAlert, Loading } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { errorText } from '../../lib/validation.js';
import { isOpenPhase } from './open.js';

export function ImportsTab({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const imports = useImports(e.id);
  const canImport = useCan('quality.import') && e.myRole === 'supplier' && isOpenPhase(e.phase);
  return (
    <Stack gap="md">
      {canImport ? (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <UploadCard engagement={e} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <CliCard engagement={e} />
          </Grid.Col>
        </Grid>
      ) : (
        <Alert variant="light" color="blue" icon={<IconInfo />}>
          {t(e.myRole === 'buyer' ? 'quality.imports.buyerIntro' : 'quality.imports.closedIntro')}
        </Alert>
      )}
      <Card padding={0}>
        <Group p="md" justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Title order={4} fw={600}>
            {t('quality.imports.listTitle')}
          </Title>
          {imports.data && (
            <Text size="xs" c="dimmed">
              {t('common.showing', { count: imports.data.length })}
            </Text>
          )}
        </Group>
        {imports.isPending ? (
          <Loading />
        ) : imports.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />
          </div>
        ) : imports.data.length === 0 ? (
          <Empty icon={<IconFileImport size={22} />} title={t('quality.imports.empty')} description={t('quality.imports.emptyHint')} />
        ) : (
          <ImportsTable imports={imports.data} engagement={e} canWithdraw={canImport} />
        )}
      </Card>
    </Stack>
  );
}

type Outcome = { kind: 'done'; view: Import } | { kind: 'rejected'; line: number | null; field: string | null; reason: string } | { kind: 'error'; error: unknown };

/** The line, field and reason of a rejected file (422 import_rejected: issues [{path: "line:57.characteristic"}]). */
function rejection(e: unknown): Outcome {
  if (e instanceof ApiError && e.code === 'import_rejected') {
    const issue = e.issues[0];
    const m = issue ? /^line:(\d+)(?:\.(.+))?$/.exec(issue.path) : null;
    const line = m ? Number(m[1]) : Number(/^line (\d+):/.exec(e.message)?.[1] ?? NaN);
    return { kind: 'rejected', line: Number.isFinite(line) ? line : null, field: m?.[2] ?? null, reason: issue?.message ?? e.message.replace(/^line \d+:\s*/, '') };
  }
  return { kind: 'error', error: e };
}

function UploadCard({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefreshQuality(e.id);
  const [kind, setKind] = useState<ImportKind>('batches');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [decimalSeparator, setDecimalSeparator] = useState<DecimalSeparator>('.');
  const [columns, setColumns] = useState<string[]>([]);
  const [chosen, setChosen] = useState<Record<string, string | null>>({});
  const [mappingOpen, mapping] = useDisclosure(false);
  // Batch files: one measurement per row ('long') or one column per characteristic ('wide', a CMM export).
  const [layout, setLayout] = useState<'long' | 'wide'>('long');
  const [wideChosen, setWideChosen] = useState<Record<string, string | null>>({});
  const specList = useSpcCharacteristics(e.id);
  const characteristics = useMemo<CharacteristicOption[]>(() => {
    const seen = new Map<string, CharacteristicOption>();
    for (const c of specList.data ?? []) if (!seen.has(c.characteristic.key)) seen.set(c.characteristic.key, { key: c.characteristic.key, name: c.characteristic.name, unit: c.characteristic.unit, product: c.product });
    return [...seen.values()];
  }, [specList.data]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const ticker = useInterval(() => setElapsed((s) => s + 1), 1000);
  const auto = useMemo(() => autoColumns(kind, columns), [kind, columns]);

  // A new file or kind: read its header and start from what the server would find by name.
  useEffect(() => {
    let live = true;
    setOutcome(null);
    if (!file) {
      setColumns([]);
      setChosen({});
      setLayout('long');
      setWideChosen({});
      return;
    }
    void readColumns(file).then((r) => {
      if (!live) return;
      setFormat(r.format);
      setDecimalSeparator(r.decimalSeparator);
      setColumns(r.columns);
      const found = autoColumns(kind, r.columns);
      setChosen(found);
      const wide = kind === 'batches' && looksWide(r.columns, found, characteristics);
      setLayout(wide ? 'wide' : 'long');
      setWideChosen(wide ? guessCharacteristics(r.columns, found, characteristics) : {});
      if (wide || missingFields(kind, found).length > 0) mapping.open();
    });
    return () => {
      live = false;
    };
  }, [file, kind]);

  const wide = kind === 'batches' && layout === 'wide';
  const missing = columns.length > 0 ? missingFields(kind, wide ? { ...chosen, characteristic: '-', value: '-', unit: '-' } : chosen) : [];
  const noCharacteristic = wide && columns.length > 0 && Object.keys(wideMapping(wideChosen)).length === 0;
  const mappingToSend = useMemo(() => {
    const m: Record<string, string> = {};
    for (const [field, column] of Object.entries(chosen)) {
      if (wide && WIDE_REPLACES.includes(field)) continue;
      if (column && column !== auto[field]) m[field] = column;
    }
    return wide ? { ...m, ...wideMapping(wideChosen) } : m;
  }, [chosen, auto, wide, wideChosen]);
  const baseColumns = useMemo(() => new Set(Object.entries(chosen).filter(([f, c]) => c && !WIDE_REPLACES.includes(f)).map(([, c]) => c!)), [chosen]);

  const upload = useMutation({
    mutationFn: () => uploadImport(e.id, kind, file!, { mapping: mappingToSend, format, decimalSeparator }),
    onMutate: () => {
      setOutcome(null);
      setElapsed(0);
      ticker.start();
    },
    onSettled: () => ticker.stop(),
    onSuccess: (view) => {
      setOutcome({ kind: 'done', view });
      void refresh();
    },
    onError: (err) => setOutcome(rejection(err)),
    meta: { handlesErrors: true },
  });

  return (
    <Card data-testid="import-card">
      <Title order={4} fw={600} mb={4}>
        {t('quality.imports.uploadTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('quality.imports.uploadIntro')}
      </Text>
      <Stack gap="sm">
        <SegmentedControl
          data={[
            { value: 'batches', label: t('quality.imports.kinds.batches') },
            { value: 'production_logs', label: t('quality.imports.kinds.production_logs') },
          ]}
          value={kind}
          onChange={(v) => setKind(v as ImportKind)}
          disabled={upload.isPending}
          data-testid="import-kind"
        />
        <Text size="xs" c="dimmed">
          {t(`quality.imports.columnsHint.${kind}`)}
        </Text>
        <Group gap="sm" align="flex-end">
          <FileInput
            style={{ flex: 1, minWidth: 240 }}
            label={t('quality.imports.file')}
            placeholder={t('quality.imports.choose')}
            accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
            leftSection={<IconUpload size={16} />}
            value={file}
            onChange={setFile}
            clearable
            disabled={upload.isPending}
            data-testid="import-file"
          />
          <SegmentedControl
            size="sm"
            data={[
              { value: 'csv', label: 'CSV' },
              { value: 'jsonl', label: 'JSON Lines' },
            ]}
            value={format}
            onChange={(v) => setFormat(v as ImportFormat)}
            disabled={upload.isPending}
            aria-label={t('quality.imports.format')}
            data-testid="import-format"
          />
          <SegmentedControl
            size="sm"
            data={[
              { value: '.', label: t('quality.imports.decimal.point') },
              { value: ',', label: t('quality.imports.decimal.comma') },
            ]}
            value={decimalSeparator}
            onChange={(v) => setDecimalSeparator(v === ',' ? ',' : '.')}
            disabled={upload.isPending}
            aria-label={t('quality.imports.decimal.label')}
            data-testid="import-decimal"
          />
        </Group>
        {file && columns.length > 0 && (
          <div>
            <Group gap="xs">
              <Anchor component="button" type="button" size="sm" onClick={mapping.toggle} data-testid="mapping-toggle">
                {mappingOpen ? t('quality.imports.hideMapping') : t('quality.imports.showMapping')}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('quality.imports.columnsFound', { count: columns.length })}
                {Object.keys(mappingToSend).length > 0 ? ` · ${t('quality.imports.mappedCount', { count: Object.keys(mappingToSend).length })}` : ''}
              </Text>
            </Group>
            <Collapse expanded={mappingOpen}>
              <Card withBorder mt="xs" padding="sm" bg="gray.0">
                {kind === 'batches' && (
                  <SegmentedControl
                    size="xs"
                    mb="xs"
                    fullWidth
                    data={[
                      { value: 'long', label: t('quality.imports.wide.long') },
                      { value: 'wide', label: t('quality.imports.wide.wide') },
                    ]}
                    value={layout}
                    onChange={(v) => {
                      setLayout(v === 'wide' ? 'wide' : 'long');
                      if (v === 'wide' && Object.keys(wideChosen).length === 0) setWideChosen(guessCharacteristics(columns, chosen, characteristics));
                    }}
                    disabled={upload.isPending}
                    aria-label={t('quality.imports.wide.layout')}
                    data-testid="import-layout"
                  />
                )}
                <Text size="xs" c="dimmed" mb="xs">
                  {t('quality.imports.mappingIntro')}
                </Text>
                <ColumnMappingEditor kind={kind} columns={columns} chosen={chosen} auto={auto} onChange={(f, c) => setChosen((x) => ({ ...x, [f]: c }))} omit={wide ? WIDE_REPLACES : []} />
                {wide && (
                  <div style={{ marginTop: 12 }}>
                    <WideColumnsEditor columns={columns} used={baseColumns} characteristics={characteristics} chosen={wideChosen} onChange={(column, key) => setWideChosen((x) => ({ ...x, [column]: key }))} />
                  </div>
                )}
              </Card>
            </Collapse>
          </div>
        )}
        {missing.length > 0 && (
          <Text size="xs" c="orange.8" data-testid="import-missing">
            {t('quality.imports.missing', { fields: missing.map((f) => f.name).join(', ') })}
          </Text>
        )}
        {noCharacteristic && (
          <Text size="xs" c="orange.8" data-testid="import-no-characteristic">
            {t('quality.imports.wide.none')}
          </Text>
        )}
        {upload.isPending && file && (
          <div data-testid="import-progress">
            <Progress value={100} striped animated size="lg" />
            <Text size="xs" c="dimmed" mt={4}>
              {t('quality.imports.uploading', { name: file.name, size: fmt.bytes(file.size), seconds: elapsed })}
            </Text>
          </div>
        )}
        {outcome && <OutcomeAlert outcome={outcome} engagementId={e.id} fileName={file?.name ?? ''} />}
        <Group justify="flex-end">
          <Button leftSection={<IconUpload size={16} />} onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending} data-testid="import-submit">
            {t('quality.imports.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function OutcomeAlert({ outcome, engagementId, fileName }: { outcome: Outcome; engagementId: string; fileName: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQualityFormat();
  if (outcome.kind === 'rejected') {
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} title={outcome.line !== null ? t('quality.imports.rejectedLine', { line: outcome.line, reason: outcome.reason }) : outcome.reason} data-testid="import-error" data-line={outcome.line ?? ''}>
        <Text size="sm">{t('quality.imports.nothingStored', { name: fileName })}</Text>
      </Alert>
    );
  }
  if (outcome.kind === 'error') {
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} data-testid="import-error">
        {errorText(outcome.error, t)}
      </Alert>
    );
  }
  const v = outcome.view;
  if (v.duplicate) {
    return (
      <Alert color="yellow" variant="light" icon={<IconInfo />} title={t('quality.imports.duplicateTitle')} data-testid="import-duplicate">
        <Text size="sm">{t('quality.imports.duplicate', { date: fmt.dateTime(v.completedAt ?? v.createdAt), name: v.importedBy.displayName, rows: q.integer(v.rows) })}</Text>
      </Alert>
    );
  }
  const capacity = (v.summary.capacity as CapacitySummary[] | undefined) ?? [];
  return (
    <Alert color="green" variant="light" icon={<IconCheck />} title={t('quality.imports.doneTitle', { rows: q.integer(v.rows), name: v.filename ?? '' })} data-testid="import-done" data-rows={v.rows}>
      <Stack gap={4}>
        <Text size="sm">{summaryText(v, t, q.integer, fmt.date)}</Text>
        {capacity.length > 0 && (
          <Group gap="xs">
            {capacity.map((c) => (
              <Group gap={4} key={c.line}>
                <Text size="sm">{c.line}</Text>
                <CapacityStatusBadge status={c.status} size="sm" />
                <Text size="xs" c="dimmed">
                  {q.percent(c.ratio, 0)}
                </Text>
              </Group>
            ))}
          </Group>
        )}
        <Group gap="md">
          {v.kind === 'batches' ? (
            <Anchor component={Link} to={`/engagements/${engagementId}/quality?tab=spc`} size="sm" data-testid="import-to-spc">
              {t('quality.imports.toSpc')}
            </Anchor>
          ) : (
            <Anchor component={Link} to={`/engagements/${engagementId}/quality?tab=capacity`} size="sm" data-testid="import-to-capacity">
              {t('quality.imports.toCapacity')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

interface CapacitySummary {
  line: string;
  status: 'supported' | 'contradicted';
  ratio: number;
}

function summaryText(v: Import, t: (k: string, o?: Record<string, unknown>) => string, n: (x: number) => string, date: (iso: string | null) => string): string {
  const s = v.summary as Record<string, unknown>;
  if (v.kind === 'batches') {
    const chars = Object.keys((s.characteristics as Record<string, number> | undefined) ?? {}).length;
    const lots = Number(s.lots ?? 0);
    return t('quality.imports.summary.batches', {
      lots: t('quality.imports.lotCount', { count: lots, n: n(lots) }),
      characteristics: t('quality.imports.characteristicCount', { count: chars }),
      products: ((s.products as string[] | undefined) ?? []).join(', '),
      from: date((s.firstProducedAt as string | null) ?? null),
      to: date((s.lastProducedAt as string | null) ?? null),
    });
  }
  return t('quality.imports.summary.production_logs', {
    lines: ((s.lines as string[] | undefined) ?? []).join(', '),
    from: date((s.firstPeriodStart as string | null) ?? null),
    to: date((s.lastPeriodEnd as string | null) ?? null),
  });
}

function ImportsTable({ imports, engagement: e, canWithdraw }: { imports: Import[]; engagement: Engagement; canWithdraw: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQualityFormat();
  const [withdrawing, setWithdrawing] = useState<Import | null>(null);
  return (
    <Table.ScrollContainer minWidth={900}>
      {canWithdraw && <WithdrawModal engagement={e} target={withdrawing} onClose={() => setWithdrawing(null)} />}
      <Table className="bf-table" data-testid="imports-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('quality.imports.cols.when')}</Table.Th>
            <Table.Th>{t('quality.imports.cols.file')}</Table.Th>
            <Table.Th ta="right">{t('quality.imports.cols.rows')}</Table.Th>
            <Table.Th>{t('quality.imports.cols.summary')}</Table.Th>
            <Table.Th>{t('quality.imports.cols.by')}</Table.Th>
            {canWithdraw && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((v) => (
            <Table.Tr key={v.id} data-testid="import-row" data-kind={v.kind} data-filename={v.filename ?? ''} data-status={v.status} data-decimal-separator={v.decimalSeparator}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{fmt.dateTime(v.completedAt ?? v.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light" color={v.kind === 'batches' ? 'indigo' : 'teal'} tt="none">
                    {t(`quality.imports.kinds.${v.kind}`)}
                  </Badge>
                  <Text size="sm" fw={500} td={v.withdrawal ? 'line-through' : undefined} c={v.withdrawal ? 'dimmed' : undefined}>
                    {v.filename ?? '—'}
                  </Text>
                  {v.withdrawal && (
                    <Badge size="xs" variant="light" color="red" tt="none" data-testid="import-withdrawn">
                      {t('quality.imports.withdrawnBadge')}
                    </Badge>
                  )}
                </Group>
                {v.withdrawal && (
                  <Text size="xs" c="red.8" mt={2} data-testid="import-withdrawal">
                    {t('quality.imports.withdrawnBy', { date: fmt.dateTime(v.withdrawal.at), name: v.withdrawal.by.displayName, reason: v.withdrawal.reason })}
                  </Text>
                )}
                <Tooltip label={`SHA-256 ${v.sha256}`} withArrow>
                  <Text size="xs" c="dimmed" ff="monospace" w="fit-content">
                    {v.format.toUpperCase()}{v.decimalSeparator === ',' ? ` · ${t('quality.imports.decimal.inList')}` : ''} · {fmt.bytes(v.bytes)} · {v.sha256.slice(0, 12)}…{v.mapping && Object.keys(v.mapping).length > 0 ? ` · ${t('quality.imports.withMapping')}` : ''}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td ta="right">{q.integer(v.rows)}</Table.Td>
              <Table.Td>
                <Text size="xs">{summaryText(v, t, q.integer, fmt.date)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{v.importedBy.displayName}</Text>
              </Table.Td>
              {canWithdraw && (
                <Table.Td ta="right">
                  {v.status === 'completed' && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setWithdrawing(v)} data-testid="import-withdraw">
                      {t('quality.imports.withdraw')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Withdrawing an import asks why: the buyer sees the reason next to the file. */
function WithdrawModal({ engagement: e, target, onClose }: { engagement: Engagement; target: Import | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshQuality(e.id);
  return (
    <ReasonModal
      opened={target !== null}
      onClose={onClose}
      title={t('quality.imports.withdrawTitle')}
      subject={target ? `${target.filename ?? target.sha256.slice(0, 12)} · ${t(`quality.imports.kinds.${target.kind}`)}` : ''}
      body={t('quality.imports.withdrawBody')}
      label={t('quality.imports.withdrawReason')}
      placeholder={t('quality.imports.withdrawPlaceholder')}
      submitLabel={t('quality.imports.withdraw')}
      color="red"
      schema={WithdrawImportBody}
      field="reason"
      send={(body) => withdrawImport(e.id, target!.id, body)}
      doneMessage={t('quality.imports.withdrawDone')}
      onDone={refresh}
      testIds={{ modal: 'withdraw-import-modal', text: 'withdraw-import-reason', submit: 'withdraw-import-submit' }}
    />
  );
}

function CliCard({ engagement: e }: { engagement: Engagement }) {
  const { t } = useTranslation();
  return (
    <Card h="100%" data-testid="cli-card">
      <Group gap="xs" mb={4}>
        <IconTerminal size={18} />
        <Title order={4} fw={600}>
          {t('quality.imports.cliTitle')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('quality.imports.cliIntro')}
      </Text>
      <Stack gap="xs">
        <CopyField value={`bonafide import batches cmm-export.csv --supplier ${e.supplier.id} --engagement ${e.id}`} testId="cli-batches" />
        <CopyField value={`bonafide import production-logs mes-log.jsonl --supplier ${e.supplier.id} --engagement ${e.id}`} testId="cli-logs" />
        <Text size="xs" c="dimmed">
          {t('quality.imports.cliMapping')}
        </Text>
      </Stack>
    </Card>
  );
}
