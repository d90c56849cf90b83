// Formatting for the visit screens. Visit dates are wall-clock times at the SITE ("2026-12-16T08:30" in
// Asia/Shanghai): they are shown as such, with the zone's name, never shifted into the viewer's zone.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../src/contracts/policy.js';

/** The template's {en, zh} text in the UI language. */
export function useLoc() {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return useCallback((text: LocalizedText | { en: string; zh?: string } | null | undefined) => (text ? (zh && text.zh ? text.zh : text.en) : ''), [zh]);
}

function parts(local: string) {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d, time: time.slice(0, 5), utc: new Date(Date.UTC(y, m - 1, d)) };
}

export interface SiteTime {
  /** "Wed, 16 Dec 2026" */
  day(local: string): string;
  /** "08:30 (Asia/Shanghai)" */
  time(local: string, timeZone: string): string;
  /** "Wed, 16 Dec 2026, 08:30 (Asia/Shanghai)" */
  dateTime(local: string, timeZone: string): string;
  /** "Wed, 16 Dec 2026, 08:30 – Thu, 17 Dec 2026, 15:00 (Asia/Shanghai)"; the date once when it is the same day. */
  range(startLocal: string, endLocal: string, timeZone: string): string;
  /** A calendar day "2026-12-16" (agenda, due dates). */
  isoDay(day: string): string;
}

export function useSiteTime(): SiteTime {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const dayFmt = new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC', weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
    const day = (local: string) => dayFmt.format(parts(local).utc);
    const time = (local: string, tz: string) => `${parts(local).time} (${tz})`;
    return {
      day,
      time,
      dateTime: (local, tz) => `${day(local)}, ${time(local, tz)}`,
      range: (start, end, tz) => {
        const s = parts(start);
        const e = parts(end);
        if (start.slice(0, 10) === end.slice(0, 10)) return `${day(start)}, ${s.time}–${e.time} (${tz})`;
        return `${day(start)}, ${s.time} – ${day(end)}, ${e.time} (${tz})`;
      },
      isoDay: (d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? day(`${d}T00:00`) : d),
    };
  }, [i18n.language]);
}

export function useNum() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
    const f0 = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
    const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
    return {
      n: (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : f.format(v)),
      int: (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : f0.format(v)),
      pct: (ratio: number | null | undefined) => (ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : pct.format(ratio)),
    };
  }, [i18n.language]);
}

/** "2026-12-16T08:30" from a datetime-local input (which may add seconds). */
export function toLocalMinute(v: string): string {
  return v.length >= 16 ? v.slice(0, 16) : v;
}

/** The day `n` days from today as YYYY-MM-DD (the viewer's calendar), for date inputs' defaults. */
export function dayFromToday(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
