import { mongoose } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../src/services/background.js';
import { findTicketInChannel } from '../src/services/ticket-channels.js';
import { DEMO, type Harness, member, setUpDemoGuild, startHarness, system } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
});
afterAll(async () => {
  await h.stop();
});

const G = DEMO.guildId;

/** The queries `run` sends, as `collection.method filter`. */
async function queriesOf(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
    seen.push(`${collection}.${method} ${JSON.stringify(filter)}`);
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

describe('which ticket a channel belongs to', () => {
  it('is known from the moment the channel exists, is read by _id, and stays inside its guild', async () => {
    const { ticket } = await h
      .caller(member(h, DEMO.users.alice))
      .ticket.open({ guildId: G, openKey: '1400000000000000901' });
    await settleBackgroundWork();
    const channelId = ticket.channelId!;

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
    const { ticket } = await h
      .caller(member(h, DEMO.users.bob))
      .ticket.open({ guildId: G, openKey: '1400000000000000902' });
    await settleBackgroundWork();
    const channelId = ticket.channelId!;
    expect((await findTicketInChannel(G, channelId))?._id.toString()).toBe(ticket.id);

    // Deleted by hand (the bot reports CHANNEL_DELETE): the router closes the ticket and clears its channel.
    const { closed } = await h.caller(system).ticket.channelDeleted({ guildId: G, channelId });
    expect(closed).toBe(true);
    await settleBackgroundWork();
    expect(await findTicketInChannel(G, channelId)).toBeNull();
  });
});
