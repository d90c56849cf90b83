import type { z } from 'zod';
import type { MessageInput } from '../../contracts/engagements.js';
import { findMessage, insertMessage, listMessages } from '../../db/repositories/engagements.js';
import type { MessageKind } from '../../domain/model.js';
import { businessHoursPerDay, inquiryResponseStats } from '../../domain/communication/response-times.js';
import { recordAudit } from '../shared/audit.js';
import { authorize, type Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalidField } from '../shared/errors.js';
import { newId, nowIso } from '../shared/ids.js';
import { isOpen, loadEngagement } from './access.js';
import { measureInquiries, responderCalendar } from './readiness.js';
import * as clock from '../../clock.js';
import { notifyMessageAnswered } from '../notifications/events.js';

export async function listEngagementMessages(ctx: ServiceContext, actor: Actor, id: string) {
  authorize(actor, 'engagement.read');
  const e = await loadEngagement(ctx, actor, id);
  const rows = await listMessages(ctx.handle.db, id);
  const calendar = await responderCalendar(ctx.handle.db, e.supplier_organization_id);
  const measured = new Map(measureInquiries(rows, calendar).map((m) => [m.id, m]));
  const perDay = businessHoursPerDay(calendar);
  const stats = inquiryResponseStats([...measured.values()], { calendar, now: clock.now() });
  return {
    messages: rows.map((m) => {
      const q = measured.get(m.id);
      return {
        id: m.id,
        engagementId: m.engagement_id,
        organizationId: m.organization_id,
        author: { id: m.author_id, displayName: m.author_name },
        kind: m.kind as MessageKind,
        subject: m.subject,
        body: m.body,
        inReplyTo: m.in_reply_to,
        sentAt: m.sent_at,
        ...(q
          ? {
              answeredAt: q.answeredAt?.toISOString() ?? null,
              responseBusinessDays: q.responseBusinessHours === null ? null : Math.round((q.responseBusinessHours / perDay) * 100) / 100,
            }
          : {}),
      };
    }),
    stats: {
      count: stats.count,
      answered: stats.answered,
      unanswered: stats.unanswered,
      medianBusinessDays: stats.medianBusinessDays,
      p90BusinessDays: stats.p90BusinessDays,
      responderTimeZone: calendar.timeZone,
    },
  };
}

/** `sentAt` lets the demo and imports place messages in the past; the API always uses now. */
export async function postMessage(ctx: ServiceContext, actor: Actor, id: string, input: z.infer<typeof MessageInput>, sentAt?: string) {
  const e = await loadEngagement(ctx, actor, id);
  authorize(actor, 'engagement.contribute');
  if (!isOpen(e.phase) && e.phase !== 'proposed') throw conflict(`the engagement is ${e.phase}; its thread is closed`);
  if (input.inReplyTo && !(await findMessage(ctx.handle.db, id, input.inReplyTo))) throw invalidField('inReplyTo', 'no such message in this engagement');
  const row = {
    id: newId(),
    engagement_id: id,
    organization_id: actor.organizationId,
    author_id: actor.userId,
    kind: input.kind,
    subject: input.subject ?? null,
    body: input.body,
    in_reply_to: input.inReplyTo ?? null,
    sent_at: sentAt ?? nowIso(),
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    await insertMessage(trx, row);
    await recordAudit(trx, actor, 'message.posted', 'message', row.id, { engagementId: id, kind: row.kind });
    if (row.in_reply_to) {
      await notifyMessageAnswered(trx, ctx, { engagementId: id, engagementTitle: e.title, inReplyTo: row.in_reply_to, answeredBy: actor.userId, answeredByOrganizationId: actor.organizationId });
    }
  });
  return row.id;
}
