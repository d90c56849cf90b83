// What each notification says, in English and Simplified Chinese. One source for the email (by the recipient's
// locale), the in-app list (the API words it in the reader's locale) and the web app (by the UI language).
// Parameters are plain strings and numbers; instants are ISO strings, shown in the reader's time zone.
import { EIGHT_D_TITLES, type EightDStep } from '../discrepancies/model.js';

export const NOTIFICATION_KINDS = [
  'discrepancy_raised',
  'discrepancy_step_done',
  'discrepancy_escalated',
  'discrepancy_closure_requested',
  'discrepancy_closed',
  'inquiry_escalated',
  'progress_update_missed',
  'certificate_expiring',
  'reaudit_due',
  'invitation',
  'engagement_opened',
  'message_answered',
  'visit_confirmed',
  'signup_attempt',
  'signup_confirm',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationParams = Record<string, string | number | null>;
export type NotificationLocale = 'en' | 'zh-CN';

export interface RenderOptions {
  locale: NotificationLocale | string;
  /** IANA zone the reader's times are shown in (default UTC). */
  timeZone?: string;
}

export interface RenderedNotification {
  subject: string;
  body: string;
}

const SEVERITY = {
  en: { critical: 'critical', major: 'major', minor: 'minor' },
  zh: { critical: '严重', major: '主要', minor: '次要' },
} as const;

function when(iso: unknown, lang: 'en' | 'zh', timeZone: string): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return String(iso ?? '');
  try {
    return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    }).format(new Date(t));
  } catch {
    return new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  }
}

function day(iso: unknown, lang: 'en' | 'zh', timeZone: string): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return String(iso ?? '');
  try {
    return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeZone }).format(new Date(t));
  } catch {
    return new Date(t).toISOString().slice(0, 10);
  }
}

function step(p: NotificationParams, lang: 'en' | 'zh'): string {
  const s = String(p.step ?? '') as EightDStep;
  const title = EIGHT_D_TITLES[s];
  return title ? `${s} ${title[lang]}` : s;
}

function severity(p: NotificationParams, lang: 'en' | 'zh'): string {
  const s = String(p.severity ?? '') as keyof (typeof SEVERITY)['en'];
  return SEVERITY[lang][s] ?? s;
}

