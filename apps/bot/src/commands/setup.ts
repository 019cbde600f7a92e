// `/setup`: makes a guild usable in a minute — staff role, log channel, ticket category (created
// when none is given), transcripts on or off (off unless chosen), and a panel in this channel.
// Re-running it is safe: the router keeps what exists and republishes the same panel.
import {
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { bt } from '../i18n/index.js';
import { described } from '../lib/describe.js';
import type { Invocation } from '../lib/invocation.js';

export const data = described(new SlashCommandBuilder().setName('setup'), 'cmd.setup')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addRoleOption((o) => described(o.setName('staff-role'), 'cmd.setup.staffRole'))
  .addChannelOption((o) =>
    described(o.setName('log-channel'), 'cmd.setup.logChannel').addChannelTypes(ChannelType.GuildText),
  )
  .addChannelOption((o) =>
    described(o.setName('ticket-category'), 'cmd.setup.category').addChannelTypes(ChannelType.GuildCategory),
  )
  .addBooleanOption((o) => described(o.setName('transcripts'), 'cmd.setup.transcripts'))
  .addChannelOption((o) =>
    described(o.setName('panel-channel'), 'cmd.setup.panelChannel').addChannelTypes(ChannelType.GuildText),
  );

export async function execute(inv: Invocation, interaction: ChatInputCommandInteraction): Promise<void> {
  const o = interaction.options;
  await inv.respond.defer();
  const result = await inv.api.config.setup({
    guildId: inv.guildId,
    staffRoleId: o.getRole('staff-role')?.id,
    logChannelId: o.getChannel('log-channel')?.id,
    ticketParentChannelId: o.getChannel('ticket-category')?.id,
    transcriptsEnabled: o.getBoolean('transcripts') ?? undefined,
    panelChannelId: o.getChannel('panel-channel')?.id ?? inv.channelId,
  });
  inv.deps.config.forget(inv.guildId);
  const s = result.settings;
  const locale = s.language;
  const none = bt(locale, 'setup.none');
  await inv.respond.reply({
    embeds: [
      {
        title: bt(locale, 'setup.title'),
        color: 0x57f287,
        fields: [
          {
            name: bt(locale, 'setup.staff'),
            value: s.staffRoleIds.map((r) => `<@&${r}>`).join(' ') || none,
            inline: true,
          },
          {
            name: bt(locale, 'setup.logChannel'),
            value: s.logChannelId ? `<#${s.logChannelId}>` : none,
            inline: true,
          },
          {
            name: bt(locale, 'setup.ticketCategory'),
            value: s.ticketParentChannelId ? `<#${s.ticketParentChannelId}>` : none,
            inline: true,
          },
          {
            name: bt(locale, 'setup.transcripts'),
            value: s.transcriptsEnabled
              ? bt(locale, 'setup.transcriptsOn', { days: s.transcriptRetentionDays })
              : bt(locale, 'setup.transcriptsOff'),
          },
          {
            name: bt(locale, 'setup.panel'),
            value: result.panel?.channelId ? `<#${result.panel.channelId}>` : none,
          },
        ],
        footer: { text: bt(locale, 'setup.next') },
      },
    ],
  });
}
