// File requests: one party of an engagement asks the other for files. A file enters another organization's file
// list only against such a request (the owner answers it with its file).
import type { Selectable } from 'kysely';
import type { FileRequestsTable } from '../schema/suppliers.js';
import type { Executor } from './executor.js';

export type FileRequestRow = Selectable<FileRequestsTable>;

export async function insertFileRequest(db: Executor, row: FileRequestRow) {
  await db.insertInto('file_requests').values(row).execute();
}

export function findFileRequest(db: Executor, id: string) {
  return db.selectFrom('file_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listFileRequestsOf(db: Executor, engagementId: string) {
  return db.selectFrom('file_requests').selectAll().where('engagement_id', '=', engagementId).orderBy('created_at', 'desc').execute();
}

export async function closeFileRequestRow(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('file_requests').set({ status: 'closed', closed_at: at }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function addRequestFile(db: Executor, row: { request_id: string; file_id: string; shared_by: string; shared_at: string }): Promise<boolean> {
  const existing = await db.selectFrom('file_request_files').select('file_id').where('request_id', '=', row.request_id).where('file_id', '=', row.file_id).executeTakeFirst();
  if (existing) return false;
  await db.insertInto('file_request_files').values(row).execute();
  return true;
}

export function listRequestFiles(db: Executor, requestIds: string[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return db
    .selectFrom('file_request_files')
    .innerJoin('files', 'files.id', 'file_request_files.file_id')
    .select(['file_request_files.request_id', 'files.id', 'files.filename', 'file_request_files.shared_at'])
    .where('file_request_files.request_id', 'in', requestIds)
    .orderBy('file_request_files.shared_at')
    .execute();
}
