// Specifications, sample tests and lot inspections. Every query is scoped by the caller: specifications by the
// owning buyer organization, the rest by engagement (which the service has loaded for the actor first).
import type { Selectable } from 'kysely';
import type { LotInspectionsTable, SampleTestsTable, SpecificationVersionsTable, SpecificationsTable } from '../schema/quality.js';
import type { Executor } from './executor.js';

export type SpecificationRow = Selectable<SpecificationsTable>;
export type SpecificationVersionRow = Selectable<SpecificationVersionsTable>;
export type SampleTestRow = Selectable<SampleTestsTable>;
export type LotInspectionRow = Selectable<LotInspectionsTable>;

export async function insertSpecification(db: Executor, row: SpecificationRow) {
  await db.insertInto('specifications').values(row).execute();
}
export async function insertSpecificationVersion(db: Executor, row: SpecificationVersionRow) {
  await db.insertInto('specification_versions').values(row).execute();
}
export async function updateSpecification(db: Executor, id: string, patch: Partial<SpecificationRow>) {
  await db.updateTable('specifications').set(patch).where('id', '=', id).execute();
}

export function findOwnSpecification(db: Executor, organizationId: string, id: string): Promise<SpecificationRow | undefined> {
  return db.selectFrom('specifications').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}
export function findActiveSpecificationByProduct(db: Executor, organizationId: string, productKey: string): Promise<SpecificationRow | undefined> {
  return db
    .selectFrom('specifications')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_key', '=', productKey)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}
export function listSpecifications(db: Executor, organizationId: string, opts: { includeArchived?: boolean } = {}): Promise<SpecificationRow[]> {
  let q = db.selectFrom('specifications').selectAll().where('organization_id', '=', organizationId);
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('product').execute();
}
export function listSpecificationVersions(db: Executor, specificationIds: string[]) {
  if (!specificationIds.length) return Promise.resolve([]);
  return db
    .selectFrom('specification_versions')
    .leftJoin('users', 'users.id', 'specification_versions.created_by')
    .selectAll('specification_versions')
    .select('users.display_name as created_by_name')
    .where('specification_id', 'in', specificationIds)
    .orderBy('specification_id')
    .orderBy('version')
    .execute();
}
export function findSpecificationVersion(db: Executor, specificationId: string, version: number): Promise<SpecificationVersionRow | undefined> {
  return db.selectFrom('specification_versions').selectAll().where('specification_id', '=', specificationId).where('version', '=', version).executeTakeFirst();
}

export async function insertSampleTest(db: Executor, row: SampleTestRow) {
  await db.insertInto('sample_tests').values(row).execute();
}
export function listSampleTests(db: Executor, engagementId: string) {
  return db
    .selectFrom('sample_tests')
    .innerJoin('specifications', 'specifications.id', 'sample_tests.specification_id')
    .leftJoin('users', 'users.id', 'sample_tests.recorded_by')
    .innerJoin('evidence', 'evidence.id', 'sample_tests.evidence_id')
    .selectAll('sample_tests')
    .select(['users.display_name as recorded_by_name', 'specifications.title as specification_title', 'evidence.provenance as provenance'])
    .where('sample_tests.engagement_id', '=', engagementId)
    .orderBy('sample_tests.tested_at', 'desc')
    .orderBy('sample_tests.created_at', 'desc')
    .execute();
}

export async function insertLotInspection(db: Executor, row: LotInspectionRow) {
  await db.insertInto('lot_inspections').values(row).execute();
}
export function lastLotInspection(db: Executor, engagementId: string, productKey: string, defectClass: string): Promise<LotInspectionRow | undefined> {
  return db
    .selectFrom('lot_inspections')
    .selectAll()
    .where('engagement_id', '=', engagementId)
    .where('product_key', '=', productKey)
    .where('defect_class', '=', defectClass)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
export function listLotInspections(db: Executor, engagementId: string, f: { productKey?: string; defectClass?: string } = {}) {
  let q = db
    .selectFrom('lot_inspections')
    .leftJoin('users', 'users.id', 'lot_inspections.recorded_by')
    .selectAll('lot_inspections')
    .select('users.display_name as recorded_by_name')
    .where('lot_inspections.engagement_id', '=', engagementId);
  if (f.productKey) q = q.where('lot_inspections.product_key', '=', f.productKey);
  if (f.defectClass) q = q.where('lot_inspections.defect_class', '=', f.defectClass);
  return q.orderBy('lot_inspections.product_key').orderBy('lot_inspections.defect_class').orderBy('lot_inspections.seq').execute();
}
