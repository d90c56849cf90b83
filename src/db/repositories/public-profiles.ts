// The public verified profile: its settings (slug, published), the items the supplier chose to make public, and
// the evidence about the supplier that is part of the record (its own, and what was shared into its engagements).
import type { Selectable } from 'kysely';
import type { PublicProfilesTable } from '../schema/suppliers.js';
import type { Executor } from './executor.js';

export type PublicProfileRow = Selectable<PublicProfilesTable>;

export function findProfileOf(db: Executor, organizationId: string) {
  return db.selectFrom('public_profiles').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
}

export function findProfileBySlug(db: Executor, slug: string) {
  return db.selectFrom('public_profiles').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function saveProfile(db: Executor, row: PublicProfileRow) {
  const r = await db
    .updateTable('public_profiles')
    .set({ slug: row.slug, published: row.published, headline: row.headline, published_at: row.published_at, updated_by: row.updated_by, updated_at: row.updated_at })
    .where('organization_id', '=', row.organization_id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('public_profiles').values(row).execute();
}

export function listProfileItems(db: Executor, organizationId: string) {
  return db.selectFrom('public_profile_items').selectAll().where('organization_id', '=', organizationId).execute();
}

export async function replaceProfileItems(db: Executor, organizationId: string, items: { item_type: string; item_id: string }[], at: string) {
  const existing = await listProfileItems(db, organizationId);
  const key = (t: string, id: string) => `${t}:${id}`;
  const keep = new Set(items.map((i) => key(i.item_type, i.item_id)));
  const had = new Map(existing.map((e) => [key(e.item_type, e.item_id), e]));
  for (const e of existing) {
    if (!keep.has(key(e.item_type, e.item_id))) {
      await db.deleteFrom('public_profile_items').where('organization_id', '=', organizationId).where('item_type', '=', e.item_type).where('item_id', '=', e.item_id).execute();
    }
  }
  const fresh = items.filter((i) => !had.has(key(i.item_type, i.item_id)));
  if (fresh.length) await db.insertInto('public_profile_items').values(fresh.map((i) => ({ organization_id: organizationId, ...i, added_at: at }))).execute();
}

/** Evidence about the supplier in the record, with the kind of organization that recorded it. */
export function listRecordedEvidenceAbout(db: Executor, supplierId: string) {
  return db
    .selectFrom('evidence')
    .innerJoin('organizations', 'organizations.id', 'evidence.organization_id')
    .selectAll('evidence')
    .select('organizations.kind as recorder_kind')
    .where('evidence.subject_organization_id', '=', supplierId)
    .where((eb) =>
      eb.or([
        eb('evidence.organization_id', '=', supplierId),
        eb.exists(
          eb
            .selectFrom('engagement_evidence')
            .select('engagement_evidence.evidence_id')
            .whereRef('engagement_evidence.evidence_id', '=', 'evidence.id')
            .where('engagement_evidence.withdrawn_at', 'is', null),
        ),
      ]),
    )
    .execute();
}
