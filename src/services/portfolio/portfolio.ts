// The home page of a buyer or a supplier: every panel, each read by its own service function (buyer-panels.ts,
// supplier-panels.ts), so each can be measured on its own; and the buyer's engagement list as CSV.
import type { z } from 'zod';
import type { PortfolioQuery, PortfolioView } from '../../contracts/portfolio.js';
import * as clock from '../../clock.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { contradictedClaimsPanel, engagementsByPhasePanel, expiringEvidencePanel, overduePanel, pilotsAtRiskPanel } from './buyer-panels.js';
import { filteredIds, filterOptions, loadScope, scopeOf } from './scope.js';
import { supplierBuyersPanel, supplierObligationsPanel } from './supplier-panels.js';

export async function getPortfolio(ctx: ServiceContext, actor: Actor, q: z.infer<typeof PortfolioQuery>): Promise<z.infer<typeof PortfolioView>> {
  const db = ctx.handle.db;
  const now = clock.now();
  const s = await loadScope(db, actor, q);
  if (s.filter.side === 'buyer') {
    const [engagementsByPhase, pilotsAtRisk, expiringEvidence, contradictedClaims, overdue] = await Promise.all([
      engagementsByPhasePanel(db, s),
      pilotsAtRiskPanel(db, s, now),
      expiringEvidencePanel(db, s, now),
      contradictedClaimsPanel(db, s, now),
      overduePanel(db, s, now),
    ]);
    return { role: 'buyer', asOf: now.toISOString(), filters: filterOptions(s), engagementsByPhase, pilotsAtRisk, expiringEvidence, contradictedClaims, overdue };
  }
  const [engagementsByPhase, buyers, obligations] = await Promise.all([engagementsByPhasePanel(db, s), supplierBuyersPanel(db, s), supplierObligationsPanel(db, s, now)]);
  return { role: 'supplier', asOf: now.toISOString(), filters: filterOptions(s), engagementsByPhase, buyers, obligations };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A cell starting with = + - @ would be a formula in a spreadsheet: quoted and prefixed, as OWASP advises.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The filtered engagements, one line each, with the panels' numbers per engagement: the same reads as the page
 * (a fixed number of queries), joined in memory.
 */
export async function portfolioCsv(ctx: ServiceContext, actor: Actor, q: z.infer<typeof PortfolioQuery>): Promise<string> {
  const db = ctx.handle.db;
  const now = clock.now();
  const s = await loadScope(db, actor, q);
  const filtered = new Set(await filteredIds(db, s));
  // Newest first, as on the page.
  const ids = [...s.engagements.keys()].filter((id) => filtered.has(id));
  const count = (list: { engagement: { id: string } }[]) => {
    const m = new Map<string, number>();
    for (const i of list) m.set(i.engagement.id, (m.get(i.engagement.id) ?? 0) + 1);
    return m;
  };
  let perEngagement: [string, Map<string, number>][] = [];
  if (s.filter.side === 'buyer') {
    // Every item, not the page's first 50: each engagement's counts must be whole.
    const [risk, expiring, claims, overdue] = await Promise.all([
      pilotsAtRiskPanel(db, s, now, Infinity),
      expiringEvidencePanel(db, s, now, undefined, Infinity),
      contradictedClaimsPanel(db, s, now, Infinity),
      overduePanel(db, s, now, Infinity),
    ]);
    const kpis = new Map<string, number>();
    for (const p of risk.items) kpis.set(p.engagement.id, (kpis.get(p.engagement.id) ?? 0) + p.kpis.length);
    perEngagement = [
      ['kpis_at_risk_or_missed', kpis],
      ['evidence_expiring_60_days', count(expiring.items)],
      ['contradicted_claims', count(claims.items)],
      ['overdue_items', count(overdue.items)],
    ];
  } else {
    const obligations = await supplierObligationsPanel(db, s, now, Infinity);
    perEngagement = [['obligations_due', count(obligations.items)]];
  }
  const header = ['engagement', 'title', s.filter.side === 'buyer' ? 'supplier' : 'buyer', 'country', 'phase', 'categories', 'opened_by', ...perEngagement.map(([k]) => k)];
  const lines = [header.join(',')];
  for (const id of ids) {
    const e = s.engagements.get(id)!;
    const scope = scopeOf(e);
    lines.push(
      [id, e.title, e.counterpart_name, e.counterpart_country, e.phase, (scope.categories ?? []).join('; '), e.created_by_name ?? '', ...perEngagement.map(([, m]) => m.get(id) ?? 0)].map(csvCell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
