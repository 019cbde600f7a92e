// Start-up (identify, command registration, seeded guilds, demo mode) and gateway events: guild
// join, removal vs. outage, a ticket channel deleted by hand, a member leaving, a dropped gateway.
import { Guild, Panel, Ticket, TicketCategory } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBodies } from '../src/registry.js';
import { registerCommands } from '../src/lib/register-commands.js';
import { DEMO, type Harness, outcome, slash, startHarness, EVENT_CEILING_MS } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: { demo: true } });
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.error(h.logs.lines.join('\n'));
  await h?.stop();
});

describe('start-up', () => {
  it('identifies, receives the seeded guilds and registers every command globally', async () => {
    expect(h.bot.client.isReady()).toBe(true);
    expect(h.bot.client.guilds.cache.has(DEMO.guildId)).toBe(true);
    const names = h.emu.inspect
      .commands()
      .map((c) => c.name)
      .sort();
    expect(names).toEqual(['blacklist', 'help', 'privacy', 'setup', 'stats', 'ticket']);
    const ticket = h.emu.inspect.commands().find((c) => c.name === 'ticket')!;
    expect(ticket.description_localizations?.de).toBe('Tickets eröffnen und verwalten');
  });

  it('on restart, guilds joined while offline (or removed earlier) get settings; known ones are left alone', async () => {
    await h.bot.synced;
    const demoBefore = await Guild.findOne({ guildId: DEMO.guildId }).lean();
    await h.bot.stop(); // offline: the joins below reach no one
    const offline = h.emu.actions.createGuild({ name: 'Joined while offline', ownerId: DEMO.users.admin });
    const removed = h.emu.actions.createGuild({ name: 'Removed earlier', ownerId: DEMO.users.admin });
    await Guild.create({ guildId: removed.id, name: 'Removed earlier', removedAt: new Date('2026-11-01') });
    const bot = await h.restartBot({ demo: true });
    expect(await bot.synced).toBe(2);
    expect(await Guild.findOne({ guildId: offline.id }).lean()).toMatchObject({
      name: 'Joined while offline',
      removedAt: null,
    });
    expect((await Guild.findOne({ guildId: removed.id }).lean())?.removedAt).toBeNull();
    expect((await Guild.findOne({ guildId: DEMO.guildId }).lean())?.updatedAt).toEqual(demoBefore?.updatedAt);
  });

  it('registration is idempotent: unchanged commands are not overwritten', async () => {
    const client = h.bot.client;
    expect(await registerCommands(client.rest, client.application!.id, commandBodies())).toBe('unchanged');
    expect(h.emu.stats().byRoute['PUT /applications/:application_id/commands'] ?? 0).toBe(1);
  });

  it('demo mode prepares the demo guild once: staff, log channel, categories with questions, panel', async () => {
    const settings = await Guild.findOne({ guildId: DEMO.guildId }).lean();
    expect(settings).toMatchObject({
      staffRoleIds: [DEMO.roles.support],
      logChannelId: DEMO.channels.ticketLogs,
      ticketParentChannelId: DEMO.channels.ticketsCategory,
      transcriptsEnabled: true,
    });
    const categories = await TicketCategory.find({ guildId: DEMO.guildId }).sort({ position: 1 }).lean();
    expect(categories.map((c) => c.name).sort()).toEqual(['Billing', 'General']);
    expect(categories.find((c) => c.name === 'Billing')?.questions.map((q) => q.questionId)).toContain(
      'order',
    );
    const panelMessages = h.emu.inspect
      .messages(DEMO.channels.support)
      .filter((m) => m.embeds[0]?.title === 'Need help?');
    expect(panelMessages).toHaveLength(1);
    expect(panelMessages[0]?.embeds[0]?.description).toContain('transcripts are ON');

    await h.restartBot({ demo: true });
    expect(await Panel.countDocuments({ guildId: DEMO.guildId })).toBe(1);
    expect(
      h.emu.inspect.messages(DEMO.channels.support).filter((m) => m.embeds[0]?.title === 'Need help?'),
    ).toHaveLength(1);
  });

  it('prints nothing with message content and answers /help', async () => {
    const help = await slash(h, DEMO.users.alice, 'help', undefined);
    expect(help.ephemeral).toBe(true);
    expect(help.embeds[0]?.title).toBe('TicketByte');
    expect(JSON.stringify(help.embeds)).toContain('!new');
  });
});

