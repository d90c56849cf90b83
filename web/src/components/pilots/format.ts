// How KPI values, targets and periods read in the UI language.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import type { Kpi } from './types.js';

export function useKpiFormat() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const num = (v: number, digits = 2) => new Intl.NumberFormat(fmt.locale, { maximumFractionDigits: digits }).format(v);
  const value = (k: Pick<Kpi, 'unit'>, v: number | null) => {
    if (v === null) return t('pilots.kpi.noData');
    if (k.unit === 'percent') return `${num(v, 1)} %`;
    if (k.unit === 'ppm') return `${num(v, 0)} PPM`;
    if (k.unit === 'business_days') return t('pilots.kpi.businessDays', { count: v, value: num(v, 2) });
    return k.unit ? `${num(v)} ${k.unit}` : num(v);
  };
  /** The KPI's name: its label, the catalogue's name, or its key. */
  const name = (k: Pick<Kpi, 'key' | 'label'>) => k.label ?? t(`pilots.catalogue.${k.key}.name`, { defaultValue: k.key });
  const target = (k: Pick<Kpi, 'unit' | 'direction' | 'target' | 'atRisk'>) =>
    t(k.direction === 'higher' ? 'pilots.kpi.targetHigher' : 'pilots.kpi.targetLower', { target: value(k, k.target), atRisk: value(k, k.atRisk) });
  /** "Mar 2026" for a month key, "W10 2026" for a week. */
  const period = (key: string) => {
    const m = /^(\d{4})-(\d{2})$/.exec(key);
    if (m) return new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
    const w = /^(\d{4})-W(\d{2})$/.exec(key);
    return w ? t('pilots.kpi.week', { week: Number(w[2]), year: w[1] }) : key;
  };
  return { value, name, target, period, num };
}
