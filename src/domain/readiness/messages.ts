// Explanations as message keys with parameters (the web translates them) and their English rendering (`why`).
// List-valued parameters are comma-separated codes (e.g. issues "in_progress,no_kpis").
import type { Explanation, ExplanationParams } from './types.js';

const PROVENANCE_EN: Record<string, string> = {
  self_declared: 'self-declared',
  documented: 'documented',
  third_party: 'third-party',
  observed: 'observed',
};

export function provenanceEn(p: string | number | undefined): string {
  return PROVENANCE_EN[String(p)] ?? String(p);
}

function words(code: string | number | undefined): string {
  return String(code ?? '').replace(/_/g, ' ');
}

function list(value: string | number | undefined): string[] {
  const s = String(value ?? '');
  return s === '' ? [] : s.split(',');
}

function plural(n: number | string | undefined, one: string, many: string = `${one}s`): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

function fmt(n: string | number | undefined): string {
  const v = Number(n);
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : String(n);
}

const REJECTION_EN: [string, string][] = [
  ['expired', 'expired'],
  ['notYetValid', 'not yet valid'],
  ['noValidityPeriod', 'without a validity period'],
  ['belowMinProvenance', 'below the minimum provenance'],
  ['stale', 'older than the maximum age'],
  ['missingAttributes', 'missing required details'],
];

/** "2 expired, 1 below the minimum provenance", from the rejection counters of the params. */
function rejections(p: ExplanationParams): string {
  const parts = REJECTION_EN.filter(([k]) => Number(p[k] ?? 0) > 0).map(([k, label]) => `${p[k]} ${label}`);
  return parts.join(', ');
}

const PILOT_ISSUES_EN: Record<string, (p: ExplanationParams) => string> = {
  in_progress: (p) => `it is still running (${fmt(p.elapsedMonths)} of ${fmt(p.plannedMonths)} planned months)`,
  too_short: (p) => `it is planned for ${fmt(p.plannedMonths)} months, less than ${fmt(p.minMonths)}${p.durationReason ? ` (reason given: ${p.durationReason})` : ''}`,
  too_long: (p) => `it is planned for ${fmt(p.plannedMonths)} months, more than ${fmt(p.maxMonths)}${p.durationReason ? ` (reason given: ${p.durationReason})` : ''}`,
  no_kpis: () => 'no KPIs are defined',
  no_evaluation_points: () => 'no evaluation points are scheduled',
  final_review_missing: () => 'its final evaluation point has not been reviewed',
};

const CADENCE_ISSUES_EN: Record<string, (p: ExplanationParams) => string> = {
  gap_exceeded: (p) => `the longest stretch without a progress update is ${fmt(p.longestGapDays)} days (at most ${p.everyDays})`,
  no_escalation_ladder: () => 'no escalation ladder is named',
};

const REVERIFICATION_ISSUES_EN: Record<string, (p: ExplanationParams) => string> = {
  certificates_lapsed: (p) => `certificates lapsed without renewal: ${list(p.lapsed).join(', ')}`,
  reaudit_due: (p) =>
    p.reauditAgeMonths === ''
      ? `no re-audit on record (due every ${p.everyMonths} months)`
      : `the last audit is ${fmt(p.reauditAgeMonths)} months old (due every ${p.everyMonths} months)`,
  batch_records_missing: (p) => `lots without a batch test record: ${list(p.lotsMissing).join(', ')}`,
};

