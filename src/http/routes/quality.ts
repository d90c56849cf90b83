import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  AqlPlanQuery,
  AqlPlanView,
  CapacityView,
  ImportIdParams,
  ImportQuery,
  ImportRejectedBody,
  ImportView,
  LotInspectionInput,
  LotInspectionQuery,
  LotInspectionsResponse,
  LotInspectionView,
  SampleTestInput,
  SampleTestView,
  SpcCharacteristicsView,
  SpcQuery,
  SpcView,
  SpecificationGetQuery,
  SpecificationInput,
  SpecificationListQuery,
  SpecificationParams,
  SpecificationUpdate,
  SpecificationView,
  WithdrawImportBody,
} from '../../contracts/quality.js';
import type { DecimalSeparator, ImportKind } from '../../domain/quality/index.js';
import { AppError, invalidField } from '../../services/shared/errors.js';
import {
  formatFromName,
  ImportRejectedError,
  importQualityFile,
  listEngagementImports,
  MAX_IMPORT_BYTES,
  parseMappingText,
  spoolUpload,
  type ImportFormat,
} from '../../services/quality/imports.js';
import { loadEngagement } from '../../services/engagements/access.js';
import { withdrawQualityImport } from '../../services/quality/import-withdrawal.js';
import { capacityView, spcCharacteristics } from '../../services/quality/analysis.js';
import { cachedSpcJson } from '../../services/quality/spc-cache.js';
import {
  aqlPlan,
  archiveSpecification,
  createSpecification,
  getOwnSpecification,
  listEngagementLotInspections,
  listEngagementSampleTests,
  listEngagementSpecifications,
  listOwnSpecifications,
  recordLotInspection,
  recordSampleTest,
  updateSpecificationVersion,
} from '../../services/quality/records.js';
import type { ServiceContext } from '../../services/shared/context.js';
import { requireActor } from '../auth.js';
import { registerMultipart } from '../multipart.js';
import type { RoutePlugin } from './types.js';

const tags = ['quality'];

const STREAM_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/json-lines': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

function formatFromContentType(req: FastifyRequest): ImportFormat | undefined {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return STREAM_TYPES[type];
}

function rejected(reply: FastifyReply, err: ImportRejectedError) {
  return reply.status(422).send({
    error: {
      code: 'import_rejected' as const,
      message: err.message,
      line: err.line,
      field: err.field,
      reason: err.reason,
      suggestedDecimalSeparator: err.suggestedDecimalSeparator,
      issues: err.issues ?? [],
    },
  });
}

/**
 * The upload routes: the request body is the file (raw text/csv or application/x-ndjson, or multipart/form-data
 * with a "file" part), passed through unparsed and streamed to a temporary file while it is hashed, then imported
 * from there in one transaction (see spoolUpload). Registered in their own scope, so the pass-through body parser
 * applies to them only.
 */
