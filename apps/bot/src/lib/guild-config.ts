// What the bot needs to know about a guild's settings to render replies and read prefix commands:
// its language, prefix and transcript setting. Read through the router's member-level view
// (`config.public`), cached briefly and bounded, so memory does not grow with the number of guilds.
import type { Caller } from './deps.js';

export interface GuildConfig {
  language: string;
  prefix: string;
  transcriptsEnabled: boolean;
  transcriptRetentionDays: number;
  removed: boolean;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

export class GuildConfigCache {
  private readonly entries = new Map<string, { value: GuildConfig | null; at: number }>();
  private readonly pending = new Map<string, Promise<GuildConfig | null>>();

  constructor(private readonly system: () => Caller) {}

  /** The guild's settings, or null when TicketByte has none for it. */
  async get(guildId: string): Promise<GuildConfig | null> {
    const hit = this.entries.get(guildId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const running = this.pending.get(guildId);
    if (running) return running;
    const load = this.load(guildId).finally(() => this.pending.delete(guildId));
    this.pending.set(guildId, load);
    return load;
  }

  /** The catalog language of a guild ('en' when unknown). */
  async locale(guildId: string | null): Promise<string> {
    if (!guildId) return 'en';
    return (await this.get(guildId).catch(() => null))?.language ?? 'en';
  }

  forget(guildId: string): void {
    this.entries.delete(guildId);
  }

  private async load(guildId: string): Promise<GuildConfig | null> {
    const s = await this.system().config.public({ guildId });
    const value: GuildConfig | null = s.setUp
      ? {
          language: s.language,
          prefix: s.prefix,
          transcriptsEnabled: s.transcriptsEnabled,
          transcriptRetentionDays: s.transcriptRetentionDays,
          removed: s.removed,
        }
      : null;
    this.entries.delete(guildId);
    this.entries.set(guildId, { value, at: Date.now() });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}
