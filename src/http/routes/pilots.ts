import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  DeliveryInput,
  DeliveryParams,
  DeliveryView,
  GenericImportQuery,
  InspectionInput,
  KpiRecordsParams,
  KpiRecordsQuery,
  KpiRecordsView,
  NewPilotInput,
  OrderImportRejectedBody,
  OrderImportView,
  OrderLineInput,
  OrderLineView,
  OrdersOverview,
  PilotQuery,
  PilotSummaryView,
  PilotView,
  ReviewCommentInput,
  ReviewInput,
  ReviewParams,
  ReviewRecordsQuery,
  ReviewView,
} from '../../contracts/pilots.js';
import { ImportView } from '../../contracts/quality.js';
import { ORDER_IMPORT_KINDS, type OrderImportKind } from '../../domain/pilots/index.js';
import type { ImportKind } from '../../domain/quality/columns.js';
import type { DecimalSeparator } from '../../domain/quality/units.js';
import { loadEngagement } from '../../services/engagements/access.js';
import { kpiRecords } from '../../services/pilots/kpi-records.js';
import { importOrderFile, parseOrderMappingText } from '../../services/pilots/order-imports.js';
import { ordersOverview, recordDelivery, recordInspection, recordOrderLine } from '../../services/pilots/orders.js';
import { createPilot, getPilot, listEngagementPilots } from '../../services/pilots/pilots.js';
import { addReviewComment, createPilotReview, reviewRecords } from '../../services/pilots/reviews.js';
import { formatFromName, ImportRejectedError, importQualityFile, MAX_IMPORT_BYTES, parseMappingText, spoolUpload, type ImportFormat } from '../../services/quality/imports.js';
import type { ServiceContext } from '../../services/shared/context.js';
import { AppError, invalidField } from '../../services/shared/errors.js';
import { requireActor } from '../auth.js';
import { registerMultipart } from '../multipart.js';
import type { RoutePlugin } from './types.js';

const tags = ['pilots'];

const STREAM_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
};

const KIND_ALIASES: Record<string, ImportKind | OrderImportKind> = {
  orders: 'orders',
  deliveries: 'deliveries',
  batches: 'batches',
  production_logs: 'production_logs',
  'production-logs': 'production_logs',
};

function rejected(reply: FastifyReply, err: ImportRejectedError) {
  return reply.status(422).send({
    error: { code: 'import_rejected' as const, message: err.message, line: err.line, field: err.field, reason: err.reason, suggestedDecimalSeparator: err.suggestedDecimalSeparator, issues: err.issues ?? [] },
  });
}

/**
 * POST /engagements/{id}/imports: one entry for every kind of file (orders, deliveries, batches, production_logs),
 * named by ?kind= or a multipart field "kind" before the file; /imports/orders and /imports/deliveries name it in
 * the path. The body is passed through unparsed, spooled to a temporary file while hashed, then imported from there
 * in one transaction (as the quality imports).
 */
