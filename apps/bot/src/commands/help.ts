// `/help`: what TicketByte can do, for members, staff and admins.
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { showHelp } from '../actions/help.js';
import { described } from '../lib/describe.js';
import type { Invocation } from '../lib/invocation.js';

export const data = described(new SlashCommandBuilder().setName('help'), 'cmd.help').setContexts(
  InteractionContextType.Guild,
);

export async function execute(inv: Invocation): Promise<void> {
  await showHelp(inv);
}
