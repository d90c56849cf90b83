// Imports of batch test records and production logs shared by the supplier into an engagement.
//
// One file is one transaction: rows are read as a stream (never the whole file in memory), validated against the
// buyer's specifications and written in batches; a bad row rejects the whole file with its line number and the
// reason, and nothing is stored. The same file (SHA-256 of its bytes) imported again into the same engagement as
// the same kind adds nothing: the earlier import is returned (`duplicate: true`). Callers that know the hash up
// front (the CLI hashes the file, the HTTP routes spool the upload to a temporary file while hashing it) pass it
// as `knownSha256` and a repeat is answered at once; otherwise it is recognised at the end of the stream and the
// transaction is rolled back. The hash is always recomputed from the bytes actually imported.
//
// Idempotency is per engagement: the same file shared into another engagement (another buyer, checked against that
// buyer's specification) is a separate import there.
//
// After the rows, inside the same transaction:
// - batches: one `batch_test_record` evidence item per lot (self-declared: the supplier's own records, with the
//   lot, product, characteristics and counts as attributes), shared into the engagement — the readiness check
//   "batch records per lot" matches lots by it;
// - production logs: one `production_log` evidence item for the file (self-declared), and the demonstrated
//   capacity per capacity claim is recomputed from all the engagement's logs (quality-analysis.ts).
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import type { ImportView } from '../../contracts/quality.js';

import type { Executor } from '../../db/repositories/executor.js';
import {
  findCompletedImportByFile,
  findImportById,
  insertImport,
  listImports,
  updateImport,
  type QualityImportRow,
} from '../../db/repositories/quality-imports.js';
import {
  BatchRowValidator,
  checkMapping,
  ColumnError,
  wideColumnsOf,
  CsvReader,
  DECIMAL_SEPARATORS,
  jsonNumberText,
  JsonLinesReader,
  NUMERIC_FIELDS,
  RecordSyntaxError,
  resolveColumns,
  RowError,
  WideRows,
  validateProductionLogRow,
  type BatchRow,
  type ColumnMapping,
  batchColumns,
  type BatchColumns,
  type DecimalSeparator,
  type ImportKind,
  type ProductionLogImportRow,
} from '../../domain/quality/index.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { AppError, conflict, forbidden, invalidField } from '../shared/errors.js';
import { insertEvidenceRecord, insertEvidenceRecords } from '../engagements/evidence.js';
import { newId, nowIso } from '../shared/ids.js';
import { withImportTransaction, type BulkTable, type BulkWriter } from './import-writer.js';
import { MAX_IMPORT_BYTES, tooLarge } from './spool.js';
import { refreshDemonstratedCapacity } from './analysis.js';
import { specificationsForEngagement } from './data.js';
import { shareAndLog, shareNewAndLog } from '../record/hooks.js';

export type ImportFormat = 'csv' | 'jsonl';
export type ImportViewT = z.infer<typeof ImportView>;

export { MAX_IMPORT_BYTES, spoolUpload } from './spool.js';

/** A file refused: the line (1 = the header) and the reason. Nothing of it was stored. */
export class ImportRejectedError extends AppError {
  constructor(
    readonly line: number,
    readonly field: string | null,
    readonly reason: string,
    /** The decimal separator that would read the refused value (see RowError). */
    readonly suggestedDecimalSeparator: DecimalSeparator | null = null,
  ) {
    super(422, 'import_rejected', `line ${line}: ${reason}`, [{ path: `line:${line}${field ? `.${field}` : ''}`, message: reason }]);
  }
}

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportOptions {
  format?: ImportFormat;
  mapping?: ColumnMapping;
  filename?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /** The file's SHA-256 when the caller knows it already: a file imported before is answered without reading it. */
  knownSha256?: string;
  /**
   * How the file writes decimals: "32.012" ('.', the default) or "32,012" (','). Applies to every numeric field of
   * a CSV file and to numbers given as JSON strings; recorded with the import (summary.decimalSeparator).
   */
  decimalSeparator?: DecimalSeparator;
}

