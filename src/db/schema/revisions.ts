/** Raised by a trigger on every audit log entry of the organization (migration 012). */
export interface OrganizationRevisionsTable {
  organization_id: string;
  revision: number | string; // bigint: pg returns it as a string
}

export interface RevisionTables {
  organization_revisions: OrganizationRevisionsTable;
}
