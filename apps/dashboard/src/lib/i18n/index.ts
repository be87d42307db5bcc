// Interface texts in both languages, and `t` to pick one with its {placeholders} filled in.
import { en } from './messages.en';
import { id, type MessageKey } from './messages.id';
import type { Lang } from './lang';

export * from './lang';
export * from './format';
export * from './labels';
export type { MessageKey };

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };

export type MessageParams = Record<string, string | number>;

export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = DICTIONARIES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
