// In-memory Discord: users, guilds, roles, members, channels, messages and commands, plus the gateway
// events every change produces. REST routes and the control API both mutate state only through here.
import {
  type APIApplicationCommand,
  type APIAttachment,
  type APIChannel,
  type APIEmbed,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GuildMemberFlags,
  type UserFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { Errors } from './errors';
import { basePermissions, channelPermissions } from './permissions';
import { DEFAULT_EVERYONE_PERMISSIONS, type ParsedSeed } from './seed';
import { compareSnowflakes, nextSnowflake, snowflakeTimestamp } from './snowflake';

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  email: string | null;
  locale: string;
  /** When true, the bot cannot open or use a DM with this user (50007). */
  dmsClosed: boolean;
}

export interface MemberRecord {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  roles: Map<string, APIRole>;
  members: Map<string, MemberRecord>;
  /** Outage: the guild is unavailable to the bot (GUILD_DELETE with unavailable: true). */
  unavailable: boolean;
}

export interface ChannelRecord {
  id: string;
  type: ChannelType;
  guildId: string | null;
  name: string | null;
  parentId: string | null;
  position: number;
  topic: string | null;
  nsfw: boolean;
  rateLimitPerUser: number;
  overwrites: APIOverwrite[];
  recipientIds: string[];
  lastMessageId: string | null;
}

export interface StoredMessage {
  message: APIMessage;
  guildId: string | null;
  /** Ephemeral messages exist only for this user (not listed over REST, not dispatched). */
  ephemeralFor: string | null;
}

export interface StoredFile {
  data: Uint8Array;
  contentType: string;
}

export interface DispatchMeta {
  guildId?: string;
  /** Intent bit a session needs to receive the event; undefined = always delivered. */
  intent?: number;
  /** For MESSAGE_* events: content is stripped for sessions without MessageContent. */
  message?: APIMessage;
}

export type Dispatcher = (event: GatewayDispatchEvents, data: unknown, meta: DispatchMeta) => void;

export interface NewMessage {
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  attachments?: APIAttachment[];
  flags?: number;
  type?: MessageType;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessage['interaction_metadata'];
  messageReference?: APIMessage['message_reference'];
  ephemeralFor?: string | null;
  nonce?: string | number;
  tts?: boolean;
}

export type MessageEdit = Partial<
  Pick<APIMessage, 'content' | 'embeds' | 'components' | 'attachments' | 'flags'>
>;

export interface ChannelInput {
  name: string;
  type?: ChannelType;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  nsfw?: boolean;
  rateLimitPerUser?: number;
  overwrites?: APIOverwrite[];
}

const MENTION_USER = /<@!?(\d{1,20})>/g;
const MENTION_ROLE = /<@&(\d{1,20})>/g;

