import { api } from './api/client';
import { getLocale, locales, setLocale } from './paraglide/runtime';

type Locale = (typeof locales)[number];

export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'Français' };

export function isLocale(tag: string | null | undefined): tag is Locale {
  return !!tag && (locales as readonly string[]).includes(tag);
}

/** After signing in: the language saved in my profile wins over this browser's (reloads if it differs). */
export async function applySavedLanguage(): Promise<void> {
  const { data } = await api.GET('/api/v1/me/profile');
  if (isLocale(data?.locale) && data.locale !== getLocale()) setLocale(data.locale);
}
