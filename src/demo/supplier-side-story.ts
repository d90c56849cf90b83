// The supplier's side of the demo story; runs after the engagement, visit and quality stories. Ningbo Hengtai sees
// its two buyers rank clearly apart — Nordlicht asks about tolerances, materials and capacity and verifies, Lakeshore
// asks about price — with one judgement of its own; keeps its MES production-log export and the anodising partner's
// audit report in its evidence room, where Nordlicht has been looking at the audit report (the access log shows
// it); publishes a verified public profile (the process-capability claim and the control plan stay private); and
// offers Lakeshore samples under stated conditions. Goes through the same services a user goes through.
import { Readable } from 'node:stream';
import { principalForCli } from '../services/accounts/accounts.js';
import type { ServiceContext } from '../services/shared/context.js';
import { listEngagements } from '../services/engagements/engagements.js';
import { listOwnEvidenceLibrary, recordOwnEvidence } from '../services/engagements/evidence.js';
import { listOrganizationClaims, listOrganizationSites } from '../services/engagements/profile.js';
import { uploadFile } from '../services/files/files.js';
import { inviteVerification } from '../services/suppliers/invitations.js';
import { listHeldTrackRecords } from '../services/suppliers/public-credentials.js';
import { getPublicProfileSettings, savePublicProfileSettings } from '../services/suppliers/public-profile.js';
import { judgeSignal } from '../services/suppliers/sincerity.js';
import { createShare, getShare, openSharedFile } from '../services/suppliers/shares.js';
import { demoPdf } from './documents.js';
import type { DemoIds } from './seed.js';
import * as clock from '../clock.js';

const DAY = 86_400_000;
const daysAgo = (n: number, hourUtc = 3) => {
  const d = new Date(clock.nowMs() - n * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};
const isoDate = (offsetDays: number) => new Date(clock.nowMs() + offsetDays * DAY).toISOString().slice(0, 10);

export const DEMO_PUBLIC_SLUG = 'ningbo-hengtai';
export const DEMO_PRODUCTION_LOG_TITLE = 'MES production log export, lines 1 and 2 (monthly totals, last six months)';

/** Monthly totals per line, as the plant's MES exports them: believable, deterministic. */
function monthlyProductionCsv(): string {
  const rows = ['month,line,planned_hours,downtime_hours,good_output,scrap'];
  for (let m = 6; m >= 1; m--) {
    const d = new Date(clock.nowMs());
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - m);
    const month = d.toISOString().slice(0, 7);
    rows.push(`${month},Line 1,${520 - (m % 2) * 20},${31 + m},${23120 + m * 97},${188 + m * 3}`);
    rows.push(`${month},Line 2,${520 - (m % 3) * 20},${28 + m},${15480 + m * 61},${131 + m * 2}`);
  }
  return `${rows.join('\n')}\n`;
}

