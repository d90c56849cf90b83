// The supplier's public verified profile: the supplier picks which claims, evidence items and sites are public; the
// page (HTML), its JSON form and a UNTP Digital Facility Record of each published site are readable without an
// account. What they show is computed from the record on every request, so a claim is never shown with a standing
// the evidence does not give it, and they carry no internal ids and nothing that was not chosen for publication.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PublicProfileInput, PublicProfileSettingsView, PublicSupplierProfileT } from '../../contracts/suppliers.js';
import type { Executor } from '../../db/repositories/executor.js';
import { listIdentifiers, findOrganization } from '../../db/repositories/organizations.js';
import { listClaims, listSites } from '../../db/repositories/profile.js';
import { findProfileBySlug, findProfileOf, listProfileItems, listRecordedEvidenceAbout, replaceProfileItems, saveProfile } from '../../db/repositories/public-profiles.js';
import { validityState } from '../../domain/evidence/provenance-rules.js';
import type { ClaimType, EvidenceKind, OrganizationKind, Provenance } from '../../domain/model.js';
import { DEFAULT_CROSS_BORDER_POLICY } from '../../domain/policy/default-policies.js';
import { facilityRecords } from '../../domain/profile/facility-record.js';
import { expiringWithin, publicClaimStanding, slugify } from '../../domain/profile/public-claims.js';
import { assessClaims } from '../../domain/readiness/index.js';
import * as clock from '../../clock.js';
import { loadEvidenceDetails, readinessClaim, readinessEvidence } from '../engagements/evidence-mapping.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalidField, notFound } from '../shared/errors.js';
import { nowIso } from '../shared/ids.js';
import { listHeldTrackRecords, publishedCredentials } from './public-credentials.js';

export const PUBLIC_PROFILE_PATH = '/public/suppliers';

type SettingsT = z.infer<typeof PublicProfileSettingsView>;

async function suggestSlug(db: Executor, name: string): Promise<string> {
  const base = slugify(name) || `supplier-${randomBytes(3).toString('hex')}`;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!(await findProfileBySlug(db, candidate))) return candidate;
  }
}

export async function getPublicProfileSettings(ctx: ServiceContext, actor: Actor): Promise<SettingsT> {
  authorize(actor, 'profile.manage');
  const db = ctx.handle.db;
  const row = await findProfileOf(db, actor.organizationId);
  const items = await listProfileItems(db, actor.organizationId);
  const of = (t: string) => items.filter((i) => i.item_type === t).map((i) => i.item_id);
  const slug = row?.slug ?? (await suggestSlug(db, (await findOrganization(db, actor.organizationId))?.name ?? ''));
  return {
    slug,
    published: row?.published === 1,
    headline: row?.headline ?? null,
    publishedAt: row?.published_at ?? null,
    updatedAt: row?.updated_at ?? null,
    path: `${PUBLIC_PROFILE_PATH}/${slug}`,
    claims: of('claim'),
    evidence: of('evidence'),
    sites: of('site'),
    credentials: of('credential'),
  };
}

