// Dates, numbers and country names in the UI language and the user's time zone (from the profile).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../../../src/contracts/countries.js';
import { useMe } from '../api/session.js';

const browserTimeZone = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
})();

export function defaultTimeZone(): string {
  return browserTimeZone;
}

export interface Formatters {
  locale: string;
  timeZone: string;
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  number(n: number): string;
  bytes(n: number): string;
  country(code: string): string;
}

export function makeFormatters(locale: string, timeZone: string): Formatters {
  let tz = timeZone;
  try {
    new Intl.DateTimeFormat(locale, { timeZone: tz });
  } catch {
    tz = browserTimeZone;
  }
  const dt = new Intl.DateTimeFormat(locale, { timeZone: tz, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const d = new Intl.DateTimeFormat(locale, { timeZone: tz, year: 'numeric', month: 'short', day: 'numeric' });
  const num = new Intl.NumberFormat(locale);
  const regions = countryNames(locale);
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  return {
    locale,
    timeZone: tz,
    dateTime: (iso) => (iso ? dt.format(new Date(iso)) : '—'),
    date: (iso) => (iso ? d.format(new Date(iso)) : '—'),
    number: (n) => num.format(n),
    bytes: (n) => {
      let i = 0;
      let v = n;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
    },
    country: (code) => regions.get(code) ?? code,
  };
}

const namesCache = new Map<string, Map<string, string>>();

/** ISO 3166-1 alpha-2 code → name in the UI language (Intl.DisplayNames), cached per language. */
export function countryNames(locale: string): Map<string, string> {
  let m = namesCache.get(locale);
  if (!m) {
    m = new Map();
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      names = null;
    }
    for (const c of COUNTRY_CODES) m.set(c, names?.of(c) ?? c);
    namesCache.set(locale, m);
  }
  return m;
}

/** Options for a country Select, sorted by name in the UI language. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const names = countryNames(locale);
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((c) => ({ value: c, label: names.get(c) ?? c })).sort((a, b) => collator.compare(a.label, b.label));
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const me = useMe().data;
  const tz = me?.user.timeZone ?? browserTimeZone;
  return useMemo(() => makeFormatters(i18n.language, tz), [i18n.language, tz]);
}

export function useCountryOptions() {
  const { i18n } = useTranslation();
  return useMemo(() => countryOptions(i18n.language), [i18n.language]);
}
