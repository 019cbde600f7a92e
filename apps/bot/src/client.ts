// The discord.js client: only the intents TicketByte needs, and caches bounded on purpose so memory
// does not grow with the size of the guilds the bot is in.
import { ScheduledRest } from './lib/scheduled-rest.js';
import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

export interface ClientConfig {
  /** Discord's REST base (the emulator's in tests and demo mode). */
  apiUrl: string;
  /** MESSAGE_CONTENT is privileged: prefix commands and transcript content need it. */
  messageContent: boolean;
  /** 'bounded' (ours) or discord.js's defaults, for the memory benchmark. */
  cache?: 'bounded' | 'default';
  /** REST request timeout. */
  restTimeoutMs?: number;
}

export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  return [
    GatewayIntentBits.Guilds, // guilds, channels, roles; GUILD_CREATE/DELETE; CHANNEL_DELETE
    GatewayIntentBits.GuildMembers, // GUILD_MEMBER_REMOVE (auto-close when the opener leaves)
    GatewayIntentBits.GuildMessages, // activity for auto-close, transcripts, prefix commands
    ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
  ];
}

/**
 * What is kept in memory. Interactions carry the member, roles and permissions they need, and
 * message events are handled as they arrive, so members, users and messages are barely cached
 * (only the member who just acted, and the bot's own member and user, are kept); presences, voice, emojis, stickers, invites,
 * bans, reactions and thread members are never cached. Guilds, channels and roles stay (discord.js
 * needs them, and they do not grow with membership).
 */
export function boundedCache() {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    GuildMessageManager: 0,
    DMMessageManager: 0,
    // One member per guild: the one who just acted. discord.js resolves `message.member` from this
    // cache right after adding it from the event, which is how role ids reach transcripts and
    // first-response times; everyone else is dropped (the bot's own member is always kept).
    GuildMemberManager: { maxSize: 1, keepOverLimit: (member) => member.id === member.client.user.id },
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    PresenceManager: 0,
    VoiceStateManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    GuildEmojiManager: 0,
    BaseGuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildScheduledEventManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    StageInstanceManager: 0,
    ThreadMemberManager: 0,
    AutoModerationRuleManager: 0,
    ApplicationCommandManager: 0,
    GuildForumThreadManager: 0,
    GuildTextThreadManager: 0,
  });
}

export function createClient(config: ClientConfig): Client {
  const bounded = (config.cache ?? 'bounded') === 'bounded';
  const client = new Client({
    intents: intentsFor(config.messageContent),
    // Events for uncached messages and members still arrive (edits, deletions, members leaving).
    partials: [Partials.Message, Partials.GuildMember, Partials.User],
    rest: { api: config.apiUrl, timeout: config.restTimeoutMs ?? 15_000 },
    ...(bounded
      ? {
          makeCache: boundedCache(),
          sweepers: {
            ...Options.DefaultSweeperSettings,
            // Belt and braces for anything cached despite the limits above.
            messages: { interval: 300, lifetime: 600 },
            users: { interval: 600, filter: () => (user) => user.id !== user.client.user.id },
            guildMembers: { interval: 600, filter: () => (member) => member.id !== member.client.user.id },
          },
        }
      : {}),
    allowedMentions: { parse: [] },
  });
  // One REST instance for the client and the router's Discord port (shared rate-limit buckets),
  // built from @discordjs/rest's ES module build — the one @ticketbyte/api imports. discord.js
  // (CommonJS) would build it from the CommonJS build, whose DiscordAPIError/HTTPError are other
  // classes, so the port's `instanceof` checks would miss Discord's errors (50013 → "missing
  // permission", 5xx → "Discord did not answer") and report them as internal errors.
  // It admits requests in priority order within the global and per-route limits (scheduled-rest.ts).
  client.rest = new ScheduledRest(client.options.rest);
  return client;
}
