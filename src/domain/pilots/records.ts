// The recorded facts KPIs are computed from, as plain data the services load (or the CLI reads from files). Pure.
// Dates are calendar dates "YYYY-MM-DD"; instants are ISO strings.

export interface OrderLineRecord {
  id: string;
  orderNo: string;
  /** Line (position) within the order, as the ERP numbers it ("10", "2"). */
  line: string;
  item: string;
  orderedQty: number;
  unit: string | null;
  /** When the order was placed (for lead-time adherence); null when the export does not say. */
  orderedAt: string | null;
  requestedDate: string;
  /** The supplier's confirmed date; OTD is measured against it, else against the requested date. */
  confirmedDate: string | null;
}

export interface DeliveryRecord {
  id: string;
  /** Receipt or delivery-note number, when the export has one. */
  deliveryNo: string | null;
  orderNo: string;
  /** The order line it delivers; null when the export does not say (matched by the order's only line, or item). */
  line: string | null;
  item: string | null;
  receivedAt: string;
  receivedQty: number;
  /** Rejected at receipt (e.g. ERPNext's rejected_qty). */
  rejectedQty: number;
  lot: string | null;
}

export const INSPECTION_DECISIONS = ['accepted', 'rejected'] as const;
export type InspectionDecision = (typeof INSPECTION_DECISIONS)[number];

/** An incoming inspection of one delivery (its lot); the AQL lot inspection it was, when there is one. */
export interface InspectionRecord {
  id: string;
  deliveryId: string;
  inspectedAt: string;
  inspectedQty: number;
  rejectedQty: number;
  decision: InspectionDecision;
}

/** One production-log record of the supplier (good output and scrap of a period on a line). */
export interface ProductionRecord {
  id: string;
  periodStart: string;
  goodOutput: number;
  scrap: number;
}

/** A technical inquiry and its answer, measured in the responder's business days. */
export interface InquiryRecord {
  id: string;
  askedAt: string;
  answeredAt: string | null;
  /** Business days to the answer; null while unanswered. */
  businessDays: number | null;
}

/** A corrective action (discrepancy closure) with its due date. */
export interface CorrectiveActionItem {
  id: string;
  dueAt: string;
  closedAt: string | null;
}

export interface ProgressUpdateRecord {
  id: string;
  sentAt: string;
}

/**
 * Everything a pilot's KPIs may read. A source that does not exist (yet) in the product is null, and the KPIs
 * reading it say "no data" with that reason, rather than a number.
 */
export interface KpiData {
  orderLines: readonly OrderLineRecord[];
  deliveries: readonly DeliveryRecord[];
  inspections: readonly InspectionRecord[];
  production: readonly ProductionRecord[];
  inquiries: readonly InquiryRecord[];
  correctiveActions: readonly CorrectiveActionItem[] | null;
  progressUpdates: readonly ProgressUpdateRecord[];
  /** The agreed progress-update cadence in days; null when none is agreed. */
  cadenceDays: number | null;
  /** The supplier's quoted lead time in days (its lead-time claim), the default of lead-time adherence. */
  quotedLeadTimeDays: number | null;
}

export const EMPTY_KPI_DATA: KpiData = {
  orderLines: [],
  deliveries: [],
  inspections: [],
  production: [],
  inquiries: [],
  correctiveActions: null,
  progressUpdates: [],
  cadenceDays: null,
  quotedLeadTimeDays: null,
};
