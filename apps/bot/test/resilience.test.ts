// Concurrency, failures and restarts: a double-clicked panel button, 50 members opening at once,
// Discord answering 429/500 (and a missing permission), auto-close across a restart of the bot,
// and a gateway session that cannot be resumed.
import { PermissionFlagsBits } from 'discord.js';
import { Ticket } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/lib/deps.js';
import { DEMO, findButton, type Harness, outcome, slash, startHarness, EVENT_CEILING_MS } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await slash(h, DEMO.users.admin, 'setup', undefined, {
    'staff-role': DEMO.roles.support,
    'log-channel': DEMO.channels.ticketLogs,
    'ticket-category': DEMO.channels.ticketsCategory,
  });
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.error(h.logs.lines.join('\n'));
  await h?.stop();
});

const G = DEMO.guildId;
const support = DEMO.channels.support;

async function closeAllOf(userId: string) {
  for (const t of await Ticket.find({ guildId: G, openerId: userId, status: 'open' }).lean()) {
    await h.bot.deps.caller(SYSTEM).ticket.close({ guildId: G, ticketId: t._id.toString() });
  }
}

describe('concurrency', () => {
  it('a double-clicked panel button opens one ticket', async () => {
    const button = findButton(h, support, 'tb:open:v1:')!;
    const input = { guildId: G, channelId: support, userId: DEMO.users.alice, ...button };
    const [a, b] = await Promise.all([h.emu.actions.clickButton(input), h.emu.actions.clickButton(input)]);
    const [ra, rb] = await Promise.all([outcome(h, a), outcome(h, b)]);
    expect(ra.content).toMatch(/^Your ticket is open: <#\d+>$/);
    expect(rb.content).toBe(ra.content);
    expect(await Ticket.countDocuments({ guildId: G, openerId: DEMO.users.alice })).toBe(1);
    await closeAllOf(DEMO.users.alice);
  });

  it('50 members opening at once each get their own ticket, numbered without gaps', async () => {
    const users = Array.from({ length: 50 }, (_, i) => {
      const id = `13500000000000${String(i).padStart(5, '0')}`;
      h.emu.actions.createUser({ id, username: `member${i}` });
      h.emu.actions.addMember(G, id);
      return id;
    });
    const before = (await Ticket.find({ guildId: G }).sort({ number: -1 }).limit(1).lean())[0]?.number ?? 0;
    const button = findButton(h, support, 'tb:open:v1:')!;
    const handles = await Promise.all(
      users.map((userId) => h.emu.actions.clickButton({ guildId: G, channelId: support, userId, ...button })),
    );
    const results = await Promise.all(handles.map((x) => outcome(h, x)));
    for (const r of results) {
      expect(r.content).toMatch(/^Your ticket is open: <#\d+>$/);
      expect(r.ackMs).toBeLessThan(3000);
    }
    expect(new Set(results.map((r) => r.content)).size).toBe(50);
    const tickets = await Ticket.find({ guildId: G, openerId: { $in: users } }).lean();
    expect(new Set(tickets.map((t) => t.openerId)).size).toBe(50);
    expect(tickets.map((t) => t.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => before + i + 1),
    );
  });
});

describe('Discord failing', () => {
  it('a 500 on channel creation and a 429 on the welcome message: retried, the member still gets the ticket', async () => {
    const serverError = h.emu.faults.add({
      method: 'POST',
      route: '/guilds/:id/channels',
      status: 500,
      times: 1,
    });
    const rateLimited = h.emu.faults.add({
      method: 'POST',
      route: '/channels/:id/messages',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    try {
      const r = await slash(h, DEMO.users.bob, 'ticket', 'open', { topic: 'flaky' });
      expect(r.content).toMatch(/^Your ticket is open: <#\d+>$/);
      expect(r.ackMs).toBeLessThan(3000);
      expect(serverError.hits).toBe(1);
      expect(rateLimited.hits).toBe(1);
    } finally {
      await closeAllOf(DEMO.users.bob);
    }
  });

  it('a 429 on the interaction callback itself is waited out within the 3 seconds', async () => {
    h.emu.faults.add({
      method: 'POST',
      route: /^\/interactions\/\d+\/[^/]+\/callback/,
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const r = await slash(h, DEMO.users.carol, 'help', undefined);
    expect(r.embeds[0]?.title).toBe('TicketByte');
    expect(r.ackMs).toBeLessThan(3000);
  });

  it('Discord failing for good: a clear message with a reference id, and nothing half-made', async () => {
    const fault = h.emu.faults.add({ method: 'POST', route: '/guilds/:id/channels', status: 500 });
    try {
      const r = await slash(h, DEMO.users.bob, 'ticket', 'open', {});
      expect(r.content).toMatch(/^Discord did not answer in time\. Nothing was changed; please try again\./);
      const reference = /Reference: ([0-9a-f-]{36})/.exec(r.content)?.[1];
      expect(reference).toBeDefined();
      expect(h.logs.lines.some((l) => l.includes(reference!))).toBe(true);
    } finally {
      fault.remove();
    }
    expect(
      await Ticket.countDocuments({ guildId: G, openerId: DEMO.users.bob, status: { $ne: 'closed' } }),
    ).toBe(0);
  });

  it('a missing bot permission is named in the answer', async () => {
    const role = h.emu.state.guilds.get(G)!.roles.get(DEMO.roles.bot)!;
    const saved = role.permissions;
    role.permissions = (BigInt(saved) & ~PermissionFlagsBits.ManageChannels).toString();
    try {
      const r = await slash(h, DEMO.users.bob, 'ticket', 'open', {});
      expect(r.content).toMatch(
        /^TicketByte is missing the Manage Channels permission\. Ask an admin to grant it/,
      );
    } finally {
      role.permissions = saved;
    }
  });
});

describe('restarts and the gateway', () => {
  it('auto-close warns, survives a restart of the bot, and closes on time', async () => {
    const t0 = new Date();
    h.clock.now = t0;
    await h.bot.deps.caller(SYSTEM).config.update({ guildId: G, autoCloseAfterHours: 4 });
    const opened = await slash(h, DEMO.users.carol, 'ticket', 'open', { topic: 'quiet' });
    const channelId = /<#(\d+)>/.exec(opened.content)![1]!;

    h.clock.now = new Date(t0.getTime() + 3 * 3_600_000 + 60_000);
    // (The 50 tickets of the test above are as quiet as this one.)
    expect((await h.bot.sweepNow())?.warned).toBeGreaterThanOrEqual(1);
    expect(h.emu.inspect.messages(channelId).at(-1)?.embeds[0]?.description).toContain(
      'will close automatically',
    );

    await h.restartBot({ sweepIntervalMs: 200 });
    h.clock.now = new Date(t0.getTime() + 4 * 3_600_000 + 120_000);
    const closed = await h.emu.waitFor(
      async () => {
        const t = await Ticket.findOne({ channelId }).lean();
        return t?.status === 'closed' ? t : undefined;
      },
      { timeoutMs: EVENT_CEILING_MS },
    );
    expect(closed.closeReason).toBe('Inactive for 4 hours');
    h.clock.now = null;
    await h.bot.deps.caller(SYSTEM).config.update({ guildId: G, autoCloseAfterHours: null });
  });

  it('a session that cannot be resumed is re-identified and the next interaction is handled', async () => {
    const identifies = h.emu.gateway.counters.identifies;
    h.emu.gateway.refuseNextResume();
    h.emu.gateway.dropConnections();
    await h.emu.waitFor(() => h.emu.gateway.counters.identifies > identifies, {
      timeoutMs: EVENT_CEILING_MS,
    });
    const r = await slash(h, DEMO.users.carol, 'help', undefined);
    expect(r.embeds[0]?.title).toBe('TicketByte');
  });
});