/** The supplier chooses what is public, and whether the page is published at all. */
export async function savePublicProfileSettings(ctx: ServiceContext, actor: Actor, input: z.infer<typeof PublicProfileInput>): Promise<SettingsT> {
  authorize(actor, 'profile.publish');
  await ctx.handle.db.transaction().execute(async (trx) => {
    const org = actor.organizationId;
    const taken = await findProfileBySlug(trx, input.slug);
    if (taken && taken.organization_id !== org) throw conflict('this address is taken by another supplier', [{ path: 'slug', message: 'taken' }]);
    const claims = new Set((await listClaims(trx, org)).map((c) => c.id));
    input.claims.forEach((id, i) => {
      if (!claims.has(id)) throw invalidField(`claims.${i}`, 'no such claim of yours (withdrawn claims cannot be published)');
    });
    const evidence = new Set((await trx.selectFrom('evidence').select('id').where('organization_id', '=', org).where('subject_organization_id', '=', org).execute()).map((e) => e.id));
    input.evidence.forEach((id, i) => {
      if (!evidence.has(id)) throw invalidField(`evidence.${i}`, 'no such evidence of yours about your organization');
    });
    const sites = new Set((await listSites(trx, org)).map((s) => s.id));
    input.sites.forEach((id, i) => {
      if (!sites.has(id)) throw invalidField(`sites.${i}`, 'no such site of yours');
    });
    const held = new Set((await listHeldTrackRecords(trx, org)).filter((c) => !c.revoked_at).map((c) => c.id));
    input.credentials.forEach((id, i) => {
      if (!held.has(id)) throw invalidField(`credentials.${i}`, 'no such track-record credential about you (or it was revoked)');
    });
    const at = nowIso();
    const before = await findProfileOf(trx, org);
    await saveProfile(trx, {
      organization_id: org,
      slug: input.slug,
      published: input.published ? 1 : 0,
      headline: input.headline ?? null,
      published_at: input.published ? (before?.published === 1 ? before.published_at : at) : null,
      updated_by: actor.userId,
      updated_at: at,
    });
    await replaceProfileItems(
      trx,
      org,
      [
        ...[...new Set(input.claims)].map((id) => ({ item_type: 'claim', item_id: id })),
        ...[...new Set(input.evidence)].map((id) => ({ item_type: 'evidence', item_id: id })),
        ...[...new Set(input.sites)].map((id) => ({ item_type: 'site', item_id: id })),
        ...[...new Set(input.credentials)].map((id) => ({ item_type: 'credential', item_id: id })),
      ],
      at,
    );
    await recordAudit(trx, actor, input.published ? 'public_profile.published' : 'public_profile.saved', 'organization', org, {
      slug: input.slug,
      claims: input.claims.length,
      evidence: input.evidence.length,
      sites: input.sites.length,
      credentials: input.credentials.length,
    });
  });
  return getPublicProfileSettings(ctx, actor);
}

function uniqueSlugs(names: string[], fallback: string): string[] {
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const base = slugify(n) || `${fallback}-${i + 1}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}-${k}`;
  });
}

interface Built {
  profile: PublicSupplierProfileT;
  facilityRecords: Record<string, unknown>[];
}

