// The portfolio (the home page): for a buyer, its engagements by phase, pilots at risk, evidence expiring within 60
// days, contradicted claims and overdue items, filtered by country, category and owner; for a supplier, its buyers
// with what each waits for, and its obligations with due dates. Shared by HTTP and web.
import { z } from 'zod';
import { ENGAGEMENT_PHASES } from '../domain/model.js';
import { Country, Id, IsoDateTime } from './common.js';
import { Direction, IsoDate, KpiStatus } from './pilots.js';

export const PortfolioQuery = z.strictObject({
  /** The counterpart's country (ISO 3166-1 alpha-2). */
  country: Country.optional(),
  /** A category of the engagement's scope. */
  category: z.string().trim().min(1).max(80).optional(),
  /** The person who opened the engagement. */
  owner: Id.optional(),
});

const EngagementRef = z.object({ id: Id, title: z.string(), counterpart: z.object({ id: Id, name: z.string(), country: z.string() }) });

export const PhaseCount = z.object({ phase: z.enum(ENGAGEMENT_PHASES), count: z.number() });

export const PilotAtRisk = z.object({
  pilotId: Id,
  title: z.string(),
  engagement: EngagementRef,
  endDate: IsoDate,
  attainment: z.number().nullable(),
  /** The KPIs past their at-risk threshold (at risk) or their target (missed). */
  kpis: z.array(
    z.object({ key: z.string(), label: z.string().nullable(), unit: z.string(), direction: Direction, value: z.number().nullable(), target: z.number(), atRisk: z.number(), status: KpiStatus }),
  ),
});

export const ExpiringEvidence = z.object({
  evidenceId: Id,
  title: z.string(),
  kind: z.string(),
  validTo: IsoDateTime,
  daysLeft: z.number(),
  engagement: EngagementRef,
});

export const ContradictedClaim = z.object({
  claimId: Id,
  title: z.string(),
  type: z.string(),
  productLine: z.string().nullable(),
  engagement: EngagementRef,
  contradictingEvidenceIds: z.array(Id),
});

/** What a listed item is about, for the UI to word in its language: the pilot or discrepancy, the review, the order. */
const ItemParts = {
  /** English, for API clients; the web words the item from the parts below. */
  label: z.string(),
  /** The pilot's title, the discrepancy's title, the item ordered, the evidence's title. */
  subject: z.string(),
  /** "NCR-002 D5", "PO-4711 / 10"; null for reviews and evidence. */
  ref: z.string().nullable(),
  /** An evaluation point's kind; null for other items. */
  pointKind: z.enum(['month_1', 'mid_point', 'final', 'custom']).nullable(),
  /** A delivery: the quantity still open. */
  openQty: z.number().nullable(),
};

export const OverdueItem = z.object({
  kind: z.enum(['evaluation_point', 'discrepancy_step']),
  id: z.string(),
  ...ItemParts,
  dueAt: IsoDateTime,
  daysOverdue: z.number(),
  engagement: EngagementRef,
  /** Where it is handled in the app, e.g. the pilot. */
  pilotId: Id.nullable(),
});

const List = <T extends z.ZodTypeAny>(item: T) => z.object({ total: z.number(), items: z.array(item) });

export const BuyerPortfolio = z.object({
  role: z.literal('buyer'),
  asOf: IsoDateTime,
  filters: z.object({
    countries: z.array(z.string()),
    categories: z.array(z.string()),
    owners: z.array(z.object({ id: Id, displayName: z.string() })),
  }),
  engagementsByPhase: z.array(PhaseCount),
  pilotsAtRisk: List(PilotAtRisk).extend({
    /** KPIs of running pilots by status (the chart). */
    kpiStatus: z.object({ met: z.number(), at_risk: z.number(), missed: z.number(), no_data: z.number() }),
    running: z.number(),
  }),
  expiringEvidence: List(ExpiringEvidence),
  contradictedClaims: List(ContradictedClaim),
  overdue: List(OverdueItem),
});

export const WaitingKind = z.enum(['answer_request', 'answer_inquiries', 'confirm_visits', 'comment_reviews', 'close_discrepancies']);

export const SupplierBuyer = z.object({
  buyer: z.object({ id: Id, name: z.string(), country: z.string() }),
  engagements: z.array(z.object({ id: Id, title: z.string(), phase: z.enum(ENGAGEMENT_PHASES) })),
  /** What the buyer waits for from the supplier, by kind, with counts. */
  waitingFor: z.array(z.object({ kind: WaitingKind, count: z.number(), engagementId: Id })),
});

export const Obligation = z.object({
  kind: z.enum(['delivery_due', 'evaluation_point', 'discrepancy_step', 'evidence_expiring']),
  id: z.string(),
  ...ItemParts,
  dueAt: IsoDateTime,
  overdue: z.boolean(),
  engagement: EngagementRef,
  pilotId: Id.nullable(),
});

export const SupplierPortfolio = z.object({
  role: z.literal('supplier'),
  asOf: IsoDateTime,
  filters: z.object({ countries: z.array(z.string()), categories: z.array(z.string()), owners: z.array(z.object({ id: Id, displayName: z.string() })) }),
  engagementsByPhase: z.array(PhaseCount),
  buyers: z.array(SupplierBuyer),
  obligations: List(Obligation),
});

export const PortfolioView = z.discriminatedUnion('role', [BuyerPortfolio, SupplierPortfolio]);
