// Tables of orders, deliveries, incoming inspections, pilots, their KPIs, evaluation points and reviews (migration 008).
// Timestamps are ISO strings, calendar dates "YYYY-MM-DD", JSON in text columns — as everywhere else.

/** A file of purchase-order lines or deliveries imported into an engagement (one transaction; idempotent by hash). */
export interface OrderImportsTable {
  id: string;
  engagement_id: string;
  /** The organization that imported it (the buyer: orders and receipts are its records). */
  organization_id: string;
  /** orders | deliveries */
  kind: string;
  /** csv | jsonl */
  format: string;
  filename: string | null;
  sha256: string;
  bytes: number;
  row_count: number;
  /** running (inside its own transaction only) | completed */
  status: string;
  mapping: string | null; // JSON
  summary: string; // JSON {added, unchanged, decimalSeparator, from, to}
  imported_by: string;
  created_at: string;
  completed_at: string | null;
}

export interface PurchaseOrderLinesTable {
  id: string;
  engagement_id: string;
  import_id: string | null;
  /** Lower-cased order number and line: one row per order line and engagement. */
  natural_key: string;
  order_no: string;
  line_no: string;
  item: string;
  ordered_qty: number;
  unit: string | null;
  ordered_at: string | null;
  requested_date: string;
  confirmed_date: string | null;
  /** Line of the imported file; null when recorded in the app or the API. */
  source_line: number | null;
  recorded_by: string;
  recorded_by_organization_id: string;
  created_at: string;
}

/** A delivery as received (a goods receipt): discrepancies (issue 11) are raised against one. */
export interface DeliveriesTable {
  id: string;
  engagement_id: string;
  import_id: string | null;
  natural_key: string;
  delivery_no: string | null;
  order_no: string;
  order_line: string | null;
  item: string | null;
  received_at: string;
  received_qty: number;
  rejected_qty: number;
  lot: string | null;
  unit: string | null;
  source_line: number | null;
  recorded_by: string;
  recorded_by_organization_id: string;
  created_at: string;
}

export interface IncomingInspectionsTable {
  id: string;
  engagement_id: string;
  delivery_id: string;
  inspected_at: string;
  inspected_qty: number;
  rejected_qty: number;
  /** accepted | rejected */
  decision: string;
  /** The ISO 2859-1 lot inspection this was, when the buyer recorded one for the lot. */
  lot_inspection_id: string | null;
  note: string | null;
  recorded_by: string;
  recorded_by_organization_id: string;
  created_at: string;
}

export interface PilotsTable {
  id: string;
  engagement_id: string;
  title: string;
  start_date: string;
  end_date: string;
  /** Why the pilot runs outside 3–6 months; shown wherever its length is. */
  duration_reason: string | null;
  products: string; // JSON [{product, specificationId?, volume, unit, period}]
  /** week | month: how the trend is bucketed. */
  period_unit: string;
  /** running | completed (passed its final review) | stopped */
  status: string;
  ended_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PilotKpisTable {
  id: string;
  pilot_id: string;
  position: number;
  key: string;
  /** catalogue | custom */
  kind: string;
  label: string | null;
  formula: string | null;
  unit: string;
  /** higher | lower */
  direction: string;
  target: number;
  at_risk: number;
  weight: number;
  params: string; // JSON KpiParams
  created_at: string;
  updated_at: string;
}

export interface PilotEvaluationPointsTable {
  id: string;
  pilot_id: string;
  position: number;
  /** month_1 | mid_point | final | custom */
  kind: string;
  label: string | null;
  due_date: string;
}

export interface PilotReviewsTable {
  id: string;
  pilot_id: string;
  evaluation_point_id: string;
  /** continue | adjust | stop */
  decision: string;
  /** The day the KPI values were frozen for. */
  as_of: string;
  reviewed_at: string;
  /** JSON: the KPI values, periods and the records behind them, frozen. */
  snapshot: string;
  /** JSON TargetChange[]: what an "adjust" changed, from → to. */
  changes: string;
  /** The kpi_measurement evidence the review recorded. */
  evidence_id: string | null;
  recorded_by: string;
  recorded_by_organization_id: string;
}

export interface PilotReviewCommentsTable {
  id: string;
  review_id: string;
  organization_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface PilotTables {
  order_imports: OrderImportsTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  deliveries: DeliveriesTable;
  incoming_inspections: IncomingInspectionsTable;
  pilots: PilotsTable;
  pilot_kpis: PilotKpisTable;
  pilot_evaluation_points: PilotEvaluationPointsTable;
  pilot_reviews: PilotReviewsTable;
  pilot_review_comments: PilotReviewCommentsTable;
}
