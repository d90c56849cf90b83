// Number formatting for measured values, limits and indices: as many decimals as the specification's limits
// carry (plus one), in the UI language.
import { useMemo } from 'react';
import { useFormat } from '../../lib/format.js';
import type { Characteristic } from './types.js';

function decimalsOf(n: number | null | undefined): number {
  if (n === null || n === undefined || !Number.isFinite(n)) return 0;
  const s = String(n);
  if (s.includes('e-')) return Math.min(8, Number(s.split('e-')[1]) + (s.split('e')[0]!.split('.')[1]?.length ?? 0));
  return s.split('.')[1]?.length ?? 0;
}

/** Decimals to show values of a characteristic with: one more than its most precise limit, 1…6. */
export function valueDecimals(c: Pick<Characteristic, 'lsl' | 'usl' | 'nominal'>): number {
  return Math.min(6, Math.max(1, Math.max(decimalsOf(c.lsl), decimalsOf(c.usl), decimalsOf(c.nominal)) + 1));
}

export interface QualityFormatters {
  /** A value with fixed decimals. */
  fixed(n: number | null | undefined, decimals: number): string;
  /** A capability index (Cp, Cpk…): two decimals, "—" when null. */
  index(n: number | null | undefined): string;
  percent(ratio: number | null | undefined, decimals?: number): string;
  integer(n: number | null | undefined): string;
  /** "2026-05" → "May 2026" in the UI language. */
  month(period: string): string;
  /** A calendar date "2026-03-12" as written (no time-zone shift). */
  calendarDate(date: string | null | undefined): string;
}

export function useQualityFormat(): QualityFormatters {
  const fmt = useFormat();
  return useMemo(() => {
    const cache = new Map<number, Intl.NumberFormat>();
    const nf = (d: number) => {
      let f = cache.get(d);
      if (!f) {
        f = new Intl.NumberFormat(fmt.locale, { minimumFractionDigits: d, maximumFractionDigits: d });
        cache.set(d, f);
      }
      return f;
    };
    const pct = (d: number) => new Intl.NumberFormat(fmt.locale, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d });
    const monthFmt = new Intl.DateTimeFormat(fmt.locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const dateFmt = new Intl.DateTimeFormat(fmt.locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const ok = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);
    return {
      fixed: (n, d) => (ok(n) ? nf(d).format(n) : '—'),
      index: (n) => (ok(n) ? nf(2).format(n) : '—'),
      percent: (r, d = 1) => (ok(r) ? pct(d).format(r) : '—'),
      integer: (n) => (ok(n) ? nf(0).format(Math.round(n)) : '—'),
      month: (period) => {
        const m = /^(\d{4})-(\d{2})$/.exec(period);
        return m ? monthFmt.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : period;
      },
      calendarDate: (date) => {
        if (!date) return '—';
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
        return m ? dateFmt.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : fmt.date(date);
      },
    };
  }, [fmt]);
}
