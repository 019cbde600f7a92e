// REST routes under /api/v10: what TicketByte's bot, API and dashboard call, with Discord's permission
// checks and error codes. Route templates use the parameter names of Discord's OpenAPI description.
import type { IncomingHttpHeaders } from 'node:http';
import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIOverwrite,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { DiscordApiError, Errors, fieldError } from './errors';
import type { Interactions } from './interactions';
import { isEmptyMessage, messageBody, resolveMessageFields, type UploadedFile } from './message-input';
import type { OAuthGrant, OAuthServer } from './oauth';
import { ALL_PERMISSIONS } from './permissions';
import { templateToRegExp } from './ratelimit';
import { nextSnowflake, snowflakeTimestamp } from './snowflake';
import type { ChannelRecord, EmulatorState } from './state';

export type Auth = { kind: 'bot' } | { kind: 'bearer'; grant: OAuthGrant } | { kind: 'none' };

export interface RestContext {
  state: EmulatorState;
  interactions: Interactions;
  oauth: OAuthServer;
  gatewayUrl: string;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  auth: Auth;
}

export interface RestReply {
  status: number;
  body?: unknown;
}

type AuthRule = 'bot' | 'bearer' | 'any' | 'none';

export interface RouteDef {
  method: string;
  template: string;
  auth: AuthRule;
  /** Counts against the per-bot global rate limit (interaction callbacks and webhooks do not). */
  global: boolean;
  regex: RegExp;
  keys: string[];
  handler: (ctx: RestContext) => RestReply | Promise<RestReply>;
}

const routes: RouteDef[] = [];

function route(method: string, template: string, auth: AuthRule, handler: RouteDef['handler']): void {
  const keys = template
    .split('/')
    .filter((p) => p.startsWith(':'))
    .map((p) => p.slice(1));
  const global = auth !== 'none';
  routes.push({ method, template, auth, global, regex: templateToRegExp(template), keys, handler });
}

/** Finds the route for a path; literal segments (like @me) win over parameters. */
export function matchRoute(
  method: string,
  path: string,
): { route: RouteDef; params: Record<string, string> } | { methodNotAllowed: true } | undefined {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const values = path.split('/');
    const params: Record<string, string> = {};
    r.template.split('/').forEach((part, i) => {
      if (part.startsWith(':')) params[part.slice(1)] = values[i] ?? '';
    });
    return { route: r, params };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}

export function listRoutes(): { method: string; template: string }[] {
  return routes.map((r) => ({ method: r.method, template: r.template }));
}

const ok = (body: unknown, status = 200): RestReply => ({ status, body });
const noContent = (): RestReply => ({ status: 204 });
const P = PermissionFlagsBits;

// ---------------------------------------------------------------- helpers

function bot(ctx: RestContext) {
  return ctx.state.bot.userId;
}

/** A channel the bot can see (10003 if it does not exist, 50001 if the bot has no access). */
function botChannel(ctx: RestContext, id: string | undefined): ChannelRecord {
  const channel = ctx.state.channel(id ?? '');
  if (channel.guildId) {
    const guild = ctx.state.guilds.get(channel.guildId);
    if (!guild?.members.has(bot(ctx)) || guild.unavailable) throw Errors.missingAccess();
  } else if (!channel.recipientIds.includes(bot(ctx))) {
    throw Errors.missingAccess();
  }
  if (!ctx.state.canView(bot(ctx), channel.id)) throw Errors.missingAccess();
  return channel;
}

function requireChannelPerms(ctx: RestContext, channelId: string, ...flags: bigint[]): void {
  const perms = ctx.state.permissionsIn(bot(ctx), channelId);
  for (const f of flags) if ((perms & f) !== f) throw Errors.missingPermissions();
}

function requireGuildPerms(ctx: RestContext, guildId: string, ...flags: bigint[]): void {
  const perms = ctx.state.guildPermissions(bot(ctx), guildId);
  for (const f of flags) if ((perms & f) !== f) throw Errors.missingPermissions();
}

/** The bot can only grant or deny permissions it holds itself (unless it is an administrator). */
function checkOverwritesGrantable(held: bigint, overwrites: APIOverwrite[]): void {
  if (held === ALL_PERMISSIONS) return;
  if ((held & P.ManageRoles) === 0n) throw Errors.missingPermissions();
  for (const o of overwrites) {
    const touched = BigInt(o.allow) | BigInt(o.deny);
    if ((touched & ~held) !== 0n) throw Errors.missingPermissions();
  }
}

