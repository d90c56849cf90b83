// Notifications of everyday events the other side is waiting for: an invitation (by email, to an address without
// an account), an engagement opened with a supplier, a message answered, a visit confirmed. Each runs inside the
// transaction of the change it reports.
import type { Executor } from '../../db/repositories/executor.js';
import type { ServiceContext } from '../shared/context.js';
import { membersOf, notify } from './notify.js';
import { mailSettings } from './settings.js';

async function nameOf(db: Executor, table: 'users' | 'organizations', id: string): Promise<string> {
  if (table === 'users') return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name ?? '';
  return (await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
}

/** The invitation link goes only to the invited address, and only by email (when SMTP is configured). */
export async function notifyInvitation(
  db: Executor,
  ctx: ServiceContext,
  i: { email: string; organizationId: string; invitedBy: string; role: string; expiresAt: string; acceptPath: string },
): Promise<boolean> {
  const mail = mailSettings(ctx);
  if (!mail.smtpUrl) return false;
  const inviter = await db.selectFrom('users').select(['display_name', 'locale', 'time_zone']).where('id', '=', i.invitedBy).executeTakeFirst();
  await notify(db, mail, {
    kind: 'invitation',
    params: { inviter: inviter?.display_name ?? '', organization: await nameOf(db, 'organizations', i.organizationId), role: i.role, expiresAt: i.expiresAt },
    link: i.acceptPath,
    // The invitee has no account yet: the inviter's language is the best guess.
    to: [{ email: i.email, locale: inviter?.locale ?? 'en', timeZone: inviter?.time_zone ?? 'UTC' }],
  });
  return true;
}

export async function notifyEngagementOpened(db: Executor, ctx: ServiceContext, e: { id: string; title: string; buyer_organization_id: string; supplier_organization_id: string }) {
  await notify(db, mailSettings(ctx), {
    kind: 'engagement_opened',
    params: { buyer: await nameOf(db, 'organizations', e.buyer_organization_id), engagement: e.title },
    link: `/engagements/${e.id}`,
    engagementId: e.id,
    to: await membersOf(db, e.supplier_organization_id),
  });
}

/** An answer from the other organization tells the one who asked. */
export async function notifyMessageAnswered(
  db: Executor,
  ctx: ServiceContext,
  m: { engagementId: string; engagementTitle: string; inReplyTo: string; answeredBy: string; answeredByOrganizationId: string },
) {
  const original = await db.selectFrom('messages').select(['author_id', 'organization_id', 'subject', 'body']).where('id', '=', m.inReplyTo).executeTakeFirst();
  if (!original || original.organization_id === m.answeredByOrganizationId) return;
  await notify(db, mailSettings(ctx), {
    kind: 'message_answered',
    params: { subject: original.subject ?? original.body.slice(0, 80), by: await nameOf(db, 'users', m.answeredBy), engagement: m.engagementTitle },
    link: `/engagements/${m.engagementId}?tab=messages`,
    engagementId: m.engagementId,
    to: [{ userId: original.author_id, organizationId: original.organization_id }],
  });
}

export async function notifyVisitConfirmed(
  db: Executor,
  ctx: ServiceContext,
  v: { visitId: string; title: string; start: string; engagementId: string; engagementTitle: string; buyerOrganizationId: string; confirmedBy: string },
) {
  await notify(db, mailSettings(ctx), {
    kind: 'visit_confirmed',
    params: { visit: v.title, start: v.start, engagement: v.engagementTitle, by: await nameOf(db, 'users', v.confirmedBy) },
    link: `/visits/${v.visitId}`,
    engagementId: v.engagementId,
    to: await membersOf(db, v.buyerOrganizationId),
  });
}
