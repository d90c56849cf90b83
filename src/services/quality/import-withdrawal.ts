// Withdrawing an import: the supplier took in a wrong file (another product, a test export, last year's line).
// The import and its rows stay in the record — a verifiable history does not lose what was once shown — but the
// import is marked withdrawn (who, when, why) and every read skips it, as reads take completed imports only. The
// evidence it created is withdrawn from the engagement, and for production logs the demonstrated capacity is
// derived again from the imports that remain. The same file may be imported again afterwards.
import type { z } from 'zod';
import type { ImportView } from '../../contracts/quality.js';
import { listEngagementEvidence, withdrawEvidenceFromEngagement } from '../../db/repositories/evidence.js';
import { findImportById, markImportWithdrawn } from '../../db/repositories/quality-imports.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import { nowIso } from '../shared/ids.js';
import { importView } from './imports.js';
import { refreshDemonstratedCapacity } from './analysis.js';

function importIdOf(attributes: string): string | undefined {
  try {
    const a = JSON.parse(attributes) as { importId?: unknown };
    return typeof a.importId === 'string' ? a.importId : undefined;
  } catch {
    return undefined;
  }
}

export async function withdrawQualityImport(
  ctx: ServiceContext,
  actor: Actor,
  engagementId: string,
  importId: string,
  reason: string,
): Promise<z.infer<typeof ImportView>> {
  const e = await loadEngagement(ctx, actor, engagementId);
  const existing = await findImportById(ctx.handle.db, e.id, importId);
  if (!existing || existing.status === 'running') throw notFound('import');
  authorize(actor, 'quality.import');
  if (e.supplier_organization_id !== actor.organizationId) throw forbidden('the supplier withdraws its own imports');
  if (!isOpen(e.phase)) throw conflict(`the engagement is ${e.phase}: its record no longer changes`);
  return ctx.handle.db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (!(await markImportWithdrawn(trx, importId, actor.userId, at, reason))) {
      throw conflict('this import is withdrawn already', [{ path: 'importId', message: 'withdrawn already' }]);
    }
    let evidence = 0;
    for (const row of await listEngagementEvidence(trx, e.id)) {
      if (row.organization_id === e.supplier_organization_id && importIdOf(row.attributes) === importId) {
        if (await withdrawEvidenceFromEngagement(trx, e.id, row.id, at)) evidence++;
      }
    }
    const capacity = existing.kind === 'production_logs' ? await refreshDemonstratedCapacity(trx, ctx.handle.dialect, actor, e) : undefined;
    await recordAudit(trx, actor, 'quality.import_withdrawn', 'engagement', e.id, {
      importId,
      kind: existing.kind,
      filename: existing.filename,
      rows: Number(existing.row_count),
      reason,
      evidenceWithdrawn: evidence,
      ...(capacity ? { capacity: capacity.map((c) => ({ claimId: c.claimId, status: c.status, demonstrated: c.demonstrated })) } : {}),
    });
    return importView((await findImportById(trx, e.id, importId))!);
  });
}