function parseOverwrites(raw: unknown, path: string): APIOverwrite[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw))
    throw Errors.invalidForm(fieldError([path], 'BASE_TYPE_ARRAY', 'Must be an array.'));
  return raw.map((o, i) => {
    const x = o as { id?: unknown; type?: unknown; allow?: unknown; deny?: unknown };
    if (typeof x.id !== 'string' || !/^\d+$/.test(x.id)) {
      throw Errors.invalidForm(fieldError([path, i, 'id'], 'NUMBER_TYPE_COERCE', 'Value is not snowflake.'));
    }
    const type = x.type === 'role' ? 0 : x.type === 'member' ? 1 : Number(x.type);
    if (type !== 0 && type !== 1) {
      throw Errors.invalidForm(
        fieldError([path, i, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (0, 1).'),
      );
    }
    return { id: x.id, type, allow: String(x.allow ?? '0'), deny: String(x.deny ?? '0') } as APIOverwrite;
  });
}

function obj(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw Errors.invalidForm(
      fieldError([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'),
    );
  }
  return body as Record<string, unknown>;
}

function channelName(raw: unknown, type: ChannelType): string {
  if (typeof raw !== 'string' || raw.length < 1 || raw.length > 100) {
    throw Errors.invalidForm(
      fieldError(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'),
    );
  }
  // Discord lower-cases text channel names and replaces spaces with dashes.
  return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement
    ? raw.toLowerCase().replace(/\s+/g, '-')
    : raw;
}

function userGuildView(ctx: RestContext, userId: string, guildId: string, withCounts: boolean) {
  const g = ctx.state.guild(guildId);
  const out: Record<string, unknown> = {
    id: g.id,
    name: g.name,
    icon: null,
    banner: null,
    owner: g.ownerId === userId,
    permissions: ctx.state.guildPermissions(userId, guildId).toString(),
    features: [],
  };
  if (withCounts) {
    out.approximate_member_count = g.members.size;
    out.approximate_presence_count = 0;
  }
  return out;
}

function application(ctx: RestContext) {
  const s = ctx.state;
  return {
    id: s.bot.applicationId,
    name: s.bot.username,
    icon: null,
    description: 'TicketByte (Discord emulator)',
    type: null,
    bot: s.apiUser(s.bot.userId),
    summary: '',
    rpc_origins: [],
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: s.bot.applicationFlags,
    flags_new: String(s.bot.applicationFlags),
    eligible_oauth2_scopes: [],
    max_participants: null,
    tags: [],
    redirect_uris: ctx.oauth.client?.redirectUris ?? [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    owner: s.apiUser(s.seed.guilds[0]?.ownerId ?? s.bot.userId),
    approximate_guild_count: s.botGuildIds().length,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    explicit_content_filter: 0,
    team: null,
    integration_types_config: { '0': {} },
  };
}

// ---------------------------------------------------------------- gateway, users, applications

route('GET', '/gateway', 'none', (ctx) => ok({ url: ctx.gatewayUrl }));
route('GET', '/gateway/bot', 'bot', (ctx) =>
  ok({
    url: ctx.gatewayUrl,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  }),
);

route('GET', '/users/@me', 'any', (ctx) => {
  if (ctx.auth.kind === 'bot') {
    return ok({
      ...ctx.state.apiUser(bot(ctx)),
      verified: true,
      mfa_enabled: false,
      locale: 'en-US',
      email: null,
    });
  }
  const grant = (ctx.auth as { grant: OAuthGrant }).grant;
  if (!grant.scopes.includes('identify')) throw Errors.unauthorized();
  const user = ctx.state.user(grant.userId);
  const out: Record<string, unknown> = {
    ...ctx.state.apiUser(user.id),
    mfa_enabled: false,
    locale: user.locale,
    premium_type: 0,
  };
  if (grant.scopes.includes('email')) {
    out.email = user.email;
    out.verified = true;
  }
  return ok(out);
});

route('GET', '/users/@me/guilds', 'any', (ctx) => {
  const withCounts = ctx.query.get('with_counts') === 'true';
  let userId = bot(ctx);
  if (ctx.auth.kind === 'bearer') {
    if (!ctx.auth.grant.scopes.includes('guilds')) throw Errors.missingScope('guilds');
    userId = ctx.auth.grant.userId;
  }
  const ids = [...ctx.state.guilds.values()]
    .filter((g) => g.members.has(userId) && !(userId === bot(ctx) && g.unavailable))
    .map((g) => g.id)
    .sort();
  const after = ctx.query.get('after');
  const before = ctx.query.get('before');
  const limit = Math.min(Number(ctx.query.get('limit') ?? 200) || 200, 200);
  const page = ids
    .filter((id) => (!after || BigInt(id) > BigInt(after)) && (!before || BigInt(id) < BigInt(before)))
    .slice(0, limit);
  return ok(page.map((id) => userGuildView(ctx, userId, id, withCounts)));
});

route('GET', '/users/@me/guilds/:guild_id/member', 'bearer', (ctx) => {
  const grant = (ctx.auth as { grant: OAuthGrant }).grant;
  if (!grant.scopes.includes('guilds.members.read')) throw Errors.missingScope('guilds.members.read');
  return ok(ctx.state.apiMember(ctx.params.guild_id ?? '', grant.userId));
});

route('DELETE', '/users/@me/guilds/:guild_id', 'bot', (ctx) => {
  ctx.state.botGuild(ctx.params.guild_id ?? '');
  ctx.state.removeMember(ctx.params.guild_id ?? '', bot(ctx));
  return noContent();
});

route('GET', '/users/:user_id', 'bot', (ctx) => ok(ctx.state.apiUser(ctx.params.user_id ?? '')));

route('POST', '/users/@me/channels', 'bot', (ctx) => {
  const body = obj(ctx.body);
  const recipient = String(body.recipient_id ?? '');
  const user = ctx.state.user(recipient);
  const shared = [...ctx.state.guilds.values()].some(
    (g) => g.members.has(recipient) && g.members.has(bot(ctx)),
  );
  if (user.bot || !shared) throw Errors.cannotDm();
  const channel = ctx.state.openDm(bot(ctx), recipient);
  return ok(ctx.state.apiChannel(channel.id));
});

route('GET', '/oauth2/@me', 'bearer', (ctx) => {
  const grant = (ctx.auth as { grant: OAuthGrant }).grant;
  const app = application(ctx);
  const out: Record<string, unknown> = {
    application: {
      id: app.id,
      name: app.name,
      icon: null,
      description: app.description,
      type: null,
      bot: app.bot,
      summary: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: app.verify_key,
      flags: app.flags,
      flags_new: app.flags_new,
    },
    scopes: grant.scopes,
    expires: new Date(grant.expiresAt).toISOString(),
  };
  if (grant.scopes.includes('identify')) out.user = ctx.state.apiUser(grant.userId);
  return ok(out);
});

route('GET', '/applications/@me', 'bot', (ctx) => ok(application(ctx)));
route('GET', '/oauth2/applications/@me', 'bot', (ctx) => ok(application(ctx)));

// ---------------------------------------------------------------- guilds

route('GET', '/guilds/:guild_id', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  const out: Record<string, unknown> = { ...ctx.state.apiGuild(g.id) };
  if (ctx.query.get('with_counts') === 'true') {
    out.approximate_member_count = g.members.size;
    out.approximate_presence_count = 0;
  }
  return ok(out);
});

route('GET', '/guilds/:guild_id/channels', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  return ok(ctx.state.guildChannels(g.id).map((c) => ctx.state.apiChannel(c.id)));
});

route('POST', '/guilds/:guild_id/channels', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  const body = obj(ctx.body);
  const type = (body.type ?? ChannelType.GuildText) as ChannelType;
  if (
    ![
      ChannelType.GuildText,
      ChannelType.GuildCategory,
      ChannelType.GuildVoice,
      ChannelType.GuildAnnouncement,
    ].includes(type)
  ) {
    throw Errors.invalidForm(
      fieldError(['type'], 'BASE_TYPE_CHOICES', 'Value must be one of the supported channel types.'),
    );
  }
  requireGuildPerms(ctx, g.id, P.ManageChannels);
  const overwrites = parseOverwrites(body.permission_overwrites, 'permission_overwrites');
  if (overwrites.length > 0) checkOverwritesGrantable(ctx.state.guildPermissions(bot(ctx), g.id), overwrites);
  for (const o of overwrites) {
    if (o.type === 0 && !g.roles.has(o.id)) throw Errors.unknownRole();
    if (o.type === 1 && !ctx.state.users.has(o.id)) throw Errors.unknownUser();
  }
  const channel = ctx.state.createChannel(g.id, {
    name: channelName(body.name, type),
    type,
    parentId: (body.parent_id as string | null | undefined) ?? null,
    topic: (body.topic as string | undefined) ?? null,
    position: body.position as number | undefined,
    nsfw: body.nsfw as boolean | undefined,
    rateLimitPerUser: body.rate_limit_per_user as number | undefined,
    overwrites,
  });
  return ok(ctx.state.apiChannel(channel.id), 201);
});

route('GET', '/guilds/:guild_id/members', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  const limit = Math.max(1, Math.min(Number(ctx.query.get('limit') ?? 1) || 1, 1000));
  const after = ctx.query.get('after') ?? '0';
  const ids = [...g.members.keys()]
    .filter((id) => BigInt(id) > BigInt(after))
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return ok(ids.slice(0, limit).map((id) => ctx.state.apiMember(g.id, id)));
});

