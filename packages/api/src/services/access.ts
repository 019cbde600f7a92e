// What an actor may do in a guild: none < member < staff < admin. Admins are the owner, members with
// Administrator or Manage Server, or holders of a configured admin role; staff hold a staff role.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Actor } from '../actor.js';
import type { DiscordPort, GuildFacts, MemberFacts } from '../discord/port.js';
import { TtlCache } from './ttl-cache.js';

export type AccessLevel = 'none' | 'member' | 'staff' | 'admin';
export const ACCESS_RANK: Record<AccessLevel, number> = { none: 0, member: 1, staff: 2, admin: 3 };

export interface MemberStanding {
  isMember: boolean;
  isOwner: boolean;
  permissions: bigint;
  roleIds: string[];
}

export function hasAccess(level: AccessLevel, required: AccessLevel): boolean {
  return ACCESS_RANK[level] >= ACCESS_RANK[required];
}

/** A member's guild-wide permissions: @everyone's plus each of their roles'. */
export function guildPermissions(guild: GuildFacts, roleIds: string[]): bigint {
  let permissions = 0n;
  for (const role of guild.roles) {
    if (role.id === guild.id || roleIds.includes(role.id)) permissions |= role.permissions;
  }
  return permissions;
}

export function accessLevel(
  standing: MemberStanding,
  settings: { staffRoleIds: string[]; adminRoleIds: string[] } | null,
  extraStaffRoleIds: string[] = [],
): AccessLevel {
  if (!standing.isMember) return 'none';
  const admin =
    standing.isOwner ||
    (standing.permissions & PermissionFlagsBits.Administrator) !== 0n ||
    (standing.permissions & PermissionFlagsBits.ManageGuild) !== 0n ||
    standing.roleIds.some((r) => (settings?.adminRoleIds ?? []).includes(r));
  if (admin) return 'admin';
  const staffRoles = [...(settings?.staffRoleIds ?? []), ...extraStaffRoleIds];
  if (standing.roleIds.some((r) => staffRoles.includes(r))) return 'staff';
  return 'member';
}

// Dashboard users: Discord is asked (with the bot token) for their roles, briefly cached.
const standingCache = new TtlCache<MemberStanding>(30_000, 10_000);
const guildCache = new TtlCache<GuildFacts | null>(30_000, 2_000);

export async function cachedGuildFacts(discord: DiscordPort, guildId: string): Promise<GuildFacts | null> {
  const cached = guildCache.get(guildId);
  if (cached !== undefined) return cached;
  const facts = await discord.getGuild(guildId);
  guildCache.set(guildId, facts);
  return facts;
}

/** A member's standing in a guild, from the interaction (bot) or from Discord (dashboard). */
export async function memberStanding(
  actor: Actor,
  guildId: string,
  discord: DiscordPort,
): Promise<MemberStanding> {
  const none: MemberStanding = { isMember: false, isOwner: false, permissions: 0n, roleIds: [] };
  if (actor.kind === 'bot-member') {
    if (actor.guildId !== guildId) return none;
    return {
      isMember: true,
      isOwner: actor.isOwner ?? false,
      permissions: actor.permissions,
      roleIds: actor.roleIds,
    };
  }
  if (actor.kind !== 'user') return none;
  const key = `${guildId}:${actor.userId}`;
  const cached = standingCache.get(key);
  if (cached) return cached;
  const guild = await cachedGuildFacts(discord, guildId);
  const member = guild ? await discord.getMember(guildId, actor.userId) : null;
  const standing: MemberStanding =
    guild && member
      ? {
          isMember: true,
          isOwner: guild.ownerId === actor.userId,
          permissions: guildPermissions(guild, member.roleIds),
          roleIds: member.roleIds,
        }
      : none;
  standingCache.set(key, standing);
  return standing;
}

const memberCache = new TtlCache<MemberFacts | null>(60_000, 20_000);

/** A member's display facts, briefly cached (pages show many tickets by the same people). */
export async function memberFacts(
  discord: DiscordPort,
  guildId: string,
  userId: string,
): Promise<MemberFacts | null> {
  const key = `${guildId}:${userId}`;
  const cached = memberCache.get(key);
  if (cached !== undefined) return cached;
  const facts = await discord.getMember(guildId, userId);
  memberCache.set(key, facts);
  return facts;
}

/** Forget cached standings, e.g. after a role change is observed. */
export function forgetStanding(guildId: string, userId?: string): void {
  standingCache.deleteWhere((key) =>
    userId ? key === `${guildId}:${userId}` : key.startsWith(`${guildId}:`),
  );
  if (!userId) guildCache.delete(guildId);
}
