// Gateway behaviour through discord.js: resume with replay, refused resume → fresh IDENTIFY, intents,
// guild outage versus removal, member and channel events.
import { type Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../src/index';
import { connectBot, startTestEmulator } from './support/emulator';

let emu: Emulator;
let client: Client<true>;
const messages: Message[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
  client = await connectBot(emu);
  client.on(Events.MessageCreate, (m) => messages.push(m));
});
afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe('gateway sessions', () => {
  it('resumes a dropped connection and replays the events it missed', async () => {
    expect(emu.gateway.counters.identifies).toBe(1);
    emu.gateway.dropConnections();
    // Sent while the bot is disconnected: buffered, then replayed on RESUME.
    await emu.actions.sendMessage({
      channelId: DEMO.channels.general,
      userId: DEMO.users.alice,
      content: 'while you were away',
    });
    await emu.waitFor(() => messages.find((m) => m.content === 'while you were away'), { timeoutMs: 15_000 });
    expect(emu.gateway.counters.resumes).toBe(1);
    expect(emu.gateway.counters.identifies).toBe(1);
  });

  it('answers a refused RESUME with INVALID_SESSION, after which the client identifies afresh', async () => {
    emu.gateway.refuseNextResume();
    emu.gateway.dropConnections();
    await emu.waitFor(() => emu.gateway.counters.identifies === 2 && emu.gateway.connectionCount === 1, {
      timeoutMs: 20_000,
    });
    expect(emu.gateway.counters.invalidSessions).toBe(1);
    await emu.waitFor(() => client.ws.status === 0 || undefined, { timeoutMs: 10_000 });
    await emu.actions.sendMessage({
      channelId: DEMO.channels.general,
      userId: DEMO.users.bob,
      content: 'after re-identify',
    });
    await emu.waitFor(() => messages.find((m) => m.content === 'after re-identify'), { timeoutMs: 10_000 });
  });
});

describe('dispatches', () => {
  it('sends member add/remove, channel create/delete and role events', async () => {
    const added = new Promise((resolve) => client.once(Events.GuildMemberAdd, resolve));
    emu.actions.addMember(DEMO.guildId, DEMO.users.outsider);
    await added;
    const removed = new Promise<{ id: string }>((resolve) =>
      client.once(Events.GuildMemberRemove, (m) => resolve(m)),
    );
    emu.actions.removeMember(DEMO.guildId, DEMO.users.outsider);
    expect((await removed).id).toBe(DEMO.users.outsider);

    const channel = await client.guilds.cache.get(DEMO.guildId)!.channels.create({ name: 'temp' });
    await emu.waitFor(() => client.channels.cache.has(channel.id));
    const deleted = new Promise<{ id: string }>((resolve) =>
      client.once(Events.ChannelDelete, (c) => resolve(c)),
    );
    emu.state.deleteChannel(channel.id);
    expect((await deleted).id).toBe(channel.id);
  });

  it('tells an outage (unavailable) apart from a removal', async () => {
    const unavailable = new Promise<{ id: string }>((resolve) =>
      client.once(Events.GuildUnavailable, (g) => resolve(g)),
    );
    emu.actions.guildOutage(DEMO.guildId);
    expect((await unavailable).id).toBe(DEMO.guildId);
    const back = new Promise((resolve) => client.once(Events.GuildAvailable, resolve));
    emu.actions.guildOutageEnd(DEMO.guildId);
    await back;

    const removed = new Promise<{ id: string }>((resolve) =>
      client.once(Events.GuildDelete, (g) => resolve(g)),
    );
    emu.actions.removeBotFromGuild(DEMO.guildId);
    expect((await removed).id).toBe(DEMO.guildId);
    expect(client.guilds.cache.has(DEMO.guildId)).toBe(false);
    const joined = new Promise((resolve) => client.once(Events.GuildCreate, resolve));
    emu.actions.addBotToGuild(DEMO.guildId, [DEMO.roles.bot]);
    await joined;
    expect(client.guilds.cache.get(DEMO.guildId)?.members.me?.roles.cache.has(DEMO.roles.bot)).toBe(true);
  });

  it('withholds message content without the MessageContent intent', async () => {
    const limited = await connectBot(emu, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    try {
      const got = new Promise<Message>((resolve) => limited.once(Events.MessageCreate, resolve));
      await emu.actions.sendMessage({
        channelId: DEMO.channels.general,
        userId: DEMO.users.carol,
        content: 'secret',
      });
      const message = await got;
      expect(message.content).toBe('');
      const mention = new Promise<Message>((resolve) => limited.once(Events.MessageCreate, resolve));
      await emu.actions.sendMessage({
        channelId: DEMO.channels.general,
        userId: DEMO.users.carol,
        content: `<@${DEMO.botUserId}> hi`,
      });
      expect((await mention).content).toBe(`<@${DEMO.botUserId}> hi`);
      // Without GuildMembers, GUILD_CREATE carries only the bot itself.
      expect(limited.guilds.cache.get(DEMO.guildId)?.members.cache.has(DEMO.users.alice)).toBe(false);
    } finally {
      await limited.destroy();
    }
  });
});