route('GET', '/guilds/:guild_id/members/search', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  const query = (ctx.query.get('query') ?? '').toLowerCase();
  const limit = Math.max(1, Math.min(Number(ctx.query.get('limit') ?? 1) || 1, 1000));
  const ids = [...g.members.values()]
    .filter((m) => {
      const u = ctx.state.users.get(m.userId);
      return [u?.username, u?.globalName, m.nick].some((n) => n?.toLowerCase().startsWith(query));
    })
    .map((m) => m.userId);
  return ok(ids.slice(0, limit).map((id) => ctx.state.apiMember(g.id, id)));
});

route('GET', '/guilds/:guild_id/members/:user_id', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  return ok(ctx.state.apiMember(g.id, ctx.params.user_id ?? ''));
});

route('DELETE', '/guilds/:guild_id/members/:user_id', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  requireGuildPerms(ctx, g.id, P.KickMembers);
  ctx.state.removeMember(g.id, ctx.params.user_id ?? '');
  return noContent();
});

function roleEditCheck(ctx: RestContext, guildId: string, roleId: string): void {
  const g = ctx.state.botGuild(guildId);
  requireGuildPerms(ctx, g.id, P.ManageRoles);
  const role = g.roles.get(roleId);
  if (!role) throw Errors.unknownRole();
  const botTop = Math.max(
    0,
    ...(g.members.get(bot(ctx))?.roles ?? []).map((r) => g.roles.get(r)?.position ?? 0),
  );
  if (g.ownerId !== bot(ctx) && role.position >= botTop) throw Errors.missingPermissions();
}

