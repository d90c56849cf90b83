import type { z } from 'zod';
import type { DirectoryQuery, OrganizationView, UpdateOrganizationInput } from '../../contracts/accounts.js';
import type { OrganizationKind } from '../../domain/model.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findOrganization,
  listIdentifiers,
  replaceIdentifiers,
  searchOrganizations,
  updateOrganization as updateOrganizationRow,
  type OrganizationRow,
} from '../../db/repositories/organizations.js';
import { recordAudit } from '../shared/audit.js';
import { isIdentifierScheme, validateIdentifier } from '../../domain/identifiers/index.js';
import { listVisibleEvidenceAbout } from '../../db/repositories/evidence.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';

export type OrganizationViewT = z.infer<typeof OrganizationView>;

export async function organizationViews(db: Executor, rows: OrganizationRow[]): Promise<OrganizationViewT[]> {
  const ids = await listIdentifiers(db, rows.map((r) => r.id));
  return rows.map((r) => toOrganizationView(r, ids.filter((i) => i.organization_id === r.id)));
}

/** The view of an organization row with its identifiers (in their order). */
export function toOrganizationView(
  r: Pick<OrganizationRow, 'id' | 'name' | 'kind' | 'country' | 'description' | 'website' | 'categories' | 'created_at'>,
  identifiers: readonly { scheme: string; value: string }[],
): OrganizationViewT {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as OrganizationKind,
    country: r.country,
    description: r.description,
    website: r.website,
    categories: JSON.parse(r.categories) as string[],
    identifiers: identifiers.map((i) => identifierView(i.scheme, i.value)),
    createdAt: r.created_at,
  };
}

type IdentifierViewT = OrganizationViewT['identifiers'][number];

/**
 * The offline check of a (scheme, value) is a pure function of the two, and organization views (every GET /me,
 * the directory, engagement pages) check the same few numbers over and over: checking them was a twelfth of a GET
 * /me. Results are kept, frozen and shared, for a bounded number of distinct identifiers.
 */
const checkedIdentifiers = new Map<string, Readonly<IdentifierViewT>>();
const MAX_CHECKED_IDENTIFIERS = 10_000;

export function identifierView(scheme: string, value: string): Readonly<IdentifierViewT> {
  const key = `${scheme}\u0000${value}`;
  const hit = checkedIdentifiers.get(key);
  if (hit) return hit;
  const view = Object.freeze(checkIdentifier(scheme, value));
  if (checkedIdentifiers.size >= MAX_CHECKED_IDENTIFIERS) checkedIdentifiers.delete(checkedIdentifiers.keys().next().value!);
  checkedIdentifiers.set(key, view);
  return view;
}

function checkIdentifier(scheme: string, value: string): IdentifierViewT {
  if (!isIdentifierScheme(scheme)) return { scheme, value, formatValid: null, checkDigit: false, normalized: value };
  const v = validateIdentifier(scheme, value);
  return { scheme, value, formatValid: v.valid, checkDigit: v.checkDigit, normalized: v.normalized, ...(v.reason ? { reason: v.reason } : {}) };
}

/**
 * Each identifier with its offline check, and whether a registry extract the caller may see confirms it. The
 * product never looks a number up in a registry itself: confirmation is a document someone shared.
 */
export async function organizationIdentifiers(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'organization.read');
  const org = await findOrganization(ctx.handle.db, id);
  if (!org) throw notFound('organization');
  const ids = await listIdentifiers(ctx.handle.db, [id]);
  const evidence = (await listVisibleEvidenceAbout(ctx.handle.db, actor.organizationId, id)).filter((e) => e.kind === 'registration');
  return ids.map((i) => {
    const view = identifierView(i.scheme, i.value);
    const extract = evidence.find((e) => {
      const attr = (JSON.parse(e.attributes) as Record<string, string>).identifier ?? '';
      return attr.replace(/[\s.-]/g, '').toUpperCase() === view.normalized.replace(/[\s.-]/g, '').toUpperCase();
    });
    return {
      ...view,
      registryExtract: extract
        ? { evidenceId: extract.id, title: extract.title, issuer: extract.issuer, issuedAt: extract.issued_at ? new Date(extract.issued_at).toISOString() : null, provenance: extract.provenance }
        : null,
    };
  });
}

export async function organizationView(db: Executor, id: string): Promise<OrganizationViewT | null> {
  const row = await findOrganization(db, id);
  return row ? (await organizationViews(db, [row]))[0] : null;
}

/**
 * The directory lists public fields of every organization (name, kind, country, categories, identifiers) so
 * that a buyer can find a supplier; nothing an organization keeps to itself is here.
 */
export async function searchDirectory(ctx: ServiceContext, actor: Actor, q: z.infer<typeof DirectoryQuery>) {
  authorize(actor, 'organization.read');
  const rows = await searchOrganizations(ctx.handle.db, q);
  return organizationViews(ctx.handle.db, rows);
}

export async function getOrganization(ctx: ServiceContext, actor: Actor, id: string): Promise<OrganizationViewT> {
  authorize(actor, 'organization.read');
  const view = await organizationView(ctx.handle.db, id);
  if (!view) throw notFound('organization');
  return view;
}

export async function updateOwnOrganization(
  ctx: ServiceContext,
  actor: Actor,
  input: z.infer<typeof UpdateOrganizationInput>,
): Promise<OrganizationViewT> {
  authorize(actor, 'organization.update');
  return ctx.handle.db.transaction().execute(async (trx) => {
    await updateOrganizationRow(trx, actor.organizationId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.website !== undefined ? { website: input.website } : {}),
      ...(input.categories !== undefined ? { categories: JSON.stringify(input.categories) } : {}),
    });
    if (input.identifiers) {
      const at = nowIso();
      await replaceIdentifiers(
        trx,
        actor.organizationId,
        input.identifiers.map((i) => ({ id: newId(), organization_id: actor.organizationId, scheme: i.scheme, value: i.value, created_at: at })),
      );
    }
    await recordAudit(trx, actor, 'organization.updated', 'organization', actor.organizationId, { fields: Object.keys(input) });
    const view = await organizationView(trx, actor.organizationId);
    if (!view) throw notFound('organization');
    return view;
  });
}
