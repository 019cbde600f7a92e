// Which ticket a Discord channel belongs to. Every message in a ticket channel asks, so the answer
// is remembered: a channel belongs to at most one ticket in its life (a reopened ticket keeps its
// channel), and then the ticket is read by `_id`, which every MongoDB-compatible server answers
// from its primary key. A query by channel is answered from an index on MongoDB but by a scan of
// the collection on FerretDB v1; in a burst of 200 opens those scans, one per welcome message,
// held up the opens themselves by several seconds (measured with the bot's burst benchmark).
import { Ticket } from '@ticketbyte/db';
import type { TicketRecord } from './tickets.js';
import { TtlCache } from './ttl-cache.js';

/** channel id → ticket id; bounded, and a stale entry is noticed and dropped on its next use. */
const ticketIdByChannel = new TtlCache<string>(6 * 60 * 60_000, 20_000);

/** Channels whose ticket this process is opening right now (its welcome message is being posted). */
const openingHere = new Set<string>();

/** Called when a ticket gets its channel, before anything is posted in it. */
export function rememberTicketChannel(channelId: string, ticketId: string): void {
  ticketIdByChannel.set(channelId, ticketId);
  openingHere.add(channelId);
}

/** Called once the ticket is open, or its opening failed. */
export function ticketChannelSettled(channelId: string): void {
  openingHere.delete(channelId);
}

/**
 * Whether this process is still opening the channel's ticket: its own welcome message then needs no
 * query to learn that an opening ticket records nothing.
 */
export function isTicketChannelOpening(channelId: string): boolean {
  return openingHere.has(channelId);
}

/** The ticket whose channel this is (in any status, including `opening`), or null. */
export async function findTicketInChannel(guildId: string, channelId: string): Promise<TicketRecord | null> {
  const knownId = ticketIdByChannel.get(channelId);
  if (knownId) {
    const ticket = (await Ticket.findById(knownId).lean()) as TicketRecord | null;
    // An opening ticket records its channel only once the welcome message is posted.
    const channelOfTicket = ticket?.status === 'opening' ? channelId : ticket?.channelId;
    if (ticket && ticket.guildId === guildId && channelOfTicket === channelId) return ticket;
    // The channel was cleared (deleted by hand, or the ticket deleted): ask again below.
    ticketIdByChannel.delete(channelId);
  }
  const ticket = (await Ticket.findOne({ guildId, channelId }).lean()) as TicketRecord | null;
  if (ticket) ticketIdByChannel.set(channelId, ticket._id.toString());
  return ticket;
}
