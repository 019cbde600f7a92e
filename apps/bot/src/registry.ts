// The tiny registry: every slash command, component handler and prefix command, each defined in its
// own file with a typed definition, collected here so the dispatcher can find them by name.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import * as blacklist from './commands/blacklist.js';
import * as help from './commands/help.js';
import * as privacy from './commands/privacy.js';
import * as setup from './commands/setup.js';
import * as stats from './commands/stats.js';
import * as ticket from './commands/ticket.js';
import { closeComponents } from './components/close.js';
import { openComponents } from './components/open.js';
import { ticketButtons } from './components/ticket-buttons.js';
import type { ComponentHandler, SlashCommand } from './lib/definitions.js';
import { prefixCommands } from './prefix/commands.js';

export const slashCommands: SlashCommand[] = [setup, ticket, blacklist, stats, help, privacy];
export const components: ComponentHandler<unknown>[] = [
  ...openComponents,
  ...closeComponents,
  ...ticketButtons,
];
export { prefixCommands };
export type { ComponentHandler, SlashCommand };

const byName = new Map(slashCommands.map((c) => [c.data.name, c]));

export function findCommand(name: string): SlashCommand | undefined {
  return byName.get(name);
}

export function findComponent(
  customId: string,
): { handler: ComponentHandler<unknown>; data: unknown } | null {
  for (const handler of components) {
    const data = handler.parse(customId);
    if (data !== null) return { handler, data };
  }
  return null;
}

/** Every command's JSON as registered with Discord. */
export function commandBodies(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return slashCommands.map((c) => c.data.toJSON());
}
