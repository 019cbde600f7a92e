// What every handler gets: the client, the Discord port sharing the client's REST instance, the
// logger, the clock, and a way to call the router as a given actor.
import { type Actor, createCaller, createContext, type DiscordPort, type Logger } from '@ticketbyte/api';
import type { REST } from '@discordjs/rest';
import type { Client } from 'discord.js';
import type { GuildConfigCache } from './guild-config.js';
import type { Inflight } from './inflight.js';

export type Caller = ReturnType<typeof createCaller>;

export interface BotDeps {
  client: Client;
  /** REST for interaction follow-ups and edits, which Discord's global limit does not cover. */
  interactionRest: REST;
  discord: DiscordPort;
  log: Logger;
  now: () => Date;
  config: GuildConfigCache;
  inflight: Inflight;
  /** Whether MESSAGE_CONTENT is requested (prefix commands and transcript content need it). */
  messageContent: boolean;
  /** The dashboard's public URL, for links (privacy centre). */
  publicUrl: string | undefined;
  caller(actor: Actor, requestId?: string): Caller;
}

export const SYSTEM: Actor = { kind: 'system' };

export function makeCallerFactory(discord: DiscordPort, log: Logger, now: () => Date) {
  return (actor: Actor, requestId?: string): Caller =>
    createCaller(createContext({ actor, discord, log, now, requestId }));
}
