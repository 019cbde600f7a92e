// `/blacklist add|remove|list`: stop a user or a role from opening tickets (staff; the router checks).
import { type ChatInputCommandInteraction, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { bt } from '../i18n/index.js';
import { described } from '../lib/describe.js';
import type { Invocation } from '../lib/invocation.js';

export const data = described(new SlashCommandBuilder().setName('blacklist'), 'cmd.blacklist')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    described(s.setName('add'), 'cmd.blacklist.add')
      .addMentionableOption((o) => described(o.setName('target'), 'cmd.blacklist.target').setRequired(true))
      .addStringOption((o) => described(o.setName('reason'), 'cmd.blacklist.reason').setMaxLength(500)),
  )
  .addSubcommand((s) =>
    described(s.setName('remove'), 'cmd.blacklist.remove').addMentionableOption((o) =>
      described(o.setName('target'), 'cmd.blacklist.target').setRequired(true),
    ),
  )
  .addSubcommand((s) => described(s.setName('list'), 'cmd.blacklist.list'));

const LIST_LIMIT = 25;

function targetOf(interaction: ChatInputCommandInteraction) {
  const option = interaction.options.get('target', true);
  if (option.role)
    return { targetType: 'role' as const, targetId: option.role.id, label: `<@&${option.role.id}>` };
  const userId = option.user?.id ?? String(option.value);
  return { targetType: 'user' as const, targetId: userId, label: `<@${userId}>` };
}

export async function execute(inv: Invocation, interaction: ChatInputCommandInteraction): Promise<void> {
  const sub = interaction.options.getSubcommand();
  await inv.respond.defer();
  if (sub === 'list') {
    const entries = await inv.api.config.blacklist.list({ guildId: inv.guildId });
    const lines = entries
      .slice(0, LIST_LIMIT)
      .map(
        (e) =>
          `${e.targetType === 'role' ? `<@&${e.targetId}>` : `<@${e.targetId}>`}${e.reason ? ` — ${e.reason.slice(0, 100)}` : ''}`,
      );
    if (entries.length > LIST_LIMIT)
      lines.push(bt(inv.locale, 'blacklist.more', { count: entries.length - LIST_LIMIT }));
    await inv.respond.reply({
      embeds: [
        {
          title: bt(inv.locale, 'blacklist.title'),
          description: lines.join('\n') || bt(inv.locale, 'blacklist.empty'),
          color: 0x5865f2,
        },
      ],
    });
    return;
  }
  const { label, ...target } = targetOf(interaction);
  if (sub === 'add') {
    await inv.api.config.blacklist.add({
      guildId: inv.guildId,
      ...target,
      reason: interaction.options.getString('reason') ?? undefined,
    });
    await inv.respond.reply({ content: bt(inv.locale, 'blacklist.added', { target: label }) });
  } else {
    await inv.api.config.blacklist.remove({ guildId: inv.guildId, ...target });
    await inv.respond.reply({ content: bt(inv.locale, 'blacklist.removed', { target: label }) });
  }
}
