import { findUserById } from '../../db/repositories/users.js';
import * as clock from '../../clock.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { loadDiscrepancy } from './access.js';
import { renderDiscrepancyReportPdf, type ReportLang } from './report-pdf.js';
import { fullView } from './views.js';

/** The 8D report as the caller's organization sees it, in English or Chinese, times in the caller's zone. */
export async function discrepancyReport(ctx: ServiceContext, actor: Actor, id: string, lang: ReportLang) {
  const db = ctx.handle.db;
  const { d, e } = await loadDiscrepancy(db, actor, id);
  const view = await fullView(db, actor, d, e);
  const user = await findUserById(db, actor.userId);
  const eff = view.effectiveness ?? view.closureRequest;
  const evidence = eff?.evidenceIds.length ? await db.selectFrom('evidence').select(['id', 'title']).where('id', 'in', eff.evidenceIds).execute() : [];
  const files = eff?.fileIds.length ? await db.selectFrom('files').select(['id', 'filename']).where('id', 'in', eff.fileIds).execute() : [];
  const org = (await db.selectFrom('organizations').select('name').where('id', '=', actor.organizationId).executeTakeFirstOrThrow()).name;
  // A closed report is dated at its closure, so its bytes do not change; an open one is as of now.
  const asOf = view.closedAt ? new Date(view.closedAt) : clock.now();
  const bytes = await renderDiscrepancyReportPdf({
    view,
    lang,
    timeZone: user?.time_zone ?? 'UTC',
    evidenceTitles: new Map(evidence.map((x) => [x.id, x.title])),
    fileNames: new Map(files.map((x) => [x.id, x.filename])),
    viewer: lang === 'zh' ? `${org} 副本` : `copy for ${org}`,
    asOf,
  });
  return { bytes, filename: `${view.reference}-${lang}.pdf` };
}