route('PUT', '/guilds/:guild_id/members/:user_id/roles/:role_id', 'bot', (ctx) => {
  const { guild_id = '', user_id = '', role_id = '' } = ctx.params;
  roleEditCheck(ctx, guild_id, role_id);
  const m = ctx.state.member(guild_id, user_id);
  ctx.state.setMemberRoles(guild_id, user_id, [...m.roles, role_id]);
  return noContent();
});

route('DELETE', '/guilds/:guild_id/members/:user_id/roles/:role_id', 'bot', (ctx) => {
  const { guild_id = '', user_id = '', role_id = '' } = ctx.params;
  roleEditCheck(ctx, guild_id, role_id);
  const m = ctx.state.member(guild_id, user_id);
  ctx.state.setMemberRoles(
    guild_id,
    user_id,
    m.roles.filter((r) => r !== role_id),
  );
  return noContent();
});

route('GET', '/guilds/:guild_id/roles', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  return ok([...g.roles.values()].map((r) => ({ ...r })));
});

route('GET', '/guilds/:guild_id/roles/:role_id', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  const role = g.roles.get(ctx.params.role_id ?? '');
  if (!role) throw Errors.unknownRole();
  return ok({ ...role });
});

route('POST', '/guilds/:guild_id/roles', 'bot', (ctx) => {
  const g = ctx.state.botGuild(ctx.params.guild_id ?? '');
  requireGuildPerms(ctx, g.id, P.ManageRoles);
  const body = obj(ctx.body ?? {});
  return ok({ ...ctx.state.createRole(g.id, body as never) });
});