type Template = (p: NotificationParams, lang: 'en' | 'zh', tz: string) => RenderedNotification;

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const TEMPLATES: Record<NotificationKind, Template> = {
  discrepancy_raised: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `新不符合项 ${s(p.number)}（${severity(p, lang)}）：${s(p.title)}`, body: `${s(p.raisedBy)} 在合作“${s(p.engagement)}”中提出了${severity(p, lang)}不符合项 ${s(p.number)}：${s(p.title)}。第一个 8D 步骤截止于 ${when(p.firstDueAt, lang, tz)}。` }
      : { subject: `New ${severity(p, lang)} discrepancy ${s(p.number)}: ${s(p.title)}`, body: `${s(p.raisedBy)} raised ${severity(p, lang)} discrepancy ${s(p.number)} in "${s(p.engagement)}": ${s(p.title)}. The first 8D step is due ${when(p.firstDueAt, lang, tz)}.` },
  discrepancy_step_done: (p, lang) =>
    lang === 'zh'
      ? { subject: `${s(p.number)}：${step(p, lang)} 已完成`, body: `${s(p.by)} 完成了不符合项 ${s(p.number)}（${s(p.title)}）的 ${step(p, lang)}。` }
      : { subject: `${s(p.number)}: ${step(p, lang)} done`, body: `${s(p.by)} completed ${step(p, lang)} of discrepancy ${s(p.number)} (${s(p.title)}).` },
  discrepancy_escalated: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `升级至第 ${s(p.level)} 级：${s(p.number)} ${step(p, lang)} 已逾期`, body: `合作“${s(p.engagement)}”中不符合项 ${s(p.number)}（${s(p.title)}）的 ${step(p, lang)} 已于 ${when(p.dueAt, lang, tz)} 到期但尚未完成，现升级至第 ${s(p.level)} 级。您是该级别的联系人。` }
      : { subject: `Escalated to level ${s(p.level)}: ${s(p.number)} ${step(p, lang)} is overdue`, body: `${step(p, lang)} of discrepancy ${s(p.number)} (${s(p.title)}) in "${s(p.engagement)}" was due ${when(p.dueAt, lang, tz)} and is not done. It is escalated to level ${s(p.level)}, where you are named on the escalation ladder.` },
  discrepancy_closure_requested: (p, lang) =>
    lang === 'zh'
      ? { subject: `请确认关闭 ${s(p.number)}`, body: `${s(p.by)} 已提交不符合项 ${s(p.number)}（${s(p.title)}）的有效性验证及证据，请提出方审核并确认关闭。` }
      : { subject: `Closure of ${s(p.number)} awaits your acceptance`, body: `${s(p.by)} submitted the verification of effectiveness for discrepancy ${s(p.number)} (${s(p.title)}) with its evidence. As the side that raised it, review it and accept the closure.` },
  discrepancy_closed: (p, lang) =>
    lang === 'zh'
      ? { subject: `${s(p.number)} 已关闭${p.inTime === 'yes' ? '（按时）' : '（逾期）'}`, body: `${s(p.by)} 确认了不符合项 ${s(p.number)}（${s(p.title)}）纠正措施的有效性并将其关闭${p.inTime === 'yes' ? '，按时完成' : '，晚于截止日期'}。` }
      : { subject: `${s(p.number)} closed${p.inTime === 'yes' ? ' in time' : ' late'}`, body: `${s(p.by)} accepted the effectiveness of the corrective action and closed discrepancy ${s(p.number)} (${s(p.title)})${p.inTime === 'yes' ? ', in time' : ', after its due date'}.` },
  inquiry_escalated: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `升级至第 ${s(p.level)} 级：技术询问“${s(p.subject)}”未答复`, body: `合作“${s(p.engagement)}”中的技术询问“${s(p.subject)}”应于 ${when(p.dueAt, lang, tz)} 前答复，至今未答复，现升级至第 ${s(p.level)} 级。` }
      : { subject: `Escalated to level ${s(p.level)}: inquiry "${s(p.subject)}" unanswered`, body: `The technical inquiry "${s(p.subject)}" in "${s(p.engagement)}" was due for an answer by ${when(p.dueAt, lang, tz)} and is still unanswered. It is escalated to level ${s(p.level)}.` },
  progress_update_missed: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `缺少进展更新：${s(p.engagement)}`, body: `合作“${s(p.engagement)}”约定每 ${s(p.everyDays)} 天发送一次进展更新；应于 ${when(p.dueAt, lang, tz)} 发送的更新未收到。` }
      : { subject: `Progress update missed: ${s(p.engagement)}`, body: `"${s(p.engagement)}" agreed a progress update every ${s(p.everyDays)} days; the one due ${when(p.dueAt, lang, tz)} has not been sent.` },
  certificate_expiring: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `证书将在 ${s(p.days)} 天内到期：${s(p.title)}`, body: `${s(p.supplier)} 的“${s(p.title)}”将于 ${day(p.validTo, lang, tz)} 到期。请在到期前上传更新后的证书，否则它将不再作为证据。` }
      : { subject: `Certificate expires within ${s(p.days)} days: ${s(p.title)}`, body: `"${s(p.title)}" of ${s(p.supplier)} expires on ${day(p.validTo, lang, tz)}. Share the renewed certificate before then, or it stops counting as evidence.` },
  reaudit_due: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `复审到期：${s(p.supplier)}`, body: `依据验证策略，${s(p.supplier)} 的周期性复审应于 ${day(p.dueAt, lang, tz)} 前完成（每 ${s(p.everyMonths)} 个月）。` }
      : { subject: `Re-audit due: ${s(p.supplier)}`, body: `Per the verification policy, the periodic re-audit of ${s(p.supplier)} is due by ${day(p.dueAt, lang, tz)} (every ${s(p.everyMonths)} months).` },
  invitation: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `${s(p.inviter)} 邀请您加入 ${s(p.organization)}`, body: `${s(p.inviter)} 邀请您以“${s(p.role)}”角色加入 Bonafide 上的 ${s(p.organization)}。邀请于 ${when(p.expiresAt, lang, tz)} 失效。` }
      : { subject: `${s(p.inviter)} invites you to ${s(p.organization)}`, body: `${s(p.inviter)} invites you to join ${s(p.organization)} on Bonafide as ${s(p.role)}. The invitation expires ${when(p.expiresAt, lang, tz)}.` },
  engagement_opened: (p, lang) =>
    lang === 'zh'
      ? { subject: `${s(p.buyer)} 向您发起了合作：${s(p.engagement)}`, body: `${s(p.buyer)} 希望就“${s(p.engagement)}”验证贵司的能力。请接受或拒绝该请求。` }
      : { subject: `${s(p.buyer)} opened an engagement: ${s(p.engagement)}`, body: `${s(p.buyer)} would like to verify your capabilities for "${s(p.engagement)}". Accept or decline the request.` },
  message_answered: (p, lang) =>
    lang === 'zh'
      ? { subject: `已答复：${s(p.subject)}`, body: `${s(p.by)} 答复了您在“${s(p.engagement)}”中的消息“${s(p.subject)}”。` }
      : { subject: `Answered: ${s(p.subject)}`, body: `${s(p.by)} answered your message "${s(p.subject)}" in "${s(p.engagement)}".` },
  visit_confirmed: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: `访厂已确认：${s(p.visit)}`, body: `${s(p.by)} 确认了“${s(p.engagement)}”中的访厂“${s(p.visit)}”，开始时间 ${when(p.start, lang, tz)}。` }
      : { subject: `Visit confirmed: ${s(p.visit)}`, body: `${s(p.by)} confirmed the visit "${s(p.visit)}" in "${s(p.engagement)}", starting ${when(p.start, lang, tz)}.` },
  signup_attempt: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: '有人尝试用您的邮箱注册', body: `${when(p.at, lang, tz)} 有人尝试用此邮箱注册 Bonafide 账户。如果是您本人，请直接登录；如果不是，可忽略此邮件，您的账户未受影响。` }
      : { subject: 'Someone tried to sign up with your email', body: `At ${when(p.at, lang, tz)} someone tried to create a Bonafide account with this email. If it was you, log in instead; if not, you can ignore this message — your account is unchanged.` },
  signup_confirm: (p, lang, tz) =>
    lang === 'zh'
      ? { subject: '请确认您的 Bonafide 注册', body: `请打开下面的链接以完成 ${s(p.organization)} 的 Bonafide 账户注册。链接于 ${when(p.expiresAt, lang, tz)} 失效。如果不是您本人操作，请忽略此邮件。` }
      : { subject: 'Confirm your Bonafide sign-up', body: `Open the link below to finish creating the Bonafide account of ${s(p.organization)}. The link expires ${when(p.expiresAt, lang, tz)}. If you did not sign up, ignore this message.` },
};

export function notificationLanguage(locale: string): 'en' | 'zh' {
  return /^zh\b/i.test(locale) ? 'zh' : 'en';
}

export function isNotificationKind(v: string): v is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(v);
}

export function renderNotification(kind: NotificationKind, params: NotificationParams, opts: RenderOptions): RenderedNotification {
  return TEMPLATES[kind](params, notificationLanguage(opts.locale), opts.timeZone ?? 'UTC');
}

/** The email: the notification, a link into the app, and why the reader receives it. */
export function renderEmail(kind: NotificationKind, params: NotificationParams, opts: RenderOptions & { link: string | null }): RenderedNotification {
  const n = renderNotification(kind, params, opts);
  const zh = notificationLanguage(opts.locale) === 'zh';
  const lines = [n.body, ''];
  if (opts.link) lines.push(zh ? `打开：${opts.link}` : `Open: ${opts.link}`, '');
  lines.push(zh ? '— Bonafide（此邮件由系统发送；您可在 Bonafide 中查看所有通知。）' : '— Bonafide (sent automatically; every notification is also in the bell in Bonafide.)');
  return { subject: `[Bonafide] ${n.subject}`, body: lines.join('\n') };
}
