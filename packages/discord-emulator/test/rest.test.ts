// REST routes through @discordjs/rest with the bot token: channels, overwrites, messages, members, roles,
// DMs, commands, errors and permissions (visibility and 50013).
import { DiscordAPIError, REST } from '@discordjs/rest';
import {
  type APIChannel,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  ChannelType,
  OverwriteType,
  PermissionFlagsBits as P,
  Routes,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator, type Seed, demoSeed } from '../src/index';
import { startTestEmulator } from './support/emulator';

let emu: Emulator;
let rest: REST;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
  rest = new REST({ api: emu.restUrl }).setToken(emu.seed.bot.token);
});
afterAll(() => emu?.close());

async function discordError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('expected a Discord API error');
}

async function createTicketChannel(name: string, openerId: string): Promise<APIChannel> {
  return (await rest.post(Routes.guildChannels(DEMO.guildId), {
    body: {
      name,
      type: ChannelType.GuildText,
      parent_id: DEMO.channels.ticketsCategory,
      permission_overwrites: [
        { id: DEMO.guildId, type: OverwriteType.Role, deny: String(P.ViewChannel) },
        { id: openerId, type: OverwriteType.Member, allow: String(P.ViewChannel | P.SendMessages) },
        { id: DEMO.roles.support, type: OverwriteType.Role, allow: String(P.ViewChannel) },
        {
          id: DEMO.botUserId,
          type: OverwriteType.Member,
          allow: String(P.ViewChannel | P.SendMessages | P.AttachFiles),
        },
      ],
    },
  })) as APIChannel;
}

describe('channels and overwrites', () => {
  it('creates a ticket channel whose overwrites give the right visibility', async () => {
    const channel = await createTicketChannel('Ticket 0001', DEMO.users.alice);
    expect(channel).toMatchObject({ name: 'ticket-0001', parent_id: DEMO.channels.ticketsCategory, type: 0 });
    expect(emu.inspect.canView(DEMO.users.alice, channel.id)).toBe(true);
    expect(emu.inspect.canView(DEMO.users.staff, channel.id)).toBe(true);
    expect(emu.inspect.canView(DEMO.users.admin, channel.id)).toBe(true); // administrator
    expect(emu.inspect.canView(DEMO.users.bob, channel.id)).toBe(false);
    expect(emu.inspect.canView(DEMO.users.outsider, channel.id)).toBe(false);

    // Add bob, then remove alice.
    await rest.put(Routes.channelPermission(channel.id, DEMO.users.bob), {
      body: { type: OverwriteType.Member, allow: String(P.ViewChannel), deny: '0' },
    });
    expect(emu.inspect.canView(DEMO.users.bob, channel.id)).toBe(true);
    await rest.delete(Routes.channelPermission(channel.id, DEMO.users.alice));
    expect(emu.inspect.canView(DEMO.users.alice, channel.id)).toBe(false);
    expect(emu.inspect.overwrites(channel.id).map((o) => o.id)).not.toContain(DEMO.users.alice);

    const listed = (await rest.get(Routes.guildChannels(DEMO.guildId))) as APIChannel[];
    expect(listed.some((c) => c.id === channel.id)).toBe(true);
    const edited = (await rest.patch(Routes.channel(channel.id), {
      body: { name: 'closed-0001', topic: 'closed' },
    })) as APIChannel;
    expect(edited).toMatchObject({ name: 'closed-0001', topic: 'closed' });
    const got = (await rest.get(Routes.channel(channel.id))) as APIChannel;
    expect(got.name).toBe('closed-0001');
    await rest.delete(Routes.channel(channel.id));
    const gone = await discordError(rest.get(Routes.channel(channel.id)));
    expect(gone.code).toBe(10003);
    expect(gone.status).toBe(404);
  });

  it('returns 50013 when the bot lacks a permission and 50001 when it cannot see a channel', async () => {
    const seed: Seed = structuredClone(demoSeed);
    seed.guilds![0]!.bot = {
      present: true,
      roleName: 'TicketByte',
      permissions: String(P.ViewChannel | P.SendMessages),
    };
    const weak = await startTestEmulator({ seed });
    try {
      const weakRest = new REST({ api: weak.restUrl }).setToken(weak.seed.bot.token);
      const error = await discordError(
        weakRest.post(Routes.guildChannels(DEMO.guildId), { body: { name: 'x' } }),
      );
      expect(error.code).toBe(50013);
      expect(error.status).toBe(403);
      const hidden = await discordError(
        weakRest.post(Routes.channelMessages(DEMO.channels.ticketLogs), { body: { content: 'x' } }),
      );
      expect(hidden.code).toBe(50001);
      const overwrite = await discordError(
        weakRest.put(Routes.channelPermission(DEMO.channels.general, DEMO.users.bob), {
          body: { type: OverwriteType.Member, allow: String(P.ViewChannel) },
        }),
      );
      expect(overwrite.code).toBe(50013);
    } finally {
      await weak.close();
    }
  });

  it('does not let the bot grant permissions it does not hold', async () => {
    const error = await discordError(
      rest.post(Routes.guildChannels(DEMO.guildId), {
        body: {
          name: 'x',
          permission_overwrites: [{ id: DEMO.users.bob, type: 1, allow: String(P.Administrator) }],
        },
      }),
    );
    expect(error.code).toBe(50013);
  });

  it('validates bodies with 50035 and unknown ids with 10003', async () => {
    const invalid = await discordError(rest.post(Routes.guildChannels(DEMO.guildId), { body: { name: '' } }));
    expect(invalid.code).toBe(50035);
    const unknown = await discordError(rest.get(Routes.channel('123456789012345678')));
    expect(unknown.code).toBe(10003);
  });
});