function registerImportRoutes(app: Parameters<RoutePlugin>[0], ctx: ServiceContext) {
  app.register(async (scope) => {
    await registerMultipart(scope, ctx);
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const handler = (fixedKind: OrderImportKind | null) => async (req: FastifyRequest<{ Params: { id: string }; Querystring: z.infer<typeof GenericImportQuery> }>, reply: FastifyReply) => {
      const actor = requireActor(req);
      let source: Readable;
      let filename = req.query.filename ?? null;
      let mappingText = req.query.mapping;
      let format: ImportFormat | undefined = req.query.format;
      let separatorText: string | undefined = req.query.decimalSeparator;
      let kindText: string | undefined = fixedKind ?? req.query.kind;
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
        kindText ??= field('kind');
        filename ??= part.filename || null;
        source = part.file;
      } else {
        if (!(req.body instanceof Readable)) throw new AppError(415, 'unsupported_media_type', 'send the file as text/csv, application/x-ndjson or multipart/form-data', [{ path: 'file', message: 'raw file body expected' }]);
        source = req.body;
        format ??= STREAM_TYPES[String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()];
      }
      format ??= formatFromName(filename);
      let spooled: Awaited<ReturnType<typeof spoolUpload>> | null = null;
      try {
        const kind = kindText === undefined ? undefined : KIND_ALIASES[kindText];
        if (!kind) throw invalidField('kind', `say which kind of file this is: ${[...ORDER_IMPORT_KINDS, 'batches', 'production_logs'].join(', ')}`);
        if (separatorText !== undefined && separatorText !== '.' && separatorText !== ',') throw invalidField('decimalSeparator', 'the decimal separator is "." or ","');
        const decimalSeparator = separatorText as DecimalSeparator | undefined;
        const isOrder = kind === 'orders' || kind === 'deliveries';
        const orderMapping = isOrder ? parseOrderMappingText(kind, mappingText) : undefined;
        const qualityMapping = isOrder ? undefined : parseMappingText(kind, mappingText);
        // Strangers get their 404 before anything is read.
        await loadEngagement(ctx, actor, req.params.id);
        spooled = await spoolUpload(source);
        const file = () => createReadStream(spooled!.path, { highWaterMark: 1 << 20 });
        const view = isOrder
          ? await importOrderFile(ctx, actor, req.params.id, kind, file(), { format, mapping: orderMapping, filename, knownSha256: spooled.sha256, decimalSeparator })
          : await importQualityFile(ctx, actor, req.params.id, kind, file(), { format, mapping: qualityMapping, filename, knownSha256: spooled.sha256, decimalSeparator });
        return reply.status(view.duplicate ? 200 : 201).send(view);
      } catch (err) {
        source.resume();
        if (err instanceof ImportRejectedError) return rejected(reply, err);
        throw err;
      } finally {
        await spooled?.cleanup();
      }
    };
    const schema = (summary: string) => ({
      tags,
      summary,
      description:
        'The file is the raw body (text/csv or application/x-ndjson) or multipart/form-data (field "file"; "kind", "mapping", "format", "decimalSeparator" before it). ' +
        'Orders: orderNo, line, item, orderedQty, unit, orderedAt, requestedDate, confirmedDate — ERPNext (parent, idx, item_code, qty, uom, transaction_date, schedule_date, expected_delivery_date) and Odoo (order_id, sequence, product_id, product_qty, date_order, date_planned) names are recognised. ' +
        'Deliveries: deliveryNo, orderNo, line, item, receivedAt, receivedQty, rejectedQty, lot — ERPNext (parent, purchase_order, item_code, received_qty, rejected_qty, batch_no, posting_date) and Odoo (reference, origin, product_id, qty_received, lot_id, date_done). ' +
        'Other names: `mapping`, e.g. {"orderNo":"Bestellnummer"}. One transaction: a bad row rejects the file (422 with line and reason) and nothing is stored; the same file again returns the earlier import (200, duplicate: true); rows already recorded with the same values are counted as unchanged.',
      params: IdParams,
      querystring: GenericImportQuery,
      consumes: ['text/csv', 'application/x-ndjson', 'multipart/form-data'],
      response: { 201: z.union([OrderImportView, ImportView]), 200: z.union([OrderImportView, ImportView]), 422: OrderImportRejectedBody, 400: ErrorBody, 404: ErrorBody },
    });
    s.post('/api/v1/engagements/:id/imports', { schema: schema('Import a file of orders, deliveries (buyer), batch records or production logs (supplier); kind names which') }, handler(null));
    s.post('/api/v1/engagements/:id/imports/orders', { schema: schema('Import purchase-order lines (buyer)') }, handler('orders'));
    s.post('/api/v1/engagements/:id/imports/deliveries', { schema: schema('Import deliveries / goods receipts (buyer)') }, handler('deliveries'));
  });
}

