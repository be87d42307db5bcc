// The interface languages: Indonesian by default, English on request (`?lang=en` in the URL).

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'id';

/** The URL parameter that carries the language; absent means Indonesian. */
export const LANG_PARAM = 'lang';

export function isLang(value: string | null | undefined): value is Lang {
  return value === 'id' || value === 'en';
}

export function langOf(url: URL): Lang {
  const value = url.searchParams.get(LANG_PARAM);
  return isLang(value) ? value : DEFAULT_LANG;
}

/** BCP 47 locale for number and date formatting. */
export function localeOf(lang: Lang): string {
  return lang === 'id' ? 'id-ID' : 'en-GB';
}
