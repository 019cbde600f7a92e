// One request from a member — a slash command, a click, a form, or a prefix command — with
// everything a handler needs, and the wrapper that turns any failure into a clear, referenced reply.
import type { Actor } from '@ticketbyte/api';
import { describeError, logFailure } from './errors.js';
import type { BotDeps, Caller } from './deps.js';
import type { Responder } from './respond.js';

export type BotMember = Extract<Actor, { kind: 'bot-member' }>;

export interface Invocation {
  deps: BotDeps;
  requestId: string;
  /** The interaction id, or the message id of a prefix command: the idempotency key of what it opens. */
  sourceId: string;
  /** What was used, for logs: `ticket-open`, `button:claim`, `prefix:new`… */
  name: string;
  actor: BotMember;
  guildId: string;
  channelId: string;
  /** The guild's catalog language. */
  locale: string;
  /** The router, called as this member. */
  api: Caller;
  respond: Responder;
}

/**
 * Runs a handler; on failure answers with the catalog message in the guild's language and the
 * request id, and logs the outcome (ids and codes only).
 */
export async function runInvocation(inv: Invocation, handler: () => Promise<void>): Promise<void> {
  const started = performance.now();
  try {
    await handler();
    inv.deps.log.info('bot.request', {
      requestId: inv.requestId,
      name: inv.name,
      guildId: inv.guildId,
      ms: Math.round(performance.now() - started),
      outcome: 'ok',
    });
  } catch (error) {
    const described = describeError(error, inv.locale, inv.requestId);
    logFailure(inv.deps.log, 'bot.request', inv.requestId, described, error, {
      name: inv.name,
      guildId: inv.guildId,
      ms: Math.round(performance.now() - started),
    });
    try {
      await inv.respond.reply({ content: described.text, components: [], embeds: [] });
    } catch (replyError) {
      inv.deps.log.error('bot.reply.failed', {
        requestId: inv.requestId,
        name: inv.name,
        error: (replyError as Error)?.name,
        discordCode: (replyError as { code?: unknown })?.code,
      });
    }
  }
}