route('PATCH', '/guilds/:guild_id/roles/:role_id', 'bot', (ctx) => {
  const { guild_id = '', role_id = '' } = ctx.params;
  roleEditCheck(ctx, guild_id, role_id);
  return ok({ ...ctx.state.updateRole(guild_id, role_id, obj(ctx.body) as never) });
});

route('DELETE', '/guilds/:guild_id/roles/:role_id', 'bot', (ctx) => {
  const { guild_id = '', role_id = '' } = ctx.params;
  roleEditCheck(ctx, guild_id, role_id);
  ctx.state.deleteRole(guild_id, role_id);
  return noContent();
});

// ---------------------------------------------------------------- channels

route('GET', '/channels/:channel_id', 'bot', (ctx) =>
  ok(ctx.state.apiChannel(botChannel(ctx, ctx.params.channel_id).id)),
);

route('PATCH', '/channels/:channel_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  if (!channel.guildId) throw Errors.missingPermissions();
  const body = obj(ctx.body);
  requireChannelPerms(ctx, channel.id, P.ManageChannels);
  const overwrites =
    body.permission_overwrites !== undefined
      ? parseOverwrites(body.permission_overwrites, 'permission_overwrites')
      : undefined;
  if (overwrites) checkOverwritesGrantable(ctx.state.permissionsIn(bot(ctx), channel.id), overwrites);
  if (body.parent_id) {
    const parent = ctx.state.channels.get(String(body.parent_id));
    if (!parent || parent.guildId !== channel.guildId || parent.type !== ChannelType.GuildCategory) {
      throw Errors.invalidForm(fieldError(['parent_id'], 'CHANNEL_PARENT_INVALID', 'Invalid parent channel'));
    }
  }
  const updated = ctx.state.updateChannel(channel.id, {
    name: body.name !== undefined ? channelName(body.name, channel.type) : undefined,
    topic: body.topic as string | null | undefined,
    parentId: body.parent_id as string | null | undefined,
    position: body.position as number | undefined,
    nsfw: body.nsfw as boolean | undefined,
    rateLimitPerUser: body.rate_limit_per_user as number | undefined,
    overwrites,
  });
  return ok(ctx.state.apiChannel(updated.id));
});

route('DELETE', '/channels/:channel_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  if (channel.guildId) requireChannelPerms(ctx, channel.id, P.ManageChannels);
  return ok(ctx.state.deleteChannel(channel.id));
});

route('PUT', '/channels/:channel_id/permissions/:overwrite_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  if (!channel.guildId) throw Errors.missingPermissions();
  const body = obj(ctx.body);
  const [overwrite] = parseOverwrites([{ ...body, id: ctx.params.overwrite_id }], 'overwrite');
  if (!overwrite) throw Errors.invalidForm({});
  const held = ctx.state.permissionsIn(bot(ctx), channel.id);
  checkOverwritesGrantable(held, [overwrite]);
  const g = ctx.state.guild(channel.guildId);
  if (overwrite.type === 0 && !g.roles.has(overwrite.id)) throw Errors.unknownRole();
  if (overwrite.type === 1 && !ctx.state.users.has(overwrite.id)) throw Errors.unknownUser();
  ctx.state.putOverwrite(channel.id, overwrite);
  return noContent();
});

route('DELETE', '/channels/:channel_id/permissions/:overwrite_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  if (!channel.guildId) throw Errors.missingPermissions();
  requireChannelPerms(ctx, channel.id, P.ManageRoles);
  if (!channel.overwrites.some((o) => o.id === ctx.params.overwrite_id)) throw Errors.unknownOverwrite();
  ctx.state.deleteOverwrite(channel.id, ctx.params.overwrite_id ?? '');
  return noContent();
});

route('POST', '/channels/:channel_id/typing', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  requireChannelPerms(ctx, channel.id, P.SendMessages);
  return noContent();
});

// ---------------------------------------------------------------- messages

route('GET', '/channels/:channel_id/messages', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  if ((ctx.state.permissionsIn(bot(ctx), channel.id) & P.ReadMessageHistory) === 0n) return ok([]);
  const limit = ctx.query.get('limit');
  if (limit !== null && (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 100)) {
    throw Errors.invalidForm(
      fieldError(['limit'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 100.'),
    );
  }
  return ok(
    ctx.state.listMessages(channel.id, {
      before: ctx.query.get('before') ?? undefined,
      after: ctx.query.get('after') ?? undefined,
      around: ctx.query.get('around') ?? undefined,
      limit: limit === null ? 50 : Number(limit),
    }),
  );
});

route('GET', '/channels/:channel_id/messages/:message_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  requireChannelPerms(ctx, channel.id, P.ReadMessageHistory);
  const stored = ctx.state.storedMessage(channel.id, ctx.params.message_id ?? '');
  if (stored.ephemeralFor) throw Errors.unknownMessage();
  return ok(stored.message);
});

