// Tables of specifications, sample tests, lot inspections, batch records and production logs (migration 003).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QualityTables {}
