// The SPC endpoint's answer, reused while the database is unchanged (shared/result-cache.ts). An analysis depends
// only on the engagement's batch data, its specification and the query — not on the time or on who asks — so a
// chart reopened, or opened by the other side, does not read and analyse up to a million values again; any write
// (an import, a withdrawal, a revised specification) makes the next request analyse afresh.
import type { z } from 'zod';
import type { SpcQuery, SpcView } from '../../contracts/quality.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { dataVersion, ResultCache } from '../shared/result-cache.js';
import { loadEngagement } from '../engagements/access.js';
import { spcAnalysis } from './analysis.js';

const cache = new ResultCache<z.infer<typeof SpcView>>({ maxEntries: 200 });

export async function cachedSpcAnalysis(ctx: ServiceContext, actor: Actor, engagementId: string, q: z.infer<typeof SpcQuery>): Promise<z.infer<typeof SpcView>> {
  // The version is read before the data; the engagement is loaded (authorization, tenant) on every request.
  const version = await dataVersion(ctx.handle);
  const e = await loadEngagement(ctx, actor, engagementId);
  const key = JSON.stringify([e.id, q]);
  const cached = cache.get(ctx.handle, key, version, 0);
  if (cached) return cached;
  const value = await spcAnalysis(ctx, actor, engagementId, q);
  cache.set(ctx.handle, key, version, 0, value);
  return value;
}
