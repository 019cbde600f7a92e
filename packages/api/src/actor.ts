// Who is calling. Resolved once per call by the caller's front-end and carried in the context;
// procedures declare which actors may call them, and nothing downstream re-derives identity.
import type { ApiTokenScope } from '@ticketbyte/db';

export type Actor =
  | { kind: 'anonymous' }
  /** A person signed in to the dashboard (a Lucia session). Guild roles come from Discord. */
  | { kind: 'user'; userId: string; sessionId?: string }
  /** A guild member acting through the bot: facts Discord signed in the interaction. */
  | {
      kind: 'bot-member';
      userId: string;
      username: string;
      guildId: string;
      channelId: string | null;
      roleIds: string[];
      /** The member's computed guild permissions, as Discord sends them. */
      permissions: bigint;
      isOwner?: boolean;
      locale?: string;
    }
  /** An internal tool holding an API token. */
  | { kind: 'api-token'; tokenId: string; scopes: ApiTokenScope[]; guildIds: string[] }
  /** TicketByte itself: sweeps and event handlers with no person behind them. */
  | { kind: 'system' };

export type ActorKind = Actor['kind'];

/** The id written to the audit log for an actor. */
export function actorAuditId(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
    case 'bot-member':
      return actor.userId;
    case 'api-token':
      return `token:${actor.tokenId}`;
    case 'system':
      return 'system';
    case 'anonymous':
      return 'anonymous';
  }
}

/** The Discord user behind an actor, when there is one. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' || actor.kind === 'bot-member' ? actor.userId : null;
}
