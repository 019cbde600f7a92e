import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../src/services/background.js';
import { findTicketInChannel, isTicketChannelOpening } from '../src/services/ticket-channels.js';
import {
  DEMO,
  databaseQueries,
  type Harness,
  member,
  setUpDemoGuild,
  startHarness,
  system,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
});
afterAll(async () => {
  await h.stop();
});

const G = DEMO.guildId;

/** Opens a ticket as `userId` and waits for its side effects; returns the ticket and its channel. */
async function openAs(userId: string, openKey: string) {
  const { ticket } = await h.caller(member(h, userId)).ticket.open({ guildId: G, openKey });
  await settleBackgroundWork();
  return { ticket, channelId: ticket.channelId! };
}

/** The queries `run` sends, as `collection.method filter`. */
async function queriesOf(run: () => Promise<unknown>): Promise<string[]> {
  return (await databaseQueries(run)).map((q) => `${q.collection}.${q.method} ${JSON.stringify(q.filter)}`);
}

describe('which ticket a channel belongs to', () => {
  it('is known from the moment the channel exists, is read by _id, and stays inside its guild', async () => {
    const { ticket, channelId } = await openAs(DEMO.users.alice, '1400000000000000901');

    let found: Awaited<ReturnType<typeof findTicketInChannel>> = null;
    const queries = await queriesOf(async () => {
      found = await findTicketInChannel(G, channelId);
    });
    expect(found!._id.toString()).toBe(ticket.id);
    // One query, by primary key: FerretDB would scan the collection for a query by channel.
    expect(queries).toEqual([`tickets.findOne ${JSON.stringify({ _id: ticket.id })}`]);

    // The same channel id asked for from another guild is not that guild's ticket.
    expect(await findTicketInChannel('1490000000000000001', channelId)).toBeNull();
  });

  it('forgets a channel once its ticket no longer has it', async () => {
    const { ticket, channelId } = await openAs(DEMO.users.bob, '1400000000000000902');
    expect((await findTicketInChannel(G, channelId))?._id.toString()).toBe(ticket.id);

    // Deleted by hand (the bot reports CHANNEL_DELETE): the router closes the ticket and clears its channel.
    const { closed } = await h.caller(system).ticket.channelDeleted({ guildId: G, channelId });
    expect(closed).toBe(true);
    await settleBackgroundWork();
    expect(await findTicketInChannel(G, channelId)).toBeNull();
  });

  it('while its ticket is opening, a message in the channel (the welcome) is answered without a query', async () => {
    // The welcome message never gets an answer, so the open stays in progress until it times out.
    const fault = h.emu.faults.add({ method: 'POST', route: '/channels/:id/messages', hang: true });
    const opening = h
      .caller(member(h, DEMO.users.alice))
      .ticket.open({ guildId: G, openKey: '1400000000000000903' })
      .catch((error: Error) => error);
    try {
      const channel = await h.emu.waitFor(() =>
        h.emu.inspect.channels(G).find((c) => isTicketChannelOpening(c.id)),
      );
      let result: unknown;
      const queries = await queriesOf(async () => {
        result = await h.caller(system).ticket.recordMessage({
          guildId: G,
          channelId: channel.id,
          messageId: '1400000000000000904',
          authorId: DEMO.users.alice,
          authorName: 'alice',
          content: 'hello',
          sentAt: new Date(),
        });
      });
      expect(result).toEqual({ ticketId: null, stored: false });
      expect(queries.filter((q) => q.startsWith('tickets.'))).toEqual([]);
      // The open fails cleanly (Discord did not answer) and the channel is no longer "opening".
      expect(await opening).toBeInstanceOf(Error);
    } finally {
      fault.remove();
    }
    await settleBackgroundWork();
    expect(h.emu.inspect.channels(G).some((c) => isTicketChannelOpening(c.id))).toBe(false);
  });
});
