// `/privacy`: what TicketByte stores about the member, this server's transcript setting, and the
// way to the dashboard's privacy centre (access, export, correction, deletion).
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { bt } from '../i18n/index.js';
import { described } from '../lib/describe.js';
import type { Invocation } from '../lib/invocation.js';

export const data = described(new SlashCommandBuilder().setName('privacy'), 'cmd.privacy').setContexts(
  InteractionContextType.Guild,
);

export async function execute(inv: Invocation): Promise<void> {
  const l = inv.locale;
  const config = await inv.deps.config.get(inv.guildId);
  const here = !config
    ? bt(l, 'privacy.notSetUp')
    : config.transcriptsEnabled
      ? bt(l, 'privacy.transcriptsOn', { days: config.transcriptRetentionDays })
      : bt(l, 'privacy.transcriptsOff');
  const url = inv.deps.publicUrl ? `${inv.deps.publicUrl.replace(/\/$/, '')}/privacy` : null;
  await inv.respond.reply({
    embeds: [
      {
        title: bt(l, 'privacy.title'),
        description: bt(l, 'privacy.body'),
        color: 0x5865f2,
        fields: [
          { name: bt(l, 'privacy.thisServer'), value: here },
          { name: '\u200b', value: url ? bt(l, 'privacy.centre', { url }) : bt(l, 'privacy.centreNoUrl') },
        ],
      },
    ],
  });
}
