// Command and option descriptions from the bot's catalog, with Discord's localisations.
import { type BotMessageKey, bt, discordLocalizations } from '../i18n/index.js';

interface Describable<T> {
  setDescription(description: string): T;
  setDescriptionLocalizations(localizations: Record<string, string>): T;
}

export function described<T extends Describable<T>>(builder: T, key: BotMessageKey): T {
  return builder
    .setDescription(bt('en', key).slice(0, 100))
    .setDescriptionLocalizations(discordLocalizations(key));
}