export async function seedSupplierSideStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const liWei = await principalForCli(ctx, 'li.wei@hengtai.example');
  const chen = await principalForCli(ctx, 'chen.jing@hengtai.example');
  const anna = await principalForCli(ctx, 'anna.weber@nordlicht.example');
  const hengtai = ids.organizations.hengtai;
  const engagements = await listEngagements(ctx, liWei, { limit: 100 });
  const nordlicht = engagements.find((e) => e.buyer.id === ids.organizations.nordlicht);
  const lakeshore = engagements.find((e) => e.buyer.id === ids.organizations.lakeshore);
  if (!nordlicht || !lakeshore) throw new Error('the supplier-side story needs the engagement story (Nordlicht and Lakeshore with Hengtai)');
  const db = ctx.handle.db;

  // --- the evidence room: two items kept for sharing ---------------------------------------------------------
  const csv = await uploadFile(ctx, chen, Readable.from([Buffer.from(monthlyProductionCsv())]), 'hengtai-mes-monthly-totals.csv');
  await recordOwnEvidence(ctx, chen, {
    kind: 'production_log',
    provenance: 'self_declared',
    title: DEMO_PRODUCTION_LOG_TITLE,
    description: 'Planned hours, downtime, good output and scrap per line and month, exported from the MES on the first working day of each month.',
    attributes: { system: 'MES (Siemens Opcenter)', lines: 'Line 1, Line 2' },
    fileIds: [csv.id],
    links: [],
  });
  const auditPdf = await demoPdf('Supplier audit report — Cixi Huaguang Surface Treatment Co., Ltd.', [
    'Audited by Ningbo Hengtai Precision Quality Dept., on site, two days',
    'Scope: type II anodising of aluminium parts, 15 ±3 µm, hot sealing',
    'Weekly limit confirmed: 8,000 parts (one line, two shifts)',
    'Findings: 0 major, 2 minor (bath log gaps, one thickness gauge overdue for calibration); both closed within 21 days',
  ]);
  const auditFile = await uploadFile(ctx, chen, Readable.from([auditPdf]), 'cixi-huaguang-supplier-audit.pdf');
  const audit = await recordOwnEvidence(ctx, chen, {
    kind: 'audit_report',
    provenance: 'documented',
    title: 'Supplier audit of the anodising partner Cixi Huaguang (weekly limit 8,000 parts)',
    issuer: 'Ningbo Hengtai Quality Dept.',
    issuedAt: isoDate(-60),
    attributes: { subcontractor: 'Cixi Huaguang Surface Treatment Co., Ltd.' },
    fileIds: [auditFile.id],
    links: [],
  });

  // Shared with Nordlicht inside its engagement, view-only, for a month; Anna has been reading it.
  const share = await createShare(ctx, liWei, {
    organizationId: ids.organizations.nordlicht,
    engagementId: nordlicht.id,
    evidenceIds: [audit.id],
    access: 'view',
    validFrom: daysAgo(6, 2),
    validUntil: new Date(Date.parse(daysAgo(6, 2)) + 30 * DAY).toISOString(),
    note: 'As promised in our disclosure about the anodising partner: their audit report, for your capacity review.',
  });
  await getShare(ctx, anna, share.id);
  await openSharedFile(ctx, anna, share.id, auditFile.id, 'inline');
  await getShare(ctx, anna, share.id);
  await openSharedFile(ctx, anna, share.id, auditFile.id, 'inline');
  const looks = await db.selectFrom('file_access_log').select(['id', 'seq']).where('share_id', '=', share.id).orderBy('seq').execute();
  const when = [daysAgo(5, 7), daysAgo(5, 7), daysAgo(2, 13), daysAgo(2, 13)];
  for (const [i, l] of looks.entries()) {
    await db.updateTable('file_access_log').set({ at: new Date(Date.parse(when[i]) + i * 60_000).toISOString() }).where('id', '=', l.id).execute();
  }
  await db.updateTable('evidence_shares').set({ created_at: daysAgo(6, 2) }).where('id', '=', share.id).execute();

  // --- sincerity: one judgement of Hengtai's own -------------------------------------------------------------
  await judgeSignal(ctx, liWei, ids.organizations.lakeshore, 'specification_clarity', {
    value: 10,
    note: 'We asked twice for the BH-2 drawing and the alloy specification; only a target price came back.',
  });

  // --- samples offered to Lakeshore under stated conditions --------------------------------------------------
  await inviteVerification(ctx, chen, lakeshore.id, {
    kind: 'sample',
    product: 'Burner housing BH-2 (aluminium)',
    quantity: 10,
    conditions: {
      method: 'Dimensional check against your drawing (CMM), salt-spray test ISO 9227 NSS 96 h',
      lab: 'SGS Ningbo',
      location: 'Ningbo',
      temperatureC: 23,
      relativeHumidityPct: 50,
      note: 'Machined on line 2 from 6061-T6; we need your drawing to machine them.',
    },
    shipBy: isoDate(21),
    note: 'So that you can judge the parts, not only the price.',
  });

  // --- the public verified profile ---------------------------------------------------------------------------
  const claims = await listOrganizationClaims(ctx, liWei, hengtai);
  const sites = await listOrganizationSites(ctx, liWei, hengtai);
  const library = await listOwnEvidenceLibrary(ctx, liWei);
  const privateClaim = (t: string) => t.startsWith('Bore Ø 32 H7');
  const publicEvidence = library.filter((e) => e.kind === 'certificate' || e.kind === 'registration');
  await savePublicProfileSettings(ctx, liWei, {
    slug: DEMO_PUBLIC_SLUG,
    published: true,
    headline: 'Precision-machined aluminium housings for medical devices — ISO 9001 and ISO 13485, two CNC lines in Ningbo.',
    claims: claims.filter((c) => !privateClaim(c.title)).map((c) => c.id),
    evidence: publicEvidence.map((e) => e.id),
    sites: sites.map((s) => s.id),
    credentials: [],
  });
  await db.updateTable('public_profiles').set({ published_at: daysAgo(3, 6), updated_at: daysAgo(3, 6) }).where('organization_id', '=', hengtai).execute();
}

/**
 * Runs after the verifiable-record story, which has Nordlicht issue Hengtai a track-record credential: Hengtai
 * adds the credentials it holds to its public profile, where they show while they verify.
 */
export async function seedPublicCredentialsStory(ctx: ServiceContext, ids: DemoIds): Promise<void> {
  const liWei = await principalForCli(ctx, 'li.wei@hengtai.example');
  const held = (await listHeldTrackRecords(ctx.handle.db, ids.organizations.hengtai)).filter((c) => !c.revoked_at);
  if (!held.length) return;
  const s = await getPublicProfileSettings(ctx, liWei);
  await savePublicProfileSettings(ctx, liWei, { slug: s.slug, published: s.published, headline: s.headline, claims: s.claims, evidence: s.evidence, sites: s.sites, credentials: held.map((c) => c.id) });
  await ctx.handle.db.updateTable('public_profiles').set({ published_at: daysAgo(3, 6) }).where('organization_id', '=', ids.organizations.hengtai).execute();
}
