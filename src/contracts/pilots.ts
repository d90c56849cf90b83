// Pilots (phase 3), their KPIs, evaluation points and reviews; purchase-order lines, deliveries, incoming
// inspections and their imports: the request and response shapes shared by HTTP, CLI and web.
import { z } from 'zod';
import { DIRECTIONS, OTD_BASES, RECORD_SOURCES } from '../domain/pilots/catalogue.js';
import { KPI_STATUSES } from '../domain/pilots/evaluate.js';
import { ORDER_IMPORT_KINDS } from '../domain/pilots/import-rows.js';
import { EVALUATION_POINT_KINDS, POINT_STATES, REVIEW_DECISIONS } from '../domain/pilots/plan.js';
import { PERIOD_UNITS } from '../domain/pilots/periods.js';
import { INSPECTION_DECISIONS } from '../domain/pilots/records.js';
import { IMPORT_KINDS } from '../domain/quality/columns.js';
import { DECIMAL_SEPARATORS } from '../domain/quality/units.js';
import { Id, IsoDateTime } from './common.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
export const IsoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const Num = z.number().finite();
const Qty = z.number().finite().min(0).max(1e12);

export const Direction = z.enum(DIRECTIONS);
export const KpiStatus = z.enum(KPI_STATUSES);
export const PeriodUnit = z.enum(PERIOD_UNITS);

// ---------------------------------------------------------------------------------------------------------------
// Pilot set-up

export const DeliveryWindowSchema = z.strictObject({
  /** Days before the due date a delivery still counts as on time (the "−0" of −0/+3). */
  before: z.int().min(0).max(60),
  /** Days after the due date (the "+3"). */
  after: z.int().min(0).max(60),
});

export const KpiParamsSchema = z.strictObject({
  window: DeliveryWindowSchema.optional(),
  /** OTD/OTIF: per order line (default), per order, or per quantity. */
  basis: z.enum(OTD_BASES).optional(),
  /** Lead-time adherence: the quoted lead time in days (default: the supplier's lead-time claim). */
  leadTimeDays: z.number().positive().max(730).nullable().optional(),
});

export const KpiInput = z.strictObject({
  /** A catalogue key (otd, otif, defect_ppm, …) or the key of a custom KPI (lower case, digits, _). */
  key: z.string().trim().min(1).max(40),
  label: Text(120).nullable().optional(),
  /** Custom KPIs: a formula over recorded quantities, e.g. "accepted_qty / received_qty * 100". */
  formula: z.string().max(50_000).nullable().optional(),
  /** Custom KPIs: the unit shown ("%", "pcs"); catalogue KPIs have theirs. */
  unit: z.string().trim().max(16).optional(),
  direction: Direction.optional(),
  target: Num.optional(),
  /** The early-warning level on the good side of the target (default: the catalogue's, or the target). */
  atRisk: Num.optional(),
  weight: z.number().positive().max(100).optional(),
  params: KpiParamsSchema.optional(),
});

export const EvaluationPointInput = z.strictObject({
  kind: z.enum(EVALUATION_POINT_KINDS),
  label: Text(120).nullable().optional(),
  dueDate: IsoDate,
});

export const PilotProduct = z.strictObject({
  product: Text(200),
  volume: z.number().positive().max(1e12),
  unit: Text(20).default('pcs'),
  /** What the volume is per. */
  period: z.enum(['week', 'month', 'total']).default('month'),
});

