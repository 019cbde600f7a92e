// Prefix commands (`!new`, `!close`, …) with the guild's configured prefix. They reuse the slash
// commands' handlers; they need the Message Content intent (without it Discord sends no text).
import { showHelp } from '../actions/help.js';
import * as tickets from '../actions/tickets.js';
import type { PrefixCommand } from '../lib/definitions.js';
import { thisChannel } from '../lib/ticket-ref.js';

/** `<@123>`, `<@!123>` or a bare id. */
export function memberIdFrom(args: string): string | null {
  const match = /^\s*(?:<@!?(\d{15,22})>|(\d{15,22}))/.exec(args);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

export const prefixCommands: PrefixCommand[] = [
  {
    name: 'new',
    analyticsName: 'ticket-open',
    execute: (inv, args) => tickets.beginOpen(inv, { topic: args.trim() || undefined }),
  },
  {
    name: 'close',
    analyticsName: 'ticket-close',
    execute: (inv, args) => tickets.closeTicket(inv, thisChannel(inv), args.trim() || undefined),
  },
  {
    name: 'claim',
    analyticsName: 'ticket-claim',
    execute: (inv) => tickets.claimTicket(inv, thisChannel(inv)),
  },
  {
    name: 'add',
    analyticsName: 'ticket-add',
    execute: async (inv, args) => {
      const memberId = memberIdFrom(args);
      if (!memberId) return showUsage(inv, 'add');
      await tickets.addMember(inv, thisChannel(inv), memberId);
    },
  },
  {
    name: 'remove',
    analyticsName: 'ticket-remove',
    execute: async (inv, args) => {
      const memberId = memberIdFrom(args);
      if (!memberId) return showUsage(inv, 'remove');
      await tickets.removeMember(inv, thisChannel(inv), memberId);
    },
  },
  { name: 'help', analyticsName: 'help', execute: (inv) => showHelp(inv) },
];

async function showUsage(inv: Parameters<PrefixCommand['execute']>[0], _command: string): Promise<void> {
  await showHelp(inv);
}

const byName = new Map(prefixCommands.map((c) => [c.name, c]));

/** Splits `!add @bob` into the command and its arguments, or null when it is not one of ours. */
export function parsePrefixCommand(
  content: string,
  prefix: string,
): { command: PrefixCommand; args: string } | null {
  if (!content.startsWith(prefix)) return null;
  const rest = content.slice(prefix.length);
  const match = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  if (!match) return null;
  const command = byName.get(match[1]!.toLowerCase());
  return command ? { command, args: match[2] ?? '' } : null;
}
