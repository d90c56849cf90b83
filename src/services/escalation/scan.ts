// The time-based work of continuous verification, run by the job runner: 8D steps and technical inquiries past
// their due time escalate one level at a time and notify that level of the ladder; missed progress updates are
// flagged to both sides; certificates expiring in 60 and 30 days and re-audits coming due are reminded. Every
// state is derived from the data and the clock (pure domain functions); what this adds is recording each
// consequence once — an engagement event unique by its dedupe key — and notifying only when this run recorded it,
// so several servers over one database notify exactly once.
// The event loop turns between engagements (`turn`): on SQLite every query completes synchronously, so a scan of a
// thousand engagements would otherwise hold every request for its whole length (0.5 s each run, 2.5–3 s with the
// hourly re-verification; issue 14's p99 spikes of the portfolio).
import { setImmediate as turn } from 'node:timers/promises';
import { listOpenDiscrepancies, listSteps } from '../../db/repositories/discrepancies.js';
import type { EngagementRow } from '../../db/repositories/engagements.js';
import { insertEventOnce, listCadences, listLadder, type LadderContactRow } from '../../db/repositories/escalation.js';
import type { Executor } from '../../db/repositories/executor.js';
import { addBusinessDays } from '../../domain/communication/business-due.js';
import { otherSide, type EightDStep, type EngagementSide } from '../../domain/discrepancies/model.js';
import { contactsAt, ladderDepth } from '../../domain/escalation/ladder.js';
import { escalationState } from '../../domain/escalation/level.js';
import { reauditState } from '../../domain/escalation/reverification.js';
import type { NotificationKind, NotificationParams } from '../../domain/notifications/templates.js';
import { evidenceAlerts } from '../../domain/readiness/alerts.js';
import { OPEN_PHASES } from '../../domain/model.js';
import * as clock from '../../clock.js';
import { buildReadinessInput, responderCalendar } from '../engagements/readiness.js';
import { membersOf, notify, type Recipient } from '../notifications/notify.js';
import type { MailSettings } from '../notifications/settings.js';
import type { ServiceContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import { organizationOfSide, reference, rulesOfEngagement } from '../discrepancies/access.js';
import { recordEvent } from '../discrepancies/shared.js';
import { cadenceOf, escalationOf, ladderOf } from '../discrepancies/views.js';
import { engagementCadence } from './settings.js';

export interface ScanResult {
  escalations: number;
  missedUpdates: number;
  reminders: number;
}

interface EventSpec {
  e: EngagementRow;
  kind: string;
  dedupeKey: string;
  subjectType: string | null;
  subjectId: string | null;
  level: number | null;
  details: Record<string, unknown>;
  notification: { kind: NotificationKind; params: NotificationParams; link: string | null; to: Recipient[] };
}

/** Records the event and notifies, in one transaction, unless the event was already recorded (by anyone). */
async function once(ctx: ServiceContext, mail: MailSettings, spec: EventSpec, also?: (trx: Executor) => Promise<void>): Promise<boolean> {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const recorded = await insertEventOnce(trx, {
      id: newId(),
      engagement_id: spec.e.id,
      at: clock.nowIso(),
      kind: spec.kind,
      subject_type: spec.subjectType,
      subject_id: spec.subjectId,
      level: spec.level,
      details: JSON.stringify(spec.details),
      dedupe_key: spec.dedupeKey,
    });
    if (!recorded) return false;
    await notify(trx, mail, { ...spec.notification, engagementId: spec.e.id });
    if (also) await also(trx);
    return true;
  });
}

function ladderRecipients(e: EngagementRow, rows: readonly LadderContactRow[], level: number): Recipient[] {
  const reached = contactsAt(ladderOf(rows), level);
  return rows
    .filter((c) => reached.some((x) => x.side === c.side && x.level === c.level && x.name === c.name))
    .map((c): Recipient => (c.user_id ? { userId: c.user_id, organizationId: organizationOfSide(e, c.side as EngagementSide) } : { email: c.email ?? '', locale: c.locale }))
    .filter((r) => !('email' in r) || r.email !== '');
}