function measurementsTable(importId: string, supplierId: string): BulkTable<BatchRow> {
  return {
    table: 'batch_measurements',
    columns: ['import_id', 'supplier_organization_id', 'product', 'lot', 'line', 'produced_at', 'characteristic', 'value', 'source_line'],
    params: (r) => [importId, supplierId, r.product, r.lot, r.line, r.producedAt, r.characteristic, r.value, r.sourceLine],
  };
}

function logsTable(importId: string, supplierId: string): BulkTable<ProductionLogImportRow> {
  return {
    table: 'production_logs',
    columns: ['import_id', 'supplier_organization_id', 'site', 'line', 'period_start', 'period_end', 'planned_minutes', 'downtime_minutes', 'good_output', 'scrap', 'source_line'],
    params: (r) => [importId, supplierId, r.site, r.line, r.periodStart, r.periodEnd, r.plannedMinutes, r.downtimeMinutes, r.goodOutput, r.scrap, r.sourceLine],
  };
}

export function formatFromName(name: string | null | undefined): ImportFormat | undefined {
  const n = (name ?? '').toLowerCase();
  if (n.endsWith('.csv') || n.endsWith('.tsv') || n.endsWith('.txt')) return 'csv';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson') || n.endsWith('.json')) return 'jsonl';
  return undefined;
}

