// The current interface language and a `t` bound to it, read from the page URL.
import { page } from '$app/state';
import { langOf, type Lang } from './lang';
import { t as translate, type MessageKey, type MessageParams } from '.';

export interface Translator {
  readonly lang: Lang;
  t(key: MessageKey, params?: MessageParams): string;
}

/** Call from a component's script; `lang` follows the URL as it changes. */
export function useLang(): Translator {
  return {
    get lang() {
      return langOf(page.url);
    },
    t(key, params) {
      return translate(langOf(page.url), key, params);
    },
  };
}