function registerImportRoutes(app: Parameters<RoutePlugin>[0], ctx: ServiceContext) {
  app.register(async (scope) => {
    await registerMultipart(scope, ctx);
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const route = (path: string, kind: ImportKind, summary: string) =>
      s.post(
        path,
        {
          schema: {
            tags,
            summary,
            description:
              'Send the file as the raw body (Content-Type text/csv or application/x-ndjson) or as multipart/form-data (field "file"; optional fields "mapping", "format" and "decimalSeparator" before it). ' +
              'CSV has a header line; JSON Lines has one object per line. `mapping` names the source column of each field, e.g. {"lot":"Batch No","value":"Messwert"}. ' +
              'A wide batch file (one row per part or lot, one column per characteristic, as a coordinate measuring machine exports it) maps each characteristic column as "characteristic:<key>", e.g. {"lot":"Part No","characteristic:bore_diameter":"Bore D1"}: every non-empty cell is one measurement in the specification\'s unit. ' +
              '`decimalSeparator=,` reads numbers written with a decimal comma ("32,012", usual with a ";" delimiter); thousands separators are refused either way. ' +
              'One transaction: a bad row rejects the file (422 with line and reason) and nothing is stored; the same file again returns the earlier import (200, duplicate: true).',
            params: IdParams,
            querystring: ImportQuery,
            consumes: ['text/csv', 'application/x-ndjson', 'multipart/form-data'],
            response: { 201: ImportView, 200: ImportView, 422: ImportRejectedBody, 400: ErrorBody, 404: ErrorBody },
          },
        },
        async (req, reply) => {
          const actor = requireActor(req);
          let source: Readable;
          let filename = req.query.filename ?? null;
          let mappingText = req.query.mapping;
          let format: ImportFormat | undefined = req.query.format;
          let separatorText: string | undefined = req.query.decimalSeparator;
          if (req.isMultipart()) {
            const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
            if (!part) throw new AppError(400, 'validation_failed', 'no file in the request', [{ path: 'file', message: 'required' }]);
            const field = (name: string) => {
              const f = part.fields[name] as { value?: unknown } | undefined;
              return f && typeof f.value === 'string' ? f.value : undefined;
            };
            mappingText ??= field('mapping');
            const fmt = field('format');
            if (!format && (fmt === 'csv' || fmt === 'jsonl')) format = fmt;
            separatorText ??= field('decimalSeparator');
            filename ??= part.filename || null;
            source = part.file;
          } else {
            if (!(req.body instanceof Readable)) {
              throw new AppError(415, 'unsupported_media_type', 'send the file as text/csv, application/x-ndjson or multipart/form-data', [{ path: 'file', message: 'raw file body expected' }]);
            }
            source = req.body;
            format ??= formatFromContentType(req);
          }
          format ??= formatFromName(filename);
          let spooled: Awaited<ReturnType<typeof spoolUpload>> | null = null;
          try {
            const mapping = parseMappingText(kind, mappingText);
            // The query is checked by its schema; a multipart field only here.
            if (separatorText !== undefined && separatorText !== '.' && separatorText !== ',') throw invalidField('decimalSeparator', 'the decimal separator is "." or ","');
            const decimalSeparator: DecimalSeparator | undefined = separatorText;
            // Strangers get their 404 before anything is read.
            await loadEngagement(ctx, actor, req.params.id);
            spooled = await spoolUpload(source);
            const view = await importQualityFile(ctx, actor, req.params.id, kind, createReadStream(spooled.path, { highWaterMark: 1 << 20 }), {
              format,
              mapping,
              filename,
              knownSha256: spooled.sha256,
              decimalSeparator,
            });
            return reply.status(view.duplicate ? 200 : 201).send(view);
          } catch (err) {
            // Whatever the client still sends is read and dropped, so it gets the answer rather than a reset.
            source.resume();
            if (err instanceof ImportRejectedError) return rejected(reply, err);
            throw err;
          } finally {
            await spooled?.cleanup();
          }
        },
      );
    route('/api/v1/engagements/:id/imports/batches', 'batches', 'Import batch test records (supplier): lot, product, producedAt, characteristic, value, unit[, line]');
    route('/api/v1/engagements/:id/imports/production-logs', 'production_logs', 'Import production logs (supplier): site, line, periodStart, periodEnd, plannedMinutes|plannedHours, downtimeMinutes|downtimeHours, goodOutput, scrap');
  });
}

