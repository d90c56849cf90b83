// An engagement's escalation ladder (each side names its own contacts per level) and the progress-update cadence
// the two sides agreed; both changes are recorded on the engagement's events.
import type { z } from 'zod';
import type { EngagementEventView, EscalationSettingsInput, EscalationSettingsView } from '../../contracts/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { findCadence, insertEventOnce, listEngagementEvents, listLadder, replaceLadderSide, upsertCadence, type LadderContactRow } from '../../db/repositories/escalation.js';
import type { Executor } from '../../db/repositories/executor.js';
import { findMembership } from '../../db/repositories/organizations.js';
import { DEFAULT_DISCREPANCY_RULES } from '../../domain/discrepancies/rules.js';
import { progressCadence } from '../../domain/escalation/cadence.js';
import { ladderDepth, ladderProblems } from '../../domain/escalation/ladder.js';
import * as clock from '../../clock.js';
import { isOpen, loadEngagement } from '../engagements/access.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalidField } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { rulesOfEngagement, sideOf } from '../discrepancies/access.js';
import { contactView, ladderOf } from '../discrepancies/views.js';

/** The supplier's progress updates in the engagement thread, and the cadence they are held to. */
export async function engagementCadence(db: Executor, e: EngagementRow, now: Date) {
  const row = await findCadence(db, e.id);
  if (!row) return null;
  const updates = await db
    .selectFrom('messages')
    .select('sent_at')
    .where('engagement_id', '=', e.id)
    .where('kind', '=', 'progress_update')
    .where('organization_id', '=', e.supplier_organization_id)
    .execute();
  return { row, state: progressCadence({ everyDays: row.progress_update_every_days, since: new Date(row.agreed_at), updates: updates.map((u) => new Date(u.sent_at)), now }) };
}

async function view(db: Executor, actor: Actor, e: EngagementRow): Promise<z.infer<typeof EscalationSettingsView>> {
  const now = clock.now();
  const rows = await listLadder(db, [e.id]);
  const ladder = ladderOf(rows);
  const cadence = await engagementCadence(db, e, now);
  const { rules } = await rulesOfEngagement(db, e);
  const problems = ladderProblems(ladder);
  const agreedBy = cadence ? await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', cadence.row.agreed_by).executeTakeFirst() : undefined;
  const fallback = progressCadence({ everyDays: rules.progressUpdateEveryDays ?? DEFAULT_DISCREPANCY_RULES.progressUpdateEveryDays, since: now, updates: [], now });
  const state = cadence?.state ?? fallback;
  return {
    engagementId: e.id,
    contacts: rows.map(contactView),
    problems,
    named: problems.length === 0,
    maxLevel: ladderDepth(ladder),
    cadence: {
      everyDays: state.everyDays,
      agreedAt: cadence?.row.agreed_at ?? null,
      agreedBy: agreedBy ? { id: agreedBy.id, displayName: agreedBy.display_name, organizationId: cadence!.row.agreed_by_organization_id } : null,
      lastUpdateAt: state.lastUpdateAt?.toISOString() ?? null,
      nextDueAt: state.nextDueAt.toISOString(),
      overdue: cadence ? state.overdue : false,
      missed: cadence ? state.missed.map((d) => d.toISOString()) : [],
    },
    myRole: sideOf(e, actor.organizationId),
  };
}

export async function getEscalationSettings(ctx: ServiceContext, actor: Actor, engagementId: string) {
  const e = await loadEngagement(ctx, actor, engagementId);
  return view(ctx.handle.db, actor, e);
}

/** Each side names its own contacts; either side records the cadence both agreed. `at` places it in the past (demo). */
export async function saveEscalationSettings(ctx: ServiceContext, actor: Actor, engagementId: string, input: z.infer<typeof EscalationSettingsInput>, at = nowIso()) {
  const db = ctx.handle.db;
  const e = await loadEngagement(ctx, actor, engagementId);
  authorize(actor, 'engagement.contribute');
  if (!isOpen(e.phase) && e.phase !== 'proposed') throw conflict(`the engagement is ${e.phase}`);
  if (input.contacts === undefined && input.progressUpdateEveryDays === undefined) throw invalidField('contacts', 'give the contacts of your side, the cadence, or both');
  const side = sideOf(e, actor.organizationId);
  const rows: LadderContactRow[] = [];
  for (const [i, c] of (input.contacts ?? []).entries()) {
    let email = c.email ?? null;
    let locale: string = c.locale ?? 'en';
    if (c.userId) {
      if (!(await findMembership(db, c.userId, actor.organizationId))) throw invalidField(`contacts.${i}.userId`, 'not a member of your organization');
      const u = await db.selectFrom('users').select(['email', 'locale']).where('id', '=', c.userId).executeTakeFirstOrThrow();
      email ??= u.email;
      locale = c.locale ?? u.locale;
    }
    rows.push({ id: newId(), engagement_id: e.id, side, level: c.level, user_id: c.userId ?? null, name: c.name, email, title: c.title ?? null, locale, created_by: actor.userId, created_at: at });
  }
  await db.transaction().execute(async (trx) => {
    if (input.contacts !== undefined) {
      await replaceLadderSide(trx, e.id, side, rows);
      await insertEventOnce(trx, { id: newId(), engagement_id: e.id, at, kind: 'ladder_changed', subject_type: null, subject_id: null, level: null, details: JSON.stringify({ side, contacts: rows.length, by: actor.userId }), dedupe_key: `ladder:${newId()}` });
      await recordAudit(trx, actor, 'engagement.escalation_ladder_saved', 'engagement', e.id, { side, contacts: rows.length });
    }
    if (input.progressUpdateEveryDays !== undefined) {
      await upsertCadence(trx, { engagement_id: e.id, progress_update_every_days: input.progressUpdateEveryDays, agreed_by: actor.userId, agreed_by_organization_id: actor.organizationId, agreed_at: at });
      await insertEventOnce(trx, { id: newId(), engagement_id: e.id, at, kind: 'cadence_agreed', subject_type: null, subject_id: null, level: null, details: JSON.stringify({ everyDays: input.progressUpdateEveryDays, by: actor.userId }), dedupe_key: `cadence:${newId()}` });
      await recordAudit(trx, actor, 'engagement.cadence_agreed', 'engagement', e.id, { everyDays: input.progressUpdateEveryDays });
    }
  });
  return view(db, actor, e);
}

export async function listEngagementEventsOf(ctx: ServiceContext, actor: Actor, engagementId: string): Promise<z.infer<typeof EngagementEventView>[]> {
  await loadEngagement(ctx, actor, engagementId);
  return (await listEngagementEvents(ctx.handle.db, engagementId)).map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    level: r.level,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
