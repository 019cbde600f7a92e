// When Discord fails a call the outcome is consistent: no ticket without its channel, no channel
// without its ticket, the member's slot is free again, and the caller gets a clear message.
import { OpenTicketSlot, Ticket } from '@ticketbyte/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, member, setUpDemoGuild, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ restTimeoutMs: 1_000 });
  await setUpDemoGuild(h);
});
afterEach(() => h.emu.faults.clear());
afterAll(() => h.stop());

const G = DEMO.guildId;

async function expectNothingLeft(openKey: string, channelsBefore: number) {
  expect(await Ticket.countDocuments({ openKey: `${G}:${openKey}` })).toBe(0);
  expect(await OpenTicketSlot.countDocuments({ ticketKey: `${G}:${openKey}` })).toBe(0);
  expect(h.emu.inspect.channels(G).length).toBe(channelsBefore);
}

describe('Discord failures while opening a ticket', () => {
  it('500s on channel creation: a clear error and nothing half-made', async () => {
    const before = h.emu.inspect.channels(G).length;
    h.emu.faults.add({ method: 'POST', route: '/guilds/:id/channels', status: 500 });
    await expect(
      h.caller(member(h, DEMO.users.bob)).ticket.open({ guildId: G, openKey: 'fail-500' }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Discord did not answer in time. Nothing was changed; please try again.',
    });
    await expectNothingLeft('fail-500', before);
  });

  it('the welcome message cannot be sent: the new channel is removed again', async () => {
    const before = h.emu.inspect.channels(G).length;
    h.emu.faults.add({ method: 'POST', route: /^\/channels\/\d+\/messages$/, status: 500 });
    await expect(
      h.caller(member(h, DEMO.users.bob)).ticket.open({ guildId: G, openKey: 'fail-message' }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    await expectNothingLeft('fail-message', before);
  });

  it('Discord hangs on channel creation: the call times out cleanly', async () => {
    const before = h.emu.inspect.channels(G).length;
    h.emu.faults.add({ method: 'POST', route: '/guilds/:id/channels', hang: true });
    await expect(
      h.caller(member(h, DEMO.users.bob)).ticket.open({ guildId: G, openKey: 'fail-hang' }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    await expectNothingLeft('fail-hang', before);
  });

  it('a 429 on channel creation is waited out and the ticket opens', async () => {
    h.emu.faults.add({
      method: 'POST',
      route: '/guilds/:id/channels',
      status: 429,
      retryAfterSeconds: 0.3,
      times: 1,
    });
    const started = Date.now();
    const opened = await h
      .caller(member(h, DEMO.users.bob))
      .ticket.open({ guildId: G, openKey: 'ratelimited' });
    expect(opened.ticket.status).toBe('open');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('the bot lacks Manage Channels: the message names the missing permission', async () => {
    const before = h.emu.inspect.channels(G).length;
    const botRoles = h.emu.inspect.member(G, DEMO.botUserId)?.roles ?? [];
    h.emu.actions.setMemberRoles(G, DEMO.botUserId, []);
    try {
      await expect(
        h.caller(member(h, DEMO.users.bob)).ticket.open({ guildId: G, openKey: 'no-perms' }),
      ).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message:
          'TicketByte is missing the Manage Channels permission. Ask an admin to grant it, then try again.',
      });
      await expectNothingLeft('no-perms', before);
    } finally {
      h.emu.actions.setMemberRoles(G, DEMO.botUserId, [...botRoles]);
    }
  });
});
