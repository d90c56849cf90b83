// Readiness explanations in the UI language. The API sends each explanation as {key, params} plus `why`, its
// English rendering (src/domain/readiness/messages.ts). English shows `why` as the server wrote it; other
// languages render the key with translated parameters (provenance, evidence kinds, issue codes).
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Advice, Alert, Explanation, Fired, ScoreRow } from './types.js';

type Params = Record<string, string | number>;

const list = (v: string | number | undefined): string[] => {
  const s = String(v ?? '');
  return s === '' ? [] : s.split(',');
};

const num = (n: string | number | undefined): string => {
  const v = Number(n);
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : String(n ?? '');
};

const REJECTIONS = ['expired', 'notYetValid', 'noValidityPeriod', 'belowMinProvenance', 'stale', 'missingAttributes'] as const;

export interface ExplainContext {
  /** Fired advisor rules, to name the rules a waived visit refers to. */
  firedRules?: readonly Fired[];
  /** The UI language, for the policy's own {en, zh} texts. */
  language?: string;
}

/** The translated sentence of one explanation (not for English: use `why` there). */
export function translateExplanation(t: TFunction, e: Explanation, ctx: ExplainContext = {}): string {
  const p = e.params as Params;
  const sep = t('readiness.listSeparator');
  const or = t('readiness.or');
  const prov = (v: string | number | undefined) => t(`vocab.provenance.${String(v)}`, { defaultValue: String(v ?? '') });
  const kinds = list(p.kinds)
    .map((k) => t(`vocab.evidenceKinds.${k}`, { defaultValue: k.replace(/_/g, ' ') }))
    .join(or);
  const rejected = REJECTIONS.filter((k) => Number(p[k] ?? 0) > 0)
    .map((k) => t(`readiness.rejections.${k}`, { count: Number(p[k]) }))
    .join(sep);
  const recommendation = t(`vocab.recommendations.${String(p.recommendation)}`, { defaultValue: String(p.recommendation ?? '') });
  const claimType = t(`vocab.claimTypes.${String(p.claimType)}`, { defaultValue: String(p.claimType ?? '') });
  const issues = (group: 'pilotIssues' | 'cadenceIssues' | 'reverificationIssues') =>
    list(p.issues)
      .map((i) => {
        if (group === 'reverificationIssues' && i === 'reaudit_due' && p.reauditAgeMonths === '') return t('readiness.reverificationIssues.reaudit_none', { everyMonths: p.everyMonths });
        return t(`readiness.${group}.${i}`, {
          defaultValue: i.replace(/_/g, ' '),
          elapsedMonths: num(p.elapsedMonths),
          plannedMonths: num(p.plannedMonths),
          minMonths: num(p.minMonths),
          maxMonths: num(p.maxMonths),
          longestGapDays: num(p.longestGapDays),
          everyDays: p.everyDays,
          lapsed: list(p.lapsed).join(sep),
          reauditAgeMonths: num(p.reauditAgeMonths),
          everyMonths: p.everyMonths,
          lotsMissing: list(p.lotsMissing).join(sep),
        });
      })
      .join(t('readiness.issueSeparator'));

  const values: Record<string, string | number> = {
    ...p,
    minProvenance: prov(p.minProvenance),
    strongest: prov(p.strongest),
    kinds,
    claimType,
    recommendation,
    median: num(p.median),
    score: num(p.score),
    minMonths: num(p.minMonths),
    maxMonths: num(p.maxMonths),
    elapsedMonths: num(p.elapsedMonths),
    longestGapDays: num(p.longestGapDays),
  };
  switch (e.key) {
    case 'evidence.partly_met':
      values.rejected = rejected ? t('readiness.notCounted', { list: rejected }) : '';
      break;
    case 'evidence.unmet':
      values.subject = p.subject ? t('readiness.about', { subject: String(p.subject).split(' or ').join(or) }) : '';
      break;
    case 'claims_with_limits.partly_met': {
      const parts: string[] = [];
      if (p.missingClaim) parts.push(t('readiness.missingClaim', { lines: list(p.missingClaim).join(sep), claimType }));
      if (p.missingLimit) parts.push(t('readiness.missingLimit', { lines: list(p.missingLimit).join(sep) }));
      values.parts = parts.join(t('readiness.issueSeparator'));
      break;
    }
    case 'response_time.too_slow':
      values.overdueText = Number(p.overdue) > 0 ? t('readiness.overdue', { count: Number(p.overdue) }) : '';
      break;
    case 'pilot.partly_met':
      values.issues = issues('pilotIssues');
      break;
    case 'cadence.met':
      values.ladder = p.ladderRequired === 'yes' ? t('readiness.ladderNamed') : '';
      break;
    case 'cadence.partly_met':
    case 'cadence.unmet':
      values.issues = issues('cadenceIssues');
      break;
    case 'visit.waived_by_advisor': {
      const byId = new Map((ctx.firedRules ?? []).map((r) => [r.id, r]));
      values.rules = list(p.rules)
        .map((id) => localized(byId.get(id)?.explanation, ctx.language ?? 'en') || id)
        .join(sep);
      break;
    }
    case 'visit.partly_met':
      values.rejected = rejected;
      break;
    case 'reverification.met':
      values.audit = p.reauditAgeMonths === '' ? '' : t('readiness.lastAudit', { months: num(p.reauditAgeMonths) });
      break;
    case 'reverification.partly_met':
    case 'reverification.unmet':
      values.issues = issues('reverificationIssues');
      break;
    case 'not_applicable': {
      const parts: string[] = [];
      if (p.crossBorder !== undefined) parts.push(t(p.crossBorder === 'yes' ? 'readiness.onlyCrossBorder' : 'readiness.onlyDomestic'));
      if (p.categories) parts.push(t('readiness.onlyCategories', { list: list(p.categories).join(sep) }));
      if (p.regulatedSector) parts.push(t('readiness.onlySectors', { list: list(p.regulatedSector).map((s) => s.replace(/_/g, ' ')).join(sep) }));
      values.parts = parts.join(t('readiness.and'));
      break;
    }
  }
  const key = `readiness.explain.${e.key}`;
  const out = t(key, { ...values, defaultValue: '' });
  return out || `${e.key} ${JSON.stringify(p)}`;
}