describe('messages', () => {
  it('posts, edits, lists with pagination, bulk deletes and deletes messages', async () => {
    const channel = DEMO.channels.general;
    const sent: APIMessage[] = [];
    for (let i = 0; i < 7; i++) {
      sent.push(
        (await rest.post(Routes.channelMessages(channel), { body: { content: `m${i}` } })) as APIMessage,
      );
    }
    const edited = (await rest.patch(Routes.channelMessage(channel, sent[0]!.id), {
      body: { content: 'm0 edited', embeds: [{ title: 'T', fields: [{ name: 'a', value: 'b' }] }] },
    })) as APIMessage;
    expect(edited.content).toBe('m0 edited');
    expect(edited.edited_timestamp).not.toBeNull();

    const latest = (await rest.get(Routes.channelMessages(channel), {
      query: new URLSearchParams({ limit: '3' }),
    })) as APIMessage[];
    expect(latest.map((m) => m.content)).toEqual(['m6', 'm5', 'm4']);
    const before = (await rest.get(Routes.channelMessages(channel), {
      query: new URLSearchParams({ limit: '2', before: sent[4]!.id }),
    })) as APIMessage[];
    expect(before.map((m) => m.content)).toEqual(['m3', 'm2']);
    const after = (await rest.get(Routes.channelMessages(channel), {
      query: new URLSearchParams({ limit: '2', after: sent[1]!.id }),
    })) as APIMessage[];
    expect(after.map((m) => m.content)).toEqual(['m3', 'm2']);
    const one = (await rest.get(Routes.channelMessage(channel, sent[2]!.id))) as APIMessage;
    expect(one.content).toBe('m2');

    await rest.post(Routes.channelBulkDelete(channel), { body: { messages: [sent[5]!.id, sent[6]!.id] } });
    await rest.delete(Routes.channelMessage(channel, sent[4]!.id));
    const rest3 = emu.inspect.messages(channel).map((m) => m.content);
    expect(rest3).not.toContain('m4');
    expect(rest3).not.toContain('m6');
    const empty = await discordError(rest.post(Routes.channelMessages(channel), { body: { content: '' } }));
    expect(empty.code).toBe(50006);
  });

  it('uploads attachments with multipart bodies', async () => {
    const message = (await rest.post(Routes.channelMessages(DEMO.channels.ticketLogs), {
      body: { content: 'Transcript', attachments: [{ id: '0', description: 'HTML transcript' }] },
      files: [{ name: 'transcript-1.html', data: Buffer.from('<p>hi</p>'), contentType: 'text/html' }],
    })) as APIMessage;
    expect(message.attachments[0]).toMatchObject({
      filename: 'transcript-1.html',
      size: 9,
      content_type: 'text/html',
    });
    const res = await fetch(message.attachments[0]!.url);
    expect(await res.text()).toBe('<p>hi</p>');
  });

  it('edits a user message only to suppress embeds, and refuses content edits (50005)', async () => {
    const mine = await emu.actions.sendMessage({
      channelId: DEMO.channels.general,
      userId: DEMO.users.bob,
      content: 'hello',
    });
    const error = await discordError(
      rest.patch(Routes.channelMessage(DEMO.channels.general, mine.id), { body: { content: 'x' } }),
    );
    expect(error.code).toBe(50005);
    await rest.delete(Routes.channelMessage(DEMO.channels.general, mine.id));
    expect(emu.inspect.message(DEMO.channels.general, mine.id)).toBeUndefined();
  });
});