export function parseMappingText(kind: ImportKind, text: string | undefined): ColumnMapping | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidField('mapping', 'the mapping is not JSON; give an object such as {"lot":"Batch No","value":"Messwert"}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidField('mapping', 'the mapping is a JSON object of field → source column');
  try {
    checkMapping(kind, value as ColumnMapping);
  } catch (err) {
    if (err instanceof ColumnError) throw invalidField(err.field, err.reason);
    throw err;
  }
  return value as ColumnMapping;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

interface RowSink<R> {
  onRow(row: R): void;
}

/** Turns text into validated rows: CSV (header first) or JSON Lines, with the column mapping applied. */
class RowReader<R> {
  private csv: CsvReader | null = null;
  private jsonl: JsonLinesReader | null = null;
  private columns: Map<string, number> | null = null;
  private headerLength = 0;
  /** A wide batch file (one column per characteristic): each row gives several measurements. */
  private wide: WideRows | null = null;
  private readonly jsonColumns = new Map<string, { cols: Map<string, number>; numeric: Set<number> | null }>();

  constructor(
    private readonly kind: ImportKind,
    format: ImportFormat,
    private readonly mapping: ColumnMapping | undefined,
    private readonly separator: DecimalSeparator,
    private readonly validate: (fields: string[], columns: Map<string, number>, line: number) => R,
    private readonly sink: RowSink<R>,
  ) {
    if (format === 'csv') this.csv = new CsvReader();
    else this.jsonl = new JsonLinesReader();
  }

  push(text: string): void {
    if (this.csv) this.csv.push(text, this.onCsv);
    else this.jsonl!.push(text, this.onJson);
  }

  end(): void {
    if (this.csv) this.csv.end(this.onCsv);
    else this.jsonl!.end(this.onJson);
  }

  private readonly onCsv = (fields: string[], line: number): void => {
    if (this.columns === null) {
      this.columns = this.resolve(fields, line);
      this.headerLength = fields.length;
      if (this.kind === 'batches' && wideColumnsOf(this.columns)) this.wide = new WideRows(this.columns, fields.length, fields);
      return;
    }
    if (fields.length !== this.headerLength) {
      throw new RowError(
        line,
        '',
        fields.length < this.headerLength
          ? `expected ${this.headerLength} columns, found ${fields.length}: the line is truncated or a delimiter is missing`
          : `expected ${this.headerLength} columns, found ${fields.length}: an unquoted delimiter inside a value?`,
      );
    }
    if (this.wide) {
      const wide = this.wide;
      wide.forEach(fields, line, (m) => this.sink.onRow(this.validate(m, wide.columns, line)));
      return;
    }
    this.sink.onRow(this.validate(fields, this.columns, line));
  };

  private readonly onJson = (value: unknown, line: number): void => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RowError(line, '', 'each line must be a JSON object');
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const signature = keys.join('\u0000');
    let entry = this.jsonColumns.get(signature);
    if (!entry) {
      const resolved = this.resolve(keys, line);
      // With decimal commas, JSON numbers of numeric fields are written as such (see jsonNumberText).
      const numeric = this.separator === '.' ? null : new Set(NUMERIC_FIELDS[this.kind].flatMap((f) => resolved.get(f) ?? []));
      entry = { cols: resolved, numeric };
      if (this.jsonColumns.size < 64) this.jsonColumns.set(signature, entry);
    }
    const { cols, numeric } = entry;
    this.columns = cols;
    if (this.kind === 'batches' && wideColumnsOf(cols)) {
      // A wide JSON object (one key per characteristic), read as a wide CSV row.
      const wide = new WideRows(cols, keys.length, keys);
      const values = keys.map((k) => {
        const v = obj[k];
        return typeof v === 'string' ? v : typeof v === 'number' ? (this.separator === '.' ? String(v) : jsonNumberText(v, this.separator)) : v === null || v === undefined ? '' : JSON.stringify(v);
      });
      wide.forEach(values, line, (m) => this.sink.onRow(this.validate(m, wide.columns, line)));
      return;
    }
    const fields = new Array<string>(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const v = obj[keys[i]!];
      fields[i] =
        typeof v === 'string'
          ? v
          : typeof v === 'number'
            ? numeric?.has(i)
              ? jsonNumberText(v, this.separator)
              : String(v)
            : v === null || v === undefined
              ? ''
              : JSON.stringify(v);
    }
    this.sink.onRow(this.validate(fields, cols, line));
  };

  private resolve(names: string[], line: number): Map<string, number> {
    try {
      return resolveColumns(this.kind, names, this.mapping);
    } catch (err) {
      if (err instanceof ColumnError) throw new RowError(line, err.field, err.reason);
      throw err;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Views

type ImportRowWithName = QualityImportRow & { imported_by_name?: string | null; withdrawn_by_name?: string | null };

export function importView(r: ImportRowWithName, duplicate = false): ImportViewT {
  const summary = JSON.parse(r.summary) as Record<string, unknown>;
  return {
    id: r.id,
    engagementId: r.engagement_id,
    kind: r.kind as ImportKind,
    format: r.format as ImportFormat,
    filename: r.filename,
    sha256: r.sha256,
    bytes: Number(r.bytes),
    rows: Number(r.row_count),
    status: r.status,
    mapping: r.mapping ? (JSON.parse(r.mapping) as Record<string, string>) : null,
    specificationVersions: JSON.parse(r.spec_versions) as Record<string, number>,
    summary,
    // Imports from before the option were all read with a decimal point.
    decimalSeparator: summary.decimalSeparator === ',' ? ',' : '.',
    importedBy: { userId: r.imported_by, displayName: r.imported_by_name ?? '' },
    createdAt: r.created_at,
    completedAt: r.completed_at,
    withdrawal:
      r.status === 'withdrawn' && r.withdrawn_at && r.withdrawn_by
        ? { at: r.withdrawn_at, by: { userId: r.withdrawn_by, displayName: r.withdrawn_by_name ?? '' }, reason: r.withdrawal_reason ?? '' }
        : null,
    duplicate,
  };
}

export async function listEngagementImports(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  return (await listImports(ctx.handle.db, e.id)).map((r) => importView(r));
}

// ---------------------------------------------------------------------------------------------------------------
// The import

class DuplicateFile extends Error {
  constructor(readonly sha256: string) {
    super('duplicate file');
  }
}

interface LotStats {
  product: string;
  lot: string;
  n: number;
  /** Measurements per characteristic. */
  characteristics: Map<string, number>;
  lines: Set<string>;
  first: string;
  last: string;
}

function perCharacteristicOf(lots: Map<string, LotStats>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lots.values()) for (const [c, n] of l.characteristics) out[`${l.product} / ${c}`] = (out[`${l.product} / ${c}`] ?? 0) + n;
  return out;
}

function sniffFormat(first: Buffer | string): ImportFormat {
  const s = (typeof first === 'string' ? first : first.subarray(0, 64).toString('utf8')).replace(/^\uFEFF/, '').trimStart();
  return s.startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * Imports one file of the supplier's batch test records or production logs into an engagement. `source` yields
 * the file's bytes in order (a file or request stream). Throws ImportRejectedError (422) for a bad file.
 */
export async function importQualityFile(
  ctx: ServiceContext,
  actor: Actor,
  engagementId: string,
  kind: ImportKind,
  source: AsyncIterable<Buffer | string>,
  opts: ImportOptions = {},
): Promise<ImportViewT> {
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'quality.import');
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier imports its own batch records and production logs');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: data is shared once the supplier has accepted and while it is open`);
  let mapping: ColumnMapping | undefined;
  try {
    mapping = opts.mapping ? checkMapping(kind, opts.mapping) : undefined;
  } catch (err) {
    if (err instanceof ColumnError) throw invalidField(err.field, err.reason);
    throw err;
  }
  const decimalSeparator = opts.decimalSeparator ?? '.';
  if (!(DECIMAL_SEPARATORS as readonly string[]).includes(decimalSeparator)) throw invalidField('decimalSeparator', 'the decimal separator is "." or ","');
  const db = ctx.handle.db;
  if (opts.knownSha256) {
    const earlier = await findCompletedImportByFile(db, e.id, kind, opts.knownSha256);
    if (earlier) return importView(earlier, true);
  }
  const specs = kind === 'batches' ? await specificationsForEngagement(db, e) : [];
  if (kind === 'batches' && specs.length === 0) {
    throw new ImportRejectedError(1, null, "the buyer has no specification for the products of this engagement yet, so batch records cannot be checked; ask the buyer to define one");
  }

  const importId = newId();
  const supplierId = e.supplier_organization_id;
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let rows = 0;
  let format = opts.format ?? formatFromName(opts.filename);
  const startedAt = nowIso();

  const batchValidator = kind === 'batches' ? new BatchRowValidator(specs, { decimalSeparator }) : null;
  const lots = new Map<string, LotStats>();
  const logLines = new Set<string>();
  let firstAt: string | null = null;
  let lastAt: string | null = null;

  try {
    const view = await withImportTransaction(ctx.handle, async (trx, bulk: BulkWriter) => {
      await insertImport(trx, {
        id: importId,
        engagement_id: e.id,
        supplier_organization_id: supplierId,
        kind,
        format: format ?? 'csv',
        filename: opts.filename ?? null,
        sha256: `pending:${importId}`,
        bytes: 0,
        row_count: 0,
        status: 'running',
        mapping: mapping ? JSON.stringify(mapping) : null,
        spec_versions: JSON.stringify(Object.fromEntries(specs.map((s) => [s.product, s.version]))),
        summary: '{}',
        imported_by: actor.userId,
        created_at: startedAt,
        completed_at: null,
        withdrawn_at: null,
        withdrawn_by: null,
        withdrawal_reason: null,
      });

      const measurements = measurementsTable(importId, supplierId);
      const logs = logsTable(importId, supplierId);
      let pendingBatches: BatchRow[] = [];
      let pendingLogs: ProductionLogImportRow[] = [];
      let reader: RowReader<BatchRow> | RowReader<ProductionLogImportRow> | null = null;
      const makeReader = (fmt: ImportFormat) => {
        if (kind === 'batches') {
          let columnsOf: Map<string, number> | null = null;
          let columns: BatchColumns | null = null;
          const validate = (fields: string[], cols: Map<string, number>, line: number) => {
            if (cols !== columnsOf) {
              columnsOf = cols;
              columns = batchColumns(cols);
            }
            return batchValidator!.validateFields(fields, columns!, line);
          };
          let last: LotStats | null = null;
          return new RowReader<BatchRow>(kind, fmt, mapping, decimalSeparator, validate, {
            onRow: (r) => {
              rows++;
              pendingBatches.push(r);
              let s = last;
              if (s === null || s.lot !== r.lot || s.product !== r.product) {
                const lk = `${r.product}\u0000${r.lot}`;
                s = lots.get(lk) ?? null;
                if (s === null) {
                  s = { product: r.product, lot: r.lot, n: 0, characteristics: new Map(), lines: new Set(), first: r.producedAt, last: r.producedAt };
                  lots.set(lk, s);
                }
                last = s;
              }
              s.n++;
              s.characteristics.set(r.characteristic, (s.characteristics.get(r.characteristic) ?? 0) + 1);
              if (r.line && !s.lines.has(r.line)) s.lines.add(r.line);
              if (r.producedAt < s.first) s.first = r.producedAt;
              else if (r.producedAt > s.last) s.last = r.producedAt;
            },
          });
        }
        const validate = (fields: string[], cols: Map<string, number>, line: number) =>
          validateProductionLogRow(
            (field) => {
              const i = cols.get(field);
              return i === undefined ? undefined : fields[i];
            },
            line,
            { decimalSeparator },
          );
        return new RowReader<ProductionLogImportRow>(kind, fmt, mapping, decimalSeparator, validate, {
          onRow: (r) => {
            rows++;
            pendingLogs.push(r);
            logLines.add(`${r.site} / ${r.line}`);
            if (firstAt === null || r.periodStart < firstAt) firstAt = r.periodStart;
            if (lastAt === null || r.periodEnd > lastAt) lastAt = r.periodEnd;
          },
        });
      };
      const flush = async (all: boolean) => {
        if (pendingBatches.length >= bulk.batchSize || (all && pendingBatches.length)) {
          await bulk.insert(measurements, pendingBatches);
          pendingBatches = [];
        } else if (pendingLogs.length >= bulk.batchSize || (all && pendingLogs.length)) {
          await bulk.insert(logs, pendingLogs);
          pendingLogs = [];
        } else return;
        opts.onProgress?.({ rows, bytes });
      };

      for await (const chunk of source) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (buf.length === 0) continue;
        bytes += buf.length;
        if (bytes > MAX_IMPORT_BYTES) throw tooLarge(MAX_IMPORT_BYTES);
        hash.update(buf);
        if (!reader) {
          format ??= sniffFormat(buf);
          reader = makeReader(format);
        }
        reader.push(decoder.write(buf));
        await flush(false);
      }
      if (!reader) throw new RowError(1, '', 'the file is empty');
      const tail = decoder.end();
      if (tail) reader.push(tail);
      reader.end();
      await flush(true);
      await bulk.finish();
      if (rows === 0) throw new RowError(1, '', 'the file has a header but no data rows');

      const sha256 = hash.digest('hex');
      if (await findCompletedImportByFile(trx, e.id, kind, sha256)) throw new DuplicateFile(sha256);

      const completedAt = nowIso();
      const summary: Record<string, unknown> =
        kind === 'batches'
          ? {
              decimalSeparator,
              lots: lots.size,
              products: [...new Set([...lots.values()].map((l) => l.product))],
              characteristics: perCharacteristicOf(lots),
              convertedUnits: Object.fromEntries(batchValidator!.converted),
              firstProducedAt: [...lots.values()].reduce<string | null>((a, l) => (a === null || l.first < a ? l.first : a), null),
              lastProducedAt: [...lots.values()].reduce<string | null>((a, l) => (a === null || l.last > a ? l.last : a), null),
            }
          : { decimalSeparator, lines: [...logLines].sort(), firstPeriodStart: firstAt, lastPeriodEnd: lastAt };
      await updateImport(trx, importId, { sha256, bytes, row_count: rows, status: 'completed', format: format!, summary: JSON.stringify(summary), completed_at: completedAt });

      const evidenceIds: string[] = [];
      if (kind === 'batches') {
        evidenceIds.push(...(await recordLotEvidence(trx, actor, e.id, supplierId, importId, [...lots.values()], opts.filename ?? null)));
      } else {
        evidenceIds.push(await recordLogEvidence(trx, actor, e.id, supplierId, importId, rows, [...logLines].sort(), firstAt!, lastAt!, opts.filename ?? null));
        summary.capacity = await refreshDemonstratedCapacity(trx, ctx.handle.dialect, actor, e);
        await updateImport(trx, importId, { summary: JSON.stringify(summary) });
      }
      await recordAudit(trx, actor, 'quality.imported', 'engagement', e.id, { importId, kind, rows, bytes, sha256, filename: opts.filename ?? null, evidence: evidenceIds.length });
      const done = await findImportById(trx, e.id, importId);
      return importView(done!);
    });
    opts.onProgress?.({ rows, bytes });
    return view;
  } catch (err) {
    if (err instanceof DuplicateFile) {
      const earlier = await findCompletedImportByFile(db, e.id, kind, err.sha256);
      if (earlier) return importView(earlier, true);
    }
    if (err instanceof RowError) throw new ImportRejectedError(err.line, err.field || null, err.reason, err.suggestedSeparator ?? null);
    if (err instanceof RecordSyntaxError) throw new ImportRejectedError(err.line, null, err.reason);
    throw err;
  }
}

/** One batch test record per lot, shared into the engagement and logged, in a few multi-row writes. */
async function recordLotEvidence(trx: Executor, actor: Actor, engagementId: string, supplierId: string, importId: string, lots: readonly LotStats[], filename: string | null): Promise<string[]> {
  const items = lots.map((l) => {
    const chars = [...l.characteristics.keys()].sort();
    const lines = [...l.lines].sort();
    return {
      input: {
        kind: 'batch_test_record' as const,
        provenance: 'self_declared' as const,
        title: `Batch test record, lot ${l.lot} (${l.product}): ${l.n} measurements of ${chars.length} characteristics`,
        description: `Imported${filename ? ` from ${filename}` : ''}; characteristics ${chars.join(', ')}${lines.length ? `; line ${lines.join(', ')}` : ''}.`,
        issuer: null,
        issuedAt: l.last,
        attributes: {
          lot: l.lot,
          product: l.product,
          importId,
          measurements: String(l.n),
          characteristics: chars.join(', ').slice(0, 500),
          ...(lines.length ? { line: lines.join(', ').slice(0, 500) } : {}),
          producedFrom: l.first,
          producedTo: l.last,
        },
        fileIds: [],
        links: [],
      },
      generated: { key: 'batch_test_record', params: { lot: l.lot, product: l.product, measurementsCount: l.n, characteristicsCount: chars.length } },
    };
  });
  const rows = await insertEvidenceRecords(trx, actor, items, supplierId);
  await shareNewAndLog(trx, rows, { engagementId, organizationId: actor.organizationId, userId: actor.userId, at: nowIso() });
  return rows.map((r) => r.id);
}

async function recordLogEvidence(
  trx: Executor,
  actor: Actor,
  engagementId: string,
  supplierId: string,
  importId: string,
  rows: number,
  lines: string[],
  from: string,
  to: string,
  filename: string | null,
): Promise<string> {
  const ev = await insertEvidenceRecord(
    trx,
    actor,
    {
      kind: 'production_log',
      provenance: 'self_declared',
      title: `Production logs ${from.slice(0, 10)} – ${to.slice(0, 10)}: ${rows} records, ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`,
      description: `Imported${filename ? ` from ${filename}` : ''}; lines ${lines.join(', ')}.`,
      issuer: null,
      issuedAt: to,
      attributes: { importId, records: String(rows), lines: lines.join(', ').slice(0, 500), from, to },
      fileIds: [],
      links: [],
    },
    supplierId,
    { key: 'production_logs_import', params: { from: from.slice(0, 10), to: to.slice(0, 10), recordsCount: rows, linesCount: lines.length } },
  );
  await shareAndLog(trx, { engagement_id: engagementId, evidence_id: ev.id, shared_by_organization_id: actor.organizationId, shared_by: actor.userId, shared_at: nowIso() });
  return ev.id;
}
