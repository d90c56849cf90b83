// The 8D report of a discrepancy as a PDF, in English or Chinese: parties, the record it is raised against,
// severity and quantities, the steps D0–D8 with owner, due date and what was done (root cause and escape point),
// escalations, progress updates, and the verification of effectiveness that closed it. Times are shown in the
// reader's time zone. The same data gives the same bytes (the creation date is the report's as-of time).
import type { z } from 'zod';
import type { DiscrepancyView } from '../../contracts/discrepancies.js';
import { EFFECTIVENESS_TEXT } from '../../domain/discrepancies/model.js';
import { ACCENT, CONTENT_W, GREY, PAGE, renderPdf, writeFooters, type Writer } from '../reports/pdf-writer.js';

type View = z.infer<typeof DiscrepancyView>;
export type ReportLang = 'en' | 'zh';

export interface DiscrepancyReportData {
  view: View;
  lang: ReportLang;
  timeZone: string;
  /** Titles of the evidence named in the verification of effectiveness. */
  evidenceTitles: Map<string, string>;
  fileNames: Map<string, string>;
  viewer: string;
  asOf: Date;
}

const L = {
  en: {
    kicker: '8D REPORT',
    parties: 'Parties and record',
    buyer: 'Buyer',
    supplier: 'Supplier',
    raisedBy: 'Raised by',
    raisedAt: 'Raised',
    severity: 'Severity',
    target: 'Against',
    quantity: 'Quantity affected',
    policy: 'Due dates from',
    disclosure: 'Disclosure',
    proactive: 'Proactive disclosure: the supplier reported it before the buyer found it',
    notProactive: { buyer_found_first: 'The buyer had found it first', raised_by_buyer: 'Raised by the buyer', supplier_reported_first: '' },
    description: 'Problem description',
    steps: 'The 8D steps',
    step: 'Step',
    owner: 'Owner',
    due: 'Due',
    done: 'Done',
    what: 'What was done',
    open: 'open',
    overdue: 'OVERDUE',
    late: 'late',
    onTime: 'on time',
    team: 'Team',
    rootCause: 'Root cause',
    escapePoint: 'Escape point',
    escalation: 'Escalation',
    level: (n: number) => (n === 0 ? 'On track (level 0)' : `Escalated to level ${n}`),
    escalated: (n: number, step: string) => `Level ${n} (${step} overdue)`,
    noEscalation: 'Never escalated.',
    updates: 'Progress updates',
    noUpdates: 'No progress update yet.',
    cadence: (d: number) => `Expected every ${d} days.`,
    effectiveness: 'Verification of effectiveness',
    method: 'Method',
    evidence: 'Evidence',
    acceptedBy: 'Accepted by',
    requested: 'Submitted for acceptance by',
    notYet: 'Not yet verified.',
    status: { open: 'OPEN', closedOnTime: 'CLOSED IN TIME', closedLate: 'CLOSED LATE' },
    sev: { critical: 'Critical', major: 'Major', minor: 'Minor' },
    sides: { buyer: 'buyer', supplier: 'supplier' },
    page: (p: number, n: number) => `page ${p} of ${n}`,
    dateLocale: 'en-GB',
  },
  zh: {
    kicker: '8D 报告',
    parties: '双方与相关记录',
    buyer: '买方',
    supplier: '供应商',
    raisedBy: '提出方',
    raisedAt: '提出时间',
    severity: '严重程度',
    target: '针对',
    quantity: '受影响数量',
    policy: '截止日期依据',
    disclosure: '披露',
    proactive: '主动披露：供应商在买方发现之前报告了该问题',
    notProactive: { buyer_found_first: '买方已先行发现', raised_by_buyer: '由买方提出', supplier_reported_first: '' },
    description: '问题描述',
    steps: '8D 步骤',
    step: '步骤',
    owner: '负责人',
    due: '截止',
    done: '完成',
    what: '所做工作',
    open: '未完成',
    overdue: '已逾期',
    late: '逾期完成',
    onTime: '按时',
    team: '小组',
    rootCause: '根本原因',
    escapePoint: '流出点',
    escalation: '升级',
    level: (n: number) => (n === 0 ? '进展正常（第 0 级）' : `已升级至第 ${n} 级`),
    escalated: (n: number, step: string) => `第 ${n} 级（${step} 逾期）`,
    noEscalation: '从未升级。',
    updates: '进展更新',
    noUpdates: '尚无进展更新。',
    cadence: (d: number) => `约定每 ${d} 天更新一次。`,
    effectiveness: '有效性验证',
    method: '方法',
    evidence: '证据',
    acceptedBy: '确认人',
    requested: '提交确认人',
    notYet: '尚未验证。',
    status: { open: '未关闭', closedOnTime: '按时关闭', closedLate: '逾期关闭' },
    sev: { critical: '严重', major: '主要', minor: '次要' },
    sides: { buyer: '买方', supplier: '供应商' },
    page: (p: number, n: number) => `第 ${p} 页，共 ${n} 页`,
    dateLocale: 'zh-CN',
  },
} as const;