const RENDER_EN: Record<string, (p: ExplanationParams) => string> = {
  'evidence.met': (p) =>
    `${plural(p.count, 'piece')} of evidence of at least ${provenanceEn(p.minProvenance)} provenance count (${p.minCount} needed); the strongest is ${provenanceEn(p.strongest)}.`,
  'evidence.partly_met': (p) => {
    const r = rejections(p);
    return `${p.count} of ${p.minCount} required pieces of ${list(p.kinds).map(words).join(' or ')} evidence of at least ${provenanceEn(p.minProvenance)} provenance count${r ? `; not counted: ${r}` : ''}.`;
  },
  'evidence.unmet': (p) =>
    `No ${list(p.kinds).map(words).join(' or ')} evidence${p.subject ? ` for ${p.subject}` : ''} has been shared (${p.minCount} of at least ${provenanceEn(p.minProvenance)} provenance needed).`,

  'claims_with_limits.met': (p) => `${plural(p.count, `${words(p.claimType)} claim`)} in scope, each with its stated limit.`,
  'claims_with_limits.partly_met': (p) => {
    const parts: string[] = [];
    if (p.missingClaim) parts.push(`no ${words(p.claimType)} claim for ${list(p.missingClaim).join(', ')}`);
    if (p.missingLimit) parts.push(`no stated limit for ${list(p.missingLimit).join(', ')}`);
    return `Production limits are only partly discussed: ${parts.join('; ')}.`;
  },
  'claims_with_limits.unmet': (p) => `No ${words(p.claimType)} claim has been made for the product lines in scope.`,

  'response_time.met': (p) =>
    `Median response time ${fmt(p.median)} business days over ${plural(p.samples, 'inquiry', 'inquiries')} (at most ${p.max} over at least ${p.minInquiries}).`,
  'response_time.too_few': (p) =>
    `Median response time ${fmt(p.median)} business days, but only ${plural(p.samples, 'inquiry', 'inquiries')} measured (at least ${p.minInquiries} needed).`,
  'response_time.too_slow': (p) =>
    `Median response time ${fmt(p.median)} business days over ${plural(p.samples, 'inquiry', 'inquiries')}${Number(p.overdue) > 0 ? ` (${p.overdue} still unanswered and overdue)` : ''}, more than the ${p.max} allowed.`,
  'response_time.none': (p) =>
    `No technical inquiry has been answered yet (${plural(p.count, 'inquiry', 'inquiries')} asked; at least ${p.minInquiries} needed).`,

  'pilot.none': (p) => `No pilot has been set up (${fmt(p.minMonths)}–${fmt(p.maxMonths)} months with KPIs and evaluation points).`,
  'pilot.met': (p) =>
    `The pilot ran ${fmt(p.elapsedMonths)} months with ${plural(p.kpis, 'KPI')} and ${plural(p.evaluationPoints, 'evaluation point')}${p.passedOn ? `; its final review passed it on ${p.passedOn}` : ''}.`,
  'pilot.stopped': (p) => `The pilot was stopped at a review on ${p.stoppedOn}, after ${fmt(p.elapsedMonths)} months; a new pilot is needed.`,
  'pilot.partly_met': (p) =>
    `The pilot is set up, but ${list(p.issues)
      .map((i) => PILOT_ISSUES_EN[i]?.(p) ?? words(i))
      .join('; ')}.`,

  'cadence.met': (p) =>
    `${plural(p.updates, 'progress update')} kept the ${p.everyDays}-day cadence (longest gap ${fmt(p.longestGapDays)} days)${p.ladderRequired === 'yes' ? ' and an escalation ladder is named' : ''}.`,
  'cadence.partly_met': (p) =>
    `Cadence partly kept: ${list(p.issues)
      .map((i) => CADENCE_ISSUES_EN[i]?.(p) ?? words(i))
      .join('; ')}.`,
  'cadence.unmet': (p) =>
    `Cadence not kept: ${list(p.issues)
      .map((i) => CADENCE_ISSUES_EN[i]?.(p) ?? words(i))
      .join('; ')}.`,

  'visit.met': (p) => `A factory visit or audit of ${provenanceEn(p.strongest)} provenance is on record (${plural(p.count, 'report')}).`,
  'visit.waived_by_advisor': (p) => `The visit advisor says the visit can be waived (score ${fmt(p.score)}): ${p.rules}.`,
  'visit.planned': (p) => `A visit is planned for ${p.plannedFor}; the advisor says ${words(p.recommendation)}.`,
  'visit.partly_met': (p) => {
    const r = rejections(p);
    return `Visit or audit reports are on record but do not count (${r}); the advisor says ${words(p.recommendation)}.`;
  },
  'visit.unmet': (p) => `No factory visit or third-party audit is on record; the advisor says ${words(p.recommendation)}.`,

  'reverification.met': (p) =>
    `Continuous verification is current: ${p.certificates} certificate subjects in force, ${p.lots} lots with batch records${p.reauditAgeMonths === '' ? '' : `, last audit ${fmt(p.reauditAgeMonths)} months ago`}.`,
  'reverification.partly_met': (p) =>
    `Re-verification is partly current: ${list(p.issues)
      .map((i) => REVERIFICATION_ISSUES_EN[i]?.(p) ?? words(i))
      .join('; ')}.`,
  'reverification.unmet': (p) =>
    `Re-verification is not current: ${list(p.issues)
      .map((i) => REVERIFICATION_ISSUES_EN[i]?.(p) ?? words(i))
      .join('; ')}.`,

  'waived.by_person': (p) => `Waived by ${p.by} on ${p.at}: ${p.reason}`,
  'not_applicable': (p) => {
    const parts: string[] = [];
    if (p.crossBorder !== undefined) parts.push(p.crossBorder === 'yes' ? 'cross-border engagements' : 'domestic engagements');
    if (p.categories) parts.push(`categories ${list(p.categories).join(', ')}`);
    if (p.regulatedSector) parts.push(`regulated sectors ${list(p.regulatedSector).map(words).join(', ')}`);
    return `Does not apply: only for ${parts.join(' and ')}.`;
  },
};

/** English rendering of an explanation; unknown keys fall back to the key and its parameters. */
export function renderEnglish(key: string, params: ExplanationParams): string {
  const render = RENDER_EN[key];
  if (render) return render(params);
  return `${key} ${JSON.stringify(params)}`;
}

/** The message keys this module renders (for the web's translation files). */
export const READINESS_MESSAGE_KEYS: readonly string[] = Object.keys(RENDER_EN);

export function explain(key: string, params: ExplanationParams): { explanation: Explanation; why: string } {
  return { explanation: { key, params }, why: renderEnglish(key, params) };
}
