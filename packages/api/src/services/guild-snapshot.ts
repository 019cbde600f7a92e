// A guild's configuration as ticket operations need it: settings, categories and blacklist, read together
// and cached for a few seconds so the hot path (opening a ticket) does not re-read them each time.
// Writes through the config procedures drop the entry at once in this process; other processes
// see a change within CONFIG_CACHE_MS.
import { Blacklist, Guild, type GuildSettings, TicketCategory, type TicketCategoryDoc } from '@ticketbyte/db';
import { TtlCache } from './ttl-cache.js';

export const CONFIG_CACHE_MS = 5_000;

export type CategoryRecord = TicketCategoryDoc & { _id: { toString(): string } };

export interface GuildSnapshot {
  settings: GuildSettings | null;
  categories: CategoryRecord[];
  blacklistedUserIds: Set<string>;
  blacklistedRoleIds: Set<string>;
}

const snapshots = new TtlCache<GuildSnapshot>(CONFIG_CACHE_MS, 5_000);

export async function guildSnapshot(guildId: string): Promise<GuildSnapshot> {
  const cached = snapshots.get(guildId);
  if (cached) return cached;
  const [settings, categories, blacklist] = await Promise.all([
    Guild.findOne({ guildId }).lean() as Promise<GuildSettings | null>,
    TicketCategory.find({ guildId }).sort({ position: 1, createdAt: 1 }).lean() as Promise<CategoryRecord[]>,
    Blacklist.find({ guildId }, { targetType: 1, targetId: 1 }).lean(),
  ]);
  const snapshot = {
    settings,
    categories,
    blacklistedUserIds: new Set(blacklist.filter((b) => b.targetType === 'user').map((b) => b.targetId)),
    blacklistedRoleIds: new Set(blacklist.filter((b) => b.targetType === 'role').map((b) => b.targetId)),
  };
  snapshots.set(guildId, snapshot);
  return snapshot;
}

export function invalidateGuildSnapshot(guildId: string): void {
  snapshots.delete(guildId);
}
