// The one door to Discord's HTTP API for every procedure that changes Discord. Implemented with
// @discordjs/rest: the bot passes its own REST instance (shared rate-limit buckets), the dashboard
// builds one with the bot token. Discord's errors become errors people can act on.
import { DiscordAPIError, HTTPError, type RawFile, type REST } from '@discordjs/rest';
import {
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APIUser,
  ChannelType,
  OverwriteType,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord-api-types/v10';
import { fail } from '../errors.js';

export interface PermissionOverwrite {
  id: string;
  type: 'role' | 'member';
  allow: bigint;
  deny: bigint;
}

export interface GuildFacts {
  id: string;
  name: string;
  ownerId: string;
  roles: Array<{ id: string; name: string; permissions: bigint; position: number; managed: boolean }>;
}

export interface MemberFacts {
  userId: string;
  username: string;
  displayName: string;
  avatar: string | null;
  roleIds: string[];
}

export interface ChannelFacts {
  id: string;
  name: string;
  type: 'text' | 'category' | 'other';
  parentId: string | null;
}

export type MessageBody = RESTPostAPIChannelMessageJSONBody;
export interface MessageFile {
  name: string;
  data: Buffer;
  contentType?: string;
}

export interface DiscordPort {
  botUserId(): Promise<string>;
  getGuild(guildId: string): Promise<GuildFacts | null>;
  getMember(guildId: string, userId: string): Promise<MemberFacts | null>;
  listChannels(guildId: string): Promise<ChannelFacts[]>;
  createTextChannel(
    guildId: string,
    channel: { name: string; parentId: string | null; topic?: string; overwrites: PermissionOverwrite[] },
  ): Promise<{ id: string }>;
  createCategoryChannel(guildId: string, name: string): Promise<{ id: string }>;
  createRole(guildId: string, name: string): Promise<{ id: string }>;
  editChannel(
    channelId: string,
    changes: { name?: string; topic?: string; parentId?: string | null },
  ): Promise<void>;
  deleteChannel(channelId: string): Promise<void>;
  setOverwrite(channelId: string, overwrite: PermissionOverwrite): Promise<void>;
  deleteOverwrite(channelId: string, targetId: string): Promise<void>;
  /** `background`: may wait behind everything else when the bot is busy (log-channel posts). */
  sendMessage(
    channelId: string,
    body: MessageBody,
    files?: MessageFile[],
    options?: { background?: boolean },
  ): Promise<{ id: string }>;
  editMessage(channelId: string, messageId: string, body: MessageBody): Promise<void>;
  /** Sends a DM; false when the member does not accept DMs from the server (not an error). */
  sendDirectMessage(userId: string, body: MessageBody): Promise<boolean>;
}

/** Which permission a failing call needed, for the message people see on Discord's 50013. */
type NeededPermission = 'Manage Channels' | 'Manage Roles' | 'Send Messages' | 'View Channels';

/**
 * Marks a REST request that can wait behind everything else (log-channel posts). The bot's REST
 * client (a ScheduledRest) admits it when nothing more urgent can go; plain @discordjs/rest, as
 * the dashboard uses, ignores the extra field.
 */
const BACKGROUND_REQUEST = { priority: 'background' } as const;

export function isBackgroundRequest(request: object): boolean {
  return (request as { priority?: unknown }).priority === BACKGROUND_REQUEST.priority;
}

const DISCORD_MISSING_PERMISSIONS = 50013;
const DISCORD_MISSING_ACCESS = 50001;
const DISCORD_UNKNOWN_CHANNEL = 10003;
const DISCORD_UNKNOWN_MEMBER = 10007;
const DISCORD_UNKNOWN_GUILD = 10004;
const DISCORD_UNKNOWN_OVERWRITE = 10009;
const DISCORD_CANNOT_DM = 50007;

// Recognised by shape, not `instanceof`: discord.js loads @discordjs/rest's CommonJS build and this
// package its ES module build, so an error from the bot's shared REST instance is another class.
function isApiError(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError || (error as Error | undefined)?.name === 'DiscordAPIError';
}

function isHttpError(error: unknown): error is HTTPError {
  return error instanceof HTTPError || (error as Error | undefined)?.name === 'HTTPError';
}

function isDiscordError(error: unknown, ...codes: number[]): error is DiscordAPIError {
  return isApiError(error) && codes.includes(Number(error.code));
}

/** Turns Discord's failures into TRPCErrors with a message that says what to do. */
function translate(error: unknown, needed: NeededPermission): never {
  if (isDiscordError(error, DISCORD_MISSING_PERMISSIONS, DISCORD_MISSING_ACCESS)) {
    fail('PRECONDITION_FAILED', 'error.missingPermission', { permission: needed });
  }
  if (isDiscordError(error, DISCORD_UNKNOWN_CHANNEL)) fail('NOT_FOUND', 'error.ticketNotFound');
  if (
    isHttpError(error) ||
    (isApiError(error) && error.status >= 500) ||
    (error as Error)?.name === 'AbortError' ||
    (error as Error)?.name === 'RateLimitError'
  ) {
    fail('SERVICE_UNAVAILABLE', 'error.discordUnavailable');
  }
  throw error;
}

async function call<T>(needed: NeededPermission, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    translate(error, needed);
  }
}

function overwriteBody(o: PermissionOverwrite) {
  return {
    id: o.id,
    type: o.type === 'role' ? OverwriteType.Role : OverwriteType.Member,
    allow: o.allow.toString(),
    deny: o.deny.toString(),
  };
}