/** Everything the public may see, computed now from the record and the supplier's choices. */
async function build(db: Executor, organizationId: string, slug: string, headline: string | null, publishedAt: string | null, baseUrl: string): Promise<Built> {
  const now = clock.now();
  const org = (await findOrganization(db, organizationId))!;
  const identifiers = (await listIdentifiers(db, [organizationId])).map((i) => ({ scheme: i.scheme, value: i.value }));
  const items = await listProfileItems(db, organizationId);
  const chosen = (t: string) => new Set(items.filter((i) => i.item_type === t).map((i) => i.item_id));
  const [claimIds, evidenceIds, siteIds] = [chosen('claim'), chosen('evidence'), chosen('site')];

  const claims = (await listClaims(db, organizationId)).filter((c) => claimIds.has(c.id));
  const sites = (await listSites(db, organizationId)).filter((s) => siteIds.has(s.id));
  const recorded = await listRecordedEvidenceAbout(db, organizationId);
  const details = await loadEvidenceDetails(db, recorded.map((e) => e.id));
  const assessed = assessClaims(
    claims.map(readinessClaim),
    recorded.map((e) => readinessEvidence(e, details, e.recorder_kind as OrganizationKind, e.created_at)),
    { now, capacityTolerance: DEFAULT_CROSS_BORDER_POLICY.claimTolerance.capacity },
  );
  const byId = new Map(recorded.map((e) => [e.id, e]));
  const siteSlugs = uniqueSlugs(sites.map((s) => s.name), 'site');
  const siteSlugOf = new Map(sites.map((s, i) => [s.id, siteSlugs[i]]));
  const ordinary = claims.filter((c) => c.type !== 'limitation');
  const claimSlugs = uniqueSlugs(ordinary.map((c) => c.title), 'claim');
  const standings = ordinary.map((c) => {
    const a = assessed.find((x) => x.claimId === c.id)!;
    const e = a.evidenceIds.length ? byId.get(a.evidenceIds[0]) : undefined;
    return publicClaimStanding(
      a.status,
      e
        ? {
            provenance: e.provenance as Provenance,
            kind: e.kind as EvidenceKind,
            recorderKind: e.recorder_kind as OrganizationKind,
            issuer: e.issuer,
            recordedAt: e.created_at,
            validTo: e.valid_to,
          }
        : null,
    );
  });

  // What runs out soon: the published evidence, and the supplier's own evidence behind published claims.
  const behind = new Set(assessed.flatMap((a) => a.supportingEvidenceIds));
  const watch = recorded.filter((e) => e.organization_id === organizationId && (evidenceIds.has(e.id) || behind.has(e.id)));
  const published = recorded.filter((e) => e.organization_id === organizationId && evidenceIds.has(e.id));

  const base = `${baseUrl}${PUBLIC_PROFILE_PATH}/${slug}`;
  const profile: PublicSupplierProfileT = {
    name: org.name,
    country: org.country,
    description: org.description,
    website: org.website,
    categories: JSON.parse(org.categories) as string[],
    headline,
    identifiers,
    publishedAt,
    generatedAt: now.toISOString(),
    claims: ordinary.map((c, i) => ({
      type: c.type as ClaimType,
      title: c.title,
      productLine: c.product_line,
      value: c.value,
      unit: c.unit,
      period: c.period,
      statedLimit: c.stated_limit,
      status: assessed.find((x) => x.claimId === c.id)!.status,
      verified: standings[i].verified,
      strongest: standings[i].strongest,
      summary: standings[i].summary,
    })),
    limitations: claims.filter((c) => c.type === 'limitation').map((c) => ({ title: c.title, since: c.created_at.slice(0, 10) })),
    evidence: published.map((e) => ({
      kind: e.kind as EvidenceKind,
      provenance: e.provenance as Provenance,
      title: e.title,
      issuer: e.issuer,
      validFrom: e.valid_from,
      validTo: e.valid_to,
      validity: validityState(e.valid_from ? new Date(e.valid_from) : null, e.valid_to ? new Date(e.valid_to) : null, now),
      sha256: (details.files.get(e.id) ?? []).map((f) => f.sha256),
    })),
    expiring: expiringWithin(
      watch.map((e) => ({ title: e.title, kind: e.kind as EvidenceKind, validTo: e.valid_to })),
      now,
    ).map((x) => ({ title: x.title, kind: x.kind, validTo: x.validTo!, daysLeft: x.daysLeft })),
    ...(await publishedCredentials(db, organizationId, chosen('credential'))),
    sites: sites.map((s) => ({
      name: s.name,
      address: s.address,
      country: s.country,
      processes: JSON.parse(s.processes) as string[],
      headcount: s.headcount,
      facilityRecord: `${base}/facilities.json#${siteSlugOf.get(s.id)}`,
    })),
    links: { html: base, json: `${base}.json`, facilityRecords: `${base}/facilities.json` },
  };
  const records = facilityRecords({
    baseUrl,
    slug,
    organization: { name: org.name, identifiers },
    sites: sites.map((s) => ({ slug: siteSlugOf.get(s.id)!, name: s.name, address: s.address, country: s.country, processes: JSON.parse(s.processes) as string[] })),
    claims: ordinary.map((c, i) => ({
      type: c.type as ClaimType,
      title: c.title,
      value: c.value,
      unit: c.unit,
      period: c.period,
      siteSlug: c.site_id ? (siteSlugOf.get(c.site_id) ?? '__unpublished__') : null,
      slug: claimSlugs[i],
      verified: standings[i].verified,
      summary: standings[i].summary,
      month: standings[i].strongest?.month ?? null,
    })),
    issuedAt: publishedAt ?? now.toISOString(),
  });
  return { profile, facilityRecords: records };
}

/** The published profile at this address; unpublished or unknown answer 404 alike. */
async function publishedBySlug(db: Executor, slug: string) {
  const row = await findProfileBySlug(db, slug.toLowerCase());
  if (!row || row.published !== 1) throw notFound('profile');
  return row;
}

export async function publicProfileBySlug(ctx: ServiceContext, slug: string, baseUrl: string): Promise<PublicSupplierProfileT> {
  const row = await publishedBySlug(ctx.handle.db, slug);
  return (await build(ctx.handle.db, row.organization_id, row.slug, row.headline, row.published_at, baseUrl)).profile;
}

export async function facilityRecordsBySlug(ctx: ServiceContext, slug: string, baseUrl: string) {
  const row = await publishedBySlug(ctx.handle.db, slug);
  return (await build(ctx.handle.db, row.organization_id, row.slug, row.headline, row.published_at, baseUrl)).facilityRecords;
}

/** What the public would see with the saved choices, published or not: for the supplier to check before publishing. */
export async function previewPublicProfile(ctx: ServiceContext, actor: Actor, baseUrl: string): Promise<PublicSupplierProfileT> {
  const s = await getPublicProfileSettings(ctx, actor);
  return (await build(ctx.handle.db, actor.organizationId, s.slug, s.headline, s.publishedAt, baseUrl)).profile;
}