export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, StoredMessage[]>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  readonly files = new Map<string, StoredFile>();
  readonly bot: {
    token: string;
    applicationId: string;
    userId: string;
    username: string;
    /** The application's flags; the GATEWAY_* ones are the privileged intents it may request. */
    applicationFlags: number;
  };
  /** Absolute base (http://127.0.0.1:port) used for attachment URLs; set once the server listens. */
  baseUrl = 'http://127.0.0.1';
  /** Bumped on every change; waiters and the sandbox watch it. */
  version = 0;
  private readonly listeners = new Set<() => void>();
  dispatch: Dispatcher = () => {};

  constructor(readonly seed: ParsedSeed) {
    this.bot = { ...seed.bot };
    this.loadSeed(seed);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  touch(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  private emit(event: GatewayDispatchEvents, data: unknown, meta: DispatchMeta = {}): void {
    this.touch();
    this.dispatch(event, data, meta);
  }

  private loadSeed(seed: ParsedSeed): void {
    this.users.set(seed.bot.userId, {
      id: seed.bot.userId,
      username: seed.bot.username,
      globalName: null,
      bot: true,
      email: null,
      locale: 'en-US',
      dmsClosed: false,
    });
    for (const u of seed.users) {
      this.users.set(u.id, {
        id: u.id,
        username: u.username,
        globalName: u.globalName ?? null,
        bot: false,
        email: u.email ?? null,
        locale: u.locale,
        dmsClosed: false,
      });
    }
    for (const g of seed.guilds) this.insertGuild(g);
  }

  private insertGuild(g: ParsedSeed['guilds'][number]): GuildRecord {
    const joinedAt = new Date(snowflakeTimestamp(g.id) || Date.now()).toISOString();
    const guild: GuildRecord = {
      id: g.id,
      name: g.name,
      ownerId: g.ownerId,
      locale: g.locale,
      roles: new Map(),
      members: new Map(),
      unavailable: false,
    };
    guild.roles.set(
      g.id,
      makeRole(g.id, '@everyone', g.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0),
    );
    g.roles.forEach((r, i) => {
      const role = makeRole(r.id, r.name, r.permissions, r.position ?? i + 1);
      role.color = r.color;
      role.colors = { primary_color: r.color, secondary_color: null, tertiary_color: null };
      role.hoist = r.hoist;
      role.mentionable = r.mentionable;
      role.managed = r.managed;
      guild.roles.set(r.id, role);
    });
    for (const m of g.members) {
      if (!this.users.has(m.userId))
        throw new Error(`Seed guild ${g.id}: member ${m.userId} is not a seeded user`);
      guild.members.set(m.userId, { userId: m.userId, roles: [...m.roles], nick: m.nick ?? null, joinedAt });
    }
    if (!guild.members.has(this.bot.userId) && g.bot.present) {
      const roles: string[] = [];
      if (g.bot.permissions !== undefined) {
        const roleId = g.bot.roleId ?? nextSnowflake();
        const role = makeRole(roleId, g.bot.roleName, g.bot.permissions, guild.roles.size);
        role.managed = true;
        role.tags = { bot_id: this.bot.userId };
        guild.roles.set(roleId, role);
        roles.push(roleId);
      }
      guild.members.set(this.bot.userId, { userId: this.bot.userId, roles, nick: null, joinedAt });
    }
    this.guilds.set(guild.id, guild);
    g.channels.forEach((c, i) => {
      const type =
        c.type === 'category'
          ? ChannelType.GuildCategory
          : c.type === 'voice'
            ? ChannelType.GuildVoice
            : c.type === 'announcement'
              ? ChannelType.GuildAnnouncement
              : ChannelType.GuildText;
      this.channels.set(c.id, {
        id: c.id,
        type,
        guildId: g.id,
        name: c.name,
        parentId: c.parentId ?? null,
        position: c.position ?? i,
        topic: c.topic ?? null,
        nsfw: false,
        rateLimitPerUser: 0,
        overwrites: c.overwrites.map((o) => ({
          id: o.id,
          type: o.type === 'role' ? 0 : 1,
          allow: o.allow,
          deny: o.deny,
        })),
        recipientIds: [],
        lastMessageId: null,
      });
      this.messages.set(c.id, []);
    });
    return guild;
  }

  // ---------------------------------------------------------------- lookups

  user(id: string): UserRecord {
    const u = this.users.get(id);
    if (!u) throw Errors.unknownUser();
    return u;
  }

  guild(id: string): GuildRecord {
    const g = this.guilds.get(id);
    if (!g) throw Errors.unknownGuild();
    return g;
  }

  /** A guild the bot can currently act in (member and not in an outage). */
  botGuild(id: string): GuildRecord {
    const g = this.guilds.get(id);
    if (!g?.members.has(this.bot.userId) || g.unavailable) throw Errors.unknownGuild();
    return g;
  }

  channel(id: string): ChannelRecord {
    const c = this.channels.get(id);
    if (!c) throw Errors.unknownChannel();
    return c;
  }

  member(guildId: string, userId: string): MemberRecord {
    const m = this.guild(guildId).members.get(userId);
    if (!m) throw Errors.unknownMember();
    return m;
  }

  botGuildIds(): string[] {
    return [...this.guilds.values()].filter((g) => g.members.has(this.bot.userId)).map((g) => g.id);
  }

  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channels.values()]
      .filter((c) => c.guildId === guildId)
      .sort((a, b) => a.position - b.position || compareSnowflakes(a.id, b.id));
  }

  permissionsIn(userId: string, channelId: string): bigint {
    const channel = this.channel(channelId);
    if (channel.guildId === null) {
      return channel.recipientIds.includes(userId) ? DM_PERMISSIONS : 0n;
    }
    return channelPermissions(this.guild(channel.guildId), channel.overwrites, userId);
  }

  guildPermissions(userId: string, guildId: string): bigint {
    return basePermissions(this.guild(guildId), userId);
  }

  canView(userId: string, channelId: string): boolean {
    return (this.permissionsIn(userId, channelId) & PermissionFlagsBits.ViewChannel) !== 0n;
  }

  // ---------------------------------------------------------------- serialisation

  apiUser(id: string): APIUser {
    const u = this.user(id);
    const user: APIUser = {
      id: u.id,
      username: u.username,
      discriminator: '0',
      global_name: u.globalName,
      avatar: null,
      public_flags: 0 as UserFlags,
      flags: 0 as UserFlags,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
    if (u.bot) user.bot = true;
    return user;
  }

  apiMember(guildId: string, userId: string, withUser = true): APIGuildMember {
    const m = this.member(guildId, userId);
    const member = {
      nick: m.nick,
      avatar: null,
      banner: null,
      roles: [...m.roles],
      joined_at: m.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    } as Omit<APIGuildMember, 'user'> as APIGuildMember;
    if (withUser) member.user = this.apiUser(userId);
    return member;
  }

  apiChannel(id: string): APIChannel {
    const c = this.channel(id);
    if (c.type === ChannelType.DM) {
      return {
        id: c.id,
        type: ChannelType.DM,
        last_message_id: c.lastMessageId,
        recipients: c.recipientIds.filter((r) => r !== this.bot.userId).map((r) => this.apiUser(r)),
        flags: 0,
      } as unknown as APIChannel;
    }
    const base = {
      id: c.id,
      type: c.type,
      guild_id: c.guildId,
      name: c.name,
      position: c.position,
      permission_overwrites: c.overwrites.map((o) => ({ ...o })),
      parent_id: c.parentId,
      nsfw: c.nsfw,
      flags: 0,
    };
    if (c.type === ChannelType.GuildCategory) return base as APIChannel;
    return {
      ...base,
      topic: c.topic,
      last_message_id: c.lastMessageId,
      rate_limit_per_user: c.rateLimitPerUser,
    } as APIChannel;
  }

  apiGuild(id: string): APIGuild {
    const g = this.guild(id);
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId,
      region: 'deprecated',
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [...g.roles.values()].map((r) => ({ ...r })),
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: g.locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      nsfw: false,
      home_header: null,
    } as unknown as APIGuild;
  }

  /** The GUILD_CREATE payload the bot receives (members only with the GuildMembers intent, as Discord). */
  gatewayGuild(id: string, withAllMembers: boolean): unknown {
    const g = this.guild(id);
    const memberIds = withAllMembers ? [...g.members.keys()] : [this.bot.userId];
    return {
      ...this.apiGuild(id),
      joined_at: g.members.get(this.bot.userId)?.joinedAt ?? new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: g.members.size,
      voice_states: [],
      members: memberIds.filter((m) => g.members.has(m)).map((m) => this.apiMember(id, m)),
      channels: this.guildChannels(id).map((c) => this.apiChannel(c.id)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---------------------------------------------------------------- guilds and members

  createGuild(input: ParsedSeed['guilds'][number]): GuildRecord {
    if (this.guilds.has(input.id)) throw new Error(`Guild ${input.id} already exists`);
    const g = this.insertGuild(input);
    if (g.members.has(this.bot.userId)) {
      this.emit(GatewayDispatchEvents.GuildCreate, { guildId: g.id, fresh: true }, { guildId: g.id });
    } else {
      this.touch();
    }
    return g;
  }

  addMember(guildId: string, userId: string, roleIds: string[] = []): APIGuildMember {
    const g = this.guild(guildId);
    this.user(userId);
    for (const r of roleIds) if (!g.roles.has(r)) throw Errors.unknownRole();
    const existing = g.members.get(userId);
    if (existing) {
      existing.roles = [...new Set([...existing.roles, ...roleIds])];
      this.emit(
        GatewayDispatchEvents.GuildMemberUpdate,
        { guild_id: guildId, ...this.apiMember(guildId, userId) },
        { guildId, intent: GatewayIntentBits.GuildMembers },
      );
      return this.apiMember(guildId, userId);
    }
    g.members.set(userId, { userId, roles: [...roleIds], nick: null, joinedAt: new Date().toISOString() });
    if (userId === this.bot.userId) {
      g.unavailable = false;
      this.emit(GatewayDispatchEvents.GuildCreate, { guildId, fresh: true }, { guildId });
    } else {
      this.emit(
        GatewayDispatchEvents.GuildMemberAdd,
        { guild_id: guildId, ...this.apiMember(guildId, userId) },
        { guildId, intent: GatewayIntentBits.GuildMembers },
      );
    }
    return this.apiMember(guildId, userId);
  }

  removeMember(guildId: string, userId: string): void {
    const g = this.guild(guildId);
    if (!g.members.has(userId)) throw Errors.unknownMember();
    const user = this.apiUser(userId);
    g.members.delete(userId);
    if (userId === this.bot.userId) {
      // A real removal (kick / leave): GUILD_DELETE without `unavailable`.
      this.emit(GatewayDispatchEvents.GuildDelete, { id: guildId }, { guildId, intent: undefined });
      return;
    }
    this.emit(
      GatewayDispatchEvents.GuildMemberRemove,
      { guild_id: guildId, user },
      { guildId, intent: GatewayIntentBits.GuildMembers },
    );
  }

  setMemberRoles(guildId: string, userId: string, roleIds: string[]): APIGuildMember {
    const g = this.guild(guildId);
    const m = this.member(guildId, userId);
    for (const r of roleIds) if (!g.roles.has(r)) throw Errors.unknownRole();
    m.roles = [...new Set(roleIds)];
    const member = this.apiMember(guildId, userId);
    this.emit(
      GatewayDispatchEvents.GuildMemberUpdate,
      { guild_id: guildId, ...member },
      { guildId, intent: GatewayIntentBits.GuildMembers },
    );
    return member;
  }

  setOutage(guildId: string, unavailable: boolean): void {
    const g = this.guild(guildId);
    if (g.unavailable === unavailable) return;
    g.unavailable = unavailable;
    if (unavailable) {
      this.emit(GatewayDispatchEvents.GuildDelete, { id: guildId, unavailable: true }, { guildId });
    } else {
      this.emit(GatewayDispatchEvents.GuildCreate, { guildId, fresh: false }, { guildId });
    }
  }

  createRole(guildId: string, input: Partial<APIRole> & { name?: string }): APIRole {
    const g = this.guild(guildId);
    // Discord puts new roles at the bottom, just above @everyone.
    for (const r of g.roles.values()) if (r.id !== guildId) r.position += 1;
    const role = makeRole(nextSnowflake(), input.name ?? 'new role', input.permissions ?? '0', 1);
    if (input.color !== undefined) role.color = input.color;
    if (input.hoist !== undefined) role.hoist = input.hoist;
    if (input.mentionable !== undefined) role.mentionable = input.mentionable;
    g.roles.set(role.id, role);
    this.emit(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role: { ...role } }, { guildId });
    return role;
  }

  updateRole(guildId: string, roleId: string, patch: Partial<APIRole>): APIRole {
    const g = this.guild(guildId);
    const role = g.roles.get(roleId);
    if (!role) throw Errors.unknownRole();
    for (const key of ['name', 'permissions', 'color', 'hoist', 'mentionable'] as const) {
      if (patch[key] !== undefined) (role as unknown as Record<string, unknown>)[key] = patch[key];
    }
    this.emit(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guildId, role: { ...role } }, { guildId });
    return role;
  }

  deleteRole(guildId: string, roleId: string): void {
    const g = this.guild(guildId);
    if (!g.roles.delete(roleId)) throw Errors.unknownRole();
    for (const m of g.members.values()) m.roles = m.roles.filter((r) => r !== roleId);
    this.emit(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guildId, role_id: roleId }, { guildId });
  }

  // ---------------------------------------------------------------- channels

  createChannel(guildId: string, input: ChannelInput): ChannelRecord {
    this.guild(guildId);
    if (input.parentId) {
      const parent = this.channels.get(input.parentId);
      if (!parent || parent.guildId !== guildId || parent.type !== ChannelType.GuildCategory) {
        throw Errors.invalidForm({
          parent_id: { _errors: [{ code: 'CHANNEL_PARENT_INVALID', message: 'Invalid parent' }] },
        });
      }
    }
    const siblings = this.guildChannels(guildId);
    const channel: ChannelRecord = {
      id: nextSnowflake(),
      type: input.type ?? ChannelType.GuildText,
      guildId,
      name: input.name,
      parentId: input.parentId ?? null,
      position: input.position ?? siblings.length,
      topic: input.topic ?? null,
      nsfw: input.nsfw ?? false,
      rateLimitPerUser: input.rateLimitPerUser ?? 0,
      overwrites: input.overwrites ?? [],
      recipientIds: [],
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.emit(GatewayDispatchEvents.ChannelCreate, this.apiChannel(channel.id), { guildId });
    return channel;
  }

  updateChannel(id: string, patch: Partial<ChannelInput>): ChannelRecord {
    const c = this.channel(id);
    if (patch.name !== undefined) c.name = patch.name;
    if (patch.topic !== undefined) c.topic = patch.topic;
    if (patch.parentId !== undefined) c.parentId = patch.parentId;
    if (patch.position !== undefined) c.position = patch.position;
    if (patch.nsfw !== undefined) c.nsfw = patch.nsfw;
    if (patch.rateLimitPerUser !== undefined) c.rateLimitPerUser = patch.rateLimitPerUser;
    if (patch.overwrites !== undefined) c.overwrites = patch.overwrites;
    this.emitChannelUpdate(c);
    return c;
  }

  private emitChannelUpdate(c: ChannelRecord): void {
    if (c.guildId === null) {
      this.touch();
      return;
    }
    this.emit(GatewayDispatchEvents.ChannelUpdate, this.apiChannel(c.id), { guildId: c.guildId });
  }

  deleteChannel(id: string): APIChannel {
    const c = this.channel(id);
    const api = this.apiChannel(id);
    this.channels.delete(id);
    this.messages.delete(id);
    if (c.guildId === null) {
      this.touch();
      return api;
    }
    this.emit(GatewayDispatchEvents.ChannelDelete, api, { guildId: c.guildId });
    if (c.type === ChannelType.GuildCategory) {
      for (const child of this.channels.values()) {
        if (child.parentId === id) {
          child.parentId = null;
          this.emitChannelUpdate(child);
        }
      }
    }
    return api;
  }

  putOverwrite(channelId: string, overwrite: APIOverwrite): void {
    const c = this.channel(channelId);
    const i = c.overwrites.findIndex((o) => o.id === overwrite.id);
    if (i >= 0) c.overwrites[i] = overwrite;
    else c.overwrites.push(overwrite);
    this.emitChannelUpdate(c);
  }

  deleteOverwrite(channelId: string, overwriteId: string): void {
    const c = this.channel(channelId);
    c.overwrites = c.overwrites.filter((o) => o.id !== overwriteId);
    this.emitChannelUpdate(c);
  }

  openDm(userA: string, userB: string): ChannelRecord {
    this.user(userA);
    this.user(userB);
    for (const c of this.channels.values()) {
      if (c.type === ChannelType.DM && c.recipientIds.includes(userA) && c.recipientIds.includes(userB))
        return c;
    }
    const channel: ChannelRecord = {
      id: nextSnowflake(),
      type: ChannelType.DM,
      guildId: null,
      name: null,
      parentId: null,
      position: 0,
      topic: null,
      nsfw: false,
      rateLimitPerUser: 0,
      overwrites: [],
      recipientIds: [userA, userB],
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.touch();
    return channel;
  }

  // ---------------------------------------------------------------- messages

  storedMessage(channelId: string, messageId: string): StoredMessage {
    this.channel(channelId);
    const m = this.messages.get(channelId)?.find((s) => s.message.id === messageId);
    if (!m) throw Errors.unknownMessage();
    return m;
  }

  findMessage(messageId: string): StoredMessage | undefined {
    for (const list of this.messages.values()) {
      const m = list.find((s) => s.message.id === messageId);
      if (m) return m;
    }
    return undefined;
  }

  createMessage(channelId: string, input: NewMessage): StoredMessage {
    const c = this.channel(channelId);
    const content = input.content ?? '';
    const mentions = [...content.matchAll(MENTION_USER)]
      .map((m) => m[1]!)
      .filter((id, i, all) => all.indexOf(id) === i && this.users.has(id))
      .map((id) => this.apiUser(id));
    const mentionRoles = [...content.matchAll(MENTION_ROLE)].map((m) => m[1]!);
    const message: APIMessage = {
      id: nextSnowflake(),
      channel_id: channelId,
      author: input.author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: input.tts ?? false,
      mention_everyone: /@(everyone|here)/.test(content),
      mentions,
      mention_roles: [...new Set(mentionRoles)],
      attachments: input.attachments ?? [],
      embeds: (input.embeds ?? []).map(normaliseEmbed),
      pinned: false,
      type: input.type ?? MessageType.Default,
      flags: input.flags ?? 0,
      components: normaliseComponents(input.components ?? []),
    };
    if (input.nonce !== undefined) message.nonce = input.nonce;
    if (input.webhookId) message.webhook_id = input.webhookId;
    if (input.applicationId) message.application_id = input.applicationId;
    if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata;
    if (input.messageReference) message.message_reference = input.messageReference;
    const stored: StoredMessage = { message, guildId: c.guildId, ephemeralFor: input.ephemeralFor ?? null };
    this.messages.get(channelId)?.push(stored);
    if (stored.ephemeralFor) {
      this.touch();
      return stored;
    }
    c.lastMessageId = message.id;
    this.emit(GatewayDispatchEvents.MessageCreate, this.gatewayMessage(stored), this.messageMeta(stored));
    return stored;
  }

  editMessage(channelId: string, messageId: string, patch: MessageEdit): StoredMessage {
    const stored = this.storedMessage(channelId, messageId);
    const m = stored.message;
    if (patch.content !== undefined) m.content = patch.content ?? '';
    if (patch.embeds !== undefined) m.embeds = (patch.embeds ?? []).map(normaliseEmbed);
    if (patch.components !== undefined) m.components = normaliseComponents(patch.components ?? []);
    if (patch.attachments !== undefined) m.attachments = patch.attachments ?? [];
    if (patch.flags !== undefined) m.flags = patch.flags;
    m.edited_timestamp = new Date().toISOString();
    if (stored.ephemeralFor) {
      this.touch();
      return stored;
    }
    this.emit(GatewayDispatchEvents.MessageUpdate, this.gatewayMessage(stored), this.messageMeta(stored));
    return stored;
  }

  deleteMessage(channelId: string, messageId: string): void {
    const stored = this.storedMessage(channelId, messageId);
    const list = this.messages.get(channelId) ?? [];
    list.splice(list.indexOf(stored), 1);
    if (stored.ephemeralFor) {
      this.touch();
      return;
    }
    const data: Record<string, string> = { id: messageId, channel_id: channelId };
    if (stored.guildId) data.guild_id = stored.guildId;
    this.emit(GatewayDispatchEvents.MessageDelete, data, this.messageMeta(stored, false));
  }

  bulkDeleteMessages(channelId: string, ids: string[]): void {
    const c = this.channel(channelId);
    const list = this.messages.get(channelId) ?? [];
    for (const id of ids) {
      const i = list.findIndex((s) => s.message.id === id);
      if (i >= 0) list.splice(i, 1);
    }
    const data: Record<string, unknown> = { ids, channel_id: channelId };
    if (c.guildId) data.guild_id = c.guildId;
    this.emit(GatewayDispatchEvents.MessageDeleteBulk, data, {
      guildId: c.guildId ?? undefined,
      intent: c.guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages,
    });
  }

  /** Messages newest first, as Discord lists them; `viewerId` also sees their ephemeral messages. */
  listMessages(
    channelId: string,
    opts: { before?: string; after?: string; around?: string; limit?: number; viewerId?: string } = {},
  ): APIMessage[] {
    this.channel(channelId);
    const limit = Math.max(1, Math.min(opts.limit ?? 50, 100));
    const all = (this.messages.get(channelId) ?? [])
      .filter((s) => s.ephemeralFor === null || s.ephemeralFor === opts.viewerId)
      .map((s) => s.message);
    const { before, after, around } = opts;
    let picked: APIMessage[];
    if (around) {
      const older = all.filter((m) => compareSnowflakes(m.id, around) <= 0).slice(-Math.ceil(limit / 2));
      const newer = all.filter((m) => compareSnowflakes(m.id, around) > 0).slice(0, Math.floor(limit / 2));
      picked = [...older, ...newer];
    } else if (after) {
      picked = all.filter((m) => compareSnowflakes(m.id, after) > 0).slice(0, limit);
    } else if (before) {
      picked = all.filter((m) => compareSnowflakes(m.id, before) < 0).slice(-limit);
    } else {
      picked = all.slice(-limit);
    }
    return picked.reverse();
  }

  gatewayMessage(stored: StoredMessage): APIMessage & { guild_id?: string; member?: unknown } {
    const out: APIMessage & { guild_id?: string; member?: unknown } = { ...stored.message };
    if (stored.guildId) {
      out.guild_id = stored.guildId;
      const g = this.guilds.get(stored.guildId);
      if (g?.members.has(stored.message.author.id) && !stored.message.webhook_id) {
        out.member = this.apiMember(stored.guildId, stored.message.author.id, false);
      }
    }
    return out;
  }

  private messageMeta(stored: StoredMessage, withMessage = true): DispatchMeta {
    return {
      guildId: stored.guildId ?? undefined,
      intent: stored.guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages,
      message: withMessage ? stored.message : undefined,
    };
  }

  // ---------------------------------------------------------------- files

  storeFile(
    channelId: string,
    filename: string,
    data: Uint8Array,
    contentType: string,
    description?: string,
  ) {
    const id = nextSnowflake();
    const safeName = filename.replace(/[^\w.-]+/g, '_') || 'file';
    const path = `/attachments/${channelId}/${id}/${safeName}`;
    this.files.set(path, { data, contentType });
    const attachment: APIAttachment = {
      id,
      filename: safeName,
      size: data.byteLength,
      url: `${this.baseUrl}${path}`,
      proxy_url: `${this.baseUrl}${path}`,
      content_type: contentType,
    };
    if (description) attachment.description = description;
    return attachment;
  }
}

export const DM_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;

function makeRole(id: string, name: string, permissions: string, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0 as APIRole['flags'],
  };
}

