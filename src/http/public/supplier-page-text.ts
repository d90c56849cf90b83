// The words of the public supplier page, in English and Simplified Chinese (the page is served by the server, not
// the web app, so it carries its own small dictionary).
import type { EvidenceKind, Provenance } from '../../domain/model.js';
import type { PublicSource, PublicStrongest } from '../../domain/profile/public-claims.js';

export type PageLanguage = 'en' | 'zh-CN';

export const PAGE_TEXT = {
  en: {
    title: (name: string) => `${name} — verified profile`,
    verifiedProfile: 'Verified supplier profile',
    generated: (d: string) => `Computed from the record on ${d}`,
    claims: 'Claims',
    claimsHint: 'Each claim with the strongest evidence behind it. “Verified” means evidence in force supports it and is more than the supplier’s own word.',
    noClaims: 'No claims published.',
    limit: (n: string) => `limit ${n}`,
    period: { month: 'month', week: 'week', day: 'day', production_day: 'production day', year: 'year' } as Record<string, string>,
    limitations: 'Disclosed limitations',
    noLimitations: 'No limitations published.',
    since: (d: string) => `disclosed ${d}`,
    expiring: 'Expiring soon',
    noExpiring: 'Nothing published expires within 90 days.',
    daysLeft: (n: number) => (n === 1 ? 'in 1 day' : `in ${n} days`),
    evidence: 'Published evidence',
    noEvidence: 'No evidence items published.',
    validUntil: (d: string) => `valid until ${d}`,
    issuer: 'issuer',
    credentials: 'Track record from other buyers',
    credentialsNone: 'No track-record credentials from other buyers yet.',
    credentialFacts: (met: number, kpis: number, closed: number, raised: number) => `${met} of ${kpis} KPIs met; ${closed} of ${raised} discrepancies closed`,
    credentialChecked: 'Signed credential, checked now: signature, issuer key, not revoked, valid.',
    sites: 'Sites',
    noSites: 'No sites published.',
    headcount: (n: number) => `${n} people`,
    facilityRecord: 'UNTP Digital Facility Record (JSON)',
    json: 'This profile as JSON',
    facilityRecords: 'Facility records of all sites (UNTP DFR, JSON)',
    identifiers: 'Registered identifiers',
    website: 'Website',
    standing: { verified: 'Verified', self_declared: 'Self-declared', unverified: 'Not verified', contradicted: 'Contradicted' },
    notFoundTitle: 'No such profile',
    notFound: 'There is no published supplier profile at this address. The supplier may have taken it down.',
    language: 'Language',
    poweredBy: 'Published with Bonafide — evidence-based verification for cross-border supplier partnerships.',
  },
  'zh-CN': {
    title: (name: string) => `${name} — 已核实档案`,
    verifiedProfile: '已核实的供应商档案',
    generated: (d: string) => `依据记录于 ${d} 生成`,
    claims: '声明',
    claimsHint: '每项声明及其背后最有力的证据。“已核实”表示有效证据支持该声明，且不只是供应商的自述。',
    noClaims: '未发布任何声明。',
    limit: (n: string) => `上限 ${n}`,
    period: { month: '月', week: '周', day: '天', production_day: '生产日', year: '年' } as Record<string, string>,
    limitations: '已披露的限制',
    noLimitations: '未发布任何限制。',
    since: (d: string) => `披露于 ${d}`,
    expiring: '即将到期',
    noExpiring: '已发布的内容在 90 天内均不会到期。',
    daysLeft: (n: number) => `${n} 天后`,
    evidence: '已发布的证据',
    noEvidence: '未发布任何证据。',
    validUntil: (d: string) => `有效期至 ${d}`,
    issuer: '签发方',
    credentials: '其他采购商的履约记录',
    credentialsNone: '尚无其他采购商签发的履约凭证。',
    credentialFacts: (met: number, kpis: number, closed: number, raised: number) => `${kpis} 项 KPI 中达成 ${met} 项；${raised} 项偏差中已关闭 ${closed} 项`,
    credentialChecked: '已签名的凭证，刚刚核验：签名、签发方密钥、未撤销、在有效期内。',
    sites: '工厂',
    noSites: '未发布任何工厂。',
    headcount: (n: number) => `${n} 人`,
    facilityRecord: 'UNTP 数字工厂记录（JSON）',
    json: '本档案的 JSON 版本',
    facilityRecords: '所有工厂的数字工厂记录（UNTP DFR，JSON）',
    identifiers: '注册标识',
    website: '网站',
    standing: { verified: '已核实', self_declared: '自述', unverified: '未核实', contradicted: '有矛盾' },
    notFoundTitle: '没有此档案',
    notFound: '此地址没有已发布的供应商档案，供应商可能已将其撤下。',
    language: '语言',
    poweredBy: '通过 Bonafide 发布 — 以证据为基础的跨境供应商合作核实。',
  },
} as const;

const KIND_ZH: Partial<Record<EvidenceKind, string>> = {
  certificate: '证书',
  registration: '注册摘录',
  audit_report: '审核报告',
  sample_test: '样品测试',
  batch_test_record: '批次记录',
  production_log: '生产日志',
  visit_observation: '实地访问',
  testimonial: '推荐',
  kpi_measurement: 'KPI 测量',
  qc_procedure: '质量程序',
  attestation: '证明',
};
const SOURCE_ZH: Record<PublicSource, string> = { supplier: '供应商', buyer: '一位采购商', auditor: '一位审核员', issuer: '签发方' };
const PROVENANCE_ZH: Record<Provenance, string> = { self_declared: '自述', documented: '有文件', third_party: '第三方', observed: '观察' };

function monthZh(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** The claim's standing in Chinese, from the same facts as the English summary. */
export function summaryZh(standing: string, s: PublicStrongest | null): string {
  if (!s || standing === 'unverified') return '未核实：尚无证据。';
  const what = KIND_ZH[s.kind] ?? s.kind;
  const until = s.validTo ? `，有效期至 ${s.validTo.slice(0, 10)}` : '';
  if (standing === 'contradicted') return `${monthZh(s.month)}${SOURCE_ZH[s.source]}的${what}（${PROVENANCE_ZH[s.provenance]}）与此声明矛盾。`;
  if (standing === 'self_declared') return '供应商自述，未经核实。';
  if (s.provenance === 'observed') return `${monthZh(s.month)}由${SOURCE_ZH[s.source]}${s.kind === 'visit_observation' ? '现场' : `从${what}中`}观察核实${until}。`;
  if (s.provenance === 'third_party') return `第三方确认（${what}），${monthZh(s.month)}${until}。`;
  return `${what}有文件证明${until || `，${monthZh(s.month)}`}。`;
}

export function kindLabel(kind: EvidenceKind, lang: PageLanguage): string {
  return lang === 'en' ? kind.replace(/_/g, ' ') : (KIND_ZH[kind] ?? kind);
}