/** A policy's {en, zh} text in the UI language. */
export function localized(text: { en: string; zh: string } | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('zh') ? text.zh : text.en;
}

export function useLocalized() {
  const { i18n } = useTranslation();
  return useCallback((text: { en: string; zh: string } | undefined) => localized(text, i18n.language), [i18n.language]);
}

/** `explain(explanation, why)`: the English `why`, or the explanation translated into the UI language. */
export function useExplain(ctx: ExplainContext = {}) {
  const { t, i18n } = useTranslation();
  const english = !i18n.language.startsWith('zh');
  const firedRules = ctx.firedRules;
  return useCallback(
    (e: Explanation, why: string) => (english && why ? why : translateExplanation(t, e, { firedRules, language: i18n.language })),
    [english, t, i18n.language, firedRules],
  );
}

/** A sentence for an evidence alert: the server's English, or built from the alert's fields. */
export function useAlertText() {
  const { t, i18n } = useTranslation();
  const english = !i18n.language.startsWith('zh');
  return (a: Alert, formatDay: (iso: string | null) => string) => {
    if (english) return a.why;
    if (a.state === 'expired') return t('readiness.alertText.expired', { title: a.title, date: formatDay(a.validTo) });
    if (a.state === 'stale') return t('readiness.alertText.stale', { title: a.title, requirements: a.requirementIds.join(t('readiness.listSeparator')) });
    return t('readiness.alertText.expiring', { title: a.title, date: formatDay(a.validTo), count: a.daysLeft ?? 0 });
  };
}

/** The visit advice sentence: English `why`, or composed from the recommendation and the score. */
export function useAdviceText() {
  const { t, i18n } = useTranslation();
  const english = !i18n.language.startsWith('zh');
  return (a: Advice) =>
    english
      ? a.why
      : t('visitAdvice.summary', {
          recommendation: t(`vocab.recommendations.${a.recommendation}`),
          score: num(a.score),
          base: num(a.baseScore),
          needed: num(a.thresholds.needed),
          recommended: num(a.thresholds.recommended),
        });
}

// Score-input details are English sentences from the domain (src/domain/readiness/scores.ts); the known
// shapes are re-rendered in the UI language, anything else is shown as sent.
const DETAIL_PATTERNS: { re: RegExp; key: string; names: string[] }[] = [
  { re: /^(\d+) proactive disclosures, (\d+) disclosed limitations$/, key: 'transparency', names: ['disclosures', 'limitations'] },
  { re: /^median ([\d.]+) business days over (\d+) inquiries \((\d+) overdue\)$/, key: 'responsiveness', names: ['median', 'count', 'overdue'] },
  { re: /^(\d+) closed on time, (\d+) closed late, (\d+) open and overdue$/, key: 'correctiveActions', names: ['onTime', 'late', 'overdue'] },
  { re: /^(?:(.+); )?strongest: ([a-z-]+) \((.+)\)$/, key: 'strongest', names: ['standards', 'provenance', 'title'] },
];
const NONE_DETAILS: Record<string, string> = {
  'no registration on record': 'registration',
  'no valid quality-management certificate': 'qms_certification',
  'no audit report in the last 24 months': 'third_party_audit',
  'no sample test or batch test record': 'standardized_tests',
  'no QC procedure on record': 'qc_procedures',
  'no process-capability data yet': 'consistency',
  'no message thread yet': 'transparency',
  'no corrective action due yet': 'corrective_actions',
  'no technical inquiry answered yet': 'responsiveness',
};
const PROVENANCE_WORDS: Record<string, string> = { 'self-declared': 'self_declared', documented: 'documented', 'third-party': 'third_party', observed: 'observed' };

export function useScoreDetail() {
  const { t, i18n } = useTranslation();
  const english = !i18n.language.startsWith('zh');
  return (row: ScoreRow) => {
    // Rows the server words as a key and parameters (a contradicted claim's deduction) in either language.
    if (row.detailKey) return t(`readiness.scoreDetail.${row.detailKey}`, { ...row.detailParams, defaultValue: row.detail });
    if (english) return row.detail;
    const none = NONE_DETAILS[row.detail];
    if (none) return t(`readiness.scoreNone.${none}`);
    for (const { re, key, names } of DETAIL_PATTERNS) {
      const m = re.exec(row.detail);
      if (!m) continue;
      const values: Record<string, string> = {};
      names.forEach((n, i) => (values[n] = m[i + 1] ?? ''));
      if (key === 'strongest') {
        values.provenance = t(`vocab.provenance.${PROVENANCE_WORDS[values.provenance] ?? values.provenance}`, { defaultValue: values.provenance });
        return (values.standards ? `${values.standards}；` : '') + t('readiness.scoreDetail.strongest', values);
      }
      return t(`readiness.scoreDetail.${key}`, values);
    }
    return row.detail;
  };
}
