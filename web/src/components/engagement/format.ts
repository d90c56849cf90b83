// Calendar days (validity periods, issue dates) are stored as midnight UTC: shown as that day everywhere,
// never shifted by the viewer's time zone. Moments (decisions, messages) use useFormat() in the user's zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useDay() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
    return (iso: string | null | undefined) => (iso ? f.format(new Date(iso)) : '—');
  }, [i18n.language]);
}

/** "2026-11-25" for a date input's value, from an ISO date-time. */
export function isoDay(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

export function useNumber() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
    return (n: number | null | undefined) => (n === null || n === undefined ? '—' : f.format(n));
  }, [i18n.language]);
}
