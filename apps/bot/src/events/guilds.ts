// Guild lifecycle: joining creates the guild's settings with defaults (or restores them within the
// grace period); leaving marks them removed. discord.js reports a GUILD_DELETE carrying
// `unavailable: true` (a Discord outage, not a removal) as `guildUnavailable`, never as
// `guildDelete`, so only a real removal reaches `config.guildLeft`.
import type { Guild } from 'discord.js';
import { type BotDeps, SYSTEM } from '../lib/deps.js';

export function onGuildCreate(deps: BotDeps) {
  return (guild: Guild): void => {
    void deps.inflight.track(
      deps
        .caller(SYSTEM)
        .config.guildJoined({ guildId: guild.id, name: guild.name.slice(0, 100) })
        .then((r) => {
          deps.config.forget(guild.id);
          deps.log.info('bot.guild.joined', { guildId: guild.id, restored: r.restored });
        })
        .catch((error) =>
          deps.log.error('bot.guild.join.failed', { guildId: guild.id, error: (error as Error)?.name }),
        ),
    );
  };
}

export function onGuildDelete(deps: BotDeps) {
  return (guild: Guild): void => {
    if (!guild.available) return; // defensive: an outage is never a removal
    void deps.inflight.track(
      deps
        .caller(SYSTEM)
        .config.guildLeft({ guildId: guild.id })
        .then(() => {
          deps.config.forget(guild.id);
          deps.log.info('bot.guild.left', { guildId: guild.id });
        })
        .catch((error) =>
          deps.log.error('bot.guild.leave.failed', { guildId: guild.id, error: (error as Error)?.name }),
        ),
    );
  };
}

export function onGuildUnavailable(deps: BotDeps) {
  return (guild: Guild): void => {
    deps.log.warn('bot.guild.unavailable', { guildId: guild.id });
  };
}

/**
 * On start, guilds the bot is in but TicketByte has no (or removed) settings for — joined while the
 * bot was offline — are reported as joined. Which ones is one query per 1,000 guilds, so a restart
 * in thousands of guilds costs a handful of reads.
 */
export async function syncGuilds(deps: BotDeps, guilds: Iterable<Guild>, concurrency = 8): Promise<number> {
  const all = [...guilds];
  const missing: Guild[] = [];
  for (let i = 0; i < all.length; i += 1000) {
    const chunk = all.slice(i, i + 1000);
    try {
      const { guildIds } = await deps
        .caller(SYSTEM)
        .config.guildsWithSettings({ guildIds: chunk.map((g) => g.id) });
      const known = new Set(guildIds);
      missing.push(...chunk.filter((g) => !known.has(g.id)));
    } catch (error) {
      deps.log.warn('bot.guild.sync.failed', { error: (error as Error)?.name });
    }
  }
  let joined = 0;
  const worker = async () => {
    for (let guild = missing.shift(); guild; guild = missing.shift()) {
      try {
        await deps.caller(SYSTEM).config.guildJoined({ guildId: guild.id, name: guild.name.slice(0, 100) });
        deps.config.forget(guild.id);
        joined++;
      } catch (error) {
        deps.log.warn('bot.guild.sync.failed', { guildId: guild.id, error: (error as Error)?.name });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return joined;
}
