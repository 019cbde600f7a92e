// `/ticket`: open a ticket and everything done inside one. Subcommands other than `open` act on the
// ticket of the channel they are used in; the router says when that is not a ticket channel.
import { type ChatInputCommandInteraction, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import * as tickets from '../actions/tickets.js';
import { described } from '../lib/describe.js';
import type { Invocation } from '../lib/invocation.js';
import { thisChannel } from '../lib/ticket-ref.js';

export const data = described(new SlashCommandBuilder().setName('ticket'), 'cmd.ticket')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    described(s.setName('open'), 'cmd.ticket.open')
      .addStringOption((o) => described(o.setName('category'), 'cmd.ticket.open.category').setMaxLength(50))
      .addStringOption((o) => described(o.setName('topic'), 'cmd.ticket.open.topic').setMaxLength(1024)),
  )
  .addSubcommand((s) =>
    described(s.setName('close'), 'cmd.ticket.close').addStringOption((o) =>
      described(o.setName('reason'), 'cmd.ticket.close.reason').setMaxLength(500),
    ),
  )
  .addSubcommand((s) =>
    described(s.setName('close-request'), 'cmd.ticket.closeRequest').addStringOption((o) =>
      described(o.setName('reason'), 'cmd.ticket.close.reason').setMaxLength(500),
    ),
  )
  .addSubcommand((s) => described(s.setName('reopen'), 'cmd.ticket.reopen'))
  .addSubcommand((s) => described(s.setName('claim'), 'cmd.ticket.claim'))
  .addSubcommand((s) => described(s.setName('unclaim'), 'cmd.ticket.unclaim'))
  .addSubcommand((s) =>
    described(s.setName('add'), 'cmd.ticket.add').addUserOption((o) =>
      described(o.setName('member'), 'cmd.ticket.member').setRequired(true),
    ),
  )
  .addSubcommand((s) =>
    described(s.setName('remove'), 'cmd.ticket.remove').addUserOption((o) =>
      described(o.setName('member'), 'cmd.ticket.member').setRequired(true),
    ),
  )
  .addSubcommand((s) =>
    described(s.setName('rename'), 'cmd.ticket.rename').addStringOption((o) =>
      described(o.setName('name'), 'cmd.ticket.rename.name').setRequired(true).setMaxLength(100),
    ),
  )
  .addSubcommand((s) =>
    described(s.setName('priority'), 'cmd.ticket.priority').addStringOption((o) =>
      described(o.setName('level'), 'cmd.ticket.priority.level')
        .setRequired(true)
        .addChoices(
          { name: 'low', value: 'low', name_localizations: { de: 'niedrig' } },
          { name: 'normal', value: 'normal' },
          { name: 'high', value: 'high', name_localizations: { de: 'hoch' } },
          { name: 'urgent', value: 'urgent', name_localizations: { de: 'dringend' } },
        ),
    ),
  )
  .addSubcommand((s) =>
    described(s.setName('topic'), 'cmd.ticket.topic').addStringOption((o) =>
      described(o.setName('text'), 'cmd.ticket.topic.text').setRequired(true).setMaxLength(1024),
    ),
  );

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** `/ticket open` shows the category's opening questions as a form when it has any. */
export function mayShowModal(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getSubcommand(false) === 'open';
}

export async function execute(inv: Invocation, interaction: ChatInputCommandInteraction): Promise<void> {
  const o = interaction.options;
  const here = thisChannel(inv);
  switch (o.getSubcommand()) {
    case 'open':
      return tickets.beginOpen(inv, {
        category: o.getString('category') ?? undefined,
        topic: o.getString('topic') ?? undefined,
      });
    case 'close':
      return tickets.closeTicket(inv, here, o.getString('reason') ?? undefined);
    case 'close-request':
      return tickets.requestClose(inv, here, o.getString('reason') ?? undefined);
    case 'reopen':
      return tickets.reopenTicket(inv, here);
    case 'claim':
      return tickets.claimTicket(inv, here);
    case 'unclaim':
      return tickets.unclaimTicket(inv, here);
    case 'add':
      return tickets.addMember(inv, here, o.getUser('member', true).id);
    case 'remove':
      return tickets.removeMember(inv, here, o.getUser('member', true).id);
    case 'rename':
      return tickets.renameTicket(inv, here, o.getString('name', true));
    case 'priority': {
      const level = o.getString('level', true);
      const priority = PRIORITIES.find((p) => p === level) ?? 'normal';
      return tickets.setPriority(inv, here, priority);
    }
    case 'topic':
      return tickets.setTopic(inv, here, o.getString('text', true));
  }
}