function normaliseEmbed(embed: APIEmbed): APIEmbed {
  const out = { type: 'rich' as APIEmbed['type'], ...embed } as APIEmbed;
  if (embed.fields) out.fields = embed.fields.map((f) => ({ ...f, inline: f.inline ?? false }));
  return out;
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

/** Fills in what Discord adds to stored components: numeric ids (depth-first from 1) and select defaults. */
export function normaliseComponents<T>(components: T[]): T[] {
  let next = 1;
  const used = new Set<number>();
  const collect = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const c = node as { id?: unknown; components?: unknown[]; accessory?: unknown; component?: unknown };
    if (typeof c.id === 'number') used.add(c.id);
    c.components?.forEach(collect);
    collect(c.accessory);
    collect(c.component);
  };
  components.forEach(collect);
  const walk = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    const c = { ...(node as Record<string, unknown>) };
    if (typeof c.id !== 'number') {
      while (used.has(next)) next++;
      c.id = next;
      used.add(next);
    }
    if (typeof c.type === 'number' && SELECT_TYPES.has(c.type)) {
      c.min_values ??= 1;
      c.max_values ??= 1;
    }
    if (c.type === 17) {
      c.accent_color ??= null;
      c.spoiler ??= false;
    }
    if (Array.isArray(c.components)) c.components = c.components.map(walk);
    if (c.accessory) c.accessory = walk(c.accessory);
    if (c.component) c.component = walk(c.component);
    return c;
  };
  return components.map((c) => walk(c) as T);
}
