// INTERACTION_CREATE: find the command or component handler, build the member actor from what
// Discord signed, and make sure Discord hears back within 3 seconds — a watchdog defers for any
// handler that has not answered after WATCHDOG_MS, so nobody ever sees "This interaction failed".
import { randomUUID } from 'node:crypto';
import type { Interaction } from 'discord.js';
import { bt } from '../i18n/index.js';
import { actorFromInteraction } from '../lib/actor.js';
import { type BotDeps, SYSTEM } from '../lib/deps.js';
import { type Invocation, runInvocation } from '../lib/invocation.js';
import { InteractionResponder } from '../lib/respond.js';
import { findCommand, findComponent } from '../registry.js';

export const WATCHDOG_MS = 2_000;

/** Counts one command use in the day's statistics; never delays or fails the command. */
export function countCommand(deps: BotDeps, guildId: string, command: string, requestId: string): void {
  deps
    .caller(SYSTEM, requestId)
    .analytics.recordCommand({ guildId, command })
    .catch((error) =>
      deps.log.warn('bot.analytics.failed', { requestId, command, error: (error as Error)?.name }),
    );
}

export function onInteractionCreate(deps: BotDeps) {
  return (interaction: Interaction): void => {
    if (
      !interaction.isChatInputCommand() &&
      !interaction.isButton() &&
      !interaction.isStringSelectMenu() &&
      !interaction.isModalSubmit()
    )
      return;
    void deps.inflight.track(handleInteraction(deps, interaction));
  };
}

async function handleInteraction(
  deps: BotDeps,
  interaction: ConstructorParameters<typeof InteractionResponder>[0],
): Promise<void> {
  const requestId = randomUUID();
  const responder = new InteractionResponder(interaction, deps.interactionRest);
  const watchdog = setTimeout(() => {
    responder
      .defer()
      .catch((error) => deps.log.warn('bot.defer.failed', { requestId, error: (error as Error)?.name }));
  }, WATCHDOG_MS);
  try {
    // Acknowledge at once whatever cannot answer with a form; the rest has the watchdog.
    const command = interaction.isChatInputCommand() ? findCommand(interaction.commandName) : undefined;
    const found = interaction.isChatInputCommand() ? null : findComponent(interaction.customId);
    if (found) responder.setMode(found.handler.mode ?? 'reply');
    const mayShowModal = interaction.isChatInputCommand()
      ? (command?.mayShowModal?.(interaction) ?? false)
      : (found?.handler.mayShowModal ?? false);
    const early = mayShowModal ? Promise.resolve() : responder.defer();

    const actor = actorFromInteraction(interaction);
    const locale = actor ? await deps.config.locale(actor.guildId) : 'en';
    const say = (content: string) => responder.reply({ content });
    if (!actor) return await say(bt(locale, 'reply.unknownCommand'));
    if (!deps.inflight.accepting) return await say(bt(locale, 'reply.shuttingDown'));

    const base = {
      deps,
      requestId,
      sourceId: interaction.id,
      actor,
      guildId: actor.guildId,
      channelId: interaction.channelId ?? '',
      locale,
      api: deps.caller(actor, requestId),
      respond: responder,
    };
    await early;
    if (interaction.isChatInputCommand()) {
      const sub = interaction.options.getSubcommand(false);
      const name = sub ? `${interaction.commandName}-${sub}` : interaction.commandName;
      if (!command) return await say(bt(locale, 'reply.unknownCommand'));
      const inv: Invocation = { ...base, name };
      await runInvocation(inv, () => command.execute(inv, interaction));
      // Counted after answering, so the statistics write never competes with the member's request.
      countCommand(deps, actor.guildId, name, requestId);
      return;
    }
    if (!found) return await say(bt(locale, 'reply.unknownComponent'));
    const inv: Invocation = { ...base, name: `component:${found.handler.name}` };
    await runInvocation(inv, () => found.handler.run(inv, interaction, found.data));
  } catch (error) {
    // Only reached when even the error reply failed (e.g. Discord is unreachable).
    deps.log.error('bot.interaction.failed', { requestId, error: (error as Error)?.name });
  } finally {
    clearTimeout(watchdog);
  }
}