async function engagementsById(db: Executor, ids: string[]): Promise<Map<string, EngagementRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('engagements').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function scanDiscrepancies(ctx: ServiceContext, mail: MailSettings, now: Date, out: ScanResult) {
  const db = ctx.handle.db;
  const open = await listOpenDiscrepancies(db);
  if (open.length === 0) return;
  const engagements = await engagementsById(db, open.map((d) => d.engagement_id));
  const steps = await listSteps(db, open.map((d) => d.id));
  const ladders = await listLadder(db, [...engagements.keys()]);
  const cadences = new Map((await listCadences(db, [...engagements.keys()])).map((c) => [c.engagement_id, c.progress_update_every_days]));
  const events = await db.selectFrom('discrepancy_events').select(['discrepancy_id', 'kind', 'at', 'actor_organization_id']).where('discrepancy_id', 'in', open.map((d) => d.id)).execute();
  for (const d of open) {
    await turn();
    const e = engagements.get(d.engagement_id)!;
    if (!(OPEN_PHASES as readonly string[]).includes(e.phase)) continue;
    const ladderRows = ladders.filter((c) => c.engagement_id === e.id);
    const own = steps.filter((s) => s.discrepancy_id === d.id);
    const esc = escalationOf(d, own, ladderOf(ladderRows), now);
    if (esc.level > 0 && esc.overdueSince) {
      const late = esc.steps[esc.overdueItems[0]];
      for (let level = 1; level <= esc.level; level++) {
        const to = ladderRecipients(e, ladderRows, level);
        // No ladder named yet: the raiser and the step's owner still hear of it.
        if (to.length === 0) {
          to.push({ userId: d.raised_by, organizationId: d.raised_by_organization_id });
          if (late.owner_user_id) to.push(...(await ownerRecipient(db, e, late.owner_user_id)));
          else to.push(...(await membersOf(db, organizationOfSide(e, otherSide(d.raised_by_side as EngagementSide)))));
        }
        const recorded = await once(
          ctx,
          mail,
          {
            e,
            kind: 'escalation',
            dedupeKey: `esc:d:${d.id}:${esc.overdueSince.toISOString()}:${level}`,
            subjectType: 'discrepancy',
            subjectId: d.id,
            level,
            details: { reference: reference(d.number), title: d.title, step: late.step, dueAt: late.due_at, severity: d.severity },
            notification: {
              kind: 'discrepancy_escalated',
              params: { number: reference(d.number), title: d.title, step: late.step, dueAt: late.due_at, level, engagement: e.title },
              link: `/discrepancies/${d.id}`,
              to,
            },
          },
          (trx) => recordEvent(trx, d.id, null, 'escalated', clock.nowIso(), late.step as EightDStep, { level, dueAt: late.due_at }),
        );
        if (recorded) out.escalations++;
      }
    }
    const cadence = cadenceOf(d, e, events.filter((x) => x.discrepancy_id === d.id), cadences.get(e.id) ?? esc.rules.progressUpdateEveryDays, now);
    for (const missed of cadence.missed) {
      const responder = organizationOfSide(e, otherSide(d.raised_by_side as EngagementSide));
      const current = own.find((s) => !s.done_at);
      const to: Recipient[] = [{ userId: d.raised_by, organizationId: d.raised_by_organization_id }];
      to.push(...(current?.owner_user_id ? await ownerRecipient(db, e, current.owner_user_id) : await membersOf(db, responder)));
      const recorded = await once(ctx, mail, {
        e,
        kind: 'missed_update',
        dedupeKey: `miss:d:${d.id}:${missed.toISOString()}`,
        subjectType: 'discrepancy',
        subjectId: d.id,
        level: null,
        details: { reference: reference(d.number), dueAt: missed.toISOString(), everyDays: cadence.everyDays },
        notification: { kind: 'progress_update_missed', params: { engagement: `${e.title} · ${reference(d.number)}`, dueAt: missed.toISOString(), everyDays: cadence.everyDays }, link: `/discrepancies/${d.id}`, to },
      });
      if (recorded) out.missedUpdates++;
    }
  }
}

async function ownerRecipient(db: Executor, e: EngagementRow, userId: string): Promise<Recipient[]> {
  const m = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('user_id', '=', userId)
    .where('organization_id', 'in', [e.buyer_organization_id, e.supplier_organization_id])
    .executeTakeFirst();
  return m ? [{ userId, organizationId: m.organization_id }] : [];
}

async function openEngagements(db: Executor): Promise<EngagementRow[]> {
  return db.selectFrom('engagements').selectAll().where('phase', 'in', [...OPEN_PHASES]).execute();
}

