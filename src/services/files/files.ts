import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { findOrganization } from '../../db/repositories/organizations.js';
import { findFileById, findOwnFileBySha, findVisibleFile, insertFile, listVisibleFiles, type FileRow } from '../../db/repositories/files.js';
import { BlobTooLargeError } from '../../storage/file-store.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError, invalidField, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { answerFileRequest } from '../suppliers/file-requests.js';
import { activeDownloadShareFor, logFileDownload } from '../suppliers/shares.js';

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
          { path: 'file', message: 'content is not a document, image, spreadsheet or text file', code: 'file_type_not_accepted', params: { filename: name } },
        ]);
        mediaType = t;
      },
    });
  } catch (err) {
    if (err instanceof BlobTooLargeError) {
      throw new AppError(413, 'payload_too_large', err.message, [{ path: 'file', message: `larger than ${err.limit} bytes`, code: 'file_too_large', params: { filename: name, limit: `${Math.round(err.limit / 1048576)} MiB` } }]);
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

/**
 * A file the organization owns, was given (a file share), or may download right now through an active evidence
 * share of the evidence room. The share is checked on every request, so a revoked or ended share stops direct
 * downloads at once.
 */
async function reachableFile(ctx: ServiceContext, actor: Actor, id: string) {
  const db = ctx.handle.db;
  const row = await findVisibleFile(db, actor.organizationId, id);
  if (row) return { row, via: null };
  const via = await activeDownloadShareFor(db, actor.organizationId, id);
  const shared = via ? await findFileById(db, id) : undefined;
  return shared ? { row: shared, via } : null;
}

export async function getFile(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'files.read');
  const hit = await reachableFile(ctx, actor, id);
  if (!hit) throw notFound('file');
  return fileView(hit.row, actor);
}

/** Every download by another organization than the owner is logged for the owner (the evidence room's access log). */
export async function openFile(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'files.read');
  const hit = await reachableFile(ctx, actor, id);
  if (!hit) throw notFound('file');
  await logFileDownload(ctx.handle.db, actor, hit.row, hit.via);
  return { view: fileView(hit.row, actor), stream: await ctx.store.get(hit.row.sha256) };
}

/**
 * Only the owner shares a file, and only with an organization that asked for files in an engagement the two share
 * (a file request): nobody places files into another organization's list unasked. Evidence shared into an
 * engagement and visit photos reach the other party through their own rules.
 */
export async function shareFileWith(ctx: ServiceContext, actor: Actor, id: string, organizationId: string, requestId?: string) {
  authorize(actor, 'files.share');
  const row = await findVisibleFile(ctx.handle.db, actor.organizationId, id);
  if (!row || row.organization_id !== actor.organizationId) throw notFound('file');
  if (!(await findOrganization(ctx.handle.db, organizationId))) throw notFound('organization');
  if (!requestId) {
    throw invalidField('requestId', 'the organization has not asked for files: it asks in an engagement you share (POST /api/v1/engagements/{id}/file-requests), and you answer that request');
  }
  await answerFileRequest(ctx, actor, requestId, id, organizationId);
}
