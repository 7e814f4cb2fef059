// Every UI string lives in web/src/i18n/<language>/<module>.json, one namespace per module,
// the same keys in all five languages.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['de', 'fr', 'nl', 'pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { de: 'Deutsch', fr: 'Français', nl: 'Nederlands', pl: 'Polski', en: 'English' };

const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const [, language, namespace] = /\.\/(\w+)\/(\w+)\.json$/.exec(path)!;
  (resources[language!] ??= {})[namespace!] = module.default;
}

function initialLanguage(): Language {
  const stored = localStorage.getItem('language');
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'en';
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

export function changeLanguage(language: Language): void {
  localStorage.setItem('language', language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export default i18next;