describe('gateway events', () => {
  it('a guild the bot joins gets settings with defaults; removal marks it, an outage does not', async () => {
    // (The emulator's input type names only id, name and owner; its schema accepts the rest.)
    const input = {
      id: '1390000000000000001',
      name: 'Second Server',
      ownerId: DEMO.users.bob,
      members: [{ userId: DEMO.users.bob }],
      bot: { present: false },
    };
    const guild = h.emu.actions.createGuild(input);
    h.emu.actions.addBotToGuild(guild.id);
    const joined = await h.emu.waitFor(() => Guild.findOne({ guildId: guild.id }).lean(), {
      timeoutMs: EVENT_CEILING_MS,
    });
    expect(joined).toMatchObject({
      name: 'Second Server',
      prefix: '!',
      transcriptsEnabled: false,
      removedAt: null,
    });

    h.emu.actions.guildOutage(guild.id);
    await h.emu.waitFor(() => h.bot.client.guilds.cache.get(guild.id)?.available === false, {
      timeoutMs: EVENT_CEILING_MS,
    });
    // Whatever the bot started on the outage event has finished: it did not mark the guild removed.
    await h.bot.deps.inflight.idle();
    expect((await Guild.findOne({ guildId: guild.id }).lean())?.removedAt).toBeNull();
    h.emu.actions.guildOutageEnd(guild.id);
    await h.emu.waitFor(() => h.bot.client.guilds.cache.get(guild.id)?.available === true, {
      timeoutMs: EVENT_CEILING_MS,
    });

    h.emu.actions.removeBotFromGuild(guild.id);
    const removed = await h.emu.waitFor(
      async () => (await Guild.findOne({ guildId: guild.id }).lean())?.removedAt ?? null,
      { timeoutMs: EVENT_CEILING_MS },
    );
    expect(removed).toBeInstanceOf(Date);
  });

  it('a ticket channel deleted by hand closes its ticket', async () => {
    const opened = await slash(h, DEMO.users.bob, 'ticket', 'open', { category: 'Billing' });
    expect(opened.modal?.title).toContain('Billing');
    const form = await h.emu.actions.submitModal({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.support,
      userId: DEMO.users.bob,
      customId: opened.modal!.customId,
      fields: { order: 'B-77', details: '' },
    });
    const done = await outcome(h, form);
    const channelId = /<#(\d+)>/.exec(done.content)?.[1];
    expect(channelId).toBeDefined();
    await h.bot.client.rest.delete(`/channels/${channelId}`);
    const ticket = await h.emu.waitFor(
      async () => {
        const t = await Ticket.findOne({ guildId: DEMO.guildId, openerId: DEMO.users.bob }).lean();
        return t?.status === 'closed' ? t : undefined;
      },
      { timeoutMs: EVENT_CEILING_MS },
    );
    expect(ticket.closeReason).toBe('Channel deleted');
  });

  it('after the gateway connection drops, the bot resumes and answers the next interaction', async () => {
    const resumedBefore = h.emu.gateway.counters.resumes ?? 0;
    h.emu.gateway.dropConnections();
    await h.emu.waitFor(() => (h.emu.gateway.counters.resumes ?? 0) > resumedBefore, {
      timeoutMs: EVENT_CEILING_MS,
    });
    const help = await slash(h, DEMO.users.carol, 'help', undefined);
    expect(help.embeds[0]?.title).toBe('TicketByte');
  });
});
