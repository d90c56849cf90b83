// Checklist templates: versioned data, validated like policies. The shipped ones (organization_id null) come with
// migration 004; an admin saves its organization's own versions. Visits keep the version they were planned with.
import type { z } from 'zod';
import { parseChecklistTemplate, type ChecklistTemplate, type ChecklistTemplateView } from '../../contracts/visits.js';
import {
  findChecklistTemplateFor,
  insertChecklistTemplate,
  latestChecklistTemplate,
  listChecklistTemplatesFor,
  type ChecklistTemplateRow,
} from '../../db/repositories/visits.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { invalid, notFound } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';

export function checklistTemplateView(r: ChecklistTemplateRow): z.infer<typeof ChecklistTemplateView> {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    purpose: r.purpose as ChecklistTemplate['purpose'],
    name: JSON.parse(r.name),
    shipped: r.organization_id === null,
    organizationId: r.organization_id,
    createdAt: r.created_at,
    document: JSON.parse(r.document),
  };
}

export async function listChecklistTemplates(ctx: ServiceContext, actor: Actor, purpose?: string) {
  authorize(actor, 'checklist.read');
  const rows = await listChecklistTemplatesFor(ctx.handle.db, actor.organizationId);
  return rows.filter((r) => !purpose || r.purpose === purpose).map(checklistTemplateView);
}

export async function getChecklistTemplate(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'checklist.read');
  const r = await findChecklistTemplateFor(ctx.handle.db, actor.organizationId, id);
  if (!r) throw notFound('checklist template');
  return checklistTemplateView(r);
}

/** Saves an edited or uploaded template as the organization's next version of its key; never changed in place. */
export async function saveChecklistTemplateVersion(ctx: ServiceContext, actor: Actor, json: unknown) {
  authorize(actor, 'checklist.manage');
  const parsed = parseChecklistTemplate(json);
  if (!parsed.ok) throw invalid(`the checklist template has ${parsed.errors.length} error(s)`, parsed.errors);
  const doc = parsed.template;
  return ctx.handle.db.transaction().execute(async (trx) => {
    const latest = await latestChecklistTemplate(trx, actor.organizationId, doc.key);
    const version = (latest?.version ?? 0) + 1;
    const stored: ChecklistTemplate = { ...doc, version };
    const row: ChecklistTemplateRow = {
      id: newId(),
      organization_id: actor.organizationId,
      key: doc.key,
      version,
      purpose: doc.purpose,
      name: JSON.stringify(doc.name),
      document: JSON.stringify(stored),
      created_by: actor.userId,
      created_at: nowIso(),
    };
    await insertChecklistTemplate(trx, row);
    await recordAudit(trx, actor, 'checklist_template.version_saved', 'checklist_template', row.id, { key: doc.key, version, purpose: doc.purpose });
    return checklistTemplateView(row);
  });
}

export function templateDocument(row: ChecklistTemplateRow): ChecklistTemplate {
  return JSON.parse(row.document) as ChecklistTemplate;
}