export const pilotRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/engagements/:id/pilots',
    {
      schema: {
        tags,
        summary: 'Set up a pilot (buyer, phase 3): dates (3–6 months, else a reason), products and volumes, KPIs (catalogue or custom formula) with target, direction, weight and at-risk threshold, evaluation points',
        params: IdParams,
        body: NewPilotInput,
        response: { 201: PilotView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createPilot(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get('/api/v1/engagements/:id/pilots', { schema: { tags, summary: "The engagement's pilots, newest first", params: IdParams, response: { 200: z.array(PilotSummaryView) } } }, async (req) =>
    listEngagementPilots(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/pilots/:id',
    {
      schema: {
        tags,
        summary: 'A pilot with its KPIs computed from the recorded orders, deliveries and messages: kpis[] {key, target, direction, weight, value, status: met|at_risk|missed|no_data}, trend per period, evaluation points and reviews',
        params: IdParams,
        querystring: PilotQuery,
        response: { 200: PilotView, 404: ErrorBody },
      },
    },
    async (req) => getPilot(ctx, requireActor(req), req.params.id, { unit: req.query.period }),
  );
  app.get(
    '/api/v1/pilots/:id/kpis/:key/records',
    { schema: { tags, summary: 'The records behind a KPI value: for the whole pilot so far, or one period (?period=2026-03 or 2026-W10)', params: KpiRecordsParams, querystring: KpiRecordsQuery, response: { 200: KpiRecordsView, 404: ErrorBody } } },
    async (req) => kpiRecords(ctx, requireActor(req), req.params.id, req.params.key, req.query.period),
  );
  app.post(
    '/api/v1/pilots/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Review an evaluation point (buyer): KPI values frozen with their records, a comment, and a decision — continue, adjust (target changes recorded) or stop; a final review that continues passes the pilot',
        params: IdParams,
        body: ReviewInput,
        response: { 201: ReviewView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createPilotReview(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/pilots/:id/reviews/:reviewId/comments',
    { schema: { tags, summary: "Add a comment to a review (the supplier's side, or more from the buyer)", params: ReviewParams, body: ReviewCommentInput, response: { 201: ReviewView, 404: ErrorBody } } },
    async (req, reply) => reply.status(201).send(await addReviewComment(ctx, requireActor(req), req.params.id, req.params.reviewId, req.body)),
  );
  app.get(
    '/api/v1/pilots/:id/reviews/:reviewId/records',
    { schema: { tags, summary: 'The records behind one KPI value of a review, as frozen on its day', params: ReviewParams, querystring: ReviewRecordsQuery, response: { 200: KpiRecordsView, 404: ErrorBody } } },
    async (req) => reviewRecords(ctx, requireActor(req), req.params.id, req.params.reviewId, req.query.key),
  );

  app.get(
    '/api/v1/engagements/:id/orders',
    { schema: { tags, summary: 'Purchase-order lines (with due date and timing), deliveries with their incoming inspections, unmatched deliveries, and the imports', params: IdParams, response: { 200: OrdersOverview } } },
    async (req) => ordersOverview(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/engagements/:id/order-lines',
    { schema: { tags, summary: 'Record a purchase-order line (buyer)', params: IdParams, body: OrderLineInput, response: { 201: OrderLineView, 400: ErrorBody, 409: ErrorBody } } },
    async (req, reply) => reply.status(201).send(await recordOrderLine(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/engagements/:id/deliveries',
    { schema: { tags, summary: 'Record a delivery / goods receipt (buyer): date, quantity received and rejected, lot', params: IdParams, body: DeliveryInput, response: { 201: DeliveryView, 400: ErrorBody, 409: ErrorBody } } },
    async (req, reply) => reply.status(201).send(await recordDelivery(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/deliveries/:id/inspections',
    {
      schema: {
        tags,
        summary: 'Record the incoming inspection of a delivery (buyer): quantity inspected and rejected, decision; links the ISO 2859-1 lot inspection where there is one',
        params: DeliveryParams,
        body: InspectionInput,
        response: { 201: DeliveryView, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await recordInspection(ctx, requireActor(req), req.params.id, req.body)),
  );

  registerImportRoutes(app, ctx);
};
