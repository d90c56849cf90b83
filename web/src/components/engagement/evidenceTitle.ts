// Titles the system wrote (a batch record per lot, a demonstrated capacity, a visit's outcome) arrive as a code
// with parameters (generatedTitle) besides the English title; they are worded here in the UI language. Parameter
// conventions: `<x>Count` becomes the plural phrase serverText.counts.<x>; `period`, `verdict`, `status`,
// `severity`, `visitType`, `outcome` are vocabulary; `date`, `from`, `to` are calendar days.
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDay } from './format.js';

export interface Generated {
  key: string;
  params: Record<string, string | number | null>;
}

const VOCAB: Record<string, (t: TFunction, v: string) => string> = {
  verdict: (t, v) => t(`serverText.words.${v}`, { defaultValue: v }),
  status: (t, v) => t(`serverText.words.${v}`, { defaultValue: v }),
  severity: (t, v) => t(`visits.severity.${v}`, { defaultValue: v }),
  visitType: (t, v) => t(`visits.types.${v}`, { defaultValue: v }),
  outcome: (t, v) => t(`visits.outcomes.${v}`, { defaultValue: v }),
  timeliness: (t, v) => t(`serverText.words.${v}`, { defaultValue: v }),
};
const DAYS = new Set(['date', 'from', 'to']);

/** A pilot review's KPIs (kpi1/value1 … kpi4/value4; a null value is no data), as the review's title lists them. */
function reviewKpis(t: TFunction, p: Generated['params']): string {
  const out: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const key = p[`kpi${i}`];
    if (typeof key !== 'string') break;
    const name = t(`pilots.catalogue.${key}.name`, { defaultValue: key });
    const value = p[`value${i}`];
    out.push(`${name} ${typeof value === 'string' ? value : t('pilots.status.no_data')}`);
  }
  return out.join(t('ux.listSeparator'));
}

export function generatedText(t: TFunction, day: (iso: string) => string, g: Generated, fallback: string): string {
  if (g.key === 'pilot_review') {
    const point = typeof g.params.label === 'string' && g.params.point === 'custom' ? g.params.label : t(`pilots.points.kind.${String(g.params.point)}`, { defaultValue: String(g.params.point) });
    return t('serverText.titles.pilot_review', { point, kpis: reviewKpis(t, g.params), defaultValue: fallback });
  }
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(g.params)) {
    if (v === null) continue;
    if (k.endsWith('Count') && typeof v === 'number') params[k.slice(0, -5)] = t(`serverText.counts.${k.slice(0, -5)}`, { count: v });
    else if (k === 'period' && typeof v === 'string') params.per = t(`vocab.perPeriod.${v}`, { defaultValue: v });
    else if (VOCAB[k] && typeof v === 'string') params[k] = VOCAB[k](t, v);
    else if (DAYS.has(k) && typeof v === 'string' && /^\d{4}-\d{2}(-\d{2})?/.test(v)) params[k] = v.length === 7 ? v : day(v);
    else params[k] = v;
  }
  if (params.per === undefined) params.per = '';
  return t(`serverText.titles.${g.key}`, { ...params, defaultValue: fallback });
}

/** The evidence title in the UI language: the system's worded from its code, a person's as they wrote it. */
export function useEvidenceTitle() {
  const { t } = useTranslation();
  const day = useDay();
  return useCallback(
    (ev: { title: string; generatedTitle?: Generated | null }) => (ev.generatedTitle ? generatedText(t, day, ev.generatedTitle, ev.title) : ev.title),
    [t, day],
  );
}
