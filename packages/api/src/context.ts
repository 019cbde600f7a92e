// The context every procedure receives: the resolved actor, the Discord port, a request id, the clock.
import { randomUUID } from 'node:crypto';
import type { Actor } from './actor.js';
import type { DiscordPort } from './discord/port.js';
import { type Logger, defaultLogger } from './logger.js';

export interface Context {
  actor: Actor;
  discord: DiscordPort;
  requestId: string;
  /** The clock; tests replace it to drive auto-close and retention. */
  now: () => Date;
  log: Logger;
}

export interface ContextInput {
  actor: Actor;
  discord: DiscordPort;
  requestId?: string;
  now?: () => Date;
  log?: Logger;
}

export function createContext(input: ContextInput): Context {
  return {
    actor: input.actor,
    discord: input.discord,
    requestId: input.requestId ?? randomUUID(),
    now: input.now ?? (() => new Date()),
    log: input.log ?? defaultLogger,
  };
}
