// The unmodified discord.js client against the emulator: connect, register commands, receive interactions,
// and answer them in every way TicketByte does.
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  type Client,
  EmbedBuilder,
  Events,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../src/index';
import { connectBot, startTestEmulator } from './support/emulator';

let emu: Emulator;
let client: Client<true>;
const seen: Interaction[] = [];

const ticketCommand = new SlashCommandBuilder()
  .setName('ticket')
  .setDescription('Tickets')
  .addSubcommand((s) =>
    s
      .setName('open')
      .setDescription('Open a ticket')
      .addStringOption((o) => o.setName('topic').setDescription('Topic').setRequired(true))
      .addUserOption((o) => o.setName('member').setDescription('On behalf of')),
  )
  .addSubcommand((s) => s.setName('panel').setDescription('Post the panel'))
  .addSubcommand((s) =>
    s
      .setName('add-role')
      .setDescription('Give a role access')
      .addRoleOption((o) => o.setName('role').setDescription('Role').setRequired(true)),
  );

async function onInteraction(interaction: Interaction): Promise<void> {
  seen.push(interaction);
  if (interaction.isChatInputCommand() && interaction.commandName === 'ping') {
    await interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.isChatInputCommand() && interaction.commandName === 'ticket') {
    const sub = interaction.options.getSubcommand();
    if (sub === 'open') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const member = interaction.options.getUser('member') ?? interaction.user;
      const channel = await interaction.guild!.channels.create({
        name: `ticket-${member.username}`,
        type: ChannelType.GuildText,
        parent: DEMO.channels.ticketsCategory,
        permissionOverwrites: [
          { id: interaction.guildId!, deny: [PermissionFlagsBits.ViewChannel] },
          { id: member.id, allow: [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages] },
          { id: DEMO.roles.support, allow: [PermissionFlagsBits.ViewChannel] },
          {
            id: interaction.client.user.id,
            allow: [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages],
          },
        ],
      });
      await channel.send({
        embeds: [
          new EmbedBuilder().setTitle('Ticket').setDescription(interaction.options.getString('topic', true)),
        ],
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('ticket:close:v1').setLabel('Close').setStyle(ButtonStyle.Danger),
            new ButtonBuilder()
              .setCustomId('ticket:claim:v1')
              .setLabel('Claim')
              .setStyle(ButtonStyle.Primary),
          ),
          new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
            new StringSelectMenuBuilder()
              .setCustomId('ticket:priority:v1')
              .addOptions({ label: 'Low', value: 'low' }, { label: 'High', value: 'high' }),
          ),
        ],
      });
      await interaction.editReply({ content: `Opened <#${channel.id}>` });
      return;
    }
    if (sub === 'panel') {
      await interaction.reply({
        content: 'Need help?',
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder()
              .setCustomId('panel:open:v1')
              .setLabel('Open ticket')
              .setStyle(ButtonStyle.Primary),
          ),
        ],
      });
      return;
    }
    if (sub === 'add-role') {
      const role = interaction.options.getRole('role', true);
      await interaction.reply({ content: `role ${role.name}`, flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'and a follow-up', flags: MessageFlags.Ephemeral });
      return;
    }
  }
  if (interaction.isButton() && interaction.customId === 'panel:open:v1') {
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId('panel:modal:v1')
        .setTitle('Open a ticket')
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder()
              .setCustomId('reason')
              .setLabel('Reason')
              .setStyle(TextInputStyle.Paragraph),
          ),
        ),
    );
    return;
  }
  if (interaction.isModalSubmit()) {
    await interaction.reply({
      content: `Reason: ${interaction.fields.getTextInputValue('reason')}`,
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (interaction.isButton() && interaction.customId === 'ticket:claim:v1') {
    await interaction.update({ content: `Claimed by ${interaction.user.username}`, components: [] });
    return;
  }
  if (interaction.isButton() && interaction.customId === 'ticket:close:v1') {
    await interaction.deferUpdate();
    await interaction.followUp({
      content: 'Transcript',
      files: [new AttachmentBuilder(Buffer.from('<html>transcript</html>'), { name: 'transcript.html' })],
    });
    return;
  }
  if (interaction.isStringSelectMenu()) {
    await interaction.reply({
      content: `priority=${interaction.values.join(',')}`,
      flags: MessageFlags.Ephemeral,
    });
  }
}

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
  client = await connectBot(emu);
  client.on(Events.InteractionCreate, (i) => {
    onInteraction(i).catch((error) => console.error('handler failed', error));
  });
  await client.application.commands.set([
    new SlashCommandBuilder().setName('ping').setDescription('Ping').toJSON(),
  ]);
  await client.application.commands.set([ticketCommand.toJSON()], DEMO.guildId);
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe('discord.js against the emulator', () => {
  it('receives READY and GUILD_CREATE with channels, roles and members', () => {
    const guild = client.guilds.cache.get(DEMO.guildId);
    expect(guild?.name).toBe('TicketByte Demo');
    expect(guild?.channels.cache.get(DEMO.channels.ticketsCategory)?.type).toBe(ChannelType.GuildCategory);
    expect(guild?.roles.cache.get(DEMO.roles.support)?.name).toBe('Support');
    expect(guild?.members.cache.get(DEMO.users.staff)?.roles.cache.has(DEMO.roles.support)).toBe(true);
    expect(guild?.members.me?.permissions.has(PermissionFlagsBits.ManageChannels)).toBe(true);
    expect(client.user.id).toBe(DEMO.botUserId);
  });

  it('registers global and guild commands', () => {
    expect(emu.inspect.commands().map((c) => c.name)).toEqual(['ping']);
    expect(emu.inspect.commands(DEMO.guildId).map((c) => c.name)).toEqual(['ticket']);
  });

  it('delivers a slash command and records an ephemeral reply', async () => {
    const ix = await emu.actions.slashCommand({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      userId: DEMO.users.alice,
      name: 'ping',
    });
    const response = await ix.waitForResponse();
    expect(response).toMatchObject({ type: 4, content: 'pong', ephemeral: true });
    expect(emu.inspect.messages(DEMO.channels.general).some((m) => m.content === 'pong')).toBe(false);
    expect(
      emu.inspect.messages(DEMO.channels.general, { as: DEMO.users.alice }).some((m) => m.content === 'pong'),
    ).toBe(true);
    const payload = seen.find((i) => i.id === ix.id);
    expect(payload?.inGuild()).toBe(true);
    expect(payload?.member?.permissions).toBeDefined();
    expect(payload?.locale).toBe('en-US');
  });

  it('handles subcommands with options, deferral, channel creation and @original edits', async () => {
    const ix = await emu.actions.slashCommand({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.support,
      userId: DEMO.users.staff,
      name: 'ticket',
      subcommand: 'open',
      options: { topic: 'Billing question', member: DEMO.users.bob },
    });
    expect((await ix.waitForResponse()).type).toBe(5);
    const original = await ix.waitForOriginal((m) => m.content.startsWith('Opened'));
    const channelId = /<#(\d+)>/.exec(original.content)?.[1] ?? '';
    const channel = emu.inspect.channel(channelId);
    expect(channel).toMatchObject({ name: 'ticket-bob', parent_id: DEMO.channels.ticketsCategory });
    expect(emu.inspect.canView(DEMO.users.bob, channelId)).toBe(true);
    expect(emu.inspect.canView(DEMO.users.staff, channelId)).toBe(true);
    expect(emu.inspect.canView(DEMO.users.alice, channelId)).toBe(false);
    const [welcome] = emu.inspect.messages(channelId);
    expect(welcome?.embeds[0]?.description).toBe('Billing question');

    // Claim: update the message in place (type 7).
    const claim = await emu.actions.clickButton({
      guildId: DEMO.guildId,
      channelId,
      messageId: welcome!.id,
      userId: DEMO.users.staff,
      customId: 'ticket:claim:v1',
    });
    expect((await claim.waitForResponse()).type).toBe(7);
    expect(emu.inspect.message(channelId, welcome!.id)?.content).toBe('Claimed by sam_support');
    expect(emu.inspect.message(channelId, welcome!.id)?.components).toEqual([]);
  });

  it('runs a button → modal → modal submit flow', async () => {
    const panel = await emu.actions.slashCommand({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.support,
      userId: DEMO.users.admin,
      name: 'ticket',
      subcommand: 'panel',
    });
    const shown = await panel.waitForResponse();
    const open = await emu.actions.clickButton({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.support,
      messageId: shown.messageId!,
      userId: DEMO.users.carol,
      customId: 'panel:open:v1',
    });
    const modal = await open.waitForResponse();
    expect(modal.type).toBe(9);
    expect(modal.modal?.title).toBe('Open a ticket');
    const submit = await emu.actions.submitModal({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.support,
      userId: DEMO.users.carol,
      customId: 'panel:modal:v1',
      fields: { reason: 'My printer is on fire' },
      messageId: shown.messageId!,
    });
    expect(await submit.waitForResponse()).toMatchObject({
      content: 'Reason: My printer is on fire',
      ephemeral: true,
    });
    const received = seen.find((i) => i.id === submit.id);
    expect(received?.isModalSubmit()).toBe(true);
    expect(received?.locale).toBe('de');
  });

  it('delivers role options with resolved data and records follow-ups', async () => {
    const ix = await emu.actions.slashCommand({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      userId: DEMO.users.admin,
      name: 'ticket',
      subcommand: 'add-role',
      options: { role: DEMO.roles.support },
    });
    expect((await ix.waitForResponse()).content).toBe('role Support');
    const follow = await ix.waitForFollowUp();
    expect(follow.content).toBe('and a follow-up');
    expect(ix.followUps).toHaveLength(1);
  });

  it('handles string selects, deferred updates and attachment follow-ups', async () => {
    const ix = await emu.actions.slashCommand({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.support,
      userId: DEMO.users.staff,
      name: 'ticket',
      subcommand: 'open',
      options: { topic: 'Select test' },
    });
    const original = await ix.waitForOriginal((m) => m.content.startsWith('Opened'));
    const channelId = /<#(\d+)>/.exec(original.content)?.[1] ?? '';
    const [welcome] = emu.inspect.messages(channelId);
    const select = await emu.actions.selectMenu({
      guildId: DEMO.guildId,
      channelId,
      messageId: welcome!.id,
      userId: DEMO.users.staff,
      customId: 'ticket:priority:v1',
      values: ['high'],
    });
    expect((await select.waitForResponse()).content).toBe('priority=high');

    const close = await emu.actions.clickButton({
      guildId: DEMO.guildId,
      channelId,
      messageId: welcome!.id,
      userId: DEMO.users.staff,
      customId: 'ticket:close:v1',
    });
    expect((await close.waitForResponse()).type).toBe(6);
    const follow = await close.waitForFollowUp();
    expect(follow.attachments[0]?.filename).toBe('transcript.html');
    const file = emu.inspect.attachment(follow.attachments[0]!.url);
    expect(Buffer.from(file!.data).toString()).toBe('<html>transcript</html>');
    const fetched = await fetch(follow.attachments[0]!.url);
    expect(await fetched.text()).toBe('<html>transcript</html>');
  });

  it('rejects interactions for unregistered commands and unknown components', async () => {
    await expect(
      emu.actions.slashCommand({ channelId: DEMO.channels.general, userId: DEMO.users.alice, name: 'nope' }),
    ).rejects.toThrow(/not a registered/);
  });
});
