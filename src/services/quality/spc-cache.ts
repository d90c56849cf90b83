// The SPC endpoint's answer, reused while the database is unchanged (shared/result-cache.ts). An analysis depends
// only on the engagement's batch data, its specification and the query — not on the time or on who asks — so a
// chart reopened, or opened by the other side, does not read and analyse up to a million values again; any write
// (an import, a withdrawal, a revised specification) makes the next request analyse afresh.
//
// What is kept is the answer as the route sends it: checked against the SpcView contract and serialized once, when
// it is computed. Checking and serializing a chart's answer took longer than everything else a reused answer costs
// (the data version, the engagement with its authorization, the request itself), and gave the same text each time.
import type { z } from 'zod';
import { SpcView, type SpcQuery } from '../../contracts/quality.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { dataVersion, ResultCache } from '../shared/result-cache.js';
import { loadEngagement } from '../engagements/access.js';
import { spcAnalysis } from './analysis.js';

const cache = new ResultCache<string>({ maxEntries: 200 });

/** The SPC answer as JSON text, valid against the SpcView contract (as the route's response schema would check it). */
export async function cachedSpcJson(ctx: ServiceContext, actor: Actor, engagementId: string, q: z.infer<typeof SpcQuery>): Promise<string> {
  // The version is read before the data; the engagement is loaded (authorization, tenant) on every request.
  const version = await dataVersion(ctx.handle);
  const e = await loadEngagement(ctx, actor, engagementId);
  const key = JSON.stringify([e.id, q]);
  const cached = cache.get(ctx.handle, key, version, 0);
  if (cached !== undefined) return cached;
  const json = serializeSpcView(await spcAnalysis(ctx, actor, engagementId, q));
  cache.set(ctx.handle, key, version, 0, json);
  return json;
}

/** What the route's Zod serializer does (fastify-type-provider-zod): the contract's output, as JSON. */
function serializeSpcView(value: z.infer<typeof SpcView>): string {
  const parsed = SpcView.safeParse(value);
  // A server fault, not the caller's: an answer that breaks its own contract is never sent.
  if (!parsed.success) throw new Error(`the SPC answer does not match its contract: ${parsed.error.message}`);
  return JSON.stringify(parsed.data);
}
