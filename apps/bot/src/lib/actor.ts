// The bot-member actor: facts Discord signed in the interaction (user, roles, computed permissions,
// guild, channel), or, for prefix commands, the same facts from the gateway's message event.
import type { Actor } from '@ticketbyte/api';
import { GuildMember, type Interaction, type Message } from 'discord.js';

type BotMember = Extract<Actor, { kind: 'bot-member' }>;

function roleIdsOf(member: unknown, guildId: string): string[] {
  if (member instanceof GuildMember) return [...member.roles.cache.keys()].filter((id) => id !== guildId);
  const raw = (member as { roles?: unknown } | null)?.roles;
  return Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string') : [];
}

export function actorFromInteraction(interaction: Interaction): BotMember | null {
  if (!interaction.inGuild()) return null;
  return {
    kind: 'bot-member',
    userId: interaction.user.id,
    username: interaction.user.username,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    roleIds: roleIdsOf(interaction.member, interaction.guildId),
    permissions: interaction.memberPermissions?.bitfield ?? 0n,
    isOwner: interaction.guild?.ownerId === interaction.user.id,
    locale: interaction.locale,
  };
}

/** For prefix commands: the member as the gateway delivered it with the message (fetched if needed). */
export async function actorFromMessage(message: Message<true>): Promise<BotMember> {
  const member = message.member ?? (await message.guild.members.fetch(message.author.id));
  return {
    kind: 'bot-member',
    userId: message.author.id,
    username: message.author.username,
    guildId: message.guildId,
    channelId: message.channelId,
    roleIds: roleIdsOf(member, message.guildId),
    permissions: member.permissions.bitfield,
    isOwner: message.guild.ownerId === message.author.id,
  };
}
