// The help text, shared by `/help` and the `help` prefix command.
import { bt } from '../i18n/index.js';
import type { Invocation } from '../lib/invocation.js';

export async function showHelp(inv: Invocation): Promise<void> {
  const l = inv.locale;
  const prefix = (await inv.deps.config.get(inv.guildId).catch(() => null))?.prefix ?? '!';
  await inv.respond.reply({
    embeds: [
      {
        title: bt(l, 'help.title'),
        description: bt(l, 'help.intro'),
        color: 0x5865f2,
        fields: [
          { name: bt(l, 'help.members'), value: bt(l, 'help.membersBody') },
          { name: bt(l, 'help.staff'), value: bt(l, 'help.staffBody') },
          { name: bt(l, 'help.admins'), value: bt(l, 'help.adminsBody') },
          {
            name: bt(l, 'help.prefix'),
            value: inv.deps.messageContent ? bt(l, 'help.prefixBody', { prefix }) : bt(l, 'help.prefixOff'),
          },
        ],
      },
    ],
  });
}
