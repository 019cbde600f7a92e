// `account.*`: what a signed-in person sees about themselves — the servers they can manage.
import { Guild } from '@ticketbyte/db';
import { env } from '@ticketbyte/db/env';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { fetchUserGuilds, type UserGuild } from '../discord/user-oauth.js';
import { TtlCache } from '../services/ttl-cache.js';
import { accessLevel, memberStanding } from '../services/access.js';
import { guildSnapshot } from '../services/guild-snapshot.js';
import { router, userProcedure } from '../trpc.js';

/** The permissions the bot asks for when invited (see the README's Discord application section). */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.ManageMessages;

export function inviteUrl(applicationId: string, guildId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: BOT_PERMISSIONS.toString(),
    guild_id: guildId,
    disable_guild_select: 'true',
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}

const guildEntry = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  access: z.enum(['admin', 'staff']),
  botPresent: z.boolean(),
  inviteUrl: z.string().nullable(),
  /** Set when the bot was removed: the data is kept until then, unless an admin deletes it sooner. */
  dataDeletedAfter: z.date().nullable(),
});

// Discord rate-limits /users/@me/guilds tightly; a person's list is reused for a short while.
const userGuildsCache = new TtlCache<UserGuild[]>(30_000, 5_000);

async function cachedUserGuilds(apiUrl: string, userId: string): Promise<UserGuild[]> {
  const cached = userGuildsCache.get(userId);
  if (cached) return cached;
  const guilds = await fetchUserGuilds(apiUrl, userId);
  userGuildsCache.set(userId, guilds);
  return guilds;
}

export const accountRouter = router({
  /** Servers the person manages: admin or staff where the bot is, and admin where it could be invited. */
  guilds: userProcedure.output(z.object({ guilds: z.array(guildEntry) })).query(async ({ ctx }) => {
    const theirs = await cachedUserGuilds(ctx.discordApiUrl, ctx.actor.userId);
    const known = await Guild.find(
      { guildId: { $in: theirs.map((g) => g.id) } },
      { guildId: 1, removedAt: 1 },
    ).lean();
    const present = new Set(known.filter((g) => !g.removedAt).map((g) => g.guildId));
    const removedAt = new Map(known.filter((g) => g.removedAt).map((g) => [g.guildId, g.removedAt as Date]));
    const graceMs = env().GUILD_DATA_GRACE_DAYS * 86_400_000;
    const guilds: z.infer<typeof guildEntry>[] = [];
    for (const g of theirs) {
      const perms = BigInt(g.permissions);
      const manages =
        g.owner === true ||
        (perms & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !== 0n;
      if (present.has(g.id)) {
        // Staff status comes from the configured roles, which only the bot's view of the member shows.
        const standing = await memberStanding(ctx.actor, g.id, ctx.discord);
        const level = accessLevel(standing, (await guildSnapshot(g.id)).settings);
        if (level === 'admin' || level === 'staff') {
          guilds.push({
            id: g.id,
            name: g.name,
            icon: g.icon ?? null,
            access: level,
            botPresent: true,
            inviteUrl: null,
            dataDeletedAfter: null,
          });
        }
      } else if (manages) {
        guilds.push({
          id: g.id,
          name: g.name,
          icon: g.icon ?? null,
          access: 'admin',
          botPresent: false,
          inviteUrl: ctx.applicationId ? inviteUrl(ctx.applicationId, g.id) : null,
          dataDeletedAfter: removedAt.has(g.id) ? new Date(removedAt.get(g.id)!.getTime() + graceMs) : null,
        });
      }
    }
    guilds.sort((a, b) => Number(b.botPresent) - Number(a.botPresent) || a.name.localeCompare(b.name));
    return { guilds };
  }),
});
