// The bot's own message catalog, same approach as @ticketbyte/api's: English complete, German
// partial with English fallback, `{name}` placeholders. Ticket rules and their errors render with
// the API's `t`; what only the bot says renders with `bt`.
import { de } from './de.js';
import { type BotMessageKey, en } from './en.js';

export type { BotMessageKey } from './en.js';

const catalogs: Record<string, Partial<Record<BotMessageKey, string>>> = { en, de };

export function bt(locale: string, key: BotMessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Discord's locale codes for the catalogs we have beyond English (for command localisations). */
const DISCORD_LOCALES: Record<string, string[]> = { de: ['de'] };

/** `{ de: '…' }` for Discord's `description_localizations`, from the catalogs other than English. */
export function discordLocalizations(key: BotMessageKey): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, codes] of Object.entries(DISCORD_LOCALES)) {
    const text = catalogs[locale]?.[key];
    if (text) for (const code of codes) out[code] = text.slice(0, 100);
  }
  return out;
}

/** The catalog language for a Discord locale such as `de` or `en-US`. */
export function catalogLocale(discordLocale: string | null | undefined): string {
  const base = (discordLocale ?? 'en').slice(0, 2).toLowerCase();
  return base in catalogs ? base : 'en';
}
