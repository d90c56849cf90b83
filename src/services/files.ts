import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { findOrganization } from '../db/repositories/organizations.js';
import { findOwnFileBySha, findVisibleFile, insertFile, listVisibleFiles, shareFile, type FileRow } from '../db/repositories/files.js';
import { BlobTooLargeError } from '../storage/file-store.js';
import { recordAudit } from './audit.js';
import { authorize, type Actor } from './authz.js';
import type { ServiceContext } from './context.js';
import { AppError, notFound } from './errors.js';
import { newId, nowIso } from './ids.js';

/** Evidence is documents, photos, spreadsheets and data files; executables and archives of unknown content are not. */
const ALLOWED_SNIFFED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/zip',
]);

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length >= 4096 ? head.subarray(0, head.length - 4) : head);
    return true;
  } catch {
    return false;
  }
}

/** The media type comes from the bytes. The name only refines plain text into CSV or JSON. */
export async function sniffMediaType(head: Buffer, filename: string): Promise<string | null> {
  const ft = await fileTypeFromBuffer(head);
  if (ft) return ALLOWED_SNIFFED.has(ft.mime) ? ft.mime : null;
  if (head.length > 0 && looksLikeText(head)) {
    const lower = filename.toLowerCase();
    if (lower.endsWith('.csv')) return 'text/csv';
    if (lower.endsWith('.json') || lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'application/json';
    return 'text/plain';
  }
  return null;
}

function fileView(r: FileRow, actor: Actor, deduplicated?: boolean) {
  return {
    id: r.id,
    sha256: r.sha256,
    size: Number(r.size),
    mediaType: r.media_type,
    filename: r.filename,
    createdAt: r.created_at,
    ownerOrganizationId: r.organization_id,
    owned: r.organization_id === actor.organizationId,
    ...(deduplicated !== undefined ? { deduplicated } : {}),
  };
}

function safeFilename(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f]/g, '').trim();
  return (base || 'file').slice(0, 200);
}

export async function uploadFile(ctx: ServiceContext, actor: Actor, source: Readable, filename: string) {
  authorize(actor, 'files.upload');
  const name = safeFilename(filename);
  let mediaType = '';
  let blob;
  try {
    blob = await ctx.store.put(source, {
      maxBytes: ctx.config.maxUploadBytes,
      accept: async (head) => {
        const t = await sniffMediaType(head, name);
        if (!t) throw new AppError(415, 'unsupported_media_type', 'this file type is not accepted as evidence', [
          { path: 'file', message: 'content is not a document, image, spreadsheet or text file' },
        ]);
        mediaType = t;
      },
    });
  } catch (err) {
    if (err instanceof BlobTooLargeError) {
      throw new AppError(413, 'payload_too_large', err.message, [{ path: 'file', message: `larger than ${err.limit} bytes` }]);
    }
    throw err;
  }
  return ctx.handle.db.transaction().execute(async (trx) => {
    const existing = await findOwnFileBySha(trx, actor.organizationId, blob.sha256);
    if (existing) return fileView(existing, actor, true);
    const row: FileRow = {
      id: newId(),
      organization_id: actor.organizationId,
      sha256: blob.sha256,
      size: blob.size,
      media_type: mediaType,
      filename: name,
      uploaded_by: actor.userId,
      created_at: nowIso(),
    };
    await insertFile(trx, row);
    await recordAudit(trx, actor, 'file.uploaded', 'file', row.id, { sha256: row.sha256, size: row.size, filename: row.filename });
    return fileView(row, actor, false);
  });
}

export async function listFiles(ctx: ServiceContext, actor: Actor) {
  authorize(actor, 'files.read');
  return (await listVisibleFiles(ctx.handle.db, actor.organizationId)).map((r) => fileView(r, actor));
}

export async function getFile(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'files.read');
  const row = await findVisibleFile(ctx.handle.db, actor.organizationId, id);
  if (!row) throw notFound('file');
  return fileView(row, actor);
}

export async function openFile(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'files.read');
  const row = await findVisibleFile(ctx.handle.db, actor.organizationId, id);
  if (!row) throw notFound('file');
  return { view: fileView(row, actor), stream: await ctx.store.get(row.sha256) };
}

/** Only the owner shares a file; engagements (a later capability) share evidence through this too. */
export async function shareFileWith(ctx: ServiceContext, actor: Actor, id: string, organizationId: string, db = ctx.handle.db) {
  authorize(actor, 'files.share');
  const row = await findVisibleFile(db, actor.organizationId, id);
  if (!row || row.organization_id !== actor.organizationId) throw notFound('file');
  if (!(await findOrganization(db, organizationId))) throw notFound('organization');
  await shareFile(db, { file_id: id, organization_id: organizationId, shared_by: actor.userId, shared_at: nowIso() });
  await recordAudit(db, actor, 'file.shared', 'file', id, { with: organizationId });
}