export const NewPilotInput = z.strictObject({
  title: Text(200),
  startDate: IsoDate,
  endDate: IsoDate,
  /** Required when the pilot runs outside 3–6 months; it stays visible. */
  durationReason: Text(1000).nullable().optional(),
  products: z.array(PilotProduct).min(1).max(20),
  periodUnit: PeriodUnit.default('month'),
  kpis: z.array(KpiInput).min(1).max(20),
  /** Default: month 1, mid-point and final. */
  evaluationPoints: z.array(EvaluationPointInput).min(1).max(12).optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Pilot views

export const NoDataView = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

const SpanFields = {
  value: z.number().nullable(),
  status: KpiStatus,
  /** Why there is no value (no records, source missing, divisor 0, …); null when there is one. */
  noData: NoDataView.nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Records counted. */
  counted: z.number(),
};

export const KpiPeriodView = z.object({ key: z.string(), start: IsoDate, end: IsoDate, ...SpanFields });

export const KpiView = z.object({
  key: z.string(),
  kind: z.enum(['catalogue', 'custom']),
  label: z.string().nullable(),
  formula: z.string().nullable(),
  unit: z.string(),
  target: z.number(),
  direction: Direction,
  weight: z.number(),
  atRisk: z.number(),
  params: z.object({
    window: z.object({ before: z.number(), after: z.number() }).optional(),
    basis: z.enum(OTD_BASES).optional(),
    leadTimeDays: z.number().nullable().optional(),
  }),
  ...SpanFields,
  /** The trend: one value per period (week or month) of the pilot so far. */
  periods: z.array(KpiPeriodView),
});

export const AttainmentView = z.object({
  /** Share of the weight (of KPIs with data) whose target is met, in percent. */
  value: z.number().nullable(),
  metWeight: z.number(),
  totalWeight: z.number(),
  noData: z.array(z.string()),
});

const Person = z.object({ id: Id, displayName: z.string() });

export const TargetChangeView = z.object({ key: z.string(), field: z.enum(['target', 'atRisk', 'weight']), from: z.number(), to: z.number() });

export const ReviewCommentView = z.object({
  id: Id,
  side: z.enum(['buyer', 'supplier']),
  organizationId: Id,
  author: Person,
  body: z.string(),
  createdAt: IsoDateTime,
});

export const FrozenKpiView = z.object({
  key: z.string(),
  kind: z.enum(['catalogue', 'custom']),
  label: z.string().nullable(),
  unit: z.string(),
  direction: Direction,
  target: z.number(),
  atRisk: z.number(),
  weight: z.number(),
  ...SpanFields,
  periods: z.array(KpiPeriodView),
});

export const ReviewView = z.object({
  id: Id,
  pilotId: Id,
  evaluationPoint: z.object({ id: Id, kind: z.enum(EVALUATION_POINT_KINDS), label: z.string().nullable(), dueDate: IsoDate }),
  decision: z.enum(REVIEW_DECISIONS),
  /** The day the KPI values were frozen for. */
  asOf: IsoDate,
  reviewedAt: IsoDateTime,
  recordedBy: Person,
  /** The KPI values at that date, frozen (the records behind them: GET …/reviews/{id}/records). */
  kpis: z.array(FrozenKpiView),
  attainment: AttainmentView,
  /** What an "adjust" decision changed, from → to. */
  changes: z.array(TargetChangeView),
  comments: z.array(ReviewCommentView),
  /** The kpi_measurement evidence recorded with the review. */
  evidenceId: Id.nullable(),
});

export const EvaluationPointView = z.object({
  id: Id,
  kind: z.enum(EVALUATION_POINT_KINDS),
  label: z.string().nullable(),
  dueDate: IsoDate,
  state: z.enum(POINT_STATES),
  reviewId: Id.nullable(),
});

export const PilotView = z.object({
  id: Id,
  engagementId: Id,
  engagement: z.object({
    title: z.string(),
    phase: z.string(),
    buyer: z.object({ id: Id, name: z.string() }),
    supplier: z.object({ id: Id, name: z.string() }),
  }),
  myRole: z.enum(['buyer', 'supplier']),
  title: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  durationReason: z.string().nullable(),
  /** Planned length in calendar months and whether it lies in 3–6 months. */
  length: z.object({ months: z.number(), inRange: z.boolean() }),
  products: z.array(z.object({ product: z.string(), volume: z.number(), unit: z.string(), period: z.string() })),
  periodUnit: PeriodUnit,
  /** running | completed (the final review passed it) | stopped */
  status: z.enum(['running', 'completed', 'stopped']),
  endedAt: IsoDateTime.nullable(),
  /** The day the values are computed for. */
  asOf: IsoDate,
  kpis: z.array(KpiView),
  attainment: AttainmentView,
  evaluationPoints: z.array(EvaluationPointView),
  reviews: z.array(ReviewView),
  createdBy: Person,
  createdAt: IsoDateTime,
  /** What the caller may do now (the server checks again). */
  can: z.object({ review: z.boolean(), comment: z.boolean(), recordOrders: z.boolean() }),
});

export const PilotSummaryView = z.object({
  id: Id,
  engagementId: Id,
  title: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  status: z.enum(['running', 'completed', 'stopped']),
  endedAt: IsoDateTime.nullable(),
  kpis: z.number(),
  evaluationPoints: z.number(),
  reviews: z.number(),
  createdAt: IsoDateTime,
});

export const PilotQuery = z.strictObject({
  /** Trend by week or month (default: the pilot's). */
  period: PeriodUnit.optional(),
});

export const KpiRecordsParams = z.strictObject({ id: Id, key: z.string().min(1).max(40) });
export const KpiRecordsQuery = z.strictObject({
  /** A period key ("2026-03", "2026-W10"); the whole pilot when absent. */
  period: z.string().max(10).optional(),
});

export const KpiRecordView = z.object({
  source: z.enum(RECORD_SOURCES),
  id: z.string(),
  label: z.string(),
  date: IsoDate,
  outcome: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  sample: z.number().nullable(),
  /** Whether it counts in the value (false: listed for context, e.g. a line still pending). */
  counted: z.boolean(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  refs: z.array(z.object({ source: z.enum(RECORD_SOURCES), id: z.string() })),
});

export const KpiRecordsView = z.object({
  key: z.string(),
  period: z.object({ key: z.string(), start: IsoDate, end: IsoDate }).nullable(),
  asOf: IsoDate,
  ...SpanFields,
  records: z.array(KpiRecordView),
});

export const ReviewInput = z.strictObject({
  evaluationPointId: Id,
  decision: z.enum(REVIEW_DECISIONS),
  /** The reviewing side's comment (the other side adds its own). */
  comment: Text(4000),
  /** "adjust": the targets, thresholds or weights that change. */
  adjustments: z
    .array(z.strictObject({ key: z.string().min(1).max(40), target: Num.optional(), atRisk: Num.optional(), weight: z.number().positive().max(100).optional() }))
    .max(20)
    .default([]),
});

export const ReviewCommentInput = z.strictObject({ body: Text(4000) });
export const ReviewParams = z.strictObject({ id: Id, reviewId: Id });
export const ReviewRecordsQuery = z.strictObject({ key: z.string().min(1).max(40) });

// ---------------------------------------------------------------------------------------------------------------
// Orders, deliveries, incoming inspections

export const OrderLineInput = z.strictObject({
  orderNo: Text(100),
  line: Text(100),
  item: Text(100),
  orderedQty: z.number().positive().max(1e12),
  unit: Text(20).nullable().optional(),
  orderedAt: IsoDate.nullable().optional(),
  requestedDate: IsoDate,
  confirmedDate: IsoDate.nullable().optional(),
});

export const OrderLineView = z.object({
  id: Id,
  orderNo: z.string(),
  line: z.string(),
  item: z.string(),
  orderedQty: z.number(),
  unit: z.string().nullable(),
  orderedAt: IsoDate.nullable(),
  requestedDate: IsoDate,
  confirmedDate: IsoDate.nullable(),
  importId: Id.nullable(),
  sourceLine: z.number().nullable(),
  createdAt: IsoDateTime,
});

export const DeliveryInput = z.strictObject({
  deliveryNo: Text(100).nullable().optional(),
  orderNo: Text(100),
  line: Text(100).nullable().optional(),
  item: Text(100).nullable().optional(),
  receivedAt: IsoDate,
  receivedQty: z.number().positive().max(1e12),
  rejectedQty: Qty.default(0),
  lot: Text(100).nullable().optional(),
  unit: Text(20).nullable().optional(),
});

export const InspectionView = z.object({
  id: Id,
  deliveryId: Id,
  inspectedAt: IsoDate,
  inspectedQty: z.number(),
  rejectedQty: z.number(),
  decision: z.enum(INSPECTION_DECISIONS),
  lotInspectionId: Id.nullable(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});

export const DeliveryView = z.object({
  id: Id,
  deliveryNo: z.string().nullable(),
  orderNo: z.string(),
  line: z.string().nullable(),
  item: z.string().nullable(),
  receivedAt: IsoDate,
  receivedQty: z.number(),
  rejectedQty: z.number(),
  lot: z.string().nullable(),
  unit: z.string().nullable(),
  importId: Id.nullable(),
  sourceLine: z.number().nullable(),
  inspections: z.array(InspectionView),
  /** The lot's acceptance as KPIs count it (inspection decides; else nothing rejected at receipt). */
  lotAccepted: z.boolean(),
  createdAt: IsoDateTime,
});

export const InspectionInput = z.strictObject({
  inspectedAt: IsoDate,
  inspectedQty: z.number().positive().max(1e12),
  rejectedQty: Qty,
  /** Default: the linked AQL lot inspection's decision, else accepted when nothing was rejected. */
  decision: z.enum(INSPECTION_DECISIONS).optional(),
  /** The ISO 2859-1 lot inspection recorded for this lot, when there is one. */
  lotInspectionId: Id.nullable().optional(),
  note: Text(1000).nullable().optional(),
});

export const DeliveryParams = z.strictObject({ id: Id });

export const OrderImportKind = z.enum(ORDER_IMPORT_KINDS);
export const AnyImportKind = z.enum([...IMPORT_KINDS, ...ORDER_IMPORT_KINDS]);

export const GenericImportQuery = z.strictObject({
  /** orders | deliveries | batches | production_logs (also a multipart field "kind"). */
  kind: AnyImportKind.optional(),
  format: z.enum(['csv', 'jsonl']).optional(),
  mapping: z.string().max(8000).optional(),
  filename: z.string().max(300).optional(),
  decimalSeparator: z.enum(DECIMAL_SEPARATORS).optional(),
});

/**
 * A refused import file (orders, deliveries, and the quality kinds on the same route): the quality imports' answer,
 * whose issue also carries the reason as a code with parameters when it is an order or delivery row
 * (e.g. {code: 'not_a_number', params: {field: 'orderedQty', value: 'two thousand', separator: '.'}}).
 */
export const OrderImportRejectedBody = z.object({
  error: z.object({
    code: z.literal('import_rejected'),
    message: z.string(),
    line: z.number(),
    field: z.string().nullable(),
    reason: z.string(),
    suggestedDecimalSeparator: z.enum(DECIMAL_SEPARATORS).nullable(),
    issues: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  }),
});

export const OrderImportView = z.object({
  id: Id,
  engagementId: Id,
  kind: OrderImportKind,
  format: z.enum(['csv', 'jsonl']),
  filename: z.string().nullable(),
  sha256: z.string(),
  bytes: z.number(),
  rows: z.number(),
  status: z.string(),
  mapping: z.record(z.string(), z.string()).nullable(),
  /** added, unchanged (already recorded with the same values), decimalSeparator, from, to */
  summary: z.record(z.string(), z.unknown()),
  importedBy: z.object({ userId: Id, displayName: z.string() }),
  createdAt: IsoDateTime,
  completedAt: IsoDateTime.nullable(),
  duplicate: z.boolean(),
});

export const OrdersOverview = z.object({
  orderLines: z.array(OrderLineView.extend({ due: IsoDate, timing: z.string(), receivedQty: z.number(), acceptedQty: z.number() })),
  deliveries: z.array(DeliveryView),
  /** Deliveries that match no order line (order number and line, or the order's only line). */
  unmatchedDeliveryIds: z.array(Id),
  imports: z.array(OrderImportView),
});
