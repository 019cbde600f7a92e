// Registers the slash commands: globally in production, in one guild for development
// (DISCORD_DEV_GUILD_ID, instant). Idempotent: the commands Discord has are compared with ours and
// only overwritten when something changed, so restarts do not spend the 2-per-minute budget.
import {
  type APIApplicationCommand,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && Object.keys(value).length === 0)
  );
}

/** True when every field we set has the same value on Discord's side (Discord adds defaults). */
export function covers(remote: unknown, local: unknown): boolean {
  if (local === undefined) return true; // not ours to decide: Discord's default stands
  if (isEmpty(local)) return isEmpty(remote);
  if (Array.isArray(local)) {
    return (
      Array.isArray(remote) &&
      remote.length === local.length &&
      local.every((item, i) => covers(remote[i], item))
    );
  }
  if (typeof local === 'object' && local !== null) {
    if (typeof remote !== 'object' || remote === null) return false;
    return Object.entries(local).every(([key, value]) =>
      covers((remote as Record<string, unknown>)[key], value),
    );
  }
  return String(remote) === String(local);
}

export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  guildId?: string,
): Promise<'unchanged' | 'updated'> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const existing = (await rest.get(route)) as APIApplicationCommand[];
  const same =
    existing.length === commands.length &&
    commands.every((c) =>
      covers(
        existing.find((e) => e.name === c.name),
        c,
      ),
    );
  if (same) return 'unchanged';
  await rest.put(route, { body: commands });
  return 'updated';
}
