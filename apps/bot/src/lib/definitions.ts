// The typed definitions each handler file exports: slash commands (`data` + `execute`), components
// (`parse` + `run`) and prefix commands.
import { parseCustomId } from '@ticketbyte/api';
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Message,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { Invocation } from './invocation.js';

export interface SlashCommand {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /**
   * Whether this use may answer with a form. Everything else is deferred the moment it arrives;
   * a form must be the first answer, so those are left to the handler (and the watchdog).
   */
  mayShowModal?(interaction: ChatInputCommandInteraction): boolean;
  execute(inv: Invocation, interaction: ChatInputCommandInteraction): Promise<void>;
}

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/** A button, select or form handler: `parse` the custom id into typed data (or decline), then `run`. */
export interface ComponentHandler<T> {
  name: string;
  parse(customId: string): T | null;
  /** 'update' edits the message the component sits on instead of sending a new ephemeral reply. */
  mode?: 'reply' | 'update';
  /** Whether it may answer with a form (see SlashCommand.mayShowModal). */
  mayShowModal?: boolean;
  run(inv: Invocation, interaction: ComponentInteraction, data: T): Promise<void>;
}

export function defineComponent<T>(handler: ComponentHandler<T>): ComponentHandler<unknown> {
  return handler as ComponentHandler<unknown>;
}

export interface PrefixCommand {
  name: string;
  /** The slash command it stands for, as counted in analytics. */
  analyticsName: string;
  execute(inv: Invocation, args: string, message: Message<true>): Promise<void>;
}

/** A `parse` for custom ids `tb:<action>:v1:<ticketId>`. */
export function ticketIdFor(action: string) {
  return (id: string): { ticketId: string } | null => {
    const parsed = parseCustomId(id);
    return parsed?.action === action ? { ticketId: parsed.arg } : null;
  };
}