describe('members, roles, users and DMs', () => {
  it('gets and lists members and roles', async () => {
    const member = (await rest.get(Routes.guildMember(DEMO.guildId, DEMO.users.staff))) as APIGuildMember;
    expect(member.roles).toContain(DEMO.roles.support);
    expect(member.user?.username).toBe('sam_support');
    const members = (await rest.get(Routes.guildMembers(DEMO.guildId), {
      query: new URLSearchParams({ limit: '1000' }),
    })) as APIGuildMember[];
    expect(members.length).toBe(6);
    const roles = (await rest.get(Routes.guildRoles(DEMO.guildId))) as APIRole[];
    expect(roles.map((r) => r.name)).toEqual(
      expect.arrayContaining(['@everyone', 'Admin', 'Support', 'TicketByte']),
    );
    const unknown = await discordError(rest.get(Routes.guildMember(DEMO.guildId, DEMO.users.outsider)));
    expect(unknown.code).toBe(10007);
    const guild = (await rest.get(Routes.guild(DEMO.guildId))) as { name: string };
    expect(guild.name).toBe('TicketByte Demo');
    const user = (await rest.get(Routes.user(DEMO.users.alice))) as { username: string };
    expect(user.username).toBe('alice');
    const me = (await rest.get(Routes.user('@me'))) as { id: string; bot: boolean };
    expect(me).toMatchObject({ id: DEMO.botUserId, bot: true });
  });

  it('opens a DM channel and DMs a user; closed DMs give 50007', async () => {
    const dm = (await rest.post(Routes.userChannels(), {
      body: { recipient_id: DEMO.users.carol },
    })) as APIChannel;
    expect(dm.type).toBe(ChannelType.DM);
    await rest.post(Routes.channelMessages(dm.id), { body: { content: 'Your ticket was closed' } });
    expect(emu.inspect.dms(DEMO.users.carol).map((m) => m.content)).toEqual(['Your ticket was closed']);
    emu.actions.setDmsClosed(DEMO.users.bob, true);
    const bobDm = (await rest.post(Routes.userChannels(), {
      body: { recipient_id: DEMO.users.bob },
    })) as APIChannel;
    const error = await discordError(rest.post(Routes.channelMessages(bobDm.id), { body: { content: 'x' } }));
    expect(error.code).toBe(50007);
    const outsider = await discordError(
      rest.post(Routes.userChannels(), { body: { recipient_id: DEMO.users.outsider } }),
    );
    expect(outsider.code).toBe(50007);
  });

  it('refuses a wrong token with 401', async () => {
    const bad = new REST({ api: emu.restUrl, retries: 0 }).setToken('nope');
    const error = await discordError(bad.get(Routes.user('@me')));
    expect(error.status).toBe(401);
  });
});