function fmt(iso: string | null, lang: ReportLang, timeZone: string): string {
  if (!iso) return '—';
  const f = new Intl.DateTimeFormat(L[lang].dateLocale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' });
  return f.format(new Date(iso));
}

export function renderDiscrepancyReportPdf(d: DiscrepancyReportData, opts: { builtinFonts?: boolean } = {}): Promise<Buffer> {
  const v = d.view;
  return renderPdf({ title: `${v.reference} — ${v.title}`, subject: v.engagement.title, date: d.asOf }, (w) => write(w, d), opts);
}

function write(w: Writer, d: DiscrepancyReportData) {
  const { view: v, lang, timeZone } = d;
  const t = L[lang];
  const at = (iso: string | null) => fmt(iso, lang, timeZone);
  const doc = w.doc;

  w.text(t.kicker, { size: 9, bold: true, color: ACCENT });
  w.text(`${v.reference} · ${v.title}`, { size: 18, bold: true, gap: 2 });
  w.text(v.engagement.title, { size: 11, color: GREY, gap: 6 });
  const status = v.status === 'open' ? t.status.open : v.closedOnTime ? t.status.closedOnTime : t.status.closedLate;
  const color = v.status === 'open' ? (v.escalationLevel > 0 ? '#b3261e' : '#8a6d00') : v.closedOnTime ? '#1e7b34' : '#b3261e';
  const y = doc.y;
  doc.rect(PAGE.margin, y, CONTENT_W, 24).fill(color);
  w.text(`${status} · ${t.sev[v.severity]} · ${t.level(v.escalationLevel)}`, { size: 12, bold: true, color: '#ffffff', x: PAGE.margin + 10, width: CONTENT_W - 20, y: y + 6 });
  doc.y = y + 32;

  w.heading(t.parties);
  w.keyValues([
    [t.buyer, v.engagement.buyer.name],
    [t.supplier, v.engagement.supplier.name],
    [t.raisedBy, `${v.raisedBy.user.displayName}, ${v.raisedBy.organizationName} (${t.sides[v.raisedBy.side]})`],
    [t.raisedAt, at(v.raisedAt)],
    [t.severity, t.sev[v.severity]],
    [t.target, v.target.label],
    ...(v.quantityAffected !== null ? [[t.quantity, `${v.quantityAffected.toLocaleString(t.dateLocale)} ${v.quantityUnit ?? ''}`.trim()] as [string, string]] : []),
    [t.policy, `${v.policy.key} v${v.policy.version}`],
    [t.disclosure, v.proactive ? t.proactive : t.notProactive[v.disclosure]],
  ]);

  w.heading(t.description);
  w.text(v.description, { size: 10.5 });

  w.heading(t.steps);
  w.table(
    [
      { title: t.step, width: 95 },
      { title: t.owner, width: 80 },
      { title: t.due, width: 80 },
      { title: t.done, width: 80 },
      { title: t.what, width: CONTENT_W - 335 },
    ],
    v.steps.map((s) => {
      const state = s.doneAt ? (s.late ? t.late : t.onTime) : s.overdue ? t.overdue : t.open;
      const what = [s.notes ?? '', s.data.team?.length ? `${t.team}: ${s.data.team.join(', ')}` : '', s.data.rootCause ? `${t.rootCause}: ${s.data.rootCause}` : '', s.data.escapePoint ? `${t.escapePoint}: ${s.data.escapePoint}` : '']
        .filter(Boolean)
        .join('\n');
      return {
        cells: [`${s.step} ${s.title[lang]}`, s.owner?.displayName ?? '—', at(s.dueAt), s.doneAt ? `${at(s.doneAt)}\n${state}` : state, what || '—'],
        colors: [undefined, undefined, undefined, s.overdue || s.late ? '#b3261e' : s.doneAt ? '#1e7b34' : '#8a6d00'],
      };
    }),
    8.5,
  );

  w.heading(t.escalation);
  const escalations = v.events.filter((e) => e.kind === 'escalated');
  if (escalations.length === 0) w.text(t.noEscalation, { size: 10, color: GREY });
  for (const e of escalations) w.text(`${at(e.at)} — ${t.escalated(Number(e.details.level ?? 0), e.step ?? '')}`, { size: 10 });
  if (v.escalation.contacts.length) w.text(v.escalation.contacts.map((c) => `${c.name}${c.title ? `, ${c.title}` : ''} (${t.sides[c.side]})`).join(' · '), { size: 9.5, color: GREY });

  w.heading(t.updates);
  w.text(t.cadence(v.cadence.everyDays), { size: 9.5, color: GREY, gap: 2 });
  const updates = v.events.filter((e) => e.kind === 'progress_update');
  if (updates.length === 0) w.text(t.noUpdates, { size: 10, color: GREY });
  for (const u of updates) w.text(`${at(u.at)} — ${u.actor?.displayName ?? ''}: ${String(u.details.body ?? '')}`, { size: 10, gap: 2 });

  w.heading(t.effectiveness);
  const eff = v.effectiveness ?? v.closureRequest;
  if (!eff) w.text(t.notYet, { size: 10, color: GREY });
  else {
    w.keyValues([
      [t.method, EFFECTIVENESS_TEXT[eff.method][lang]],
      [t.evidence, [...eff.evidenceIds.map((id) => d.evidenceTitles.get(id) ?? id), ...eff.fileIds.map((id) => d.fileNames.get(id) ?? id)].join('\n') || '—'],
      [v.effectiveness ? t.acceptedBy : t.requested, v.effectiveness ? `${v.closedBy?.displayName ?? ''}, ${at(v.closedAt)}` : `${eff.by.displayName}, ${at(eff.at)}`],
    ]);
    w.text(eff.summary, { size: 10.5 });
  }

  writeFooters(w, (p, n) => `Bonafide · ${v.reference} · ${d.viewer} · ${t.page(p, n)}`);
}
