import type { Selectable } from 'kysely';
import type { FilesTable } from '../schema.js';
import type { Executor } from './executor.js';

export type FileRow = Selectable<FilesTable>;

export async function insertFile(db: Executor, row: FileRow): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export function findOwnFileBySha(db: Executor, organizationId: string, sha256: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('organization_id', '=', organizationId).where('sha256', '=', sha256).executeTakeFirst();
}

/** Any file by id, whoever owns it: only for callers that decided access another way (an evidence share). */
export function findFileById(db: Executor, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A file the organization owns or that was shared with it; anything else is invisible. */
export function findVisibleFile(db: Executor, organizationId: string, id: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('organization_id', '=', organizationId),
        eb.exists(
          eb
            .selectFrom('file_shares')
            .select('file_shares.file_id')
            .whereRef('file_shares.file_id', '=', 'files.id')
            .where('file_shares.organization_id', '=', organizationId),
        ),
      ]),
    )
    .executeTakeFirst();
}

export function listVisibleFiles(db: Executor, organizationId: string, limit = 200): Promise<FileRow[]> {
  return db
    .selectFrom('files')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('organization_id', '=', organizationId),
        eb.exists(
          eb
            .selectFrom('file_shares')
            .select('file_shares.file_id')
            .whereRef('file_shares.file_id', '=', 'files.id')
            .where('file_shares.organization_id', '=', organizationId),
        ),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Takes back an organization's access to a file (its owner keeps it). */
export async function unshareFile(db: Executor, fileId: string, organizationId: string): Promise<boolean> {
  const r = await db.deleteFrom('file_shares').where('file_id', '=', fileId).where('organization_id', '=', organizationId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Whether a file still reaches the supplier another way than a checklist about to be hidden: attached to a
 * finding (any visit), to the checklist of another visit shown to the supplier, or to evidence.
 */
export async function fileSharedBeyondChecklist(db: Executor, fileId: string, hiddenVisitId: string): Promise<boolean> {
  const viaVisit = await db
    .selectFrom('visit_attachments')
    .innerJoin('visits', 'visits.id', 'visit_attachments.visit_id')
    .select('visit_attachments.id')
    .where('visit_attachments.file_id', '=', fileId)
    .where('visit_attachments.removed_at', 'is', null)
    .where((eb) => eb.or([eb('visit_attachments.finding_id', 'is not', null), eb.and([eb('visits.checklist_shared', '=', 1), eb('visits.id', '!=', hiddenVisitId)])]))
    .executeTakeFirst();
  if (viaVisit) return true;
  return (await db.selectFrom('evidence_files').select('file_id').where('file_id', '=', fileId).executeTakeFirst()) !== undefined;
}

/** Whether a file is still attached anywhere (a visit attachment not removed, or evidence). */
export async function fileStillAttached(db: Executor, fileId: string): Promise<boolean> {
  const att = await db.selectFrom('visit_attachments').select('id').where('file_id', '=', fileId).where('removed_at', 'is', null).executeTakeFirst();
  if (att) return true;
  return (await db.selectFrom('evidence_files').select('file_id').where('file_id', '=', fileId).executeTakeFirst()) !== undefined;
}

/** Takes back every other organization's access to a file; its owner keeps it. */
export async function unshareFileEverywhere(db: Executor, fileId: string): Promise<number> {
  const r = await db.deleteFrom('file_shares').where('file_id', '=', fileId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function shareFile(db: Executor, row: { file_id: string; organization_id: string; shared_by: string; shared_at: string }) {
  const existing = await db
    .selectFrom('file_shares')
    .select('file_id')
    .where('file_id', '=', row.file_id)
    .where('organization_id', '=', row.organization_id)
    .executeTakeFirst();
  if (!existing) await db.insertInto('file_shares').values(row).execute();
}
