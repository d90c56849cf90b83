// What every portfolio panel shares: the caller's side, the filter, and the engagements (one query) from which the
// panels' rows get their references and the filter its options.
import type { z } from 'zod';
import type { PortfolioQuery } from '../../contracts/portfolio.js';
import type { Executor } from '../../db/repositories/executor.js';
import { filteredEngagementIds, listPortfolioEngagements, type PortfolioFilter } from '../../db/repositories/portfolio.js';
import { authorize, type Actor } from '../shared/authz.js';
import { forbidden } from '../shared/errors.js';

export type PortfolioEngagement = Awaited<ReturnType<typeof listPortfolioEngagements>>[number];

export interface PortfolioScope {
  filter: PortfolioFilter;
  /** Every engagement of the organization (unfiltered), by id. */
  engagements: Map<string, PortfolioEngagement>;
}

export function portfolioFilter(actor: Actor, q: z.infer<typeof PortfolioQuery>): PortfolioFilter {
  authorize(actor, 'engagement.read');
  if (actor.organizationKind === 'auditor') throw forbidden('the portfolio is a buyer’s or a supplier’s');
  return { organizationId: actor.organizationId, side: actor.organizationKind === 'buyer' ? 'buyer' : 'supplier', country: q.country, category: q.category, owner: q.owner };
}

export async function loadScope(db: Executor, actor: Actor, q: z.infer<typeof PortfolioQuery>): Promise<PortfolioScope> {
  const filter = portfolioFilter(actor, q);
  const rows = await listPortfolioEngagements(db, filter.organizationId, filter.side);
  return { filter, engagements: new Map(rows.map((r) => [r.id, r])) };
}

/** Whether the filter narrows the organization's engagements at all. */
export function isFiltered(f: PortfolioFilter): boolean {
  return f.country !== undefined || f.category !== undefined || f.owner !== undefined;
}

/**
 * The ids of the filtered engagements: without a filter, every engagement the scope holds (the same set: both read
 * the organization's engagements joined to their counterpart), with no query.
 */
export async function filteredIds(db: Executor, s: PortfolioScope): Promise<string[]> {
  if (!isFiltered(s.filter)) return [...s.engagements.keys()];
  return (await filteredEngagementIds(db, s.filter).execute()).map((r) => r.id);
}

export function engagementRef(s: PortfolioScope, id: string) {
  const e = s.engagements.get(id)!;
  return { id, title: e.title, counterpart: { id: e.counterpart_id, name: e.counterpart_name, country: e.counterpart_country } };
}

interface EngagementScope {
  readonly categories?: readonly string[];
  readonly productLines?: readonly string[];
}

// A thousand engagements' scopes are parsed on every page load, and most are the same few texts: each text is
// parsed once (the result is frozen: every reader shares it).
const parsedScopes = new Map<string, EngagementScope>();

export function scopeOf(e: { scope: string }): EngagementScope {
  let parsed = parsedScopes.get(e.scope);
  if (parsed === undefined) {
    if (parsedScopes.size >= 10_000) parsedScopes.clear();
    const raw = JSON.parse(e.scope) as { categories?: string[]; productLines?: string[] };
    parsed = Object.freeze({ categories: raw.categories && Object.freeze([...raw.categories]), productLines: raw.productLines && Object.freeze([...raw.productLines]) });
    parsedScopes.set(e.scope, parsed);
  }
  return parsed;
}

/** The engagement's portfolio revision as a key of kept figures; null (keep nothing) if it has none. */
export function revisionOf(s: PortfolioScope, id: string): string | null {
  const r = s.engagements.get(id)!.revision;
  return r === null ? null : String(r);
}

/** The filter's options: every country, scope category and opener among the organization's engagements. */
export function filterOptions(s: PortfolioScope) {
  const countries = new Set<string>();
  const categories = new Set<string>();
  const owners = new Map<string, string>();
  for (const e of s.engagements.values()) {
    countries.add(e.counterpart_country);
    for (const c of scopeOf(e).categories ?? []) categories.add(c);
    if (e.created_by) owners.set(e.created_by, e.created_by_name ?? '');
  }
  return {
    countries: [...countries].sort(),
    categories: [...categories].sort((a, b) => a.localeCompare(b)),
    owners: [...owners].map(([id, displayName]) => ({ id, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
  };
}
