// The message catalog: one function turns a key and parameters into text in the guild's language.
import { de } from './de.js';
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Partial<Record<MessageKey, string>>> = { en, de };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Renders `key` in `locale` (falling back to English), replacing `{name}` with params.name. */
export function t(locale: string, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = (isLocale(locale) ? catalogs[locale][key] : undefined) ?? en[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