async function scanInquiriesAndCadence(ctx: ServiceContext, mail: MailSettings, now: Date, engagements: EngagementRow[], out: ScanResult) {
  const db = ctx.handle.db;
  const ladders = await listLadder(db, engagements.map((e) => e.id));
  for (const e of engagements) {
    await turn();
    const ladderRows = ladders.filter((c) => c.engagement_id === e.id);
    const { rules } = await rulesOfEngagement(db, e);
    const messages = await db.selectFrom('messages').select(['id', 'kind', 'organization_id', 'in_reply_to', 'sent_at', 'subject']).where('engagement_id', '=', e.id).execute();
    const calendar = await responderCalendar(db, e.supplier_organization_id);
    for (const q of messages.filter((m) => m.kind === 'technical_inquiry')) {
      const answered = messages.some((r) => r.in_reply_to === q.id && r.organization_id !== q.organization_id);
      if (answered) continue;
      const responderSide: EngagementSide = q.organization_id === e.buyer_organization_id ? 'supplier' : 'buyer';
      const due = addBusinessDays(new Date(q.sent_at), rules.inquiryDueBusinessDays, responderSide === 'supplier' ? calendar : { timeZone: 'UTC' });
      const esc = escalationState([{ dueAt: due }], now, { escalateEveryHours: rules.escalateEveryHours.major, maxLevel: ladderDepth(ladderOf(ladderRows)) });
      for (let level = 1; level <= esc.level; level++) {
        let to = ladderRecipients(e, ladderRows, level);
        if (to.length === 0) to = await membersOf(db, organizationOfSide(e, responderSide));
        const subject = q.subject ?? '—';
        const recorded = await once(ctx, mail, {
          e,
          kind: 'escalation',
          dedupeKey: `esc:i:${q.id}:${level}`,
          subjectType: 'inquiry',
          subjectId: q.id,
          level,
          details: { subject, dueAt: due.toISOString() },
          notification: { kind: 'inquiry_escalated', params: { subject, dueAt: due.toISOString(), level, engagement: e.title }, link: `/engagements/${e.id}?tab=messages`, to },
        });
        if (recorded) out.escalations++;
      }
    }
    const cadence = await engagementCadence(db, e, now);
    for (const missed of cadence?.state.missed ?? []) {
      let to = ladderRecipients(e, ladderRows, 1);
      if (to.length === 0) to = [...(await membersOf(db, e.buyer_organization_id)), ...(await membersOf(db, e.supplier_organization_id))];
      const recorded = await once(ctx, mail, {
        e,
        kind: 'missed_update',
        dedupeKey: `miss:e:${e.id}:${missed.toISOString()}`,
        subjectType: 'engagement',
        subjectId: e.id,
        level: null,
        details: { dueAt: missed.toISOString(), everyDays: cadence!.state.everyDays },
        notification: { kind: 'progress_update_missed', params: { engagement: e.title, dueAt: missed.toISOString(), everyDays: cadence!.state.everyDays }, link: `/engagements/${e.id}?tab=messages`, to },
      });
      if (recorded) out.missedUpdates++;
    }
  }
}

/** Certificates expiring within 60 and 30 days, and the periodic re-audit of a partnership. */
async function scanReverification(ctx: ServiceContext, mail: MailSettings, now: Date, engagements: EngagementRow[], out: ScanResult) {
  const db = ctx.handle.db;
  for (const e of engagements.filter((x) => x.phase !== 'credibility')) {
    await turn();
    const input = await buildReadinessInput(db, e, now);
    const supplier = (await db.selectFrom('organizations').select('name').where('id', '=', e.supplier_organization_id).executeTakeFirstOrThrow()).name;
    const both = async () => [...(await membersOf(db, e.buyer_organization_id)), ...(await membersOf(db, e.supplier_organization_id))];
    for (const a of evidenceAlerts(input.evidence, [], now)) {
      if (a.kind !== 'certificate' || (a.state !== 'expiring_60' && a.state !== 'expiring_30') || !a.validTo) continue;
      const days = a.state === 'expiring_30' ? 30 : 60;
      const recorded = await once(ctx, mail, {
        e,
        kind: 'reminder',
        dedupeKey: `exp:${e.id}:${a.evidenceId}:${days}`,
        subjectType: 'evidence',
        subjectId: a.evidenceId,
        level: null,
        details: { title: a.title, validTo: a.validTo.toISOString(), days },
        notification: { kind: 'certificate_expiring', params: { title: a.title, validTo: a.validTo.toISOString(), days, supplier }, link: `/engagements/${e.id}?tab=evidence`, to: await both() },
      });
      if (recorded) out.reminders++;
    }
    if (e.phase !== 'partnership') continue;
    const req = input.policy.phases.partnership.find((r) => r.type === 'reverification');
    if (!req || req.type !== 'reverification') continue;
    const audits = input.evidence
      .filter((x) => req.reaudit.kinds.includes(x.kind))
      .map((x) => (x.issuedAt ?? x.sharedAt).getTime())
      .sort((a, b) => b - a);
    const state = reauditState({ lastAuditAt: audits.length ? new Date(audits[0]) : null, everyMonths: req.reaudit.everyMonths, since: new Date(e.phase_started_at), now });
    if (state.state === 'ok') continue;
    const recorded = await once(ctx, mail, {
      e,
      kind: 'reminder',
      dedupeKey: `reaudit:${e.id}:${state.dueAt.toISOString()}:${state.state}`,
      subjectType: 'reaudit',
      subjectId: null,
      level: null,
      details: { dueAt: state.dueAt.toISOString(), state: state.state, everyMonths: req.reaudit.everyMonths },
      notification: { kind: 'reaudit_due', params: { supplier, dueAt: state.dueAt.toISOString(), everyMonths: req.reaudit.everyMonths }, link: `/engagements/${e.id}`, to: await both() },
    });
    if (recorded) out.reminders++;
  }
}

export async function scanDueWork(ctx: ServiceContext, mail: MailSettings, opts: { reverification?: boolean } = {}): Promise<ScanResult> {
  const now = clock.now();
  const out: ScanResult = { escalations: 0, missedUpdates: 0, reminders: 0 };
  await scanDiscrepancies(ctx, mail, now, out);
  const engagements = await openEngagements(ctx.handle.db);
  await scanInquiriesAndCadence(ctx, mail, now, engagements, out);
  if (opts.reverification !== false) await scanReverification(ctx, mail, now, engagements, out);
  return out;
}

