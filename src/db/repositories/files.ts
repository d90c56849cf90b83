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

export async function shareFile(db: Executor, row: { file_id: string; organization_id: string; shared_by: string; shared_at: string }) {
  const existing = await db
    .selectFrom('file_shares')
    .select('file_id')
    .where('file_id', '=', row.file_id)
    .where('organization_id', '=', row.organization_id)
    .executeTakeFirst();
  if (!existing) await db.insertInto('file_shares').values(row).execute();
}
