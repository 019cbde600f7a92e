// The context every procedure receives: the resolved actor, the Discord port, a request id, the clock.
import { randomUUID } from 'node:crypto';
import type { Actor } from './actor.js';
import type { DiscordPort } from './discord/port.js';
import { env } from '@ticketbyte/db/env';
import { defaultLogger, type Logger } from './logger.js';

export interface Context {
  actor: Actor;
  discord: DiscordPort;
  requestId: string;
  /** The clock; tests replace it to drive auto-close and retention. */
  now: () => Date;
  log: Logger;
  /** Discord's HTTP API base, for calls made with a signed-in user's own OAuth token. */
  discordApiUrl: string;
  /** The application id (for invite links). */
  applicationId: string | null;
}

export interface ContextInput {
  actor: Actor;
  discord: DiscordPort;
  requestId?: string;
  now?: () => Date;
  log?: Logger;
  discordApiUrl?: string;
  applicationId?: string | null;
}

export function createContext(input: ContextInput): Context {
  return {
    actor: input.actor,
    discord: input.discord,
    requestId: input.requestId ?? randomUUID(),
    now: input.now ?? (() => new Date()),
    log: input.log ?? defaultLogger,
    discordApiUrl: input.discordApiUrl ?? env().DISCORD_API_URL,
    applicationId: input.applicationId ?? env().DISCORD_APPLICATION_ID ?? null,
  };
}
