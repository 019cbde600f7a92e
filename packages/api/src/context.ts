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
  /** OAuth2 client credentials, to revoke a person's Discord grant when they delete their data. */
  oauthClient: OAuthClientConfig | null;
}

export interface OAuthClientConfig {
  revokeUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface ContextInput {
  actor: Actor;
  discord: DiscordPort;
  requestId?: string;
  now?: () => Date;
  log?: Logger;
  discordApiUrl?: string;
  applicationId?: string | null;
  oauthClient?: OAuthClientConfig | null;
}

function oauthClientFromEnv(): OAuthClientConfig | null {
  const e = env();
  if (!e.DISCORD_APPLICATION_ID || !e.DISCORD_CLIENT_SECRET) return null;
  return {
    revokeUrl: e.DISCORD_OAUTH_REVOKE_URL,
    clientId: e.DISCORD_APPLICATION_ID,
    clientSecret: e.DISCORD_CLIENT_SECRET,
  };
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
    oauthClient: input.oauthClient === undefined ? oauthClientFromEnv() : input.oauthClient,
  };
}