route('POST', '/channels/:channel_id/messages', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  if (channel.type === ChannelType.GuildCategory || channel.type === ChannelType.GuildVoice) {
    throw new DiscordApiError(400, 50008, 'Cannot send messages in a non-text channel');
  }
  requireChannelPerms(ctx, channel.id, P.SendMessages);
  if (ctx.files.length > 0) requireChannelPerms(ctx, channel.id, P.AttachFiles);
  if (!channel.guildId) {
    const other = channel.recipientIds.find((r) => r !== bot(ctx));
    if (other && ctx.state.users.get(other)?.dmsClosed) throw Errors.cannotDm();
  }
  const body = messageBody(ctx.body);
  const fields = resolveMessageFields(ctx.state, channel.id, body, ctx.files);
  if (isEmptyMessage(fields)) throw Errors.emptyMessage();
  if ((fields.flags ?? 0) & (1 << 6)) fields.flags = (fields.flags ?? 0) & ~(1 << 6);
  let reference: { message_id: string; channel_id: string; guild_id?: string; type: 0 } | undefined;
  if (body.message_reference?.message_id) {
    const target = ctx.state.messages
      .get(channel.id)
      ?.find((s) => s.message.id === body.message_reference?.message_id);
    if (!target && body.message_reference.fail_if_not_exists !== false) {
      throw Errors.invalidForm(
        fieldError(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message'),
      );
    }
    if (target) {
      reference = { type: 0, message_id: target.message.id, channel_id: channel.id };
      if (channel.guildId) reference.guild_id = channel.guildId;
    }
  }
  const stored = ctx.state.createMessage(channel.id, {
    author: ctx.state.apiUser(bot(ctx)),
    ...fields,
    type: reference ? 19 : 0,
    messageReference: reference,
    nonce: body.nonce,
    tts: body.tts,
  });
  return ok(stored.message);
});

route('PATCH', '/channels/:channel_id/messages/:message_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  const stored = ctx.state.storedMessage(channel.id, ctx.params.message_id ?? '');
  if (stored.ephemeralFor) throw Errors.unknownMessage();
  const body = messageBody(ctx.body);
  if (stored.message.author.id !== bot(ctx)) {
    // Others' messages: only flags (suppress embeds) with Manage Messages.
    const keys = Object.keys(body);
    if (keys.some((k) => k !== 'flags')) throw Errors.cannotEditOthers();
    requireChannelPerms(ctx, channel.id, P.ManageMessages);
  }
  const fields = resolveMessageFields(ctx.state, channel.id, body, ctx.files, stored.message.attachments);
  if (fields.flags !== undefined) {
    fields.flags = (fields.flags & (1 << 2)) | ((stored.message.flags ?? 0) & ~(1 << 2));
  }
  return ok(ctx.state.editMessage(channel.id, stored.message.id, fields).message);
});

route('DELETE', '/channels/:channel_id/messages/:message_id', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  const stored = ctx.state.storedMessage(channel.id, ctx.params.message_id ?? '');
  if (stored.ephemeralFor) throw Errors.unknownMessage();
  if (stored.message.author.id !== bot(ctx)) {
    if (!channel.guildId) throw Errors.cannotEditOthers();
    requireChannelPerms(ctx, channel.id, P.ManageMessages);
  }
  ctx.state.deleteMessage(channel.id, stored.message.id);
  return noContent();
});

