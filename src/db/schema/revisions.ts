/** Raised by a trigger on every audit log entry of the organization (migration 012). */
export interface OrganizationRevisionsTable {
  organization_id: string;
  revision: number | string; // bigint: pg returns it as a string
}

/** Raised by triggers on every change to what the portfolio derives from an engagement (migration 016). */
export interface PortfolioRevisionsTable {
  engagement_id: string;
  revision: number | string; // bigint: pg returns it as a string
  raised_in: number | string | null;
}

export interface RevisionTables {
  organization_revisions: OrganizationRevisionsTable;
  portfolio_revisions: PortfolioRevisionsTable;
}
