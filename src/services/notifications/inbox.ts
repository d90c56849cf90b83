// The bell: a user's notifications in the current organization, worded in their language, with the unread count.
import type { z } from 'zod';
import type { MarkReadInput, NotificationListQuery, NotificationView } from '../../contracts/discrepancies.js';
import { findUserById } from '../../db/repositories/users.js';
import { countUnread, listNotificationsOf, markNotificationsRead, type NotificationRow } from '../../db/repositories/notifications.js';
import { isNotificationKind, renderNotification, type NotificationParams } from '../../domain/notifications/templates.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { nowIso } from '../shared/ids.js';

function view(r: NotificationRow, locale: string, timeZone: string): z.infer<typeof NotificationView> | null {
  if (!isNotificationKind(r.kind)) return null;
  const params = JSON.parse(r.params) as NotificationParams;
  const text = renderNotification(r.kind, params, { locale, timeZone });
  return {
    id: r.id,
    kind: r.kind,
    title: text.subject,
    body: text.body,
    params,
    link: r.link,
    engagementId: r.engagement_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export async function listMyNotifications(ctx: ServiceContext, actor: Actor, q: z.infer<typeof NotificationListQuery>) {
  const db = ctx.handle.db;
  const user = await findUserById(db, actor.userId);
  const rows = await listNotificationsOf(db, actor.userId, actor.organizationId, { unreadOnly: q.unread === 'true', limit: q.limit });
  return {
    unread: await countUnread(db, actor.userId, actor.organizationId),
    items: rows.map((r) => view(r, user?.locale ?? 'en', user?.time_zone ?? 'UTC')).filter((v) => v !== null),
  };
}

export async function markMyNotificationsRead(ctx: ServiceContext, actor: Actor, input: z.infer<typeof MarkReadInput>) {
  const marked = await markNotificationsRead(ctx.handle.db, actor.userId, actor.organizationId, 'all' in input ? 'all' : input.ids, nowIso());
  return { marked, unread: await countUnread(ctx.handle.db, actor.userId, actor.organizationId) };
}
