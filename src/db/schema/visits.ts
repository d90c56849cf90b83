// Tables of factory visits and audits (migration 004). Filled in by the visits capability.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VisitTables {}
