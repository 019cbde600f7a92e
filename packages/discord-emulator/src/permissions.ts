// Discord's permission algorithm: guild base permissions from roles, then channel overwrites.
import { PermissionFlagsBits, type APIOverwrite } from 'discord-api-types/v10';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

export interface PermissionGuild {
  id: string;
  ownerId: string;
  roles: Map<string, { permissions: string }>;
  members: Map<string, { roles: string[] }>;
}

export function basePermissions(guild: PermissionGuild, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let perms = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member.roles) perms |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  if ((perms & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  return perms;
}

export function channelPermissions(
  guild: PermissionGuild,
  overwrites: readonly APIOverwrite[],
  userId: string,
): bigint {
  const base = basePermissions(guild, userId);
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let perms = base;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guild.id && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
  // Without View Channel nothing else in the channel applies.
  if ((perms & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
  return perms;
}

export function has(perms: bigint, ...flags: bigint[]): boolean {
  return flags.every((f) => (perms & f) === f);
}

export function permissionNames(perms: bigint): string[] {
  return Object.entries(PermissionFlagsBits)
    .filter(([, bit]) => (perms & bit) === bit)
    .map(([name]) => name);
}
