// API shapes of pilots, orders and the portfolio, inferred from the Zod contracts the server validates with.
import type { z } from 'zod';
import type {
  DeliveryView,
  EvaluationPointView,
  KpiPeriodView,
  KpiRecordsView,
  KpiRecordView,
  KpiView,
  OrderImportView,
  OrdersOverview,
  PilotSummaryView,
  PilotView,
  ReviewView,
} from '../../../../src/contracts/pilots.js';
import type { BuyerPortfolio, PortfolioView, SupplierPortfolio } from '../../../../src/contracts/portfolio.js';

export type Pilot = z.infer<typeof PilotView>;
export type PilotSummary = z.infer<typeof PilotSummaryView>;
export type Kpi = z.infer<typeof KpiView>;
export type KpiPeriod = z.infer<typeof KpiPeriodView>;
export type KpiRecords = z.infer<typeof KpiRecordsView>;
export type KpiRecord = z.infer<typeof KpiRecordView>;
export type Review = z.infer<typeof ReviewView>;
export type EvaluationPoint = z.infer<typeof EvaluationPointView>;
export type Orders = z.infer<typeof OrdersOverview>;
export type Delivery = z.infer<typeof DeliveryView>;
export type OrderImport = z.infer<typeof OrderImportView>;
export type Portfolio = z.infer<typeof PortfolioView>;
export type BuyerPortfolioT = z.infer<typeof BuyerPortfolio>;
export type SupplierPortfolioT = z.infer<typeof SupplierPortfolio>;
export type KpiStatus = Kpi['status'];