describe('application commands', () => {
  it('bulk-overwrites and lists global and guild commands, keeping ids of unchanged names', async () => {
    const app = DEMO.applicationId;
    const first = (await rest.put(Routes.applicationCommands(app), {
      body: [
        { name: 'ticket', description: 'Tickets' },
        { name: 'help', description: 'Help' },
      ],
    })) as { id: string; name: string }[];
    const second = (await rest.put(Routes.applicationCommands(app), {
      body: [{ name: 'ticket', description: 'Tickets v2' }],
    })) as { id: string; name: string }[];
    expect(second[0]!.id).toBe(first.find((c) => c.name === 'ticket')!.id);
    expect(((await rest.get(Routes.applicationCommands(app))) as unknown[]).length).toBe(1);
    await rest.put(Routes.applicationGuildCommands(app, DEMO.guildId), {
      body: [{ name: 'setup', description: 'Setup' }],
    });
    expect(emu.inspect.commands(DEMO.guildId).map((c) => c.name)).toEqual(['setup']);
    const invalid = await discordError(
      rest.put(Routes.applicationCommands(app), { body: [{ name: 'Bad Name', description: 'x' }] }),
    );
    expect(invalid.code).toBe(50035);
  });
});

describe('interaction errors', () => {
  it('answers 10062 for unknown interactions and 40060 when already acknowledged', async () => {
    await rest.put(Routes.applicationCommands(DEMO.applicationId), {
      body: [{ name: 'ping', description: 'Ping' }],
    });
    const ix = await emu.actions.slashCommand({
      channelId: DEMO.channels.general,
      userId: DEMO.users.alice,
      name: 'ping',
    });
    await rest.post(Routes.interactionCallback(ix.id, ix.token), {
      body: { type: 4, data: { content: 'one' } },
      auth: false,
    });
    const again = await discordError(
      rest.post(Routes.interactionCallback(ix.id, ix.token), {
        body: { type: 4, data: { content: 'two' } },
        auth: false,
      }),
    );
    expect(again.code).toBe(40060);
    const unknown = await discordError(
      rest.post(Routes.interactionCallback('1', 'nope'), {
        body: { type: 4, data: { content: 'x' } },
        auth: false,
      }),
    );
    expect(unknown.code).toBe(10062);
    const original = (await rest.get(Routes.webhookMessage(DEMO.applicationId, ix.token, '@original'), {
      auth: false,
    })) as APIMessage;
    expect(original.content).toBe('one');
    await rest.delete(Routes.webhookMessage(DEMO.applicationId, ix.token, '@original'), { auth: false });
    expect(ix.original).toBeNull();
  });

  it('expires the initial response window after 3 s by default (10062)', async () => {
    const strict = await startTestEmulator({ seed: 'demo', interactionResponseWindowMs: 50 });
    try {
      const r = new REST({ api: strict.restUrl }).setToken(strict.seed.bot.token);
      await r.put(Routes.applicationCommands(DEMO.applicationId), {
        body: [{ name: 'ping', description: 'Ping' }],
      });
      const ix = await strict.actions.slashCommand({
        channelId: DEMO.channels.general,
        userId: DEMO.users.alice,
        name: 'ping',
      });
      await new Promise((resolve) => setTimeout(resolve, 80));
      const late = await discordError(
        r.post(Routes.interactionCallback(ix.id, ix.token), {
          body: { type: 4, data: { content: 'late' } },
          auth: false,
        }),
      );
      expect(late.code).toBe(10062);
    } finally {
      await strict.close();
    }
  });
});