function toChannelFacts(channel: APIChannel): ChannelFacts {
  const type =
    channel.type === ChannelType.GuildText
      ? 'text'
      : channel.type === ChannelType.GuildCategory
        ? 'category'
        : 'other';
  return {
    id: channel.id,
    name: 'name' in channel && channel.name ? channel.name : '',
    type,
    parentId: 'parent_id' in channel ? (channel.parent_id ?? null) : null,
  };
}

function toFiles(files: MessageFile[] | undefined): RawFile[] | undefined {
  return files?.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType }));
}

export function createRestDiscordPort(rest: REST): DiscordPort {
  let botId: Promise<string> | undefined;
  return {
    botUserId() {
      botId ??= (rest.get(Routes.user('@me')) as Promise<APIUser>).then((u) => u.id);
      return botId.catch((error) => {
        botId = undefined;
        throw error;
      });
    },

    async getGuild(guildId) {
      try {
        const guild = (await rest.get(Routes.guild(guildId))) as APIGuild;
        const roles = (await rest.get(Routes.guildRoles(guildId))) as APIRole[];
        return {
          id: guild.id,
          name: guild.name,
          ownerId: guild.owner_id,
          roles: roles.map((r) => ({
            id: r.id,
            name: r.name,
            permissions: BigInt(r.permissions),
            position: r.position,
            managed: r.managed,
          })),
        };
      } catch (error) {
        if (isDiscordError(error, DISCORD_UNKNOWN_GUILD, DISCORD_MISSING_ACCESS)) return null;
        translate(error, 'View Channels');
      }
    },

    async getMember(guildId, userId) {
      try {
        const member = (await rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
        const user = member.user;
        return {
          userId,
          username: user?.username ?? userId,
          displayName: member.nick ?? user?.global_name ?? user?.username ?? userId,
          avatar: user?.avatar ?? null,
          roleIds: member.roles,
        };
      } catch (error) {
        if (isDiscordError(error, DISCORD_UNKNOWN_MEMBER, DISCORD_UNKNOWN_GUILD)) return null;
        translate(error, 'View Channels');
      }
    },

    async listChannels(guildId) {
      const channels = await call(
        'View Channels',
        () => rest.get(Routes.guildChannels(guildId)) as Promise<APIChannel[]>,
      );
      return channels.map(toChannelFacts);
    },

    async createTextChannel(guildId, channel) {
      const created = await call(
        'Manage Channels',
        () =>
          rest.post(Routes.guildChannels(guildId), {
            body: {
              name: channel.name,
              type: ChannelType.GuildText,
              parent_id: channel.parentId ?? undefined,
              topic: channel.topic,
              permission_overwrites: channel.overwrites.map(overwriteBody),
            },
            reason: 'TicketByte: ticket opened',
          }) as Promise<APIChannel>,
      );
      return { id: created.id };
    },

    async createCategoryChannel(guildId, name) {
      const created = await call(
        'Manage Channels',
        () =>
          rest.post(Routes.guildChannels(guildId), {
            body: { name, type: ChannelType.GuildCategory },
            reason: 'TicketByte: setup',
          }) as Promise<APIChannel>,
      );
      return { id: created.id };
    },

    async createRole(guildId, name) {
      const role = await call(
        'Manage Roles',
        () =>
          rest.post(Routes.guildRoles(guildId), {
            body: { name, mentionable: true },
            reason: 'TicketByte: setup',
          }) as Promise<APIRole>,
      );
      return { id: role.id };
    },

    async editChannel(channelId, changes) {
      await call('Manage Channels', () =>
        rest.patch(Routes.channel(channelId), {
          body: { name: changes.name, topic: changes.topic, parent_id: changes.parentId },
        }),
      );
    },

    async deleteChannel(channelId) {
      try {
        await rest.delete(Routes.channel(channelId), { reason: 'TicketByte: ticket deleted' });
      } catch (error) {
        // Already gone is what we wanted.
        if (isDiscordError(error, DISCORD_UNKNOWN_CHANNEL)) return;
        translate(error, 'Manage Channels');
      }
    },

    async setOverwrite(channelId, overwrite) {
      const { id, ...body } = overwriteBody(overwrite);
      await call('Manage Roles', () => rest.put(Routes.channelPermission(channelId, id), { body }));
    },

    async deleteOverwrite(channelId, targetId) {
      try {
        await rest.delete(Routes.channelPermission(channelId, targetId));
      } catch (error) {
        // No overwrite for them means they already have no access of their own.
        if (isDiscordError(error, DISCORD_UNKNOWN_OVERWRITE)) return;
        translate(error, 'Manage Roles');
      }
    },

    async sendMessage(channelId, body, files, options) {
      const request = { body, files: toFiles(files), ...(options?.background ? BACKGROUND_REQUEST : {}) };
      const message = await call(
        'Send Messages',
        () => rest.post(Routes.channelMessages(channelId), request) as Promise<APIMessage>,
      );
      return { id: message.id };
    },

    async editMessage(channelId, messageId, body) {
      await call('Send Messages', () => rest.patch(Routes.channelMessage(channelId, messageId), { body }));
    },

    async sendDirectMessage(userId, body) {
      try {
        const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
        await rest.post(Routes.channelMessages(dm.id), { body });
        return true;
      } catch (error) {
        if (isDiscordError(error, DISCORD_CANNOT_DM, DISCORD_MISSING_PERMISSIONS, DISCORD_UNKNOWN_CHANNEL))
          return false;
        if (isHttpError(error) || (isApiError(error) && error.status >= 500)) return false;
        throw error;
      }
    },
  };
}
