import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { SUPPORTED_LOCALES } from '../../../src/contracts/accounts.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type UiLanguage = (typeof SUPPORTED_LOCALES)[number];
export const UI_LANGUAGES: readonly UiLanguage[] = SUPPORTED_LOCALES;
const STORAGE_KEY = 'bonafide.language';

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);
}

/** The saved choice, else the browser's preference (any Chinese → zh-CN), else English. */
function initialLanguage(): UiLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isUiLanguage(saved)) return saved;
  } catch {
    // storage disabled
  }
  const nav = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const l of nav) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...UI_LANGUAGES],
  load: 'currentOnly',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the UI language and remembers it in this browser (the profile is saved separately when logged in). */
export async function applyLanguage(lng: UiLanguage): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage disabled
  }
  document.documentElement.lang = lng;
  if (i18n.language !== lng) await i18n.changeLanguage(lng);
}

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : 'en';
}

export default i18n;