route('POST', '/channels/:channel_id/messages/bulk-delete', 'bot', (ctx) => {
  const channel = botChannel(ctx, ctx.params.channel_id);
  requireChannelPerms(ctx, channel.id, P.ManageMessages);
  const ids = obj(ctx.body).messages;
  if (!Array.isArray(ids) || ids.length < 2 || ids.length > 100) {
    throw Errors.invalidForm(
      fieldError(['messages'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.'),
    );
  }
  const cutoff = Date.now() - 14 * 24 * 3600 * 1000;
  for (const id of ids as string[])
    if (snowflakeTimestamp(String(id)) < cutoff) throw Errors.bulkDeleteTooOld();
  ctx.state.bulkDeleteMessages(
    channel.id,
    (ids as unknown[]).map((id) => String(id)),
  );
  return noContent();
});

// ---------------------------------------------------------------- application commands

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function normaliseOptions(
  raw: unknown,
  path: (string | number)[],
): APIApplicationCommandOption[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.length > 25) {
    throw Errors.invalidForm(fieldError(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.'));
  }
  let seenOptional = false;
  return raw.map((o, i) => {
    const opt = obj(o) as unknown as APIApplicationCommandOption & { required?: boolean };
    if (typeof opt.name !== 'string' || !NAME_RE.test(opt.name) || opt.name !== opt.name.toLowerCase()) {
      throw Errors.invalidForm(
        fieldError([...path, i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid'),
      );
    }
    if (typeof opt.description !== 'string' || opt.description.length < 1 || opt.description.length > 100) {
      throw Errors.invalidForm(
        fieldError(
          [...path, i, 'description'],
          'BASE_TYPE_BAD_LENGTH',
          'Must be between 1 and 100 in length.',
        ),
      );
    }
    if (
      opt.type === ApplicationCommandOptionType.Subcommand ||
      opt.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      const options = normaliseOptions(opt.options, [...path, i, 'options']);
      return { ...opt, options: options ?? [] } as APIApplicationCommandOption;
    }
    if (opt.required) {
      if (seenOptional) {
        throw Errors.invalidForm(
          fieldError(
            [...path, i, 'required'],
            'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
            'Required options must be placed before non-required options',
          ),
        );
      }
    } else {
      seenOptional = true;
    }
    return { ...opt };
  });
}

function normaliseCommand(
  ctx: RestContext,
  raw: unknown,
  path: (string | number)[],
  existing: Map<string, APIApplicationCommand>,
  guildId: string | null,
): APIApplicationCommand {
  const body = obj(raw) as Record<string, unknown>;
  const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
  const name = body.name;
  if (
    typeof name !== 'string' ||
    name.length < 1 ||
    name.length > 32 ||
    (type === ApplicationCommandType.ChatInput && (!NAME_RE.test(name) || name !== name.toLowerCase()))
  ) {
    throw Errors.invalidForm(
      fieldError([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid'),
    );
  }
  const description = (body.description as string | undefined) ?? '';
  if (type === ApplicationCommandType.ChatInput && (description.length < 1 || description.length > 100)) {
    throw Errors.invalidForm(
      fieldError([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'),
    );
  }
  const previous = [...existing.values()].find((c) => c.name === name && c.type === type);
  const command: Record<string, unknown> = {
    id: previous?.id ?? nextSnowflake(),
    application_id: ctx.state.bot.applicationId,
    version: nextSnowflake(),
    default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
    type,
    name,
    name_localizations: body.name_localizations ?? null,
    description,
    description_localizations: body.description_localizations ?? null,
    dm_permission: body.dm_permission ?? true,
    contexts: body.contexts ?? null,
    integration_types: body.integration_types ?? [0],
    nsfw: body.nsfw ?? false,
  };
  if (guildId) {
    command.guild_id = guildId;
    delete command.dm_permission;
  }
  const options = normaliseOptions(body.options, [...path, 'options']);
  if (options) command.options = options;
  return command as unknown as APIApplicationCommand;
}

function commandStore(ctx: RestContext): { map: Map<string, APIApplicationCommand>; guildId: string | null } {
  if (ctx.params.application_id !== ctx.state.bot.applicationId) throw Errors.missingAccess();
  const guildId = ctx.params.guild_id ?? null;
  if (!guildId) return { map: ctx.state.globalCommands, guildId };
  ctx.state.botGuild(guildId);
  let map = ctx.state.guildCommands.get(guildId);
  if (!map) {
    map = new Map();
    ctx.state.guildCommands.set(guildId, map);
  }
  return { map, guildId };
}

for (const base of [
  '/applications/:application_id/commands',
  '/applications/:application_id/guilds/:guild_id/commands',
]) {
  route('GET', base, 'bot', (ctx) => ok([...commandStore(ctx).map.values()]));
  route('PUT', base, 'bot', (ctx) => {
    const { map, guildId } = commandStore(ctx);
    if (!Array.isArray(ctx.body))
      throw Errors.invalidForm(fieldError([], 'BASE_TYPE_ARRAY', 'Must be an array.'));
    if (ctx.body.length > 100)
      throw Errors.invalidForm(fieldError([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.'));
    const commands = ctx.body.map((c, i) => normaliseCommand(ctx, c, [i], map, guildId));
    const names = new Set<string>();
    for (const [i, c] of commands.entries()) {
      const key = `${c.type}:${c.name}`;
      if (names.has(key)) {
        throw Errors.invalidForm(
          fieldError(
            [i, 'name'],
            'APPLICATION_COMMANDS_DUPLICATE_NAME',
            `Application command names must be unique`,
          ),
        );
      }
      names.add(key);
    }
    map.clear();
    for (const c of commands) map.set(c.id, c);
    ctx.state.touch();
    return ok(commands);
  });
  route('POST', base, 'bot', (ctx) => {
    const { map, guildId } = commandStore(ctx);
    const command = normaliseCommand(ctx, ctx.body, [], map, guildId);
    const isNew = !map.has(command.id);
    map.set(command.id, command);
    ctx.state.touch();
    return ok(command, isNew ? 201 : 200);
  });
  route('GET', `${base}/:command_id`, 'bot', (ctx) => {
    const command = commandStore(ctx).map.get(ctx.params.command_id ?? '');
    if (!command) throw Errors.unknownCommand();
    return ok(command);
  });
  route('PATCH', `${base}/:command_id`, 'bot', (ctx) => {
    const { map, guildId } = commandStore(ctx);
    const current = map.get(ctx.params.command_id ?? '');
    if (!current) throw Errors.unknownCommand();
    const command = normaliseCommand(ctx, { ...current, ...obj(ctx.body) }, [], map, guildId);
    command.id = current.id;
    map.set(current.id, command);
    ctx.state.touch();
    return ok(command);
  });
  route('DELETE', `${base}/:command_id`, 'bot', (ctx) => {
    const { map } = commandStore(ctx);
    if (!map.delete(ctx.params.command_id ?? '')) throw Errors.unknownCommand();
    ctx.state.touch();
    return noContent();
  });
}

// ---------------------------------------------------------------- interactions and their webhooks

route('POST', '/interactions/:interaction_id/:interaction_token/callback', 'none', (ctx) =>
  ctx.interactions.callback(
    ctx.params.interaction_id ?? '',
    ctx.params.interaction_token ?? '',
    ctx.body,
    ctx.files,
    ctx.query.get('with_response') === 'true',
  ),
);

route('POST', '/webhooks/:webhook_id/:webhook_token', 'none', (ctx) => {
  const message = ctx.interactions.followUp(
    ctx.params.webhook_id ?? '',
    ctx.params.webhook_token ?? '',
    ctx.body,
    ctx.files,
  );
  return ctx.query.get('wait') === 'true' ? ok(message) : noContent();
});

route('GET', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', 'none', (ctx) =>
  ok(
    ctx.interactions.getWebhookMessage(
      ctx.params.webhook_id ?? '',
      ctx.params.webhook_token ?? '',
      ctx.params.message_id ?? '',
    ),
  ),
);

route('PATCH', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', 'none', (ctx) =>
  ok(
    ctx.interactions.editWebhookMessage(
      ctx.params.webhook_id ?? '',
      ctx.params.webhook_token ?? '',
      ctx.params.message_id ?? '',
      ctx.body,
      ctx.files,
    ),
  ),
);

route('DELETE', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', 'none', (ctx) => {
  ctx.interactions.deleteWebhookMessage(
    ctx.params.webhook_id ?? '',
    ctx.params.webhook_token ?? '',
    ctx.params.message_id ?? '',
  );
  return noContent();
});

// ---------------------------------------------------------------- OAuth2 token endpoints (form-encoded)

const tokenRequest = (ctx: RestContext) => ({
  body: ctx.body,
  contentType: ctx.headers['content-type'] ?? null,
  authorization: ctx.headers.authorization,
});

route('POST', '/oauth2/token', 'none', (ctx) => ctx.oauth.token(tokenRequest(ctx)));
route('POST', '/oauth2/token/revoke', 'none', (ctx) => ctx.oauth.revoke(tokenRequest(ctx)));
