// How handlers name the ticket they act on: buttons carry its id, commands mean "this channel".
import type { Invocation } from './invocation.js';

export type TicketRef = { guildId: string; ticketId: string } | { guildId: string; channelId: string };

export function thisChannel(inv: Invocation): TicketRef {
  return { guildId: inv.guildId, channelId: inv.channelId };
}

export function byId(inv: Invocation, ticketId: string): TicketRef {
  return { guildId: inv.guildId, ticketId };
}
