// An engagement's record as the log holds it, and its dossier: one file anyone can verify offline.
import { nodeSha256 } from '../../crypto/node-record-crypto.js';
import { assembleDossier } from '../../domain/record/assemble.js';
import { fromHex } from '../../domain/record/bytes.js';
import type { Dossier, DossierAttachment, DossierKey } from '../../domain/record/dossier.js';
import { engagementStream, parseLeaf, type SignedLogRecord } from '../../domain/record/entry.js';
import { batchRanges } from '../../domain/record/merkle.js';
import { listKeyEntries, listStream, type LogEntryRow } from '../../db/repositories/record-log.js';
import { findGeneratedTitles } from '../../db/repositories/evidence.js';
import { loadEngagement } from '../engagements/access.js';
import { generatedTitle } from '../engagements/evidence-mapping.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { currentCheckpoint, logKey, rangeHashes } from './log.js';
import { signerOf } from './signers.js';
import * as clock from '../../clock.js';

async function orgNames(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.handle.db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function engagementEntries(ctx: ServiceContext, engagementId: string, size: number) {
  const own = await listStream(ctx.handle.db, engagementStream(engagementId), size);
  const e = await ctx.handle.db.selectFrom('engagements').select(['buyer_organization_id', 'supplier_organization_id']).where('id', '=', engagementId).executeTakeFirstOrThrow();
  const authors = [...new Set([e.buyer_organization_id, e.supplier_organization_id, ...own.map((r) => r.organization_id)])];
  const keys = await listKeyEntries(ctx.handle.db, authors, size);
  return { own, keys, authors, all: [...own, ...keys].sort((a, b) => a.leaf_index - b.leaf_index) };
}

/** The engagement's entries in the log up to the current checkpoint, for reading in the app. */
export async function engagementRecord(ctx: ServiceContext, actor: Actor, engagementId: string) {
  authorize(actor, 'engagement.read');
  const e = await loadEngagement(ctx, actor, engagementId);
  const checkpoint = await currentCheckpoint(ctx.handle.db);
  const { own, authors } = await engagementEntries(ctx, engagementId, checkpoint.size);
  const names = await orgNames(ctx, authors);
  const parsed = own.map((r) => ({ r, rec: parseLeaf(r.leaf) }));
  // An evidence entry's logged title is the English the system wrote; where the evidence carries that title's code,
  // the entry gets it beside the logged content (which stays as signed) so the app words it in the reader's language.
  const titled = await findGeneratedTitles(ctx.handle.db, [...new Set(parsed.filter(({ r }) => r.kind === 'evidence').map(({ r }) => r.record_id))], [e.buyer_organization_id, e.supplier_organization_id]);
  const byId = new Map(titled.map((e) => [e.id, e]));
  return {
    checkpoint,
    entries: parsed.map(({ r, rec }) => {
      const ev = r.kind === 'evidence' ? byId.get(r.record_id) : undefined;
      return {
        leafIndex: r.leaf_index,
        seq: r.seq,
        kind: r.kind,
        recordId: r.record_id,
        organizationId: r.organization_id,
        organizationName: names.get(r.organization_id) ?? r.organization_id,
        recordedAt: r.recorded_at,
        leafHash: r.leaf_hash,
        supersedes: rec.supersedes,
        content: rec.content,
        attachments: rec.attachments,
        generatedTitle: ev && ev.title === rec.content.title ? generatedTitle(ev) : null,
      };
    }),
  };
}

function keySummary(keyEntries: LogEntryRow[], names: Map<string, string>): DossierKey[] {
  const records = keyEntries.map((r) => parseLeaf(r.leaf));
  const revocations = new Map<string, SignedLogRecord>();
  for (const r of records) if (r.kind === 'key_revocation') revocations.set(String(r.content.keyId), r);
  return records
    .filter((r) => r.kind === 'key')
    .map((r) => {
      const rev = revocations.get(r.keyId);
      return {
        organizationId: r.organizationId,
        organizationName: names.get(r.organizationId) ?? r.organizationId,
        keyId: r.keyId,
        validFrom: String(r.content.validFrom ?? r.recordedAt),
        revokedAt: rev ? String(rev.content.revokedAt) : null,
        revocationReason: rev ? String(rev.content.reason) : null,
      };
    });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

/** The dossier of an engagement, for either party: entries, attachments, proof, checkpoint, signed head, keys. */
export async function exportDossier(ctx: ServiceContext, actor: Actor, engagementId: string): Promise<Dossier> {
  authorize(actor, 'engagement.read');
  const e = await loadEngagement(ctx, actor, engagementId);
  const checkpoint = await currentCheckpoint(ctx.handle.db);
  const { all, keys, authors } = await engagementEntries(ctx, engagementId, checkpoint.size);
  const names = await orgNames(ctx, authors);
  const proof = all.length ? await rangeHashes(ctx.handle.db, batchRanges(all.map((r) => r.leaf_index), checkpoint.size)) : [];
  const attachments: DossierAttachment[] = [];
  const seen = new Set<string>();
  for (const r of all) {
    for (const a of parseLeaf(r.leaf).attachments) {
      if (seen.has(a.sha256) || !(await ctx.store.exists(a.sha256))) continue;
      seen.add(a.sha256);
      const bytes = await readAll(await ctx.store.get(a.sha256));
      attachments.push({ ...a, content: bytes.toString('base64') });
    }
  }
  const key = await logKey(ctx.handle.db);
  return assembleDossier(
    { sha256: nodeSha256 },
    {
      origin: checkpoint.origin,
      logSigner: signerOf(key),
      exportedAt: clock.nowIso(),
      engagement: {
        id: e.id,
        title: e.title,
        buyer: { id: e.buyer_organization_id, name: names.get(e.buyer_organization_id) ?? '' },
        supplier: { id: e.supplier_organization_id, name: names.get(e.supplier_organization_id) ?? '' },
      },
      treeSize: checkpoint.size,
      root: fromHex(checkpoint.rootHash),
      entries: all.map((r) => ({ leafIndex: r.leaf_index, leaf: r.leaf, leafHash: fromHex(r.leaf_hash) })),
      proof,
      keys: keySummary(keys, names),
      attachments,
      checkpoint: checkpoint.checkpoint,
    },
  );
}