export const qualityRoutes: RoutePlugin = (app, ctx) => {
  // --- specifications (the buyer's) ---------------------------------------------------------------------------
  app.get('/api/v1/specifications', { schema: { tags, summary: "The organization's product specifications (current versions)", querystring: SpecificationListQuery, response: { 200: z.array(SpecificationView) } } }, async (req) =>
    listOwnSpecifications(ctx, requireActor(req), req.query),
  );
  app.post('/api/v1/specifications', { schema: { tags, summary: 'Define a product specification (buyer): characteristics with unit, nominal, LSL/USL, criticality, method', body: SpecificationInput, response: { 201: SpecificationView } } }, async (req, reply) =>
    reply.status(201).send(await createSpecification(ctx, requireActor(req), req.body)),
  );
  app.get('/api/v1/specifications/:id', { schema: { tags, summary: 'One specification, at its current or a given version', params: SpecificationParams, querystring: SpecificationGetQuery, response: { 200: SpecificationView } } }, async (req) =>
    getOwnSpecification(ctx, requireActor(req), req.params.id, req.query.version),
  );
  app.put('/api/v1/specifications/:id', { schema: { tags, summary: 'Revise a specification: writes a new version (characteristics in full; units cannot change)', params: SpecificationParams, body: SpecificationUpdate, response: { 200: SpecificationView } } }, async (req) =>
    updateSpecificationVersion(ctx, requireActor(req), req.params.id, req.body),
  );
  app.delete('/api/v1/specifications/:id', { schema: { tags, summary: 'Archive a specification (it stays readable for the tests and data that used it)', params: SpecificationParams } }, async (req, reply) => {
    await archiveSpecification(ctx, requireActor(req), req.params.id);
    return reply.status(204).send();
  });
  app.get('/api/v1/engagements/:id/specifications', { schema: { tags, summary: "The buyer's specifications for the engagement's products (both parties)", params: IdParams, response: { 200: z.array(SpecificationView) } } }, async (req) =>
    listEngagementSpecifications(ctx, requireActor(req), req.params.id),
  );

  // --- sample tests ---------------------------------------------------------------------------------------
  app.post(
    '/api/v1/engagements/:id/sample-tests',
    { schema: { tags, summary: 'Record a sample test under documented conditions; it becomes sample_test evidence with provenance by who ran it', params: IdParams, body: SampleTestInput, response: { 201: SampleTestView } } },
    async (req, reply) => reply.status(201).send(await recordSampleTest(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get('/api/v1/engagements/:id/sample-tests', { schema: { tags, summary: 'Sample tests of the engagement with per-characteristic verdicts', params: IdParams, response: { 200: z.array(SampleTestView) } } }, async (req) =>
    listEngagementSampleTests(ctx, requireActor(req), req.params.id),
  );

  // --- AQL ------------------------------------------------------------------------------------------------
  app.get('/api/v1/aql/plan', { schema: { tags, summary: 'ISO 2859-1 single sampling plan (arrow rule applied; 100 % inspection when n ≥ lot size)', querystring: AqlPlanQuery, response: { 200: AqlPlanView } } }, async (req) =>
    aqlPlan(requireActor(req), req.query),
  );
  app.post(
    '/api/v1/engagements/:id/lot-inspections',
    { schema: { tags, summary: 'Record an inspected lot (buyer): the plan follows the switching state; returns the decision and any switch', params: IdParams, body: LotInspectionInput, response: { 201: LotInspectionView } } },
    async (req, reply) => reply.status(201).send(await recordLotInspection(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/engagements/:id/lot-inspections',
    { schema: { tags, summary: 'Lot inspections and the switching history per product and defect class', params: IdParams, querystring: LotInspectionQuery, response: { 200: LotInspectionsResponse } } },
    async (req) => listEngagementLotInspections(ctx, requireActor(req), req.params.id, req.query),
  );

  // --- imports --------------------------------------------------------------------------------------------
  registerImportRoutes(app, ctx);
  app.get('/api/v1/engagements/:id/imports', { schema: { tags, summary: 'Completed and withdrawn imports of batch records and production logs', params: IdParams, response: { 200: z.array(ImportView) } } }, async (req) =>
    listEngagementImports(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/engagements/:id/imports/:importId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw an import (supplier), with a reason: it stays in the record, analyses skip its rows, its evidence leaves the engagement; the same file may be imported again',
        params: ImportIdParams,
        body: WithdrawImportBody,
        response: { 200: ImportView },
      },
    },
    async (req) => withdrawQualityImport(ctx, requireActor(req), req.params.id, req.params.importId, req.body.reason),
  );

  // --- SPC and capacity -----------------------------------------------------------------------------------
  app.get(
    '/api/v1/engagements/:id/spc',
    {
      schema: {
        tags,
        summary: 'SPC of one characteristic: capability indices, control chart (I-MR or x̄–R, decimated for display, signals marked), Nelson-rule signals, histogram with spec limits',
        params: IdParams,
        querystring: SpcQuery,
        response: { 200: SpcView },
      },
    },
    // The answer comes serialized: checked against SpcView once when computed and kept as text until the next
    // write (services/quality/spc-cache.ts); Fastify sends a JSON string as it is.
    async (req, reply) => {
      const json = await cachedSpcJson(ctx, requireActor(req), req.params.id, req.query);
      // Untyped reply: the schema's type is of the object the text is (the schema stays for the OpenAPI document).
      const untyped: FastifyReply = reply;
      return untyped.type('application/json; charset=utf-8').send(json);
    },
  );
  app.get(
    '/api/v1/engagements/:id/spc/characteristics',
    { schema: { tags, summary: 'Every specified characteristic with its batch data: n, lots, dates, recent Cpk/Ppk and signal count', params: IdParams, response: { 200: SpcCharacteristicsView } } },
    async (req) => spcCharacteristics(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/engagements/:id/capacity',
    { schema: { tags, summary: 'Demonstrated capacity per product line from production logs vs the capacity claim, with monthly claimed vs demonstrated series', params: IdParams, response: { 200: CapacityView } } },
    async (req) => capacityView(ctx, requireActor(req), req.params.id),
  );
};