describe('more routes', () => {
  it('covers roles, member roles, member search, typing, single commands and the application', async () => {
    const role = (await rest.post(Routes.guildRoles(DEMO.guildId), {
      body: { name: 'Escalation', permissions: '0' },
    })) as APIRole;
    expect(role.name).toBe('Escalation');
    const fetchedRole = (await rest.get(Routes.guildRole(DEMO.guildId, role.id))) as APIRole;
    expect(fetchedRole.id).toBe(role.id);
    await rest.patch(Routes.guildRole(DEMO.guildId, role.id), { body: { name: 'Escalations' } });
    // New roles go to the bottom, so the bot may hand them out; Admin sits above the bot's role.
    await rest.put(Routes.guildMemberRole(DEMO.guildId, DEMO.users.bob, role.id));
    expect(emu.inspect.member(DEMO.guildId, DEMO.users.bob)?.roles).toContain(role.id);
    await rest.delete(Routes.guildMemberRole(DEMO.guildId, DEMO.users.bob, role.id));
    const denied = await discordError(
      rest.put(Routes.guildMemberRole(DEMO.guildId, DEMO.users.bob, DEMO.roles.admin)),
    );
    expect(denied.code).toBe(50013);
    await rest.delete(Routes.guildRole(DEMO.guildId, role.id));
    expect(emu.inspect.roles(DEMO.guildId).some((r) => r.id === role.id)).toBe(false);

    const found = (await rest.get(Routes.guildMembersSearch(DEMO.guildId), {
      query: new URLSearchParams({ query: 'ali', limit: '5' }),
    })) as APIGuildMember[];
    expect(found.map((m) => m.user?.id)).toEqual([DEMO.users.alice]);
    await rest.post(Routes.channelTyping(DEMO.channels.general));

    const app = DEMO.applicationId;
    const created = (await rest.post(Routes.applicationCommands(app), {
      body: { name: 'stats', description: 'Stats' },
    })) as {
      id: string;
    };
    const one = (await rest.get(Routes.applicationCommand(app, created.id))) as { name: string };
    expect(one.name).toBe('stats');
    const patched = (await rest.patch(Routes.applicationCommand(app, created.id), {
      body: { description: 'Statistics' },
    })) as {
      description: string;
    };
    expect(patched.description).toBe('Statistics');
    await rest.delete(Routes.applicationCommand(app, created.id));
    const application = (await rest.get(Routes.currentApplication())) as { id: string };
    expect(application.id).toBe(app);
  });

  it('covers follow-ups without wait, follow-up edits and leaving a guild', async () => {
    await rest.put(Routes.applicationCommands(DEMO.applicationId), {
      body: [{ name: 'ping', description: 'Ping' }],
    });
    const ix = await emu.actions.slashCommand({
      channelId: DEMO.channels.general,
      userId: DEMO.users.alice,
      name: 'ping',
    });
    await rest.post(Routes.interactionCallback(ix.id, ix.token), {
      body: { type: 4, data: { content: 'hi' } },
      query: new URLSearchParams({ with_response: 'true' }),
      auth: false,
    });
    const follow = (await rest.post(Routes.webhook(DEMO.applicationId, ix.token), {
      body: { content: 'f1' },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    })) as APIMessage;
    const edited = (await rest.patch(Routes.webhookMessage(DEMO.applicationId, ix.token, follow.id), {
      body: { content: 'f1 edited' },
      auth: false,
    })) as APIMessage;
    expect(edited.content).toBe('f1 edited');
    expect(
      (
        (await rest.get(Routes.webhookMessage(DEMO.applicationId, ix.token, follow.id), {
          auth: false,
        })) as APIMessage
      ).content,
    ).toBe('f1 edited');
    await rest.delete(Routes.webhookMessage(DEMO.applicationId, ix.token, follow.id), { auth: false });
    expect(ix.followUps).toHaveLength(0);

    const other = await startTestEmulator({ seed: 'demo' });
    try {
      const r = new REST({ api: other.restUrl }).setToken(other.seed.bot.token);
      await r
        .delete(Routes.guildMember(DEMO.guildId, DEMO.users.bob))
        .catch((e: DiscordAPIError) => expect(e.code).toBe(50013));
      await r.delete(Routes.userGuild(DEMO.guildId));
      expect(other.seed.guilds[0]?.botPresent).toBe(false);
      const gone = await discordError(r.get(Routes.guild(DEMO.guildId)));
      expect(gone.code).toBe(10004);
    } finally {
      await other.close();
    }
  });
});
