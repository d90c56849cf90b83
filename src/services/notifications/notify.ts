// Sending a notification: one row per person in the app (per organization, for the bell), and an email per
// address in the outbox when SMTP is configured, worded in the recipient's language and time zone. Runs inside
// the caller's transaction, so a notification exists exactly when the change it reports does.
import { listMembersOfOrganization } from '../../db/repositories/organizations.js';
import { enqueueEmails, insertNotifications, type NotificationRow, type OutboxRow } from '../../db/repositories/notifications.js';
import type { Executor } from '../../db/repositories/executor.js';
import { renderEmail, type NotificationKind, type NotificationParams } from '../../domain/notifications/templates.js';
import { newId, nowIso } from '../shared/ids.js';
import type { MailSettings } from './settings.js';

/** A person of an organization (in-app and email), or an address only (a ladder contact without an account). */
export type Recipient = { userId: string; organizationId: string } | { email: string; locale?: string | null; timeZone?: string | null };

export interface NotificationInput {
  kind: NotificationKind;
  params: NotificationParams;
  /** Path inside the app, e.g. /discrepancies/…; emails carry it as an absolute link. */
  link: string | null;
  engagementId?: string | null;
  to: readonly Recipient[];
}

export async function notify(db: Executor, mail: MailSettings, n: NotificationInput): Promise<{ inApp: number; emails: number }> {
  const at = nowIso();
  const userIds = [...new Set(n.to.flatMap((r) => ('userId' in r ? [r.userId] : [])))];
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'email', 'locale', 'time_zone']).where('id', 'in', userIds).execute() : [];
  const byId = new Map(users.map((u) => [u.id, u]));

  const inApp: NotificationRow[] = [];
  const seenInApp = new Set<string>();
  const emails = new Map<string, { locale: string; timeZone: string }>();
  for (const r of n.to) {
    if ('userId' in r) {
      const u = byId.get(r.userId);
      if (!u) continue;
      const key = `${r.userId}|${r.organizationId}`;
      if (!seenInApp.has(key)) {
        seenInApp.add(key);
        inApp.push({
          id: newId(),
          user_id: r.userId,
          organization_id: r.organizationId,
          kind: n.kind,
          params: JSON.stringify(n.params),
          link: n.link,
          engagement_id: n.engagementId ?? null,
          created_at: at,
          read_at: null,
        });
      }
      if (!emails.has(u.email.toLowerCase())) emails.set(u.email.toLowerCase(), { locale: u.locale, timeZone: u.time_zone });
    } else if (r.email && !emails.has(r.email.toLowerCase())) {
      emails.set(r.email.toLowerCase(), { locale: r.locale ?? 'en', timeZone: r.timeZone ?? 'UTC' });
    }
  }
  await insertNotifications(db, inApp);

  let queued = 0;
  if (mail.smtpUrl) {
    const link = n.link ? `${mail.publicUrl}${n.link}` : null;
    const rows: OutboxRow[] = [...emails].map(([address, who]) => {
      const text = renderEmail(n.kind, n.params, { locale: who.locale, timeZone: who.timeZone, link });
      return {
        id: newId(),
        to_address: address,
        locale: who.locale,
        subject: text.subject,
        body: text.body,
        notification_kind: n.kind,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        locked_until: null,
        locked_by: null,
        last_error: null,
        created_at: at,
        sent_at: null,
      };
    });
    await enqueueEmails(db, rows);
    queued = rows.length;
  }
  return { inApp: inApp.length, emails: queued };
}

/** Everyone in an organization (the bell shows it to each; email to each). */
export async function membersOf(db: Executor, organizationId: string, except?: string): Promise<Recipient[]> {
  const members = await listMembersOfOrganization(db, organizationId);
  return members.filter((m) => m.user_id !== except).map((m) => ({ userId: m.user_id, organizationId }));
}
