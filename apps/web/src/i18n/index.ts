import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { account } from './account.ts';
import { alerts } from './alerts.ts';
import { apiKeys } from './apiKeys.ts';
import { berthPlan } from './berthPlan.ts';
import { common } from './common.ts';
import { containers } from './containers.ts';
import { dispatch } from './dispatch.ts';
import { errors } from './errors.ts';
import { fleet } from './fleet.ts';
import { forms } from './forms.ts';
import { map } from './map.ts';
import { organizations } from './organizations.ts';
import { pod } from './pod.ts';
import { portKpis } from './portKpis.ts';
import { reports } from './reports.ts';
import { settings } from './settings.ts';
import { supervision } from './supervision.ts';
import { users } from './users.ts';
import { validation } from './validation.ts';
import { vessels } from './vessels.ts';
import { yard } from './yard.ts';
import { zones } from './zones.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Where the chosen language is remembered in the browser. */
export const LANGUAGE_KEY = 'harbor.language';

/** Every namespace of strings, by name: each has the same keys in both languages. */
export const namespaces = {
  common,
  map,
  vessels,
  berthPlan,
  portKpis,
  yard,
  containers,
  dispatch,
  alerts,
  reports,
  fleet,
  zones,
  errors,
  validation,
  forms,
  account,
  users,
  apiKeys,
  organizations,
  settings,
  supervision,
  pod,
};

function resourcesFor(language: Language) {
  return Object.fromEntries(
    Object.entries(namespaces).map(([name, strings]) => [name, strings[language]]),
  );
}

/** The remembered choice, else the browser's preference (Chinese or English), else Chinese. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const tag of browser) {
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_KEY) ?? null;
  } catch {
    // Storage refused (private mode): the browser's preference then decides.
    return null;
  }
}

export const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({
  lng: initialLanguage(storedLanguage(), globalThis.navigator?.languages ?? []),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  resources: { en: resourcesFor('en'), 'zh-CN': resourcesFor('zh-CN') },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the language and remembers it for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not remembered; the switch itself still happens.
  }
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}
